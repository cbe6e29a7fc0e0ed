import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { DAY_MS } from '../../src/main/core/profiles/token-clocks';
import { guideFor } from '../../src/shared/platform-guides';
import { Vault } from '../../src/main/core/vault/vault';
import { ensureCliBuilt, runCli, type CliResult } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

beforeAll(() => ensureCliBuilt(), 120_000);

const MANY_PROCESSES_MS = 300_000;

function ok(result: CliResult): string {
  expect(result.code, result.stderr).toBe(0);
  return result.stdout.trim();
}

/** A vault prepared in process (faster than through the CLI); the CLI is what each test exercises. */
async function prepared<T extends Record<string, number>>(setup: (vault: Vault) => T) {
  const dir = makeTempDir();
  const passwordFile = join(dir, 'pw.txt');
  writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
  const path = join(dir, 'life.tokenvault');
  const { vault } = await Vault.create(path, { password: TEST_PASSWORD, operator: 'cli' });
  const ids = setup(vault);
  vault.lock();
  const cli = (...args: string[]) => runCli(args, { env: { TOKENVAULT_PASSWORD_FILE: passwordFile } });
  const history = async (id: number) =>
    (JSON.parse(ok(await cli('token', 'history', path, String(id), '--json'))) as { kind: string }[]).map(
      (e) => e.kind,
    );
  return { dir, path, cli, ids, history };
}

function endpointDeleteStep(role: 'primary' | 'secondary'): string {
  const guide = guideFor('endpoint', 'delete', role);
  return `${guide.doIt} (${guide.where})`;
}

