import { describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import type { Vault } from '../../src/main/core/vault/vault';
import { openApp, screenshot, type AppUnderTest } from '../helpers/e2e-harness';
import { expectAccessible, poll, useRendererSuite } from '../helpers/e2e-suite';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

// The smaller problems of the walkthrough, each as the admin meets it in Chromium over the real handlers.

const suite = useRendererSuite();

const tokenList = (page: Page) => page.getByRole('listbox', { name: 'Tokens' });
const rowNames = (page: Page) => tokenList(page).locator('.token-name').allTextContents();
const detailTitle = (page: Page) => page.locator('#detail-title');
const field = (page: Page, label: string) =>
  page
    .locator('.fields > div')
    .filter({ has: page.locator('dt', { hasText: label }) })
    .locator('dd');

// Runs in the page; typed structurally because this file compiles with Node's types.
interface PageElement {
  id: string;
  textContent: string | null;
  scrollTop: number;
  getAttribute(name: string): string | null;
}
const activeElement = (page: Page) =>
  page.evaluate(() => {
    const active = (globalThis as unknown as { document: { activeElement: PageElement | null } }).document
      .activeElement;
    return { id: active?.id ?? '', text: active?.textContent ?? '' };
  });

async function seededApp(seed: (vault: Vault, app: AppUnderTest) => void): Promise<AppUnderTest> {
  const app = await openApp(suite.browser, suite.url);
  await app.session.createVault({
    path: join(app.workDir, 'minor.tokenvault'),
    password: TEST_PASSWORD,
    operator: 'Alice Admin',
  });
  seed(app.session.requireVault(), app);
  await app.page.reload();
  await app.page.getByRole('button', { name: 'New token' }).waitFor();
  return app;
}

async function selectToken(page: Page, name: string) {
  await page.getByLabel('Search tokens').fill(name);
  await tokenList(page)
    .getByRole('option', { name: new RegExp(name) })
    .first()
    .click();
  await poll(() => detailTitle(page).textContent()).toBe(name);
  await page.getByLabel('Search tokens').fill('');
}

describe('walkthrough: the smaller problems', { timeout: 120_000 }, () => {
  it('create vault: focus on the first step, field errors that clear, an empty repeat asks for it, Show; recovery key Copy and Print', async () => {
    const { page, platform, workDir } = await openApp(suite.browser, suite.url);
    await page.getByRole('button', { name: 'Create a new vault' }).click();
    await poll(async () => (await activeElement(page)).text).toBe('Choose…');
    await page.getByRole('button', { name: 'Create vault' }).click();
    const folder = page.getByLabel('Vault folder');
    await poll(() => folder.getAttribute('aria-invalid')).toBe('true');
    expect(await folder.getAttribute('aria-describedby')).toContain('vault-folder-error');
    await page.getByText('Choose where to create the vault folder.').waitFor();
    await expectAccessible(page, 'create vault with field errors');
    await page.getByRole('button', { name: 'Choose…' }).click();
    await page.getByText('Choose where to create the vault folder.').waitFor({ state: 'detached' });
    expect(await folder.getAttribute('aria-invalid')).toBeNull();

    await page.getByLabel('Your name').fill('Alice Admin');
    await page.getByLabel('Master password', { exact: true }).fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Create vault' }).click();
    await page.getByText('Type the master password a second time.').waitFor();
    expect(await page.getByText('The two passwords differ.').count()).toBe(0);
    await page.getByRole('button', { name: 'Show' }).click();
    expect(await page.getByLabel('Master password', { exact: true }).getAttribute('type')).toBe('text');
    await page.getByLabel('Repeat the master password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Create vault' }).click();

    await page.getByRole('heading', { name: 'Your recovery key' }).waitFor();
    const recoveryKey = ((await page.getByLabel('Recovery key', { exact: true }).textContent()) ?? '').trim();
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByText(/Copied\. The clipboard will be cleared in \d+ s\./).waitFor();
    expect(platform.clipboard === recoveryKey).toBe(true);
    await page.getByRole('button', { name: 'Print the emergency kit…' }).waitFor();
    // Save: a text file the admin chooses, mode 0600, with the key and how to use it.
    platform.saveFileAnswer = join(workDir, 'kit.txt');
    await page.getByRole('button', { name: 'Save the emergency kit…' }).click();
    await page.getByText(/^Saved the emergency kit to .*kit\.txt\. Move it off this computer/).waitFor();
    const kit = readFileSync(platform.saveFileAnswer, 'utf8');
    expect(kit).toContain(`Recovery key: ${recoveryKey}`);
    expect(kit).toContain('Use the recovery key');
    expect(statSync(platform.saveFileAnswer).mode & 0o777).toBe(0o600);
    await expectAccessible(page, 'recovery key with copy and print');
    await screenshot(page, '31-recovery-key-kit');
  });

  it('the list: natural sort, sort options, group by account, set size and position, top after a search', async () => {
    const { page } = await seededApp((vault) => {
      const own = vault.accounts.create({ name: 'Own API' });
      const other = vault.accounts.create({ name: 'Agency API' });
      for (const name of ['key 10', 'key 2', 'key 11', 'key 1'])
        vault.tokens.create({ accountId: own.id, name, value: generateTokenValue() });
      vault.tokens.create({ accountId: other.id, name: 'key 3', value: generateTokenValue() });
    });
    await poll(() => rowNames(page)).toEqual(['key 1', 'key 2', 'key 3', 'key 10', 'key 11']);
    const first = tokenList(page).getByRole('option').first();
    expect([await first.getAttribute('aria-setsize'), await first.getAttribute('aria-posinset')]).toEqual([
      '5',
      '1',
    ]);
    await page.getByLabel('Sort by').selectOption('created');
    await poll(() => rowNames(page)).toEqual(['key 3', 'key 1', 'key 11', 'key 2', 'key 10']);
    await page.getByLabel('Sort by').selectOption('name');
    await page.getByLabel('Group by account').check();
    await poll(() => tokenList(page).locator('.token-group-heading').allTextContents()).toEqual([
      'Agency API',
      'Own API',
    ]);
    await poll(() => rowNames(page)).toEqual(['key 3', 'key 1', 'key 2', 'key 10', 'key 11']);
    expect(await tokenList(page).getByRole('option').nth(1).getAttribute('aria-posinset')).toBe('2');
    await expectAccessible(page, 'grouped list');
  });

  it('a search starts at the top of its results', async () => {
    const { page } = await seededApp((vault) => {
      const account = vault.accounts.create({ name: 'Own API' });
      vault.tokens.importMany(
        account.id,
        Array.from({ length: 300 }, (_, i) => ({ name: `sync ${i + 1}`, value: generateTokenValue() })),
      );
    });
    await poll(() => tokenList(page).getByRole('option').count()).toBeGreaterThan(5);
    await tokenList(page).evaluate((list) => {
      (list as unknown as PageElement).scrollTop = 12_000;
    });
    await poll(() =>
      tokenList(page).evaluate((list) => (list as unknown as PageElement).scrollTop),
    ).toBeGreaterThan(1000);
    await page.getByLabel('Search tokens').fill('sync 1');
    await poll(() => tokenList(page).evaluate((list) => (list as unknown as PageElement).scrollTop)).toBe(0);
  });

  it('the detail in words: platform labels, roles, one date format, key id Copy, 1 of 10 used, edits old and new, a mapping off', async () => {
    const { page, platform } = await seededApp((vault) => {
      const on24 = vault.accounts.create({ name: 'ON24 events', profile: 'on24' });
      vault.tokens.create({
        accountId: on24.id,
        name: 'Webinar producer',
        value: generateTokenValue(),
        keyId: 'TK-42',
        assignedTo: 'producer@example.org',
      });
      const emplifi = vault.accounts.create({ name: 'Emplifi brand', profile: 'emplifi' });
      vault.tokens.create({
        accountId: emplifi.id,
        name: 'Reviews widget',
        value: generateTokenValue(),
        description: 'Widget on the shop',
      });
      const endpoint = vault.accounts.create({ name: 'Donations API', profile: 'endpoint' });
      const primary = vault.tokens.create({
        accountId: endpoint.id,
        name: 'POST primary',
        role: 'primary',
        value: generateTokenValue(),
      });
      const secondary = vault.tokens.create({
        accountId: endpoint.id,
        name: 'Zapier',
        role: 'secondary',
        generate: { length: 64 },
      });
      vault.lifecycle.map(secondary.id, primary.id);
      vault.lifecycle.setMappingEnabled(secondary.id, primary.id, false);
    });
    await selectToken(page, 'Webinar producer');
    await page.locator('#value-label', { hasText: 'Token secret' }).waitFor();
    expect(await field(page, 'Kind').textContent()).toBe('Token key and secret');
    expect(await field(page, 'Role').textContent()).toBe('Standalone (not mapped)');
    expect(await field(page, 'Created').textContent()).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}$/);
    await page.getByRole('button', { name: 'Copy the token key' }).click();
    await poll(() => platform.clipboard).toBe('TK-42');
    await page.getByText(/Token key copied/).waitFor();
    await expectAccessible(page, 'ON24 detail');

    await selectToken(page, 'Reviews widget');
    await poll(() => field(page, 'Kind').textContent()).toBe('Bearer token (1 of 10 used on this account)');
    await page.getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByRole('dialog', { name: /Edit/ });
    await edit.getByLabel(/Description/).fill('Widget on the shop and the app');
    await edit.getByRole('button', { name: 'Save' }).click();
    await poll(() =>
      page.getByRole('list', { name: 'History' }).getByRole('listitem').first().textContent(),
    ).toMatch(/^Edited: description “Widget on the shop” → “Widget on the shop and the app”/);

    await selectToken(page, 'Zapier');
    await poll(() => field(page, 'Used by').textContent()).toMatch(
      /mapped to the primary “POST primary” \(mapping off\)/,
    );
    await page.locator('.mapping-row .badge-off', { hasText: 'mapping off' }).waitFor();
  });

  it('after unlocking, the same account and token; a wrong password keeps the field and counts the wait down', async () => {
    const { page } = await seededApp((vault) => {
      const account = vault.accounts.create({ name: 'Own API' });
      vault.accounts.create({ name: 'Other' });
      vault.tokens.create({ accountId: account.id, name: 'Payments', value: generateTokenValue() });
    });
    await page.getByRole('button', { name: /^Own API/ }).click();
    await selectToken(page, 'Payments');
    await page.keyboard.press('Control+l');
    await page.getByRole('heading', { name: /Unlock/ }).waitFor();
    await page.getByLabel('Master password').fill('not the password at all');
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await page.getByText(/Wrong master password/).waitFor();
    expect(await page.getByLabel('Master password').inputValue()).toBe('not the password at all');
    await page.getByText(/^Wait \d s before trying again\.$/).waitFor();
    await page.getByText(/^Wait \d s before trying again\.$/).waitFor({ state: 'detached', timeout: 15_000 });
    await page.getByLabel('Master password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await poll(() => detailTitle(page).textContent()).toBe('Payments');
    expect(await page.getByRole('button', { name: /^Own API/ }).getAttribute('aria-current')).toBe('true');
  });

  it('toolbar buttons that cannot be used say why; the New token form marks the field in error', async () => {
    const { page } = await seededApp(() => undefined);
    const newToken = page.getByRole('button', { name: 'New token' });
    expect(await newToken.isDisabled()).toBe(true);
    const why = page.locator(`#${await newToken.getAttribute('aria-describedby')}`);
    expect(await why.textContent()).toBe('Add an account first: every token belongs to one.');
    await page.getByRole('button', { name: 'Add an account' }).click();
    const add = page.getByRole('dialog', { name: 'Add a platform account' });
    await add.getByLabel('Name', { exact: true }).fill('Own API');
    await add.getByRole('button', { name: 'Add account' }).click();
    await add.waitFor({ state: 'detached' });
    await newToken.click();
    const dialog = page.getByRole('dialog', { name: 'New token' });
    await poll(async () => (await activeElement(page)).id).toBe('token-name');
    await dialog.getByRole('button', { name: 'Add token' }).click();
    const name = dialog.getByLabel('Name (what it is for)');
    await poll(() => name.getAttribute('aria-invalid')).toBe('true');
    expect(await name.getAttribute('aria-describedby')).toBe('token-name-error');
    await dialog.getByText('Give the token a name: what it is for.').waitFor();
    await expectAccessible(page, 'new token with a field error');
  });

  it('health after unlock folds the information under what needs acting on', async () => {
    const { page } = await seededApp((vault) => {
      const account = vault.accounts.create({ name: 'Own API' });
      const expired = vault.tokens.create({
        accountId: account.id,
        name: 'Old key',
        value: generateTokenValue(),
      });
      vault.lifecycle.setExpiry(expired.id, new Date(Date.now() - 86_400_000 * 3));
      for (let i = 1; i <= 5; i++)
        vault.tokens.create({ accountId: account.id, name: `Never used ${i}`, value: generateTokenValue() });
    });
    const health = page.getByRole('dialog', { name: 'What needs your attention' });
    await health.getByRole('heading', { name: /^Critical \(1\)$/ }).waitFor();
    // Every token here has no recorded activity: six information items, folded.
    const info = health.locator('details.health-info');
    expect(await info.getByRole('heading').textContent()).toBe('For information (6)');
    expect(await info.getAttribute('open')).toBeNull();
    expect(await info.getByRole('listitem').first().isVisible()).toBe(false);
    await expectAccessible(page, 'health folded');
  });
});
