import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Vault } from '../../src/main/core/vault/vault';
import { ensureCliBuilt, runCli, type CliResult } from '../helpers/run-cli';
import { ROTATION_VALUES, seedAgencyHoldings } from '../helpers/rotation-fixture';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

beforeAll(() => ensureCliBuilt(), 120_000);

const MANY_PROCESSES_MS = 300_000;

function ok(result: CliResult): string {
  expect(result.code, result.stderr).toBe(0);
  return result.stdout.trim();
}

async function prepared() {
  const dir = makeTempDir();
  const passwordFile = join(dir, 'pw.txt');
  writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
  const path = join(dir, 'rotation.tokenvault');
  const { vault } = await Vault.create(path, { password: TEST_PASSWORD, operator: 'cli' });
  const ids = await seedAgencyHoldings(vault);
  vault.lock();
  const cli = (...args: string[]) => runCli(args, { env: { TOKENVAULT_PASSWORD_FILE: passwordFile } });
  return { dir, path, cli, ids };
}

function noSecretIn(...outputs: string[]): void {
  for (const output of outputs)
    for (const secret of Object.values(ROTATION_VALUES)) expect(output).not.toContain(secret);
}

describe('tokenvault guide', () => {
  it(
    "prints the steps on the token's platform, one action or all, as text or JSON",
    async () => {
      const { path, cli, ids } = await prepared();
      const text = ok(await cli('guide', path, String(ids.emplifiToken.id), '--action', 'invalidate'));
      expect(text).toBe(
        [
          `Token ${ids.emplifiToken.id} "Carousel feed" on Emplifi. Token Vault changes no platform: do it there, then record it here.`,
          '',
          'Invalidate or disable: Invalidate it on Emplifi: Settings > API access > Invalidate. Done there? Record it here.',
          '  Who: an Emplifi site admin or customer site manager.',
          '  Meanwhile: every integration using the token is refused access until it is validated again.',
          '  1. Open Settings > API access.',
          '  2. Press Invalidate on the token: its Active box empties.',
          '  3. Record here that it is invalidated.',
        ].join('\n'),
      );
      const json = JSON.parse(ok(await cli('guide', path, String(ids.on24Token.id), '--json')));
      expect(json).toMatchObject({
        tokenId: ids.on24Token.id,
        name: 'Salesforce',
        profile: 'on24',
        platform: 'ON24',
      });
      expect(json.guides.map((g: { action: string }) => g.action)).toEqual([
        'issue',
        'regenerate',
        'invalidate',
        'validate',
        'delete',
        'activity',
      ]);
      expect(json.guides[3]).toMatchObject({
        label: 'Validate or enable',
        where: 'Platform Tools > Integrations > API Tokens > Enable This Token',
        sentence:
          'Enable it on ON24: Platform Tools > Integrations > API Tokens > Enable This Token. Done there? Record it here.',
      });
      expect(Object.keys(json.guides[0]).sort()).toEqual(
        ['action', 'breaks', 'doIt', 'label', 'sentence', 'steps', 'where', 'who'].sort(),
      );
      const bad = await cli('guide', path, String(ids.on24Token.id), '--action', 'explode');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(
        /--action takes one of issue, regenerate, invalidate, validate, delete, activity/,
      );
      expect((await cli('guide', path, '999')).code).toBe(4);
    },
    MANY_PROCESSES_MS,
  );
});

