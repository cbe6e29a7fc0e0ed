import { randomBytes } from 'node:crypto';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../src/main/core/vault/vault';
import { filesUnder, findPlaintext } from '../helpers/plaintext-scan';
import { makeTempDir } from '../helpers/temp-dir';
import { createTestVault, TEST_PASSWORD } from '../helpers/vault-fixture';

/** A random string that cannot occur by chance, with non-ASCII so UTF-8 and UTF-16 forms really differ. */
function randomSecret(label: string): string {
  return `${label}-${randomBytes(18).toString('base64url')}-é✓`;
}

describe('no plaintext on disk', () => {
  it('the scanner finds a needle in each encoding (control)', () => {
    const dir = makeTempDir();
    const needle = randomSecret('canary');
    writeFileSync(join(dir, 'utf8.bin'), Buffer.concat([randomBytes(100), Buffer.from(needle, 'utf8')]));
    writeFileSync(join(dir, 'utf16le.bin'), Buffer.from(`xx${needle}xx`, 'utf16le'));
    writeFileSync(join(dir, 'utf16be.bin'), Buffer.from(Buffer.from(needle, 'utf16le').swap16()));
    writeFileSync(join(dir, 'clean.bin'), randomBytes(1000));
    expect(findPlaintext(dir, ['something else', needle])).toEqual([
      { file: 'utf16be.bin', needleIndex: 1, encoding: 'UTF-16BE' },
      { file: 'utf16le.bin', needleIndex: 1, encoding: 'UTF-16LE' },
      { file: 'utf8.bin', needleIndex: 1, encoding: 'UTF-8' },
    ]);
  });

  it('no file of the vault folder holds a token value, an old value, a name or a note, open or locked', async () => {
    const { dir, vault, recoveryKey } = await createTestVault();
    const accountName = randomSecret('account');
    const accountNotes = randomSecret('notes');
    const account = vault.accounts.create({ name: accountName, profile: 'generic', notes: accountNotes });

    const secrets: string[] = [accountName, accountNotes];
    const created = Array.from({ length: 20 }, (_, i) => {
      const name = randomSecret(`name${i}`);
      const value = randomSecret(`value${i}`);
      const description = randomSecret(`description${i}`);
      secrets.push(name, value, description);
      return vault.tokens.create({ accountId: account.id, name, value, description });
    });
    const imported = Array.from({ length: 30 }, (_, i) => ({
      name: randomSecret(`imported-name${i}`),
      value: randomSecret(`imported-value${i}`),
    }));
    secrets.push(...imported.flatMap((row) => [row.name, row.value]));
    vault.tokens.importMany(account.id, imported);
    const generated = vault.tokens.create({ accountId: account.id, name: 'Generated', generate: {} });
    secrets.push(vault.tokens.reveal(generated.id));

    // Edit: a new value (the old one moves to token_previous_values), a new name, a new description.
    const edited = created[0]!;
    const newValue = randomSecret('new-value');
    const newName = randomSecret('new-name');
    secrets.push(newValue, newName);
    vault.tokens.update({ id: edited.id, value: newValue, name: newName, description: randomSecret('x') });
    expect(vault.tokens.reveal(edited.id)).toBe(newValue);
    // Delete two tokens; their values must not linger in free pages either.
    vault.lifecycle.delete(created[1]!.id);
    vault.lifecycle.delete(created[2]!.id);
    const backup = vault.backup();
    expect(existsSync(backup.path)).toBe(true);

    // While open: the WAL holds the recent writes, still encrypted.
    const wal = join(dir, 'vault.db-wal');
    expect(statSync(wal).size).toBeGreaterThan(0);
    const openFiles = filesUnder(dir).map((f) => f.slice(dir.length + 1));
    expect(openFiles).toEqual(
      expect.arrayContaining(['keyslots.json', 'vault.db', 'vault.db-wal', 'vault.db-shm', 'writer.lock']),
    );
    expect(openFiles.some((f) => f.startsWith('backups/'))).toBe(true);
    const needles = [...secrets, TEST_PASSWORD, recoveryKey, recoveryKey.replace(/-/g, '')];
    expect(findPlaintext(dir, needles)).toEqual([]);

    vault.lock();
    expect(existsSync(wal)).toBe(false);
    expect(findPlaintext(dir, needles)).toEqual([]);

    // And the data is all there: the scan passed because it is encrypted, not because it is missing.
    const reopened = await Vault.open(dir, { password: TEST_PASSWORD });
    expect(reopened.tokens.reveal(edited.id)).toBe(newValue);
    expect(reopened.tokens.get(edited.id).previousValueCount).toBe(1);
    expect(reopened.tokens.list({ search: accountName.slice(0, 20) })).toHaveLength(18 + 30 + 1);
    expect(findPlaintext(dir, needles)).toEqual([]);
    reopened.lock();
  });
});
