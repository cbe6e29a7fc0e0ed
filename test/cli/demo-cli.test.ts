import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Vault } from '../../src/main/core/vault/vault';
import { ensureCliBuilt, runCli } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';

beforeAll(() => ensureCliBuilt(), 120_000);

describe('tokenvault demo', { timeout: 300_000 }, () => {
  it('creates a DEMO vault and prints its password once; the vault opens with it and has work to show', async () => {
    const dir = makeTempDir();
    const path = join(dir, 'demo.tokenvault');
    const created = await runCli(['demo', path]);
    expect(created.code, created.stderr).toBe(0);
    const lines = created.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const password = lines[0]!;
    expect(password.length).toBeGreaterThanOrEqual(30);
    expect(created.stderr).toMatch(/DEMO vault .* \(every token in it is fake\)/);
    expect(created.stderr.includes(password)).toBe(false);

    const passwordFile = join(dir, 'pw.txt');
    writeFileSync(passwordFile, `${password}\n`);
    const env = { TOKENVAULT_PASSWORD_FILE: passwordFile };
    const healthRun = await runCli(['health', path, '--json'], { env });
    expect(healthRun.stderr).toMatch(/^DEMO vault: every token in it is fake\.$/m);
    const health = JSON.parse(healthRun.stdout);
    expect(health.counts).toMatchObject({
      'inactivity-disabled': 1,
      'inactivity-soon': 1,
      expired: 1,
      'duplicate-value': 1,
    });
    const accounts = JSON.parse((await runCli(['account', 'list', path, '--json'], { env })).stdout) as {
      profile: string;
    }[];
    expect(accounts.map((a) => a.profile).sort()).toEqual([
      'emplifi',
      'endpoint',
      'engaging-networks',
      'generic',
      'on24',
    ]);

    // No token value appears in anything the CLI printed.
    const vault = await Vault.open(path, { password });
    try {
      expect(vault.info().demo).toBe(true);
      const printed = created.stdout + created.stderr + JSON.stringify(health);
      for (const token of vault.tokens.list())
        expect(printed.includes(vault.tokens.reveal(token.id, 'export'))).toBe(false);
    } finally {
      vault.lock();
    }
    const again = await runCli(['demo', path]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });
});
