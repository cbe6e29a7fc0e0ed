import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  closeSync,
  copyFileSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { openEncryptedDatabase } from '../../src/main/core/db/open-database';
import { readKeySlots } from '../../src/main/core/vault/keyslots';
import { Vault } from '../../src/main/core/vault/vault';
import { ensureCliBuilt, runCli } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

beforeAll(() => ensureCliBuilt(), 120_000);

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
/** Every file of the vault folder (backups/ included) with its hash, so "nothing changed" is byte-exact. */
function folderState(dir: string, prefix = ''): Record<string, string> {
  const state: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(state, folderState(path, `${prefix}${entry.name}/`));
    else state[`${prefix}${entry.name}`] = sha(path);
  }
  return state;
}

async function tokenNames(path: string): Promise<string[]> {
  const vault = await Vault.open(path, { password: TEST_PASSWORD });
  try {
    return vault.tokens.list().map((token) => token.name);
  } finally {
    vault.lock();
  }
}

/** A vault whose backups/ holds two copies: the first with token A, the second with A and B; the live file has A, B, C. */
async function vaultWithTwoBackups() {
  const dir = makeTempDir();
  const passwordFile = join(dir, 'pw.txt');
  writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
  const path = join(dir, 'r.tokenvault');
  const { vault } = await Vault.create(path, { password: TEST_PASSWORD, operator: 'tester' });
  const account = vault.accounts.create({ name: 'Main' });
  const backups: string[] = [];
  for (const name of ['A', 'B', 'C']) {
    vault.tokens.create({ accountId: account.id, name, value: generateTokenValue() });
    if (name !== 'C') {
      backups.push(vault.backup('manual').file);
      // Backup names carry the time to the millisecond; keep them apart.
      await new Promise((done) => setTimeout(done, 5));
    }
  }
  vault.lock();
  return { dir, path, passwordFile, backups, env: { TOKENVAULT_PASSWORD_FILE: passwordFile } };
}

