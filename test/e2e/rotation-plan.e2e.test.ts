import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApp, screenshot } from '../helpers/e2e-harness';
import { expectAccessible, poll, useRendererSuite } from '../helpers/e2e-suite';
import { ROTATION_VALUES, seedAgencyHoldings } from '../helpers/rotation-fixture';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

const suite = useRendererSuite();
/** Whether the keyboard focus is inside the element, read in the page (this file is compiled without the DOM library). */
const holdsFocus = (el: { contains(node: unknown): boolean }) =>
  el.contains((globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement);

const NEW_EN_VALUE = 'EN-value-reset-on-the-platform-after-acme-31';
const NEW_ON24_SECRET = 'ON24-secret-provisioned-after-acme-77';

describe('a rotation plan in Chromium', () => {
  it('engagement ended for Acme (Engaging Networks, ON24, Emplifi): plan, steps with guides, lock and unlock, health, completion', async () => {
    const { page, session, platform, workDir } = await openApp(suite.browser, suite.url);
    await session.createVault({
      path: join(workDir, 'r.tokenvault'),
      password: TEST_PASSWORD,
      operator: 'Alice Admin',
    });
    const vault = session.requireVault();
    const ids = await seedAgencyHoldings(vault);
    await page.reload();
    await page.getByRole('listbox', { name: 'Tokens' }).waitFor();

    // Engagement ended: the held tokens are listed before any plan exists.
    await page.getByRole('button', { name: 'Recipients' }).click();
    const people = page.getByRole('dialog', { name: 'Recipients: who holds what' });
    await people.getByRole('button', { name: /Acme Agency/ }).click();
    await people.getByRole('button', { name: 'Engagement ended…' }).click();
    const ending = page.getByRole('dialog', { name: 'Engagement ended: rotate what Acme Agency holds' });
    await poll(() =>
      ending.getByRole('list', { name: 'Tokens to rotate' }).getByRole('listitem').allTextContents(),
    ).toEqual(['Carousel feed', 'Salesforce', 'Supporter export']);
    await expectAccessible(page, 'engagement ended');
    await screenshot(page, '30-engagement-ended-plan');
    await ending.getByRole('button', { name: 'Start the rotation plan' }).click();

    const plan = page.getByRole('dialog', { name: 'Rotation plan: Acme Agency' });
    await poll(() => plan.locator('#rotation-progress').textContent()).toMatch(
      '0 of 3 rotated for Acme Agency.',
    );
    // Focus moved into the plan, not left on the Recipients dialog behind it.
    expect(await plan.evaluate(holdsFocus)).toBe(true);
    const steps = plan.getByRole('list', { name: 'Steps' });
    const step = (name: RegExp) =>
      steps.getByRole('listitem').filter({ has: page.getByRole('heading', { name }) });
    // Each step leads with its platform's guide.
    await poll(() => step(/Supporter export/).textContent()).toMatch(
      'Reset it on Engaging Networks: Hello menu > Account Settings > Tokens > reset icon.',
    );
    expect(await step(/Supporter export/).textContent()).toContain(
      'a Super Admin of the Engaging Networks account',
    );
    expect(await step(/Salesforce/).textContent()).toContain('Platform Tools > Integrations > API Tokens');
    expect(await step(/Carousel feed/).textContent()).toContain('Settings > API access > Regenerate');
    // None of these platforms takes a value set here: nothing offers to generate one.
    expect(await plan.getByRole('button', { name: /Generate one here/ }).count()).toBe(0);
    await expectAccessible(page, 'rotation plan');
    await screenshot(page, '31-rotation-plan');

    // Engaging Networks: reset there, paste the value it showed.
    await step(/Supporter export/)
      .getByLabel('New value Engaging Networks issued')
      .fill(NEW_EN_VALUE);
    await step(/Supporter export/)
      .getByRole('button', { name: 'Record the new value' })
      .click();
    await poll(() => plan.locator('#rotation-progress').textContent()).toMatch(
      '1 of 3 rotated for Acme Agency.',
    );
    // Focus moved on to the next step still to do.
    await poll(() =>
      page.evaluate(
        () =>
          (globalThis as unknown as { document: { activeElement: { textContent: string | null } | null } })
            .document.activeElement?.textContent ?? '',
      ),
    ).toMatch(/Salesforce/);
    expect(vault.tokens.reveal(ids.enToken.id, 'reveal')).toBe(NEW_EN_VALUE);
    await screenshot(page, '32-rotation-plan-one-done');

    // Stop here: lock, unlock. The plan is in the vault and health says so.
    await plan.getByRole('button', { name: 'Close (resume later)' }).click();
    await plan.waitFor({ state: 'detached' });
    // Back in the Recipients dialog it came from, whose control it replaced.
    await poll(() => people.evaluate(holdsFocus)).toBe(true);
    await page.keyboard.press('Escape');
    await poll(() => page.locator('.backdrop').count()).toBe(0);
    await page.keyboard.press('Control+l');
    await page.getByRole('heading', { name: /Unlock/ }).waitFor();
    expect(await page.content()).not.toContain('Supporter export');
    await page.getByLabel('Master password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Unlock' }).click();
    const health = page.getByRole('dialog', { name: 'What needs your attention' });
    await poll(() => health.textContent()).toMatch(
      /1 of 3 rotated for Acme Agency: 2 tokens still to rotate on ON24, Emplifi \(rotation plan \d+\)\./,
    );
    await expectAccessible(page, 'health with an unfinished plan');
    await screenshot(page, '33-health-unfinished-plan');
    await health.getByRole('button', { name: /Resume rotation plan/ }).click();

    const resumed = page.getByRole('dialog', { name: 'Rotation plan: Acme Agency' });
    await poll(() => resumed.locator('#rotation-progress').textContent()).toMatch(
      '1 of 3 rotated for Acme Agency.',
    );
    const resumedStep = (name: RegExp) =>
      resumed
        .getByRole('list', { name: 'Steps' })
        .getByRole('listitem')
        .filter({ has: page.getByRole('heading', { name }) });
    // ON24: a new pair provisioned for the login; its secret pasted.
    await resumedStep(/Salesforce/)
      .getByLabel('New value ON24 issued')
      .fill(NEW_ON24_SECRET);
    await resumedStep(/Salesforce/)
      .getByRole('button', { name: 'Record the new value' })
      .click();
    await poll(() => resumed.locator('#rotation-progress').textContent()).toMatch(
      '2 of 3 rotated for Acme Agency.',
    );

    // Save the checklist and the printable page: no value in either.
    platform.saveFileAnswer = join(workDir, 'acme-plan.md');
    await resumed.getByRole('button', { name: 'Save checklist…' }).click();
    await resumed.getByText(/Saved .*acme-plan\.md: a Markdown checklist/).waitFor();
    platform.saveFileAnswer = join(workDir, 'acme-plan.html');
    await resumed.getByRole('button', { name: 'Save page to print…' }).click();
    await resumed.getByText(/Saved .*acme-plan\.html: a page to print/).waitFor();
    const markdown = readFileSync(join(workDir, 'acme-plan.md'), 'utf8');
    const html = readFileSync(join(workDir, 'acme-plan.html'), 'utf8');
    expect(markdown).toContain('- [ ] **Carousel feed (Reviews site, Emplifi)**: to do');
    expect(html).toContain('☑</span> Salesforce (ON24 webinars, ON24)');
    for (const secret of [...Object.values(ROTATION_VALUES), NEW_EN_VALUE, NEW_ON24_SECRET]) {
      expect(markdown).not.toContain(secret);
      expect(html).not.toContain(secret);
    }
    // The printable page, as it prints.
    const printPage = await page.context().newPage();
    await printPage.setContent(html);
    await printPage.emulateMedia({ media: 'print' });
    await screenshot(printPage, '34-rotation-checklist-print');
    await printPage.close();

    // Emplifi: invalidated on the API access page.
    await resumedStep(/Carousel feed/)
      .getByRole('button', { name: 'Invalidated there' })
      .click();
    await poll(() => resumed.locator('#rotation-progress').textContent()).toMatch(
      '3 of 3 rotated for Acme Agency.',
    );
    await poll(() => resumed.textContent()).toMatch('Every token is rotated or switched off on its platform');
    await expectAccessible(page, 'rotation plan complete');
    await screenshot(page, '35-rotation-plan-complete');
    // The unlock opened the vault again: read through the session's current one.
    const unlocked = session.requireVault();
    expect(unlocked.tokens.get(ids.emplifiToken.id).status).toBe('inactive');
    expect(unlocked.tokens.reveal(ids.on24Token.id, 'reveal')).toBe(NEW_ON24_SECRET);
    expect(await page.content()).not.toContain(NEW_ON24_SECRET);
    await resumed.getByRole('button', { name: 'Done' }).click();

    // Health no longer shows the plan.
    await page.getByRole('button', { name: 'Health' }).click();
    const after = page.getByRole('dialog', { name: 'What needs your attention' });
    await poll(() => after.textContent()).toMatch(/across 4 tokens/);
    expect(await after.textContent()).not.toMatch(/rotated for Acme Agency/);
    expect(unlocked.verify().ok).toBe(true);
  }, 180_000);

  it('Rotate… on a chosen token; Invalidate asks first and shows the platform steps', async () => {
    const { page, session, workDir } = await openApp(suite.browser, suite.url);
    await session.createVault({
      path: join(workDir, 's.tokenvault'),
      password: TEST_PASSWORD,
      operator: 'Alice Admin',
    });
    const vault = session.requireVault();
    const ids = await seedAgencyHoldings(vault);
    await page.reload();
    const list = page.getByRole('listbox', { name: 'Tokens' });
    await list.getByRole('option', { name: /Carousel feed/ }).click();
    await page.getByRole('group', { name: 'Lifecycle' }).getByRole('button', { name: 'Invalidate…' }).click();
    const ask = page.getByRole('dialog', { name: '“Carousel feed”: invalidate it on Emplifi first' });
    await poll(() => ask.textContent()).toMatch(
      'Invalidate it on Emplifi: Settings > API access > Invalidate.',
    );
    expect(await ask.textContent()).toContain('Done there? Record it here.');
    await expectAccessible(page, 'invalidate on the platform first');
    await screenshot(page, '36-invalidate-platform-first');
    await ask.getByRole('button', { name: 'Not yet' }).click();
    expect(vault.tokens.get(ids.emplifiToken.id).status).toBe('active');

    await list.getByRole('option', { name: /Ops bot/ }).click();
    await page.getByRole('button', { name: 'Rotate…' }).click();
    const chooser = page.getByRole('dialog', { name: 'Rotate tokens' });
    await poll(() => chooser.getByLabel(/Ops bot/).isChecked()).toBe(true);
    await chooser.getByRole('button', { name: 'Start the plan' }).click();
    const plan = page.getByRole('dialog', { name: 'Rotation plan: 1 selected token' });
    await plan.getByRole('button', { name: 'Generate one here (to set there)' }).click();
    await plan
      .getByText(/1 of 1 rotated in plan \d+ \(1 selected token\)/)
      .first()
      .waitFor();
    expect(vault.tokens.reveal(ids.kept.id, 'reveal')).not.toBe(ROTATION_VALUES.kept);
    await plan.getByRole('button', { name: 'Done' }).click();
    await chooser.getByRole('button', { name: /View plan \d+/ }).waitFor();
    await screenshot(page, '37-rotate-chooser');
  }, 120_000);
});
