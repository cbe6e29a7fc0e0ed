import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import {
  closeSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { Vault } from '../../src/main/core/vault/vault';
import { ensureCliBuilt, runCli } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

beforeAll(() => ensureCliBuilt(), 120_000);

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const folderHashes = (dir: string) =>
  Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f !== 'backups')
      .map((f) => [f, sha(join(dir, f))]),
  );

/** A vault with tokens, a backup copy, and then one more token that only the live file has. */
async function vaultWithBackup() {
  const dir = makeTempDir();
  const passwordFile = join(dir, 'pw.txt');
  writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
  const path = join(dir, 'c.tokenvault');
  const { vault } = await Vault.create(path, { password: TEST_PASSWORD, operator: 'tester' });
  const account = vault.accounts.create({ name: 'Main' });
  for (let i = 0; i < 50; i++)
    vault.tokens.create({ accountId: account.id, name: `Token ${i}`, value: generateTokenValue() });
  vault.lock();
  const env = { TOKENVAULT_PASSWORD_FILE: passwordFile };
  expect((await runCli(['backup', path], { env })).code).toBe(0);
  return { path, env };
}

function flipBytes(file: string, offset: number, count: number) {
  const fd = openSync(file, 'r+');
  const bytes = Buffer.alloc(count);
  readSync(fd, bytes, 0, count, offset);
  for (let i = 0; i < count; i++) bytes[i] = bytes[i]! ^ 0xff;
  writeSync(fd, bytes, 0, count, offset);
  closeSync(fd);
}

describe('damaged vaults: clear errors, files never overwritten, backups restorable', () => {
  it('flipped bytes in a page of vault.db: exit 6, nothing rewritten, then restore brings the backup back', async () => {
    const { path, env } = await vaultWithBackup();
    flipBytes(join(path, 'vault.db'), 4096 + 100, 16);
    const before = folderHashes(path);
    const list = await runCli(['token', 'list', path], { env });
    const verify = await runCli(['verify', path], { env });
    // SQLCipher authenticates every page: a flipped byte is caught on read, either at open or by verify.
    expect([list.code, verify.code]).toContain(6);
    for (const result of [list, verify]) {
      if (result.code !== 0)
        expect(result.stderr).toMatch(/damaged|cannot be read|restore|Verification failed/i);
    }
    expect(folderHashes(path)).toEqual(before);

    const restore = await runCli(['restore', path], { env });
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/Restored vault\.db from backups\/vault-/);
    expect(readdirSync(path).some((f) => f.startsWith('vault.db.damaged-'))).toBe(true);
    const after = await runCli(['token', 'list', path, '--json'], { env });
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout)).toHaveLength(50);
    expect((await runCli(['verify', path], { env })).code).toBe(0);
  });

  it('a truncated keyslots.json: exit 6 and the file stays as it is', async () => {
    const { path, env } = await vaultWithBackup();
    truncateSync(join(path, 'keyslots.json'), 200);
    const before = folderHashes(path);
    const result = await runCli(['account', 'list', path], { env });
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(/keyslots\.json is damaged/);
    expect(folderHashes(path)).toEqual(before);
  });

  it('a vault from a newer schema: exit 6, untouched', async () => {
    const { path, env } = await vaultWithBackup();
    const vault = await Vault.open(path, { password: TEST_PASSWORD });
    vault.db.pragma('user_version = 99');
    vault.lock();
    const before = folderHashes(path);
    const result = await runCli(['account', 'list', path], { env });
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(/newer than this app understands/);
    expect(folderHashes(path)).toEqual(before);
  });

  it('two processes on one vault: the second is told the vault is in use', async () => {
    const { path, env } = await vaultWithBackup();
    const holder = await Vault.open(path, { password: TEST_PASSWORD });
    try {
      const second = await runCli(['token', 'list', path], { env });
      expect(second.code).toBe(6);
      expect(second.stderr).toMatch(/in use/);
    } finally {
      holder.lock();
    }
  });
});
