import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { mainCall, openApp, screenshot } from '../helpers/e2e-harness';
import { expectAccessible, useRendererSuite } from '../helpers/e2e-suite';
import { pickFile } from '../helpers/pick-file';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

const suite = useRendererSuite();

describe('the demo vault and the health report in Chromium', () => {
  it('creates a demo from the Welcome screen, shows its password once, then what needs attention', async () => {
    const { page, platform, dispatch, workDir } = await openApp(suite.browser, suite.url);
    platform.folderAnswer = join(workDir, 'Token Vault demo.tokenvault');

    await page.getByRole('heading', { name: 'Token Vault' }).waitFor();
    await screenshot(page, 'welcome-demo');
    await page.getByRole('button', { name: 'Try a demo vault' }).click();
    // Deriving the key takes a while (Argon2id at 64 MiB at least): the button says so and cannot be pressed twice.
    const creating = page.getByRole('button', { name: 'Creating the demo vault…' });
    await creating.waitFor();
    expect(await creating.isDisabled()).toBe(true);
    expect(await page.getByRole('button', { name: 'Create a new vault' }).isDisabled()).toBe(true);
    const ready = page.getByRole('heading', { name: /Your demo vault is ready/ });
    await ready.waitFor({ timeout: 60_000 });
    // Never logged: only its shape is checked.
    const password = ((await page.getByTestId('demo-password').textContent()) ?? '').trim();
    expect(password.split('-').length).toBeGreaterThanOrEqual(7);
    expect(await page.locator('main').textContent()).toMatch(/fake/);
    expect(await page.locator('main').textContent()).toMatch(/need this password\s+to open it again/);
    await expectAccessible(page, 'demo password');
    await screenshot(page, 'demo-password');

    // The session is the demo, unlocked; the generated password opens it (checked on the keyslot, not the UI).
    const session = await mainCall(dispatch, 'getSession', {});
    expect(session.state).toBe('unlocked');
    expect(session.vault?.demo).toBe(true);

    await page.getByRole('button', { name: 'Continue to the demo vault' }).click();
    // Right after the main screen appears, the health report opens by itself: the demo has critical items.
    const health = page.getByRole('dialog', { name: 'What needs your attention' });
    await health.waitFor();
    expect(await page.content()).not.toContain(password);
    const critical = health.getByRole('heading', { name: /^Critical \((\d+)\)$/ });
    const criticalCount = Number(/\((\d+)\)/.exec((await critical.textContent()) ?? '')![1]);
    expect(criticalCount).toBeGreaterThanOrEqual(2);
    await health.getByRole('heading', { name: /^Warnings \(\d+\)$/ }).waitFor();
    const report = await mainCall(dispatch, 'healthReport', {});
    expect(report.items.filter((item) => item.severity === 'critical').length).toBe(criticalCount);
    const criticalList = health.getByRole('list', { name: /^Critical/ });
    const criticalText = (await criticalList.textContent()) ?? '';
    expect(criticalText).toMatch(/Stripe restricted key.*expired on/s);
    expect(criticalText).toMatch(/Marketo.*disabled by ON24/s);
    // The ON24 token 5 days from its limit is a warning.
    expect(await health.getByRole('list', { name: /^Warnings/ }).textContent()).toMatch(
      /Salesforce.*disabled for inactivity in 5 days/s,
    );
    await expectAccessible(page, 'health after unlock');
    await screenshot(page, 'health-after-unlock');

    // A token in the report opens it in the main screen.
    await criticalList.getByRole('button', { name: /Stripe restricted key/ }).click();
    await health.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 2, name: 'Stripe restricted key' }).waitFor();

    // The DEMO badge, and one account per profile, each with its tokens.
    await page.locator('.topbar').getByText('DEMO', { exact: true }).waitFor();
    const accounts = await mainCall(dispatch, 'listAccounts', {});
    expect(new Set(accounts.map((a) => a.profile))).toEqual(
      new Set(['engaging-networks', 'on24', 'endpoint', 'emplifi', 'generic']),
    );
    const tokenList = page.getByRole('listbox', { name: 'Tokens' });
    const expected: Record<string, string> = {
      'Engaging Networks (demo)': 'Website widgets',
      'ON24 (demo)': 'Marketo',
      'Integration hub (demo)': 'Contacts POST',
      'Emplifi Ratings & Reviews (demo)': 'Primary API token',
      'Other platforms (demo)': 'Slack alerts webhook',
    };
    for (const [account, token] of Object.entries(expected)) {
      await page
        .getByRole('navigation', { name: 'Accounts' })
        .getByRole('button', { name: new RegExp(`^${account.replace(/[()]/g, '\\$&')}`) })
        .click();
      await tokenList
        .getByRole('option', { name: new RegExp(token) })
        .first()
        .waitFor();
    }

    // Opened by hand, the report shows everything, and a token in it clears the account filter to show it.
    await page.getByRole('button', { name: 'Health' }).click();
    await health.waitFor();
    await health.getByRole('heading', { name: /^For information \(\d+\)$/ }).waitFor();
    await health
      .getByRole('list', { name: /^Critical/ })
      .getByRole('button', { name: /Marketo/ })
      .click();
    await health.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 2, name: 'Marketo' }).waitFor();
    await screenshot(page, 'demo-main');
    expect(
      await page
        .getByRole('navigation', { name: 'Accounts' })
        .getByRole('button', { name: /^All tokens/ })
        .getAttribute('aria-current'),
    ).toBe('true');

    // Locked, the vault still says DEMO before anyone types its password.
    await page.getByRole('button', { name: 'Lock' }).click();
    const unlockTitle = page.getByRole('heading', { level: 1, name: /^Unlock/ });
    await expect.poll(() => unlockTitle.textContent(), { timeout: 15_000 }).toMatch(/DEMO$/);
    await screenshot(page, 'demo-unlock');
  }, 120_000);
});

