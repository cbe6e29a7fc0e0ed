import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import type { Vault } from '../../src/main/core/vault/vault';
import { makeBenchTokens } from '../../bench/dataset';
import { openApp, screenshot } from '../helpers/e2e-harness';
import { expectAccessible, poll, useRendererSuite } from '../helpers/e2e-suite';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

// A 300-token and a 10,000-token vault as an admin sees them: screenshots to look at, and axe on each screen.

const suite = useRendererSuite();
const DAY_MS = 86_400_000;
const tokenList = (page: Page) => page.getByRole('listbox', { name: 'Tokens' });

/** Tokens over several platforms, some with clocks running (expired, expiring, disabled for inactivity). */
function seedMixed(vault: Vault, count: number) {
  const generic = vault.accounts.create({ name: 'Agency integrations', notes: 'Tokens our agencies use.' });
  const en = vault.accounts.create({ name: 'Engaging Networks (main)', profile: 'engaging-networks' });
  const on24 = vault.accounts.create({ name: 'ON24 webinars', profile: 'on24' });
  const emplifi = vault.accounts.create({ name: 'Emplifi brand', profile: 'emplifi' });
  vault.tokens.importMany(
    generic.id,
    makeBenchTokens(count - 30).map(({ name, value, description, assignedTo, keyId }) => ({
      name,
      value,
      description,
      assignedTo,
      keyId,
    })),
  );
  for (let i = 1; i <= 10; i++) {
    vault.tokens.create({
      accountId: en.id,
      name: `Private token ${i}`,
      kind: 'private',
      value: generateTokenValue(),
      assignedTo: `user${i}@example.org`,
    });
  }
  for (let i = 1; i <= 12; i++) {
    const token = vault.tokens.create({
      accountId: on24.id,
      name: `Zendesk webinar producer ${i}`,
      value: generateTokenValue(),
      keyId: `TK-${i}`,
      assignedTo: `producer${i}@example.org`,
    });
    if (i % 3 === 0) vault.lifecycle.recordActivity(token.id, { at: new Date(Date.now() - 58 * DAY_MS) });
    if (i % 4 === 0) vault.lifecycle.recordActivity(token.id, { at: new Date(Date.now() - 65 * DAY_MS) });
  }
  for (let i = 1; i <= 8; i++) {
    const token = vault.tokens.create({
      accountId: emplifi.id,
      name: `Reviews feed ${i}`,
      value: generateTokenValue(),
      description: `Bearer token for feed ${i}.`,
    });
    if (i === 2) vault.lifecycle.setExpiry(token.id, new Date(Date.now() - 2 * DAY_MS));
    if (i === 3) vault.lifecycle.setExpiry(token.id, new Date(Date.now() + 5 * DAY_MS));
    if (i === 4) vault.lifecycle.invalidate(token.id);
  }
}

async function openSeeded(count: number) {
  const app = await openApp(suite.browser, suite.url);
  await app.session.createVault({
    path: join(app.workDir, `vault-${count}.tokenvault`),
    password: TEST_PASSWORD,
    operator: 'Alice Admin',
  });
  seedMixed(app.session.requireVault(), count);
  await app.page.reload();
  return app;
}

describe('a 300-token and a 10,000-token vault', { timeout: 180_000 }, () => {
  it('300 tokens: health after unlock, the list, grouped, a token, shortcuts, account edit; axe on each', async () => {
    const { page } = await openSeeded(300);
    const health = page.getByRole('dialog', { name: 'What needs your attention' });
    await health.waitFor();
    await expectAccessible(page, 'health, 300 tokens');
    await screenshot(page, '40-300-health');
    await page.keyboard.press('Escape');
    await poll(() => page.locator('.filters [aria-live]').textContent()).toBe('300 tokens');
    await expectAccessible(page, 'list, 300 tokens');
    await screenshot(page, '41-300-list');

    await page.getByRole('button', { name: /^ON24 webinars/ }).click();
    await tokenList(page).getByRole('option').first().click();
    await page.locator('#detail-title').waitFor();
    await expectAccessible(page, 'ON24 token, 300 tokens');
    await screenshot(page, '42-300-on24-detail');

    await page.getByRole('button', { name: /^All tokens/ }).click();
    await page.getByLabel('Group by account').check();
    await page.getByLabel('Sort by').selectOption('last-activity');
    await poll(() => tokenList(page).locator('.token-group-heading').first().textContent()).toBe(
      'Agency integrations',
    );
    await expectAccessible(page, 'grouped, 300 tokens');
    await screenshot(page, '43-300-grouped');

    await page.getByRole('button', { name: /^Emplifi brand/ }).click();
    await page.getByRole('button', { name: 'Rename or change notes…' }).click();
    await page.getByRole('dialog', { name: /Edit the account/ }).waitFor();
    await expectAccessible(page, 'edit account');
    await screenshot(page, '44-300-edit-account');
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: 'Hand over…' }).click();
    const wizard = page.getByRole('dialog', { name: 'Hand tokens to an agency' });
    await wizard.getByText('Showing 200 of 300 tokens: type to narrow them down.').waitFor();
    // The wizard fits the 800-pixel window whole: no scroll of the dialog around the token list's own.
    const box = await wizard.boundingBox();
    expect(box!.height).toBeLessThanOrEqual(800);
    expect(
      await wizard.evaluate((dialog) => {
        const element = dialog as unknown as { scrollHeight: number; clientHeight: number };
        return element.scrollHeight <= element.clientHeight;
      }),
    ).toBe(true);
    await expectAccessible(page, 'handoff wizard, 300 tokens');
    await screenshot(page, '45-300-handoff');
  });

  it('10,000 tokens: the list and a search, with the shortcut sheet; axe on each', async () => {
    const { page } = await openSeeded(10_000);
    const health = page.getByRole('dialog', { name: 'What needs your attention' });
    await health.waitFor({ timeout: 60_000 });
    await page.keyboard.press('Escape');
    await poll(() => page.locator('.filters [aria-live]').textContent()).toBe('10000 tokens');
    const first = tokenList(page).getByRole('option').first();
    expect(await first.getAttribute('aria-setsize')).toBe('10000');
    await expectAccessible(page, 'list, 10,000 tokens');
    await screenshot(page, '46-10k-list');
    await page.getByLabel('Search tokens').fill('zendesk');
    await page.keyboard.press('Enter');
    await page.locator('#detail-title').waitFor();
    await screenshot(page, '47-10k-search');
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await expectAccessible(page, 'shortcuts, 10,000 tokens');
    await screenshot(page, '48-10k-shortcuts');
  });
});