describe('tokenvault restore', () => {
  it('--from an older backup puts it back and keeps the replaced vault.db, intact, beside it', async () => {
    const { path, backups, env } = await vaultWithTwoBackups();
    const listed = JSON.parse((await runCli(['backups', path, '--json'])).stdout) as { file: string }[];
    expect(listed.map((b) => b.file)).toEqual([backups[1], backups[0]]);

    const restored = await runCli(['restore', path, '--from', backups[0]!], { env });
    expect(restored.code).toBe(0);
    expect(restored.stdout).toContain(`Restored vault.db from backups/${backups[0]}.`);
    expect(await tokenNames(path)).toEqual(['A']);

    const damaged = readdirSync(path).filter((f) => /^vault\.db\.damaged-[0-9TZ-]+$/.test(f));
    expect(damaged).toHaveLength(1);
    expect(restored.stdout).toContain(`kept as ${damaged[0]}`);
    // The file set aside is the whole previous vault: it still opens with the key and holds A, B and C.
    const key = await Vault.unwrapWith(readKeySlots(path), { password: TEST_PASSWORD });
    const previous = openEncryptedDatabase(join(path, damaged[0]!), key, { readonly: true });
    try {
      const names = previous.prepare('SELECT name FROM tokens ORDER BY name').all() as { name: string }[];
      expect(names.map((row) => row.name)).toEqual(['A', 'B', 'C']);
    } finally {
      previous.close();
      key.fill(0);
    }
    // The backups themselves are left as they were.
    expect(readdirSync(join(path, 'backups')).filter((f) => f.endsWith('.db'))).toHaveLength(2);
    expect((await runCli(['verify', path], { env })).code).toBe(0);
  });

  it('with no --from it takes the newest backup; a full path into backups/ is accepted too', async () => {
    const { path, backups, env } = await vaultWithTwoBackups();
    expect((await runCli(['restore', path], { env })).code).toBe(0);
    expect(await tokenNames(path)).toEqual(['A', 'B']);
    expect(
      (await runCli(['restore', path, '--from', join(path, 'backups', backups[0]!)], { env })).code,
    ).toBe(0);
    expect(await tokenNames(path)).toEqual(['A']);
    expect(readdirSync(path).filter((f) => f.startsWith('vault.db.damaged-')).length).toBeGreaterThanOrEqual(
      1,
    );
  });

  it('refuses, changing nothing: an unknown backup, a path outside backups/, no backups at all', async () => {
    const { dir, path, env } = await vaultWithTwoBackups();
    const before = folderState(path);
    const unknown = await runCli(['restore', path, '--from', 'vault-1999.db'], { env });
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toMatch(/^tokenvault: There is no backup named vault-1999\.db in backups\//);
    const outside = join(dir, 'elsewhere.db');
    copyFileSync(join(path, 'vault.db'), outside);
    expect((await runCli(['restore', path, '--from', outside], { env })).code).toBe(4);
    expect(folderState(path)).toEqual(before);

    const bare = join(dir, 'bare.tokenvault');
    const { vault } = await Vault.create(bare, { password: TEST_PASSWORD, operator: 'tester' });
    vault.lock();
    const bareBefore = folderState(bare);
    const none = await runCli(['restore', bare], { env });
    expect(none.code).toBe(4);
    expect(none.stderr).toMatch(/no backup copy of vault\.db/);
    expect(folderState(bare)).toEqual(bareBefore);
  });

  it('a wrong password: exit 3, nothing restored, and the back-off counts it', async () => {
    const { dir, path } = await vaultWithTwoBackups();
    writeFileSync(join(dir, 'wrong.txt'), 'not the master password at all\n');
    const before = folderState(path);
    const wrong = await runCli(['restore', path, '--password-file', join(dir, 'wrong.txt')]);
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toBe('tokenvault: Wrong master password. Try again in 1 s.\n');
    const after = folderState(path);
    expect(Object.keys(after).filter((f) => !(f in before))).toEqual(['unlock-attempts.json']);
    delete after['unlock-attempts.json'];
    expect(after).toEqual(before);
    const attempts = JSON.parse(readFileSync(join(path, 'unlock-attempts.json'), 'utf8'));
    expect(attempts.failures).toBe(1);
    // Four more failures just now: the next try, even with the right password, is refused without unlocking.
    writeFileSync(
      join(path, 'unlock-attempts.json'),
      JSON.stringify({ failures: 5, lastFailureAt: Date.now() }),
    );
    const again = await runCli(['restore', path, '--password-file', join(dir, 'pw.txt')]);
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(
      /^tokenvault: Too many wrong attempts: wait (1[0-6]|[1-9]) s before trying again\.\n$/,
    );
    expect(await tokenNames(path)).toEqual(['A', 'B', 'C']);
  });

  it('a damaged backup or one from another vault is refused before anything is swapped', async () => {
    const { dir, path, backups, env } = await vaultWithTwoBackups();
    const newest = join(path, 'backups', backups[1]!);
    const fd = openSync(newest, 'r+');
    const page = Buffer.alloc(32);
    readSync(fd, page, 0, 32, 4096 + 200);
    writeSync(
      fd,
      page.map((byte) => byte ^ 0x5a),
      0,
      32,
      4096 + 200,
    );
    closeSync(fd);
    const liveBefore = sha(join(path, 'vault.db'));
    const damaged = await runCli(['restore', path], { env });
    expect(damaged.code).toBe(6);
    expect(damaged.stderr).toMatch(new RegExp(`The backup ${backups[1]} cannot be restored: `));
    expect(sha(join(path, 'vault.db'))).toBe(liveBefore);
    expect(readdirSync(path).filter((f) => f.includes('damaged') || f.includes('restoring'))).toEqual([]);

    const other = join(dir, 'other.tokenvault');
    const { vault } = await Vault.create(other, { password: TEST_PASSWORD, operator: 'tester' });
    const foreign = vault.backup('manual');
    vault.lock();
    copyFileSync(foreign.path, join(path, 'backups', 'vault-9999-foreign.db'));
    const wrongVault = await runCli(['restore', path], { env });
    expect(wrongVault.code).toBe(6);
    expect(wrongVault.stderr).toMatch(
      /vault-9999-foreign\.db cannot be restored: it does not open with this vault's key/,
    );
    expect(sha(join(path, 'vault.db'))).toBe(liveBefore);
    expect(await tokenNames(path)).toEqual(['A', 'B', 'C']);
  });

  it('while another process holds the vault: exit 6, nothing swapped', async () => {
    const { path, env } = await vaultWithTwoBackups();
    const holder = await Vault.open(path, { password: TEST_PASSWORD });
    try {
      const before = sha(join(path, 'vault.db'));
      const busy = await runCli(['restore', path], { env });
      expect(busy.code).toBe(6);
      expect(busy.stderr).toMatch(/in use/);
      expect(sha(join(path, 'vault.db'))).toBe(before);
    } finally {
      holder.lock();
    }
    // Locking released the folder: it opens again at once.
    (await Vault.open(path, { password: TEST_PASSWORD })).lock();
  });
});