describe('tokenvault token lifecycle commands', { timeout: MANY_PROCESSES_MS }, () => {
  it('regenerate, validate/invalidate, enable/disable, activity, expires, purge: each recorded once', async () => {
    const value = generateTokenValue({ length: 40 });
    const { path, cli, ids, history } = await prepared((vault) => {
      const account = vault.accounts.create({ name: 'Main' });
      return { token: vault.tokens.create({ accountId: account.id, name: 'CRM', value }).id };
    });
    const id = String(ids.token);
    expect(ok(await cli('token', 'regenerate', path, id))).toBe(
      'Token 1 "CRM" has a new value generated here: set it on its platform and in what uses it; 1 previous value kept.',
    );
    const next = ok(await cli('token', 'reveal', path, id));
    expect(next).toMatch(/^[A-Za-z0-9]{40}$/);
    expect(next).not.toBe(value);
    expect(ok(await cli('token', 'invalidate', path, id))).toBe(
      'Recorded: token 1 "CRM" is invalidated on its platform.',
    );
    expect(ok(await cli('token', 'invalidate', path, id))).toBe(
      'Token 1 "CRM" was already recorded as invalidated.',
    );
    expect(ok(await cli('token', 'validate', path, id))).toBe(
      'Recorded: token 1 "CRM" is valid on its platform.',
    );
    expect(ok(await cli('token', 'disable', path, id))).toBe(
      'Recorded: token 1 "CRM" is disabled on its platform.',
    );
    expect(JSON.parse(ok(await cli('token', 'enable', path, id, '--json')))).toMatchObject({ enabled: true });
    expect(ok(await cli('token', 'activity', path, id, '--at', '2026-01-15'))).toMatch(
      /last activity 2026-01-15T00:00:00.000Z/,
    );
    const future = await cli('token', 'activity', path, id, '--at', '2999-01-01');
    expect(future.code).toBe(2);
    expect(future.stderr).toMatch(/An activity date cannot be in the future/);
    expect((await cli('token', 'activity', path, id, '--at', 'last tuesday')).code).toBe(2);
    expect(ok(await cli('token', 'expires', path, id, '2031-05-01'))).toBe(
      'Token 1 "CRM" expires 2031-05-01.',
    );
    expect(JSON.parse(ok(await cli('token', 'expires', path, id, 'never', '--json'))).expiresAt).toBeNull();
    expect(ok(await cli('token', 'purge-previous', path, id))).toBe(
      'Token 1 "CRM": 1 previous value purged.',
    );
    expect(await history(ids.token)).toEqual([
      'Created',
      'Regenerated',
      'Revealed',
      'Invalidated',
      'Validated',
      'Disabled',
      'Enabled',
      'ActivityRecorded',
      'Edited',
      'Edited',
      'ValuesPurged',
    ]);
    expect(ok(await cli('verify', path))).toMatch(/^OK/);
  });

  it.each(['Europe/Berlin', 'America/Los_Angeles'])(
    'under TZ=%s the expiry typed is the day printed, set and shown (never the UTC day of its instant)',
    async (timeZone) => {
      const { path, ids, dir } = await prepared((vault) => {
        const account = vault.accounts.create({ name: 'Main' });
        return { crm: vault.tokens.create({ accountId: account.id, name: 'CRM', value: 'value-1234' }).id };
      });
      const env = { TOKENVAULT_PASSWORD_FILE: join(dir, 'pw.txt'), TZ: timeZone };
      const zoned = (...args: string[]) => runCli(args, { env });
      expect(ok(await zoned('token', 'expires', path, String(ids.crm), '2026-12-31'))).toBe(
        `Token ${ids.crm} "CRM" expires 2026-12-31.`,
      );
      expect(ok(await zoned('token', 'show', path, String(ids.crm)))).toMatch(/^expires +2026-12-31$/m);
      const stored = JSON.parse(ok(await zoned('token', 'show', path, String(ids.crm), '--json'))) as {
        expiresAt: string;
      };
      // Stored as the start of 31 December where the admin is.
      expect(stored.expiresAt).toBe(
        timeZone === 'Europe/Berlin' ? '2026-12-30T23:00:00.000Z' : '2026-12-31T08:00:00.000Z',
      );
    },
  );

  it('in use: regenerate and delete exit 5 without --force; map/unmap and one mapping switched off', async () => {
    const { path, cli, ids, history } = await prepared((vault) => {
      const account = vault.accounts.create({ name: 'Hub', profile: 'endpoint' });
      const post = vault.tokens.create({
        accountId: account.id,
        name: 'POST',
        role: 'primary',
        value: 'post-value-1',
      });
      const get = vault.tokens.create({
        accountId: account.id,
        name: 'GET',
        role: 'primary',
        value: 'get-value-1',
      });
      const app = vault.tokens.create({
        accountId: account.id,
        name: 'Salesforce',
        generate: { length: 64 },
      });
      return { post: post.id, get: get.id, app: app.id };
    });
    const [post, get, app] = [ids.post, ids.get, ids.app].map(String) as [string, string, string];
    expect(ok(await cli('token', 'map', path, app, post))).toBe(
      `Token ${app} mapped to primary token ${post}.`,
    );
    ok(await cli('token', 'map', path, app, get));
    const wrongWay = await cli('token', 'map', path, post, app);
    expect(wrongWay.code).toBe(5);
    expect(wrongWay.stderr).toMatch(/A mapping goes from a secondary token to a primary one/);
    expect(ok(await cli('token', 'disable', path, app, '--mapping', post))).toBe(
      `Mapping of ${app} "Salesforce" to ${post} "POST" is now disabled.`,
    );
    expect(JSON.parse(ok(await cli('token', 'usage', path, app, '--json')))).toMatchObject({
      inUse: true,
      mappedTo: [
        { primaryName: 'GET', enabled: true },
        { primaryName: 'POST', enabled: false },
      ],
    });
    const shown = JSON.parse(ok(await cli('token', 'show', path, app, '--json')));
    expect(shown).toMatchObject({ enabled: true, usage: { inUse: true }, state: { enabled: true } });

    const refused = await cli('token', 'regenerate', path, app);
    expect(refused.code).toBe(5);
    expect(refused.stderr).toBe(
      'tokenvault: "Salesforce" is in use (mapped to primary "GET", primary "POST"); regenerating it will break those integrations. Confirm to go ahead (--force in the CLI).\n',
    );
    const before = ok(await cli('token', 'reveal', path, app));
    ok(await cli('token', 'regenerate', path, app, '--force'));
    expect(ok(await cli('token', 'reveal', path, app))).not.toBe(before);
    expect((await cli('token', 'delete', path, post)).code).toBe(5);
    expect(ok(await cli('token', 'unmap', path, app, get))).toBe(
      `Token ${app} unmapped from primary token ${get}.`,
    );
    // The line records the removal here and repeats the platform's step; it never says the platform changed.
    expect(ok(await cli('token', 'delete', path, get))).toBe(
      `Recorded: token ${get} "GET" is removed from the vault; on the endpoint platform the step is: ${endpointDeleteStep('primary')}.`,
    );
    expect(ok(await cli('token', 'delete', path, post, '--force'))).toBe(
      `Recorded: token ${post} "POST" is removed from the vault; on the endpoint platform the step is: ${endpointDeleteStep('primary')}.`,
    );
    expect(await history(ids.app)).toEqual([
      'Created',
      'Mapped',
      'Mapped',
      'Disabled',
      'Revealed',
      'Regenerated',
      'Revealed',
      'Unmapped',
      'Unmapped',
    ]);
    expect(ok(await cli('token', 'usage', path, app))).toBe('Not in use: no handoff, mapping or endpoint.');
  });

  it('ON24: list and show --now see the inactivity limit; enable restarts the count', async () => {
    const { path, cli, ids } = await prepared((vault) => {
      const account = vault.accounts.create({ name: 'ON24', profile: 'on24' });
      const token = vault.tokens.create({
        accountId: account.id,
        name: 'Salesforce',
        keyId: 'K',
        assignedTo: 'producer',
        value: 'secret-123',
      });
      vault.lifecycle.recordActivity(token.id, { at: new Date(Date.now() - 50 * DAY_MS) });
      return { token: token.id };
    });
    const id = String(ids.token);
    const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();
    const list = ok(await cli('token', 'list', path));
    // The STATE column says what the app's list badges say, in the same words.
    expect(list).toMatch(/Salesforce .* valid; 10 days to the inactivity limit\s+producer$/m);
    expect(ok(await cli('token', 'list', path, '--now', inDays(7)))).toMatch(
      /valid; 3 days to the inactivity limit\s+producer$/m,
    );
    const gone = ok(await cli('token', 'list', path, '--now', inDays(11)));
    expect(gone).toMatch(/Salesforce .* disabled after 60 days without activity\s+producer$/m);
    expect(gone).not.toMatch(/valid;/);
    const json = JSON.parse(ok(await cli('token', 'list', path, '--json', '--now', inDays(11))));
    expect(json[0]).toMatchObject({
      enabled: true,
      state: {
        enabled: false,
        disabledForInactivity: true,
        summary: 'valid, disabled after 60 days without activity',
        usable: false,
        badges: [{ id: 'disabled-inactivity', text: 'disabled after 60 days without activity', tone: 'off' }],
      },
    });
    expect(ok(await cli('token', 'show', path, id, '--now', inDays(5)))).toMatch(
      /attention\s+5 days to the inactivity limit/,
    );
    expect((await cli('token', 'list', path, '--now', 'soon')).code).toBe(2);
    // Enabling now (within the limit) changes nothing; the count restarts only when the token is off.
    expect(ok(await cli('token', 'enable', path, id))).toBe(
      `Token ${id} "Salesforce" was already recorded as enabled.`,
    );
    ok(await cli('token', 'disable', path, id));
    expect(ok(await cli('token', 'enable', path, id))).toBe(
      `Recorded: token ${id} "Salesforce" is enabled on ON24.`,
    );
    expect(ok(await cli('token', 'show', path, id, '--now', inDays(50)))).toMatch(
      /attention\s+10 days to the inactivity limit/,
    );
  });
});
