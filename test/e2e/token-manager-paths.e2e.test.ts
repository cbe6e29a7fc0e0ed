import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Dispatch } from '../../src/main/ipc/dispatcher';
import type { SessionController } from '../../src/main/session/session-controller';
import { mainCall, openApp, screenshot } from '../helpers/e2e-harness';
import { heapHolds } from '../helpers/e2e-heap';
import { useRendererSuite, expectAccessible, poll } from '../helpers/e2e-suite';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

// The paths the main walk-through does not take: list order, filters, empty states, delete, the keyboard, locks
// that come from main (idle), the recovery key, the back-off, recent vaults and the settings.

const suite = useRendererSuite();

const tokenList = (page: Page) => page.getByRole('listbox', { name: 'Tokens' });
const rowNames = (page: Page) => tokenList(page).locator('.token-name').allTextContents();

/** A vault as an agency would have it after a few weeks: three accounts, tokens of each role and status. */
async function seedAgencyVault(app: { dispatch: Dispatch; session: SessionController; workDir: string }) {
  const { dispatch, session } = app;
  const created = await mainCall(dispatch, 'createVault', {
    path: `${app.workDir}/agency-work.tokenvault`,
    password: TEST_PASSWORD,
    operator: 'Alice Admin',
  });
  const en = await mainCall(dispatch, 'createAccount', { name: 'Engaging Networks (main)' });
  const mc = await mainCall(dispatch, 'createAccount', { name: 'Mailchimp (agency)' });
  const sf = await mainCall(dispatch, 'createAccount', { name: 'Salesforce production org' });
  const add = (accountId: number, fields: Record<string, unknown>) =>
    mainCall(dispatch, 'createToken', { accountId, generate: { length: 48 }, ...fields } as never);
  const tokens = {
    donation: await add(en.id, {
      name: 'Donation form',
      role: 'primary',
      description: 'Public donation page; the only token the live form uses.',
      application: 'Website',
      keyId: 'en-key-2291',
    }),
    salesforce: await add(en.id, {
      name: 'Salesforce sync',
      description: 'Nightly contact sync into Salesforce.',
      assignedTo: 'bob@agency.example',
      application: 'CRM connector',
      keyId: 'en-key-3107',
      expiresAt: '2027-03-31',
    }),
    webhook: await add(en.id, { name: 'Webhook signing', kind: 'webhook-secret', application: 'Zapier' }),
    reporting: await add(en.id, { name: 'Reporting dashboards', role: 'secondary', assignedTo: 'carol' }),
    newsletter: await add(mc.id, { name: 'Newsletter sync', role: 'secondary', application: 'Mailchimp' }),
    oldExport: await add(mc.id, { name: 'Old export key', description: 'Replaced in March.' }),
    sfPrimary: await add(sf.id, { name: 'Integration user', role: 'primary', kind: 'oauth-client' }),
  };
  session.requireVault().tokens.setFields(tokens.oldExport.id, { status: 'inactive' });
  return { recoveryKey: created.recoveryKey, accounts: { en, mc, sf }, tokens };
}

