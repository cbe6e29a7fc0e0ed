import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Vault } from '../../src/main/core/vault/vault';
import { MAX_TOKENS_PER_VAULT } from '../../src/shared/vault-limits';
import { ensureCliBuilt, runCli } from '../helpers/run-cli';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

const TOKENS = 200_000;
const dir = mkdtempSync(join(tmpdir(), 'tv-big-'));
const vaultDir = join(dir, 'big.tokenvault');
const passwordFile = join(dir, 'pw.txt');
const cli = (args: string[]) => runCli([...args, '--password-file', passwordFile], { timeoutMs: 300_000 });

beforeAll(async () => {
  ensureCliBuilt();
  writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
  const { vault } = await Vault.create(vaultDir, {
    password: TEST_PASSWORD,
    operator: 'big',
    kdfTargetMs: 0,
  });
  const account = vault.accounts.create({ name: 'Main', profile: 'generic' });
  const rows = Array.from({ length: TOKENS }, (_, i) => ({
    name: `Token ${i} ${i % 7 === 0 ? 'salesforce' : 'webhook'}`,
    value: `value-${i}-${'x'.repeat(32)}`,
    description: `Synthetic token number ${i}`,
  }));
  expect(vault.tokens.importMany(account.id, rows)).toBe(TOKENS);
  vault.lock();
}, 600_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe(`every command on a ${TOKENS.toLocaleString('en')}-token vault`, () => {
  it('token list prints one line per token (the table no longer spreads 200,000 cells into Math.max)', async () => {
    const result = await cli(['token', 'list', vaultDir]);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(TOKENS + 1);
    expect(lines[0]).toMatch(/^ID\s+/);
  }, 600_000);

  it('token list --json is one JSON array of every token, written element by element', async () => {
    const result = await cli(['token', 'list', vaultDir, '--json']);
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    const tokens = JSON.parse(result.stdout) as { id: number; name: string }[];
    expect(tokens).toHaveLength(TOKENS);
    expect(new Set(tokens.map((t) => t.id)).size).toBe(TOKENS);
  }, 600_000);

  it('search, health --json and verify answer', async () => {
    const search = await cli(['token', 'list', vaultDir, '--search', 'salesforce', '--json']);
    expect(search.code).toBe(0);
    expect((JSON.parse(search.stdout) as unknown[]).length).toBe(Math.ceil(TOKENS / 7));
    const health = await cli(['health', vaultDir, '--json']);
    expect(health.code).toBe(0);
    expect(() => JSON.parse(health.stdout)).not.toThrow();
    const verify = await cli(['verify', vaultDir]);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/200001 events verified/);
  }, 600_000);

  it(`an import past ${MAX_TOKENS_PER_VAULT.toLocaleString('en')} tokens is refused with a sentence, nothing written`, async () => {
    const vault = await Vault.open(vaultDir, { password: TEST_PASSWORD });
    try {
      const account = vault.accounts.list()[0]!;
      const rows = Array.from({ length: MAX_TOKENS_PER_VAULT - TOKENS + 1 }, (_, i) => ({
        name: `Extra ${i}`,
        value: `extra-${i}`,
      }));
      expect(() => vault.tokens.importMany(account.id, rows)).toThrow(
        'A vault holds at most 250,000 tokens; this one holds 200,000, so 50,001 more cannot be added and nothing was imported.',
      );
      expect(vault.tokens.importMany(account.id, rows.slice(1, 3))).toBe(2);
    } finally {
      vault.lock();
    }
  }, 600_000);
});
