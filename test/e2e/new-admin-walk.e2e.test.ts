import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import type { Vault } from '../../src/main/core/vault/vault';
import { openApp, screenshot, type AppUnderTest } from '../helpers/e2e-harness';
import { expectAccessible, poll, useRendererSuite } from '../helpers/e2e-suite';
import { seedAgencyHoldings } from '../helpers/rotation-fixture';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

// A new admin's walk through the app at 1280x800, finding by finding: first focus, the toolbar and sidebar at that
// width, refusals at their field, Regenerate on a token in use, and Engagement ended against the plan it starts.

const suite = useRendererSuite();

// Page functions: typed structurally, because this file is compiled with Node's types and no DOM library.
interface PageElement {
  id: string;
  tagName: string;
  textContent: string | null;
  scrollWidth: number;
  clientWidth: number;
  scrollHeight: number;
  clientHeight: number;
  getAttribute(name: string): string | null;
}
interface PageDocument {
  activeElement: PageElement | null;
}

/** What has the keyboard focus: its tag, id, label and text. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = (globalThis as unknown as { document: PageDocument }).document.activeElement;
    return {
      tag: active?.tagName ?? '',
      id: active?.id ?? '',
      label: active?.getAttribute('aria-label') ?? '',
      text: (active?.textContent ?? '').trim(),
    };
  });
const holdsFocus = (el: unknown) =>
  el === (globalThis as unknown as { document: PageDocument }).document.activeElement;

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (!found) throw new Error('The element has no box on screen.');
  return found;
}

async function seededApp(
  seed: (vault: Vault) => void | Promise<void>,
  vaultName = 'walk',
): Promise<AppUnderTest> {
  const app = await openApp(suite.browser, suite.url);
  await app.session.createVault({
    path: join(app.workDir, `${vaultName}.tokenvault`),
    password: TEST_PASSWORD,
    operator: 'Alice Admin',
  });
  await seed(app.session.requireVault());
  await app.page.reload();
  await app.page.getByRole('button', { name: 'New token' }).waitFor();
  return app;
}

const toolbarButtons = (page: Page) =>
  page.getByRole('toolbar', { name: 'Vault actions' }).getByRole('button');

/** Every toolbar button on one row (the same top, to the pixel) and inside the 1280 px window. */
async function toolbarRows(page: Page): Promise<number> {
  const tops = new Set<number>();
  for (const button of await toolbarButtons(page).all()) {
    const found = await box(button);
    expect(found.x + found.width).toBeLessThanOrEqual(1280);
    tops.add(Math.round(found.y));
  }
  return tops.size;
}

