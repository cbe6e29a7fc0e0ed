import { afterEach, describe, expect, it } from 'vitest';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { planToHtml, planToMarkdown } from '../../src/main/core/rotation/rotation-checklist';
import { Vault } from '../../src/main/core/vault/vault';
import { ROTATION_VALUES, seedAgencyHoldings } from '../helpers/rotation-fixture';
import { createTestVault, TEST_PASSWORD } from '../helpers/vault-fixture';

let open: Vault | undefined;
afterEach(() => open?.lock());

async function setup() {
  const created = await createTestVault();
  open = created.vault;
  return { ...created, ...(await seedAgencyHoldings(created.vault)) };
}

const NEW_EN_VALUE = 'EN-new-value-issued-by-the-platform-42';

describe('rotation plans', () => {
  it('engagement ended: one step per held token with its guide; steps recorded through the lifecycle, resumable, complete', async () => {
    const { vault, dir, enToken, on24Token, emplifiToken, kept } = await setup();
    const eventsBefore = vault.events.count();
    const plan = vault.rotations.startForRecipient('Acme Agency');
    expect(vault.events.count()).toBe(eventsBefore + 1);
    expect(plan).toMatchObject({
      title: 'Acme Agency',
      reason: 'engagement-ended',
      doneCount: 0,
      stepCount: 3,
    });
    expect(plan.progress).toBe('0 of 3 rotated for Acme Agency');
    expect(plan.steps.map((s) => [s.tokenName, s.platform, s.canGenerate, s.offOperation])).toEqual([
      ['Supporter export', 'Engaging Networks', false, 'invalidate'],
      ['Salesforce', 'ON24', false, 'disable'],
      ['Carousel feed', 'Emplifi', false, 'invalidate'],
    ]);
    expect(plan.steps.map((s) => s.tokenId)).not.toContain(kept.id);
    expect(plan.steps[0]!.guides.regenerate.where).toContain('Account Settings > Tokens');
    expect(() => vault.rotations.startForRecipient('Acme Agency')).toThrow(
      /Rotation plan \d+ for Acme Agency is not finished \(0 of 3 rotated for Acme Agency\); resume it/,
    );
    // The plan is found by the recipient, not by the name it had: renamed, it is still theirs to resume.
    expect(vault.rotations.unfinishedForRecipient('Acme Agency')).toMatchObject({
      id: plan.id,
      doneCount: 0,
    });
    const acme = vault.recipients.resolve('Acme Agency');
    vault.useCases.editRecipient(acme.id, { name: 'Acme Agency Ltd' });
    expect(vault.rotations.unfinishedForRecipient(acme.id)).toMatchObject({ id: plan.id });
    vault.useCases.editRecipient(acme.id, { name: 'Acme Agency' });

    // The platform issues the value: generating one here is refused with a sentence, nothing recorded.
    const beforeRefusal = vault.events.count();
    expect(() =>
      vault.rotations.recordStep({ planId: plan.id, tokenId: enToken.id, outcome: 'generated' }),
    ).toThrow(/Engaging Networks issues the values of its private tokens itself: paste the value it issued/);
    expect(vault.events.count()).toBe(beforeRefusal);

    const afterFirst = vault.rotations.recordStep({
      planId: plan.id,
      tokenId: enToken.id,
      outcome: 'new-value',
      value: NEW_EN_VALUE,
    });
    expect(afterFirst.progress).toBe('1 of 3 rotated for Acme Agency');
    expect(vault.tokens.reveal(enToken.id, 'reveal')).toBe(NEW_EN_VALUE);
    expect(
      vault.tokens
        .history(enToken.id)
        .map((e) => e.kind)
        .slice(-3),
    ).toEqual(['Regenerated', 'RotationStepRecorded', 'Revealed']);
    expect(() =>
      vault.rotations.recordStep({ planId: plan.id, tokenId: enToken.id, outcome: 'invalidated' }),
    ).toThrow(/already done in this plan/);

    // Health shows the unfinished plan; progress survives a lock and a fresh open.
    const health = vault.health.report();
    const item = health.items.find((i) => i.kind === 'rotation-unfinished')!;
    expect(item).toMatchObject({ severity: 'warning', planId: plan.id });
    expect(item.message).toBe(
      `1 of 3 rotated for Acme Agency: 2 tokens still to rotate on ON24, Emplifi (rotation plan ${plan.id}).`,
    );
    expect(item.tokens.map((t) => t.id)).toEqual([on24Token.id, emplifiToken.id]);
    vault.lock();
    open = await Vault.open(dir, { password: TEST_PASSWORD });
    const reopened = open;
    expect(reopened.rotations.get(plan.id).progress).toBe('1 of 3 rotated for Acme Agency');

    // ON24 switched off there is recorded as disabled; Emplifi's as invalidated.
    reopened.rotations.recordStep({ planId: plan.id, tokenId: on24Token.id, outcome: 'invalidated' });
    expect(reopened.tokens.get(on24Token.id)).toMatchObject({ enabled: false, status: 'active' });
    const done = reopened.rotations.recordStep({
      planId: plan.id,
      tokenId: emplifiToken.id,
      outcome: 'invalidated',
    });
    expect(reopened.tokens.get(emplifiToken.id).status).toBe('inactive');
    expect(done.completedAt).not.toBeNull();
    expect(done.progress).toBe('3 of 3 rotated for Acme Agency');
    expect(reopened.health.report().items.some((i) => i.kind === 'rotation-unfinished')).toBe(false);
    expect(() =>
      reopened.rotations.recordStep({ planId: plan.id, tokenId: emplifiToken.id, outcome: 'deleted' }),
    ).toThrow(/is complete/);
    const kinds = reopened.events
      .recent(1000)
      .map((e) => e.kind)
      .reverse();
    expect(kinds.filter((k) => k.startsWith('Rotation'))).toEqual([
      'RotationPlanStarted',
      'RotationStepRecorded',
      'RotationStepRecorded',
      'RotationStepRecorded',
      'RotationPlanCompleted',
    ]);
    expect(reopened.verify().ok).toBe(true);
    // A new plan may start once the last one is complete, but Acme holds nothing current any more.
    expect(() => reopened.rotations.startForRecipient('Acme Agency')).toThrow(
      /holds the current value of no token that is still switched on/,
    );
  });

  it('engagement ended: the summary the app shows holds exactly the plan; held tokens already off are named with why', async () => {
    const { vault, enToken, on24Token, emplifiToken } = await setup();
    vault.lifecycle.invalidate(emplifiToken.id);
    vault.lifecycle.disable(on24Token.id);
    const summary = vault.handoffs.engagementPlanSummary('Acme Agency');
    expect(summary.toRotate.map((token) => token.name)).toEqual(['Supporter export']);
    expect(summary.alreadyOff.map(({ name, state }) => [name, state]).sort()).toEqual([
      ['Carousel feed', 'invalidated'],
      ['Salesforce', 'disabled'],
    ]);
    const plan = vault.rotations.startForRecipient('Acme Agency');
    expect(plan.steps.map((step) => step.tokenId)).toEqual(summary.toRotate.map((token) => token.tokenId));
    expect(plan.steps.map((step) => step.tokenId)).toEqual([enToken.id]);
    // Engaging Networks' only "off" is the reset the step asks for: the checklist offers deleting it there instead.
    expect(planToMarkdown(plan)).toContain(
      'Or delete it there instead: Hello menu \\> Account Settings \\> Tokens \\> delete icon.',
    );
    expect(planToHtml(plan)).not.toContain('Or switch it off there instead: reset');
  });

  it('a selection: generate where the platform accepts it, deleted there, a token gone from the vault', async () => {
    const { vault, kept, emplifiToken, enToken } = await setup();
    const plan = vault.rotations.startForTokens([kept.id, emplifiToken.id, enToken.id, kept.id]);
    expect(plan).toMatchObject({ title: '3 selected tokens', reason: 'selection', stepCount: 3 });
    expect(plan.progress).toBe(`0 of 3 rotated in plan ${plan.id} (3 selected tokens)`);
    expect(plan.steps[0]!.canGenerate).toBe(true);
    const before = vault.tokens.get(kept.id).generatedAt;
    vault.rotations.recordStep({ planId: plan.id, tokenId: kept.id, outcome: 'generated' });
    expect(vault.tokens.reveal(kept.id, 'reveal')).not.toBe(ROTATION_VALUES.kept);
    expect(vault.tokens.get(kept.id).previousValueCount).toBe(1);
    expect(vault.tokens.get(kept.id).generatedAt).not.toBe(before);

    vault.rotations.recordStep({ planId: plan.id, tokenId: emplifiToken.id, outcome: 'deleted' });
    expect(() => vault.tokens.get(emplifiToken.id)).toThrow();
    // Deleted outside the plan: only "deleted" is left to record, and it changes nothing else.
    vault.lifecycle.delete(enToken.id, { force: true });
    const view = vault.rotations.get(plan.id);
    expect(view.steps[2]).toMatchObject({ stillInVault: false, tokenName: 'Supporter export' });
    expect(() =>
      vault.rotations.recordStep({
        planId: plan.id,
        tokenId: enToken.id,
        outcome: 'new-value',
        value: 'x'.repeat(20),
      }),
    ).toThrow(
      /no longer in the vault; the only thing left to record is that it was deleted on Engaging Networks/,
    );
    expect(
      vault.rotations.recordStep({ planId: plan.id, tokenId: enToken.id, outcome: 'deleted' }).completedAt,
    ).not.toBeNull();
    expect(() => vault.rotations.recordStep({ planId: 999, tokenId: 1, outcome: 'deleted' })).toThrow(
      /no rotation plan 999/,
    );
    expect(() => vault.rotations.startForTokens([])).toThrow(/at least one token/);
    expect(() => vault.rotations.startForTokens([99_999])).toThrow();
  });

  it("Emplifi's primary can only be replaced: its step offers no 'switched off there'", async () => {
    const { vault } = await setup();
    const account = vault.accounts.create({ name: 'Emplifi main', profile: 'emplifi' });
    const primary = vault.tokens.create({
      accountId: account.id,
      name: 'Primary bearer',
      role: 'primary',
      value: generateTokenValue(),
    });
    const plan = vault.rotations.startForTokens([primary.id]);
    expect(plan.steps.map((s) => [s.tokenName, s.offOperation])).toEqual([['Primary bearer', null]]);
  });

  it('a refused step changes nothing: the token, the step and the history stay as they were', async () => {
    const { vault, on24Token } = await setup();
    const plan = vault.rotations.startForTokens([on24Token.id]);
    const events = vault.events.count();
    expect(() =>
      vault.rotations.recordStep({ planId: plan.id, tokenId: on24Token.id, outcome: 'new-value' }),
    ).toThrow(/Paste the new value ON24 issued/);
    expect(() =>
      vault.rotations.recordStep({
        planId: plan.id,
        tokenId: on24Token.id,
        outcome: 'new-value',
        value: 'bad\u0000',
      }),
    ).toThrow();
    expect(vault.events.count()).toBe(events);
    expect(vault.rotations.get(plan.id).doneCount).toBe(0);
    expect(vault.tokens.reveal(on24Token.id, 'reveal')).toBe(ROTATION_VALUES.on24);
  });

  it('exports a checklist (Markdown and a printable page) with the guides and no secret', async () => {
    const { vault, enToken } = await setup();
    const plan = vault.rotations.startForRecipient('Acme Agency');
    const fresh = generateTokenValue();
    vault.rotations.recordStep({ planId: plan.id, tokenId: enToken.id, outcome: 'new-value', value: fresh });
    const view = vault.rotations.get(plan.id);
    const markdown = planToMarkdown(view);
    const html = planToHtml(view);
    expect(markdown).toContain(`# Rotation plan ${plan.id}: Acme Agency`);
    expect(markdown).toMatch(
      /- \[x\] \*\*Supporter export \(EN main, Engaging Networks\)\*\*: done \d{4}-\d\d-\d\d/,
    );
    expect(markdown).toContain('- [ ] **Salesforce (ON24 webinars, ON24)**: to do');
    expect(markdown).toContain('Who: an ON24 user with the Manage User permission');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('☐</span> Carousel feed (Reviews site, Emplifi)');
    expect(html).not.toMatch(/<script/i);
    for (const secret of [...Object.values(ROTATION_VALUES), fresh]) {
      expect(markdown).not.toContain(secret);
      expect(html).not.toContain(secret);
    }
  });

  it('checklist dates are UTC days, whatever the time zone (run under TZ east and west of UTC)', async () => {
    const { vault, kept } = await setup();
    const late = new Date('2026-03-01T23:30:00Z');
    const plan = vault.rotations.startForTokens([kept.id], { now: late });
    const done = vault.rotations.recordStep({
      planId: plan.id,
      tokenId: kept.id,
      outcome: 'generated',
      now: new Date('2026-03-02T00:15:00Z'),
    });
    expect(planToMarkdown(done)).toContain('Started 2026-03-01 (UTC), complete 2026-03-02 (UTC).');
    expect(planToMarkdown(done)).toContain('done 2026-03-02 (UTC): new value generated here');
    expect(planToHtml(done)).toContain('Started 2026-03-01 (UTC), complete 2026-03-02 (UTC).');
  });

  it('a hostile token name is escaped in both checklists', async () => {
    const { vault } = await setup();
    const account = vault.accounts.create({ name: 'Other', profile: 'generic' });
    const token = vault.tokens.create({
      accountId: account.id,
      name: '<img src=x onerror=alert(1)> *bold*',
      value: generateTokenValue(),
    });
    const view = vault.rotations.startForTokens([token.id]);
    expect(planToHtml(view)).not.toContain('<img');
    expect(planToHtml(view)).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(planToMarkdown(view)).toContain('\\<img src=x onerror=alert(1)\\> \\*bold\\*');
  });
});
