import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { DAY_MS } from '../../src/main/core/profiles/token-clocks';
import { Vault } from '../../src/main/core/vault/vault';
import { ensureCliBuilt, runCli, type CliResult } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

beforeAll(() => ensureCliBuilt(), 120_000);

function ok(result: CliResult): string {
  expect(result.code, result.stderr).toBe(0);
  return result.stdout.trim();
}

describe('tokenvault health', { timeout: 300_000 }, () => {
  it('lists what needs attention, --now sees another date, --json for scripts, never a value', async () => {
    const dir = makeTempDir();
    const passwordFile = join(dir, 'pw.txt');
    writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
    const path = join(dir, 'h.tokenvault');
    const { vault } = await Vault.create(path, { password: TEST_PASSWORD, operator: 'cli' });
    const on24 = vault.accounts.create({ name: 'ON24', profile: 'on24' });
    const main = vault.accounts.create({ name: 'Main' });
    const idle = vault.tokens.create({
      accountId: on24.id,
      name: 'Idle',
      keyId: 'K',
      assignedTo: 'p',
      value: generateTokenValue(),
    });
    vault.lifecycle.recordActivity(idle.id, { at: new Date(Date.now() - 44 * DAY_MS) });
    const shared = generateTokenValue();
    const a = vault.tokens.create({ accountId: main.id, name: 'Copy A', value: shared });
    const b = vault.tokens.create({ accountId: main.id, name: 'Copy B', value: shared });
    vault.lifecycle.setExpiry(a.id, new Date(Date.now() + 20 * DAY_MS));
    vault.lifecycle.recordActivity(a.id);
    vault.lifecycle.recordActivity(b.id);
    vault.lock();
    const cli = (...args: string[]) => runCli(args, { env: { TOKENVAULT_PASSWORD_FILE: passwordFile } });

    const text = ok(await cli('health', path));
    expect(text).toMatch(/^Soon:$/m);
    expect(text).toMatch(
      /\[duplicate-value\] 2 tokens hold the same value: "Copy A" \(Main\), "Copy B" \(Main\)\. \(id 2, 3\)/,
    );
    expect(text).not.toMatch(/inactivity-soon/);
    expect(text.includes(shared)).toBe(false);

    const later = new Date(Date.now() + 5 * DAY_MS).toISOString().slice(0, 10);
    const report = JSON.parse(ok(await cli('health', path, '--json', '--now', later)));
    expect(report.now).toBe(`${later}T00:00:00.000Z`);
    const kinds = report.items.map((i: { kind: string }) => i.kind);
    expect(kinds).toEqual(['inactivity-soon', 'expiring', 'duplicate-value']);
    expect(report.items.find((i: { kind: string }) => i.kind === 'expiring').tokens).toEqual([
      { id: a.id, name: 'Copy A', account: 'Main' },
    ]);
    const farLater = JSON.parse(
      ok(await cli('health', path, '--json', '--now', '2099-01-01', '--rotation-days', '30')),
    );
    expect(farLater.counts).toMatchObject({
      'inactivity-disabled': 1,
      expired: 1,
      'not-rotated': 2,
      'duplicate-value': 1,
    });
    expect(JSON.stringify(farLater).includes(shared)).toBe(false);
    const bad = await cli('health', path, '--now', 'tomorrow');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--now takes a date like 2026-12-31/);
  });
});