describe('recipients in Chromium', () => {
  it('adds, edits and deletes recipients; one with handoffs is archived first, then kept as a record', async () => {
    const { page, dispatch } = await openApp(suite.browser, suite.url, {
      seed: async ({ session, dispatch, platform, workDir }) => {
        await session.createVault({
          path: join(workDir, 'r.tokenvault'),
          password: TEST_PASSWORD,
          operator: 'Alice Admin',
        });
        const vault = session.requireVault();
        const account = vault.accounts.create({ name: 'Other platforms' });
        const token = vault.tokens.create({
          accountId: account.id,
          name: 'Slack alerts',
          value: generateTokenValue(),
        });
        const acme = await mainCall(dispatch, 'createRecipient', { name: 'Acme Agency' });
        await mainCall(dispatch, 'exportHandoff', {
          recipientId: acme.id,
          tokenIds: [token.id],
          fields: ['value'],
          outPath: await pickFile(dispatch, platform, 'chooseBundleFile', join(workDir, 'for-acme.zip')),
          channel: 'sms',
        });
      },
    });
    const recipientNamed = async (name: string) =>
      (await mainCall(dispatch, 'listRecipients', {})).find((r) => r.name === name);

    // Only information here (a token never used, one an agency holds): nothing opens by itself after unlock.
    await page.getByRole('button', { name: 'Recipients' }).waitFor();
    await page.getByRole('listbox', { name: 'Tokens' }).waitFor();
    await page.waitForTimeout(300);
    expect(await page.getByRole('dialog').count()).toBe(0);

    await page.getByRole('button', { name: 'Recipients' }).click();
    const people = page.getByRole('dialog', { name: 'Recipients: who holds what' });

    // Add.
    await people.getByRole('button', { name: 'Add recipient…' }).click();
    const add = page.getByRole('dialog', { name: 'Add a recipient' });
    await add.getByLabel('Name', { exact: true }).fill('Bright Studio');
    await add.getByLabel('Organisation').fill('Bright Ltd');
    await add.getByLabel('Email').fill('ops@bright.example');
    await add.getByRole('button', { name: 'Add recipient', exact: true }).click();
    await people.getByText('Added Bright Studio.').waitFor();
    expect(await recipientNamed('Bright Studio')).toMatchObject({
      organisation: 'Bright Ltd',
      email: 'ops@bright.example',
    });

    // Edit: the form starts from the saved details.
    await people.getByRole('button', { name: 'Edit', exact: true }).click();
    const edit = page.getByRole('dialog', { name: 'Edit Bright Studio' });
    expect(await edit.getByLabel('Email').inputValue()).toBe('ops@bright.example');
    await edit.getByLabel('Organisation').fill('Bright Studio Ltd');
    await edit.getByLabel('Phone').fill('+44 20 7946 0000');
    await edit.getByLabel('Notes').fill('Runs the spring campaign site.');
    await expectAccessible(page, 'recipient edit');
    await screenshot(page, 'recipients-edit');
    await edit.getByRole('button', { name: 'Save' }).click();
    await people.getByText('Saved the details of Bright Studio.').waitFor();
    expect(await recipientNamed('Bright Studio')).toMatchObject({
      organisation: 'Bright Studio Ltd',
      phone: '+44 20 7946 0000',
      notes: 'Runs the spring campaign site.',
    });
    expect(await people.textContent()).toContain('Bright Studio Ltd');

    // A name already taken is refused with core's sentence, and nothing changes.
    await people.getByRole('button', { name: 'Edit', exact: true }).click();
    await edit.getByLabel('Name', { exact: true }).fill('acme agency');
    await edit.getByRole('button', { name: 'Save' }).click();
    await edit
      .getByRole('alert')
      .getByText(/already exists/)
      .waitFor();
    await edit.getByRole('button', { name: 'Cancel' }).click();
    expect(await recipientNamed('Bright Studio')).toBeDefined();

    // Delete one that never received a handoff: removed.
    await people.getByRole('button', { name: 'Delete…' }).click();
    const deleteBright = page.getByRole('dialog', { name: 'Delete Bright Studio?' });
    await deleteBright.getByRole('button', { name: 'Delete recipient' }).click();
    await people.getByText('Deleted Bright Studio.').waitFor();
    expect(await recipientNamed('Bright Studio')).toBeUndefined();
    expect(await people.getByRole('list', { name: 'Recipients' }).textContent()).not.toContain('Bright');

    // One with a handoff: core refuses until it is archived, and says so.
    await people.getByRole('button', { name: /^Acme Agency/ }).click();
    await people.getByRole('button', { name: 'Delete…' }).click();
    const deleteAcme = page.getByRole('dialog', { name: 'Delete Acme Agency?' });
    await deleteAcme.getByRole('button', { name: 'Delete recipient' }).click();
    await deleteAcme
      .getByRole('alert')
      .getByText(
        'Acme Agency received 1 handoff(s); archive the recipient first. An archived recipient can be deleted, and its handoffs stay on record.',
      )
      .waitFor();
    expect(await recipientNamed('Acme Agency')).toMatchObject({ archived: false, handoffCount: 1 });
    await screenshot(page, 'recipients-delete-refused');
    await deleteAcme.getByRole('button', { name: 'Keep Acme Agency' }).click();
    await deleteAcme.waitFor({ state: 'detached' });

    await people.getByRole('button', { name: 'Archive', exact: true }).click();
    await people.getByRole('button', { name: 'Acme Agency (archived)' }).waitFor();
    await people.getByRole('button', { name: 'Delete…' }).click();
    await deleteAcme.getByRole('button', { name: 'Delete recipient' }).click();
    await people
      .getByRole('status')
      .getByText(/Deleted Acme Agency: .*handoffs stay on record as “Acme Agency \(deleted\)”/)
      .waitFor();
    expect(await mainCall(dispatch, 'listRecipients', {})).toEqual([]);
    const [handoff] = await mainCall(dispatch, 'listHandoffs', {});
    expect(handoff!.recipient).toBe('Acme Agency (deleted)');
    expect(
      (await mainCall(dispatch, 'tokenHolders', { id: handoff!.tokens[0]!.id })).map((h) => h.recipient),
    ).toEqual(['Acme Agency (deleted)']);

    // Opened by hand with nothing critical, the report lists the information and stays open until closed.
    await people.getByRole('button', { name: 'Close' }).first().click();
    await page.getByRole('button', { name: 'Health' }).click();
    const health = page.getByRole('dialog', { name: 'What needs your attention' });
    await health.getByRole('heading', { name: 'For information (2)' }).waitFor();
    expect(await health.textContent()).toMatch(/handed to Acme Agency \(deleted\)/);
    await expectAccessible(page, 'health by hand');
    await health.getByRole('button', { name: 'Close', exact: true }).last().click();
    await health.waitFor({ state: 'detached' });
  }, 120_000);

  it('says all is well when nothing needs attention', async () => {
    const { page } = await openApp(suite.browser, suite.url, {
      seed: async ({ session, workDir }) => {
        await session.createVault({
          path: join(workDir, 'empty.tokenvault'),
          password: TEST_PASSWORD,
          operator: 'Alice Admin',
        });
      },
    });
    await page.getByRole('button', { name: 'Health' }).click();
    const health = page.getByRole('dialog', { name: 'What needs your attention' });
    await health.getByText(/All is well: none of the 0 tokens needs your attention/).waitFor();
  }, 60_000);
});