describe('a new admin at 1280x800', { timeout: 120_000 }, () => {
  it('focus starts on each first screen; Tab comes round; the empty vault says why its buttons are off', async () => {
    const { page } = await openApp(suite.browser, suite.url);
    await page.getByRole('heading', { name: 'Token Vault' }).waitFor();
    await poll(async () => (await focused(page)).text).toBe('Create a new vault');
    await screenshot(page, 'walk-00-welcome');
    await page.keyboard.press('Enter');
    await poll(async () => (await focused(page)).text).toBe('Choose…');
    await page.keyboard.press('Enter');
    await page.getByLabel('Your name').fill('Alice Admin');
    await page.getByLabel('Master password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByLabel('Repeat the master password').fill(TEST_PASSWORD);
    // Tab past the form's last control comes round to its first, never to the page itself.
    await page.getByRole('button', { name: 'Create vault' }).focus();
    await page.keyboard.press('Tab');
    expect((await focused(page)).tag).not.toBe('BODY');
    await page.getByRole('button', { name: 'Create vault' }).click();

    // The recovery key screen starts on the key; its buttons start at the text's margin.
    const key = page.getByLabel('Recovery key', { exact: true });
    await key.waitFor();
    await poll(async () => (await focused(page)).label).toBe('Recovery key');
    const copy = page.getByRole('button', { name: 'Copy' });
    expect(Math.round((await box(copy)).x)).toBeGreaterThanOrEqual(Math.round((await box(key)).x));
    await screenshot(page, 'walk-01-recovery-key');
    await page.getByLabel('I have saved the recovery key somewhere safe').check();
    await page.getByRole('button', { name: 'Open the vault' }).click();

    // The main screen starts on the search, after Open the vault and after a reload.
    await page.getByRole('toolbar', { name: 'Vault actions' }).waitFor();
    await poll(async () => (await focused(page)).id).toBe('search');
    await page.reload();
    await page.getByRole('toolbar', { name: 'Vault actions' }).waitFor();
    await poll(async () => (await focused(page)).id).toBe('search');

    // One toolbar row at 1280 px.
    expect(await toolbarRows(page)).toBe(1);
    // Rotate… is off in an empty vault, like New token and Hand over…, and each says why where it can be seen.
    const reasons = {
      'New token': 'Add an account first: every token belongs to one.',
      'Hand over…': 'There is no token to hand over yet.',
      'Rotate…': 'There is no token to rotate yet.',
    };
    for (const [name, reason] of Object.entries(reasons)) {
      const button = toolbarButtons(page).filter({ hasText: name });
      expect(await button.getAttribute('aria-disabled')).toBe('true');
      const why = page.getByRole('tooltip').filter({ hasText: reason });
      expect(await why.isVisible()).toBe(false);
      // Tab reaches the button, and its reason shows under it, in the window and read with it.
      await button.focus();
      await poll(() => why.isVisible()).toBe(true);
      const reasonBox = await box(why);
      expect(reasonBox.x).toBeGreaterThanOrEqual(0);
      expect(reasonBox.x + reasonBox.width).toBeLessThanOrEqual(1280);
      expect(await button.getAttribute('aria-describedby')).toBe(await why.getAttribute('id'));
      // Enter on it does nothing: no dialog opens.
      await page.keyboard.press('Enter');
      expect(await page.getByRole('dialog').count()).toBe(0);
    }
    await toolbarButtons(page).filter({ hasText: 'New token' }).focus();
    await screenshot(page, 'walk-02-empty-vault-reason');
    // Disabled reads as disabled: dashed and grey, not the accent blue of an enabled New token.
    const newToken = toolbarButtons(page).filter({ hasText: 'New token' });
    expect(
      await newToken.evaluate(
        (el) =>
          (
            globalThis as unknown as { getComputedStyle(e: unknown): { borderTopStyle: string } }
          ).getComputedStyle(el).borderTopStyle,
      ),
    ).toBe('dashed');
    await expectAccessible(page, 'empty vault');
  });

  it('the sidebar shows whole account names; the filter bar keeps each label with its control', async () => {
    const { page } = await seededApp((vault) => {
      const en = vault.accounts.create({ name: 'Engaging Networks (main)', profile: 'engaging-networks' });
      vault.accounts.create({ name: 'Emplifi Ratings and Reviews for the shop', profile: 'emplifi' });
      vault.tokens.create({ accountId: en.id, name: 'Public widget', kind: 'public', value: 'en-public-1' });
    }, 'Fundraising team agency tokens');
    expect(await toolbarRows(page)).toBe(1);
    const sidebar = page.getByRole('navigation', { name: 'Accounts' });
    for (const name of ['Engaging Networks (main)', 'Emplifi Ratings and Reviews for the shop']) {
      const label = sidebar.locator('.nav-name', { hasText: name });
      // Nothing clipped: the whole name fits the box it is drawn in (wrapped onto a second line if need be).
      expect(
        await label.evaluate((el) => {
          const e = el as unknown as PageElement;
          return e.scrollWidth <= e.clientWidth && e.scrollHeight <= e.clientHeight;
        }),
      ).toBe(true);
      expect(await label.getAttribute('title')).toBe(name);
    }
    const filters = page.getByRole('group', { name: 'Filters' });
    for (const label of ['Status', 'Kind', 'Sort by']) {
      const control = filters.getByLabel(label, { exact: true });
      const text = filters.locator('label', { hasText: label }).first();
      const [labelBox, controlBox] = [await box(text), await box(control)];
      // On one line: the label's middle lies within the control's height, and the control follows it.
      expect(
        Math.abs(labelBox.y + labelBox.height / 2 - (controlBox.y + controlBox.height / 2)),
      ).toBeLessThan(4);
      expect(controlBox.x).toBeGreaterThan(labelBox.x);
    }
    await screenshot(page, 'walk-03-sidebar-filters');
    await expectAccessible(page, 'sidebar and filters');
  });

  it('New token: a refusal from core marks its field, describes it and moves focus there (Engaging Networks, ON24)', async () => {
    const { page } = await seededApp((vault) => {
      vault.accounts.create({ name: 'EN main', profile: 'engaging-networks' });
      vault.accounts.create({ name: 'ON24 webinars', profile: 'on24' });
    });
    await page.getByRole('button', { name: 'New token' }).click();
    const dialog = page.getByRole('dialog', { name: 'New token' });
    // The title stands apart from the first field.
    const gap =
      (await box(dialog.getByText('Name (what it is for)'))).y -
      ((await box(dialog.locator('.dialog-header'))).y +
        (await box(dialog.locator('.dialog-header'))).height);
    expect(gap).toBeGreaterThanOrEqual(8);

    await dialog.getByLabel('Name (what it is for)').fill('Supporter export');
    await dialog.getByLabel('Account').selectOption({ label: 'EN main' });
    await dialog.getByLabel('Kind').selectOption({ label: 'Private token' });
    await dialog.getByLabel('Token value').fill('en-private-issued-0001');
    await dialog.getByRole('button', { name: 'Add token' }).click();
    const user = dialog.getByLabel('User, required');
    await poll(() => user.getAttribute('aria-invalid')).toBe('true');
    expect(await user.getAttribute('aria-describedby')).toBe('token-assigned-error');
    expect(await dialog.locator('#token-assigned-error').textContent()).toBe(
      'In Engaging Networks accounts, a private token must be assigned to a user.',
    );
    expect(await user.evaluate(holdsFocus)).toBe(true);
    await expectAccessible(page, 'new token refused at its field');
    await screenshot(page, 'walk-04-refusal-at-field');
    // Typing in the field clears its error; the next refusal names the next field.
    await user.fill('acme-dev');
    expect(await user.getAttribute('aria-invalid')).toBeNull();

    await dialog.getByLabel('Account').selectOption({ label: 'ON24 webinars' });
    await dialog.getByLabel('Producer login, required').fill('');
    await dialog.getByLabel('Token secret').fill('on24-secret-issued-0001');
    await dialog.getByRole('button', { name: 'Add token' }).click();
    const login = dialog.getByLabel('Producer login, required');
    await poll(() => login.getAttribute('aria-invalid')).toBe('true');
    expect(await login.evaluate(holdsFocus)).toBe(true);
    await login.fill('producer@example.org');
    await dialog.getByRole('button', { name: 'Add token' }).click();
    const tokenKey = dialog.getByLabel('Token key (not secret), required');
    await poll(() => tokenKey.getAttribute('aria-invalid')).toBe('true');
    expect(await tokenKey.getAttribute('aria-describedby')).toBe('token-key-id-error');
    expect(await tokenKey.evaluate(holdsFocus)).toBe(true);
    await tokenKey.fill('TK-1');
    await dialog.getByRole('button', { name: 'Add token' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('Regenerate on a handed-over token: the button stays on and the submit points at the unticked confirmation', async () => {
    const { page } = await seededApp(async (vault) => void (await seedAgencyHoldings(vault)));
    await page.getByLabel('Search tokens').fill('Supporter export');
    await page.getByRole('listbox', { name: 'Tokens' }).getByRole('option').first().click();
    await poll(() => page.locator('#detail-title').textContent()).toBe('Supporter export');
    await page.getByRole('button', { name: 'Regenerate…' }).click();
    const regen = page.getByRole('dialog', { name: /Regenerate/ });
    const confirm = regen.getByLabel(/I understand/);
    await confirm.waitFor();
    await regen.getByLabel('New value the platform issued').fill('EN-value-reset-after-acme-0002');
    const record = regen.getByRole('button', { name: 'Record the new value' });
    expect(await record.isDisabled()).toBe(false);
    await record.click();
    await poll(() => confirm.getAttribute('aria-invalid')).toBe('true');
    expect(await confirm.evaluate(holdsFocus)).toBe(true);
    const why = regen.locator(`#${await confirm.getAttribute('id')}-error`);
    expect(await why.textContent()).toMatch(/^Tick this first/);
    expect(await confirm.getAttribute('aria-describedby')).toBe(await why.getAttribute('id'));
    await expectAccessible(page, 'regenerate asks for the confirmation');
    await screenshot(page, 'walk-05-regenerate-confirm');
    await page.keyboard.press('Space');
    expect(await confirm.getAttribute('aria-invalid')).toBeNull();
    await record.click();
    await regen.waitFor({ state: 'detached' });
  });

  it('Engagement ended lists what the plan will hold and says which held token is already off; the EN step offers delete', async () => {
    const { page } = await seededApp(async (vault) => {
      const { emplifiToken } = await seedAgencyHoldings(vault);
      vault.lifecycle.invalidate(emplifiToken.id);
    });
    await page.getByRole('button', { name: 'Recipients' }).click();
    const people = page.getByRole('dialog', { name: 'Recipients: who holds what' });
    await people.getByRole('button', { name: /Acme Agency/ }).click();
    await people.getByRole('button', { name: 'Engagement ended…' }).click();
    const ending = page.getByRole('dialog', { name: 'Engagement ended: rotate what Acme Agency holds' });
    await poll(() =>
      ending.getByRole('list', { name: 'Tokens to rotate' }).getByRole('listitem').allTextContents(),
    ).toEqual(['Salesforce', 'Supporter export']);
    expect(await ending.textContent()).toContain(
      'Acme Agency holds the current value of 2 tokens still switched on.',
    );
    expect(
      await ending.getByRole('list', { name: 'Not in the plan' }).getByRole('listitem').allTextContents(),
    ).toEqual([
      '“Carousel feed” is already recorded as invalidated, so it is not in the plan: while it stays switched off there, the value Acme Agency holds does not work. Rotate it before you switch it back on.',
    ]);
    expect(await ending.textContent()).not.toContain('(s)');
    await expectAccessible(page, 'engagement ended with a token already off');
    await screenshot(page, 'walk-06-engagement-ended');
    await ending.getByRole('button', { name: 'Start the rotation plan' }).click();

    const plan = page.getByRole('dialog', { name: 'Rotation plan: Acme Agency' });
    await poll(() => plan.locator('#rotation-progress').textContent()).toMatch(
      '0 of 2 rotated for Acme Agency.',
    );
    const step = (name: RegExp) =>
      plan
        .getByRole('list', { name: 'Steps' })
        .getByRole('listitem')
        .filter({ has: page.getByRole('heading', { name }) });
    // Engaging Networks' only "off" is the reset the step asks for: the other way out is deleting it there.
    expect(await step(/Supporter export/).textContent()).toContain(
      'Or delete it there instead: Hello menu > Account Settings > Tokens > delete icon.',
    );
    expect(await step(/Supporter export/).textContent()).not.toContain('switch it off there instead: reset');
    expect(await step(/Salesforce/).textContent()).toContain(
      'Or switch it off there instead: disable it at Platform Tools > Integrations > API Tokens',
    );
    await expectAccessible(page, 'rotation plan of two');
    await screenshot(page, 'walk-07-plan');
  });
});
