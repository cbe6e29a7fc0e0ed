import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { Vault } from '../../src/main/core/vault/vault';
import { ensureCliBuilt, runCli } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';
import { skipUnless } from '../helpers/skip-or-fail';

beforeAll(() => ensureCliBuilt(), 120_000);

/** A small tmpfs of our own: a disk that really fills up or really turns read-only. Needs root (CI is root). */
function mountSmallDisk(sizeKiB: number): string | null {
  const dir = join(makeTempDir(), 'disk');
  mkdirSync(dir);
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k`, 'tmpfs', dir], {
    stdio: 'ignore',
  });
  return mounted.status === 0 ? dir : null;
}
const mounts: string[] = [];
afterEach(() => {
  while (mounts.length) spawnSync('umount', ['-l', mounts.pop()!], { stdio: 'ignore' });
});

const probe = mountSmallDisk(64);
if (probe) spawnSync('umount', [probe]);
const skip = skipUnless(
  probe !== null,
  'storage-failure tests need to mount a small tmpfs (root); this machine refused',
);

describe.skipIf(skip)('a full disk or a read-only folder during a write', () => {
  it('a full disk: a clear error, and the vault is exactly as before', async () => {
    const disk = mountSmallDisk(2048)!;
    mounts.push(disk);
    const path = join(disk, 'full.tokenvault');
    const { vault } = await Vault.create(path, { password: TEST_PASSWORD, operator: 'tester' });
    const account = vault.accounts.create({ name: 'Main' });
    vault.tokens.create({ accountId: account.id, name: 'Before', value: generateTokenValue() });
    vault.lock();
    // Fill the disk, then free 64 KiB: room to start (lock file), not to write the import.
    spawnSync('sh', [
      '-c',
      `dd if=/dev/zero of=${join(disk, 'spare')} bs=4k count=16 2>/dev/null; dd if=/dev/zero of=${join(disk, 'filler')} bs=4k 2>/dev/null; rm ${join(disk, 'spare')}`,
    ]);

    const dir = makeTempDir();
    const passwordFile = join(dir, 'pw.txt');
    writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
    const batch = join(dir, 'big.json');
    writeFileSync(
      batch,
      JSON.stringify(
        Array.from({ length: 3000 }, (_, i) => ({
          name: `Big ${i}`,
          value: generateTokenValue({ length: 512 }),
        })),
      ),
    );
    const result = await runCli([
      'token',
      'import',
      path,
      '--account',
      'Main',
      '--file',
      batch,
      '--password-file',
      passwordFile,
    ]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/disk is full/i);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);

    spawnSync('rm', ['-f', join(disk, 'filler')]);
    const reopened = await Vault.open(path, { password: TEST_PASSWORD });
    expect(reopened.tokens.list().map((t) => t.name)).toEqual(['Before']);
    expect(reopened.verify().ok).toBe(true);
    reopened.lock();
  });

  it('a read-only folder: a clear error, files untouched', async () => {
    const disk = mountSmallDisk(4096)!;
    mounts.push(disk);
    const path = join(disk, 'ro.tokenvault');
    const { vault } = await Vault.create(path, { password: TEST_PASSWORD, operator: 'tester' });
    vault.accounts.create({ name: 'Main' });
    vault.lock();
    expect(spawnSync('mount', ['-o', 'remount,ro', disk]).status).toBe(0);
    const dir = makeTempDir();
    writeFileSync(join(dir, 'pw.txt'), `${TEST_PASSWORD}\n`);
    const result = await runCli([
      'account',
      'add',
      path,
      '--name',
      'Second',
      '--password-file',
      join(dir, 'pw.txt'),
    ]);
    expect(result.code).toBe(6);
    expect(result.stderr).toMatch(/read-only/);
    spawnSync('mount', ['-o', 'remount,rw', disk]);
    const reopened = await Vault.open(path, { password: TEST_PASSWORD });
    expect(reopened.accounts.list().map((a) => a.name)).toEqual(['Main']);
    reopened.lock();
  });
});
