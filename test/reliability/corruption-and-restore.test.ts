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
  expect(
    (
      await runCli(['token', 'add', path, '--account', 'Main', '--name', 'After backup', '--generate'], {
        env,
      })
    ).code,
  ).toBe(0);
  return { path, env };
}

async function tokenCount(path: string, env: Record<string, string>): Promise<number> {
  const listed = await runCli(['token', 'list', path, '--json'], { env });
  expect(listed.code).toBe(0);
  return (JSON.parse(listed.stdout) as unknown[]).length;
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
    // The backup predates the last token: 50 of the 51 come back; the damaged file keeps all of them aside.
    expect(await tokenCount(path, env)).toBe(50);
    expect((await runCli(['verify', path], { env })).code).toBe(0);
  });

  it('a truncated keyslots.json: exit 6, the file stays as it is, then restore puts back its copy and loses nothing', async () => {
    const { path, env } = await vaultWithBackup();
    truncateSync(join(path, 'keyslots.json'), 200);
    const before = folderHashes(path);
    const result = await runCli(['account', 'list', path], { env });
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(/keyslots\.json is damaged .*tokenvault restore/);
    expect(folderHashes(path)).toEqual(before);

    // Its copy in backups/ goes back; vault.db is healthy, so it stays and no token is lost.
    const restore = await runCli(['restore', path], { env });
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/Restored keyslots\.json from its copy in backups\//);
    expect(restore.stdout).toMatch(/vault\.db is healthy and was left as it is/);
    const kept = readdirSync(path).filter((f) => f.startsWith('keyslots.json.damaged-'));
    expect(kept).toHaveLength(1);
    expect(sha(join(path, kept[0]!))).toBe(before['keyslots.json']);
    expect(await tokenCount(path, env)).toBe(51);
    expect((await runCli(['verify', path], { env })).code).toBe(0);
  });

  it('keyslots.json and vault.db both damaged: restore puts both back from backups/', async () => {
    const { path, env } = await vaultWithBackup();
    writeFileSync(join(path, 'keyslots.json'), '{"format":"tokenvault-keyslots","slots":[');
    flipBytes(join(path, 'vault.db'), 4096 + 300, 16);
    const before = folderHashes(path);
    expect((await runCli(['account', 'list', path], { env })).code).toBe(6);
    expect(folderHashes(path)).toEqual(before);
    const restore = await runCli(['restore', path], { env });
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/Restored keyslots\.json/);
    expect(restore.stdout).toMatch(/Restored vault\.db from backups\/vault-/);
    expect(await tokenCount(path, env)).toBe(50);
  });

  it('a vault from a newer schema: exit 6, untouched, then restore brings back the backup', async () => {
    const { path, env } = await vaultWithBackup();
    const vault = await Vault.open(path, { password: TEST_PASSWORD });
    vault.db.pragma('user_version = 99');
    vault.lock();
    const before = folderHashes(path);
    const result = await runCli(['account', 'list', path], { env });
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(/newer than this app understands/);
    expect(folderHashes(path)).toEqual(before);

    // The copy in backups/ has a schema this app understands: restore brings it back.
    const restore = await runCli(['restore', path], { env });
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/Restored vault\.db from backups\/vault-/);
    expect(await tokenCount(path, env)).toBe(50);
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