describe('the token manager: order, filters, delete, keyboard', () => {
  it('lists primary, then active, then inactive; filters; empty states; delete with confirmation; keyboard only', async () => {
    let seeded!: Awaited<ReturnType<typeof seedAgencyVault>>;
    const { page, session, pageCalls } = await openApp(suite.browser, suite.url, {
      seed: async (app) => {
        seeded = await seedAgencyVault(app);
        const id = seeded.tokens.salesforce.id;
        await mainCall(app.dispatch, 'revealToken', { id });
        await mainCall(app.dispatch, 'copyToken', { id });
        await mainCall(app.dispatch, 'updateToken', {
          id,
          description: 'Nightly contact sync into Salesforce; Bob at the agency owns it.',
        });
      },
    });
    await poll(() => tokenList(page).getByRole('option').count()).toBe(7);
    expect(await rowNames(page)).toEqual([
      'Donation form',
      'Integration user',
      'Newsletter sync',
      'Reporting dashboards',
      'Salesforce sync',
      'Webhook signing',
      'Old export key',
    ]);
    const sidebar = page.getByRole('navigation', { name: 'Accounts' });
    expect(await sidebar.getByRole('button').allTextContents()).toEqual([
      'All tokens7',
      'Engaging Networks (main)Generic4',
      'Mailchimp (agency)Generic2',
      'Salesforce production orgGeneric1',
      '+ Add account',
    ]);

    // The README's screenshot: a token with some history.
    await tokenList(page)
      .getByRole('option', { name: /Salesforce sync/ })
      .click();
    await page.getByRole('heading', { name: 'Salesforce sync' }).waitFor();
    await poll(() => page.getByRole('list', { name: 'History' }).getByRole('listitem').count()).toBe(4);
    await screenshot(page, '20-main-agency-vault');

    await page.getByLabel('Status').selectOption('invalidated');
    await poll(() => rowNames(page)).toEqual(['Old export key']);
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Kind').selectOption('webhook-secret');
    await poll(() => rowNames(page)).toEqual(['Webhook signing']);
    await page.getByLabel('Kind').selectOption('');
    await sidebar.getByRole('button', { name: /Mailchimp/ }).click();
    await poll(() => rowNames(page)).toEqual(['Newsletter sync', 'Old export key']);
    await sidebar.getByRole('button', { name: /All tokens/ }).click();

    await page.getByLabel('Search tokens').fill('no token is called this');
    await page.getByRole('heading', { name: 'Nothing matches' }).waitFor();
    await expectAccessible(page, 'nothing matches');
    await screenshot(page, '21-nothing-matches');
    await page.getByRole('button', { name: 'Clear search and filters' }).click();
    await poll(() => tokenList(page).getByRole('option').count()).toBe(7);
    expect(await page.getByLabel('Search tokens').inputValue()).toBe('');

    // Delete asks first; keeping it changes nothing.
    await tokenList(page)
      .getByRole('option', { name: /Old export key/ })
      .click();
    await page.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete this token?' });
    await expectAccessible(page, 'delete confirmation');
    await screenshot(page, '22-delete-confirmation');
    await confirm.getByRole('button', { name: 'Keep it' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(
      session
        .requireVault()
        .tokens.list({})
        .some((t) => t.id === seeded.tokens.oldExport.id),
    ).toBe(true);
    await page.getByRole('button', { name: 'Delete' }).click();
    await confirm.getByRole('button', { name: 'Record it deleted' }).click();
    await poll(() => tokenList(page).getByRole('option').count()).toBe(6);
    await page.getByText('Select a token to see its details and history.').waitFor();
    expect(
      session
        .requireVault()
        .tokens.list({})
        .some((t) => t.id === seeded.tokens.oldExport.id),
    ).toBe(false);
    await poll(() => sidebar.getByRole('button', { name: /Mailchimp/ }).textContent()).toBe(
      'Mailchimp (agency)Generic1',
    );

    // Keyboard only: Ctrl+F, Ctrl+N, Escape returns focus, Enter submits, arrows move through the list.
    const focusedId = () =>
      page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document
            .activeElement?.id ?? '',
      );
    await page.keyboard.press('Control+f');
    expect(await focusedId()).toBe('search');
    await page.keyboard.press('Control+n');
    await page.getByRole('dialog', { name: 'New token' }).waitFor();
    expect(await focusedId()).toBe('token-name');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog', { name: 'New token' }).waitFor({ state: 'detached' });
    expect(await focusedId()).toBe('search');

    // The focus ring is drawn for keyboard focus (3 px, not the browser's faint default or none).
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      // Runs in the page; typed structurally because this file compiles with Node's types.
      interface PageElement {
        textContent: string | null;
      }
      const scope = globalThis as unknown as {
        document: { activeElement: PageElement | null };
        getComputedStyle(element: PageElement): { outlineStyle: string; outlineWidth: string };
      };
      const focused = scope.document.activeElement!;
      const style = scope.getComputedStyle(focused);
      return { text: focused.textContent, style: style.outlineStyle, width: style.outlineWidth };
    });
    expect(ring).toEqual({ text: 'New token', style: 'solid', width: '3px' });

    await page.keyboard.press('Control+n');
    const dialog = page.getByRole('dialog', { name: 'New token' });
    await page.keyboard.type('Made with the keyboard');
    await dialog.getByLabel('Length').focus();
    await page.keyboard.press('Control+a');
    await page.keyboard.type('40');
    await expectAccessible(page, 'new token dialog');
    await screenshot(page, '23-new-token-generator');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'Made with the keyboard' }).waitFor();
    const made = session.requireVault().tokens.list({ search: 'Made with the keyboard' });
    expect(made.map((t) => [t.name, t.valueLength, t.accountName])).toEqual([
      ['Made with the keyboard', 40, 'Engaging Networks (main)'],
    ]);

    await tokenList(page).focus();
    await page.keyboard.press('Home');
    await page.getByRole('heading', { name: 'Donation form' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('heading', { name: 'Integration user' }).waitFor();
    expect(await tokenList(page).getByRole('option', { selected: true }).textContent()).toMatch(
      /^Integration user/,
    );
    await page.keyboard.press('End');
    await page.getByRole('heading', { name: 'Webhook signing' }).waitFor();

    // Keys and clicks tell main the user is active (auto-lock), at most every 15 s rather than once per key.
    const activityReports = pageCalls.filter((method) => method === 'reportActivity').length;
    expect(activityReports).toBeGreaterThanOrEqual(1);
    expect(activityReports).toBeLessThan(10);
  }, 120_000);
});

