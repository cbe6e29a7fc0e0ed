import { describe, expect, it } from 'vitest';
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { restoreFromBackup } from '../../src/main/core/vault/restore';
import { UnlockAttempts } from '../../src/main/core/vault/unlock-attempts';
import { Vault } from '../../src/main/core/vault/vault';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

const NEW_PASSWORD = 'lantern quarry velvet orbit meadow';

/** Every file and folder under `dir` with its permission bits, e.g. ["vault.db", 0o600]. */
function modesUnder(dir: string, prefix = ''): [string, number][] {
  const found: [string, number][] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const name = `${prefix}${entry.name}`;
    found.push([name, statSync(path).mode & 0o777]);
    if (entry.isDirectory()) found.push(...modesUnder(path, `${name}/`));
  }
  return found.sort();
}

function expectAllPrivate(dir: string): void {
  const modes = modesUnder(dir);
  const wrong = modes.filter(([name, mode]) => {
    const isFolder = statSync(join(dir, name)).isDirectory();
    return mode !== (isFolder ? 0o700 : 0o600);
  });
  expect(wrong.map(([name, mode]) => `${name} ${mode.toString(8)}`)).toEqual([]);
}

describe('every file Token Vault creates is 0600 (folders 0700), whatever the umask leaves', () => {
  it('vault.db, its -wal and -shm, backups, keyslots and their copy, the lock and the attempt counter', async () => {
    const previousUmask = process.umask(0o022);
    try {
      const dir = join(makeTempDir('tv-modes-'), 'modes.tokenvault');
      const { vault } = await Vault.create(dir, { password: TEST_PASSWORD });
      const account = vault.accounts.create({ name: 'Main' });
      vault.tokens.create({ accountId: account.id, name: 'One', value: 'a-value-of-sixteen-chars' });
      const names = modesUnder(dir).map(([name]) => name);
      expect(names).toEqual(
        expect.arrayContaining(['vault.db', 'vault.db-wal', 'vault.db-shm', 'writer.lock']),
      );
      expectAllPrivate(dir);

      vault.backup('manual');
      await vault.changePassword(NEW_PASSWORD);
      expect(modesUnder(dir).some(([name]) => /^backups\/vault-.*\.db$/.test(name))).toBe(true);
      expectAllPrivate(dir);
      vault.lock();

      new UnlockAttempts(dir).recordFailure();
      expect(modesUnder(dir).map(([name]) => name)).toContain('unlock-attempts.json');
      expectAllPrivate(dir);

      // A restore puts back a backup an older version made 0644, and sets the replaced files aside: still private.
      const backup = modesUnder(dir).find(([name]) => /^backups\/vault-.*\.db$/.test(name))![0];
      chmodSync(join(dir, backup), 0o644);
      await restoreFromBackup(dir, { password: NEW_PASSWORD }, join(dir, backup));
      chmodSync(join(dir, backup), 0o600);
      expectAllPrivate(dir);
    } finally {
      process.umask(previousUmask);
    }
  });

  it('a vault.db an older version left 0644 is made 0600 when the vault is opened', async () => {
    const dir = join(makeTempDir('tv-modes-'), 'old.tokenvault');
    (await Vault.create(dir, { password: TEST_PASSWORD })).vault.lock();
    chmodSync(join(dir, 'vault.db'), 0o644);
    const vault = await Vault.open(dir, { password: TEST_PASSWORD });
    vault.accounts.create({ name: 'Main' });
    expectAllPrivate(dir);
    vault.lock();
  });
});