describe('tokenvault rotation', () => {
  it(
    'start for a recipient, show, done (value file, invalidated), list, export; refusals exit with their codes',
    async () => {
      const { dir, path, cli, ids } = await prepared();
      const started = await cli('rotation', 'start', path, '--recipient', 'Acme Agency');
      const planId = ok(started);
      expect(planId).toMatch(/^\d+$/);
      expect(started.stderr).toContain('0 of 3 rotated for Acme Agency');

      const again = await cli('rotation', 'start', path, '--recipient', 'Acme Agency');
      expect(again.code).toBe(5);
      expect(again.stderr).toMatch(/is not finished \(0 of 3 rotated for Acme Agency\); resume it/);
      expect((await cli('rotation', 'start', path)).code).toBe(2);
      expect((await cli('rotation', 'start', path, '--recipient', 'A', '--token', '1')).code).toBe(2);
      expect((await cli('rotation', 'start', path, '--recipient', 'Nobody')).code).toBe(4);

      const shown = ok(await cli('rotation', 'show', path, planId));
      expect(shown.split('\n')[0]).toBe(
        `Rotation plan ${planId}: Acme Agency. 0 of 3 rotated for Acme Agency.`,
      );
      expect(shown).toContain(
        `[ ] token ${ids.enToken.id} "Supporter export" (EN main, Engaging Networks): to do`,
      );
      expect(shown).toContain(
        'Reset it on Engaging Networks: Hello menu > Account Settings > Tokens > reset icon.',
      );
      const view = JSON.parse(ok(await cli('rotation', 'show', path, planId, '--json')));
      expect(view).toMatchObject({
        id: Number(planId),
        title: 'Acme Agency',
        recipient: 'Acme Agency',
        stepCount: 3,
      });
      expect(Object.keys(view.steps[0]).sort()).toEqual(
        [
          'accountName',
          'canGenerate',
          'doneAt',
          'guides',
          'kind',
          'offOperation',
          'outcome',
          'platform',
          'position',
          'profileId',
          'role',
          'stillInVault',
          'tokenId',
          'tokenName',
        ].sort(),
      );

      const generate = await cli(
        'rotation',
        'done',
        path,
        planId,
        '--token',
        String(ids.enToken.id),
        '--generate',
      );
      expect(generate.code).toBe(5);
      expect(generate.stderr).toMatch(/issues the values of its private tokens itself/);
      expect((await cli('rotation', 'done', path, planId, '--token', String(ids.enToken.id))).code).toBe(2);
      expect(
        (
          await cli(
            'rotation',
            'done',
            path,
            planId,
            '--token',
            String(ids.enToken.id),
            '--deleted',
            '--invalidated',
          )
        ).code,
      ).toBe(2);
      // A FIFO is refused before any read (the command would otherwise wait for a writer forever).
      const fifo = join(dir, 'value.fifo');
      execFileSync('mkfifo', [fifo]);
      const fromFifo = await cli(
        'rotation',
        'done',
        path,
        planId,
        '--token',
        String(ids.enToken.id),
        '--value-file',
        fifo,
      );
      expect(fromFifo.code).toBe(2);
      expect(fromFifo.stderr).toMatch(/not a regular file/);
      const bigFile = join(dir, 'big.txt');
      writeFileSync(bigFile, 'x'.repeat(70_000));
      expect(
        (
          await cli(
            'rotation',
            'done',
            path,
            planId,
            '--token',
            String(ids.enToken.id),
            '--value-file',
            bigFile,
          )
        ).code,
      ).toBe(2);

      const newValue = join(dir, 'new-value.txt');
      writeFileSync(newValue, 'EN-value-issued-after-the-engagement-77\n');
      const first = ok(
        await cli(
          'rotation',
          'done',
          path,
          planId,
          '--token',
          String(ids.enToken.id),
          '--value-file',
          newValue,
        ),
      );
      expect(first).toBe(
        `Recorded for token ${ids.enToken.id} "Supporter export": new value from the platform recorded. 1 of 3 rotated for Acme Agency.`,
      );
      expect(ok(await cli('token', 'reveal', path, String(ids.enToken.id)))).toBe(
        'EN-value-issued-after-the-engagement-77',
      );

      const health = JSON.parse(ok(await cli('health', path, '--json')));
      expect(health.items.find((i: { kind: string }) => i.kind === 'rotation-unfinished')).toMatchObject({
        severity: 'warning',
        planId: Number(planId),
        message: `1 of 3 rotated for Acme Agency: 2 tokens still to rotate on ON24, Emplifi (rotation plan ${planId}).`,
      });
      expect(ok(await cli('health', path))).toContain('[rotation-unfinished] 1 of 3 rotated for Acme Agency');

      const md = join(dir, 'plan.md');
      expect(ok(await cli('rotation', 'export', path, planId, '--out', md))).toBe(
        `Wrote ${md} (Markdown checklist, no secret in it).`,
      );
      const markdown = readFileSync(md, 'utf8');
      expect(markdown).toContain('- [x] **Supporter export (EN main, Engaging Networks)**');
      expect(markdown).not.toContain('EN-value-issued-after-the-engagement-77');
      expect(statSync(md).mode & 0o777).toBe(0o600);
      expect((await cli('rotation', 'export', path, planId, '--out', md)).code).toBe(1);
      const page = join(dir, 'plan.html');
      expect(JSON.parse(ok(await cli('rotation', 'export', path, planId, '--out', page, '--json')))).toEqual({
        path: page,
        format: 'html',
      });
      expect(readFileSync(page, 'utf8')).toMatch(/^<!doctype html>/);
      const wrongName = await cli('rotation', 'export', path, planId, '--out', join(dir, 'plan.pdf'));
      expect(wrongName.code).toBe(2);
      expect(existsSync(join(dir, 'plan.pdf'))).toBe(false);

      ok(await cli('rotation', 'done', path, planId, '--token', String(ids.on24Token.id), '--invalidated'));
      const last = JSON.parse(
        ok(
          await cli(
            'rotation',
            'done',
            path,
            planId,
            '--token',
            String(ids.emplifiToken.id),
            '--invalidated',
            '--json',
          ),
        ),
      );
      expect(last).toMatchObject({ doneCount: 3, stepCount: 3, progress: '3 of 3 rotated for Acme Agency' });
      expect(last.completedAt).not.toBeNull();
      const list = ok(await cli('rotation', 'list', path));
      expect(list.split('\n')[0]).toMatch(/^ID\s+TITLE\s+STARTED\s+PROGRESS\s+STATUS$/);
      expect(list).toMatch(
        new RegExp(`^${planId}\\s+Acme Agency\\s+\\d{4}-\\d\\d-\\d\\d\\s+3/3\\s+complete`, 'm'),
      );
      const listed = JSON.parse(ok(await cli('rotation', 'list', path, '--json')));
      expect(listed).toHaveLength(1);
      expect(listed[0]).not.toHaveProperty('steps');
      const after = await cli(
        'rotation',
        'done',
        path,
        planId,
        '--token',
        String(ids.emplifiToken.id),
        '--deleted',
      );
      expect(after.code).toBe(5);
      expect((await cli('rotation', 'show', path, '999')).code).toBe(4);
      expect(JSON.parse(ok(await cli('health', path, '--json'))).counts['rotation-unfinished']).toBe(0);
      const history = JSON.parse(ok(await cli('token', 'history', path, String(ids.on24Token.id), '--json')));
      expect(history.map((e: { kind: string }) => e.kind).slice(-2)).toEqual([
        'Disabled',
        'RotationStepRecorded',
      ]);
      noSecretIn(shown, first, list, markdown, JSON.stringify(view), JSON.stringify(last));
    },
    MANY_PROCESSES_MS,
  );

  it(
    'start for chosen tokens, --generate where the platform takes a set value',
    async () => {
      const { path, cli, ids } = await prepared();
      const plan = JSON.parse(
        ok(
          await cli(
            'rotation',
            'start',
            path,
            '--token',
            String(ids.kept.id),
            '--token',
            String(ids.on24Token.id),
            '--json',
          ),
        ),
      );
      expect(plan).toMatchObject({ title: '2 selected tokens', reason: 'selection', stepCount: 2 });
      const done = ok(
        await cli('rotation', 'done', path, String(plan.id), '--token', String(ids.kept.id), '--generate'),
      );
      expect(done).toMatch(/new value generated here and set on the platform\. 1 of 2 rotated in plan \d+/);
      expect(ok(await cli('token', 'reveal', path, String(ids.kept.id)))).not.toBe(ROTATION_VALUES.kept);
      const notInPlan = await cli(
        'rotation',
        'done',
        path,
        String(plan.id),
        '--token',
        String(ids.enToken.id),
        '--deleted',
      );
      expect(notInPlan.code).toBe(4);
    },
    MANY_PROCESSES_MS,
  );
});