describe('locks that come from main, the recovery key, the back-off, recent vaults and the settings', () => {
  it('idle lock and VAULT_LOCKED drop a revealed value; recovery key; back-off; recent vault; settings; new password', async () => {
    let mainTime = Date.now();
    let seeded!: Awaited<ReturnType<typeof seedAgencyVault>>;
    const { page, session, platform } = await openApp(suite.browser, suite.url, {
      installClock: true,
      mainNow: () => mainTime,
      seed: async (app) => {
        seeded = await seedAgencyVault(app);
      },
    });
    const value = session.requireVault().tokens.reveal(seeded.tokens.donation.id, 'reveal');
    const valueBox = page.getByTestId('token-value');

    // Idle auto-lock fires in main while a value is on screen: the next session poll takes the page to Unlock.
    await tokenList(page)
      .getByRole('option', { name: /Donation form/ })
      .click();
    await page.getByRole('button', { name: 'Reveal' }).click();
    await poll(async () => (await valueBox.textContent()) === value).toBe(true);
    // The heap check does see a secret the page holds (so its "not found" after a lock means something).
    expect(await heapHolds(page, [value])).toEqual([true]);
    session.lock();
    await page.clock.fastForward(6_000);
    await page.getByRole('heading', { name: 'Unlock “agency-work”' }).waitFor();
    expect(await page.content()).not.toContain(value);
    expect(await page.content()).not.toContain('Donation form');
    expect(await heapHolds(page, [value])).toEqual([false]);

    // The recovery key opens the vault too.
    await page.getByRole('button', { name: 'Use the recovery key' }).click();
    await page.getByLabel('Recovery key').fill(seeded.recoveryKey);
    await expectAccessible(page, 'unlock with the recovery key');
    await screenshot(page, '24-unlock-recovery-key');
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await poll(() => tokenList(page).getByRole('option').count()).toBe(7);

    // A call that meets a vault locked behind the page's back (VAULT_LOCKED) also drops everything at once.
    await tokenList(page)
      .getByRole('option', { name: /Salesforce sync/ })
      .click();
    await page.getByRole('heading', { name: 'Salesforce sync' }).waitFor();
    session.lock();
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByRole('heading', { name: 'Unlock “agency-work”' }).waitFor();
    expect(platform.clipboard).toBe('');
    expect(await page.content()).not.toContain('Salesforce sync');

    // Wrong password: inside the wait, Unlock is off and Enter sends nothing (main would refuse and count it).
    const unlock = page.getByRole('button', { name: 'Unlock', exact: true });
    await page.getByLabel('Master password').fill('not the master password');
    await unlock.click();
    await page.getByText('Wrong master password. Try again in 1 s.').waitFor();
    await page.getByLabel('Master password').fill(TEST_PASSWORD);
    expect(await unlock.isDisabled()).toBe(true);
    await page.getByLabel('Master password').press('Enter');
    expect(await page.getByText(/Too many wrong attempts/).count()).toBe(0);
    expect(session.getSession().state).toBe('locked');
    // The count ends (both clocks are the test's), the button comes back; a second wrong try waits 2 s, and a
    // reload still shows the wait.
    mainTime += 1_500;
    await page.clock.fastForward(1_500);
    await poll(() => unlock.isDisabled()).toBe(false);
    await page.getByLabel('Master password').fill('still not the master password');
    await unlock.click();
    await page.getByText('Wrong master password. Try again in 2 s.').waitFor();
    await page.reload();
    await page.getByText('Wait 2 s before trying again.').waitFor();
    await expectAccessible(page, 'unlock back-off');
    await screenshot(page, '25-unlock-back-off');

    // Open a vault folder (the folder dialog answers with this vault), then the recent-vault list.
    await page.getByRole('button', { name: 'Open or create another vault' }).click();
    platform.folderAnswer = session.getSession().path;
    await page.getByRole('button', { name: 'Open a vault folder…' }).click();
    await page.getByRole('heading', { name: 'Unlock “agency-work”' }).waitFor();
    await page.getByRole('button', { name: 'Open or create another vault' }).click();
    const recent = page.getByRole('navigation', { name: 'Recent vaults' });
    await recent.getByRole('button', { name: /agency-work/ }).waitFor();
    await expectAccessible(page, 'welcome with recent vaults');
    await screenshot(page, '26-welcome-recent-vaults');
    await recent.getByRole('button', { name: /agency-work/ }).click();
    mainTime += 60_000;
    await page.clock.fastForward(60_000);
    await page.getByLabel('Master password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await poll(() => tokenList(page).getByRole('option').count()).toBe(7);

    // The Lock button while a value is on screen leaves nothing of it either.
    await tokenList(page)
      .getByRole('option', { name: /Donation form/ })
      .click();
    await page.getByRole('button', { name: 'Reveal' }).click();
    await poll(async () => (await valueBox.textContent()) === value).toBe(true);
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { name: 'Unlock “agency-work”' }).waitFor();
    expect(await page.content()).not.toContain(value);
    expect(await heapHolds(page, [value])).toEqual([false]);
    await page.getByLabel('Master password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await poll(() => tokenList(page).getByRole('option').count()).toBe(7);

    // Settings: auto-lock and clipboard times reach main; the master password changes.
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.getByLabel('Lock after this many idle minutes').fill('10');
    await settings.getByLabel('Clear a copied value after (seconds)').fill('45');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.getByText('Settings saved.').waitFor();
    expect(session.getSession().settings).toEqual({
      autoLockMinutes: 10,
      clipboardSeconds: 45,
      rotationDays: 180,
    });
    const newPassword = 'lantern meadow copper violet harbour';
    await settings.getByLabel('Current master password').fill(TEST_PASSWORD);
    await settings.getByLabel('New master password').fill(newPassword);
    await settings.getByLabel('Repeat the new password').fill(newPassword);
    await settings.getByRole('button', { name: 'Change password' }).click();
    await settings.getByText('Master password changed.').waitFor();
    await page.keyboard.press('Escape');
    await tokenList(page)
      .getByRole('option', { name: /Newsletter sync/ })
      .click();
    await page.getByRole('button', { name: 'Copy' }).click();
    await page.getByText('Copied. The clipboard will be cleared in 45 s.').waitFor();

    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByLabel('Master password').fill(newPassword);
    await page.getByRole('button', { name: 'Unlock', exact: true }).click();
    await poll(() => tokenList(page).getByRole('option').count()).toBe(7);
  }, 120_000);
});
