import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { argon2idRaw } from '../../src/main/core/crypto/argon2id';
import { writeFileAtomic } from '../../src/main/core/fs/atomic-write';
import { normalisePassword } from '../../src/main/core/password-policy';
import {
  unwrapDataKey,
  wrapDataKey,
  type KeySlotsFile,
  type PasswordSlot,
} from '../../src/main/core/vault/keyslots';
import { Vault } from '../../src/main/core/vault/vault';
import {
  dataKeyFromPassword,
  dataKeyFromRecoveryKey,
  openWrap,
  passwordKek,
} from '../helpers/independent-reader';
import { makeTempDir } from '../helpers/temp-dir';
import { createTestVault, TEST_PASSWORD } from '../helpers/vault-fixture';

const NEW_PASSWORD = 'lantern quarry velvet orbit meadow';

function readSlots(dir: string): KeySlotsFile {
  return JSON.parse(readFileSync(join(dir, 'keyslots.json'), 'utf8')) as KeySlotsFile;
}

function writeSlots(dir: string, file: KeySlotsFile): void {
  writeFileSync(join(dir, 'keyslots.json'), JSON.stringify(file, null, 2));
}

function mode(path: string): number {
  return statSync(path).mode & 0o777;
}

function tempFilesIn(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.tmp'));
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

describe('keyslots.json on disk', () => {
  it('is mode 0600 in a 0700 folder, and every rewrite leaves no temp file', async () => {
    const { dir, vault } = await createTestVault();
    const keyslots = join(dir, 'keyslots.json');
    expect(mode(dir)).toBe(0o700);
    expect(mode(keyslots)).toBe(0o600);
    expect(tempFilesIn(dir)).toEqual([]);

    await vault.changePassword(NEW_PASSWORD);
    expect(mode(keyslots)).toBe(0o600);
    expect(tempFilesIn(dir)).toEqual([]);

    const recovery = vault.keySlots().find((s) => s.type === 'recovery')!;
    vault.removeKeySlot(recovery.id);
    expect(mode(keyslots)).toBe(0o600);
    expect(tempFilesIn(dir)).toEqual([]);
    expect(readSlots(dir).slots.map((s) => s.type)).toEqual(['password']);
    vault.lock();
  });

  it('atomic write: a refused or failed write leaves the old file whole and no temp file', () => {
    const dir = makeTempDir();
    const target = join(dir, 'keyslots.json');
    writeFileAtomic(target, 'first');
    expect(readFileSync(target, 'utf8')).toBe('first');
    expect(mode(target)).toBe(0o600);

    expect(() => writeFileAtomic(target, 'second', { exclusive: true })).toThrow(
      expect.objectContaining({ code: 'ALREADY_EXISTS' }),
    );
    expect(readFileSync(target, 'utf8')).toBe('first');
    expect(tempFilesIn(dir)).toEqual([]);

    // A rename that fails after the temp file was written and synced (the target is a non-empty folder).
    const blocked = join(dir, 'blocked');
    mkdirSync(join(blocked, 'inside'), { recursive: true });
    expect(() => writeFileAtomic(blocked, 'data')).toThrow(expect.objectContaining({ code: 'IO' }));
    expect(tempFilesIn(dir)).toEqual([]);

    writeFileAtomic(target, 'third');
    expect(readFileSync(target, 'utf8')).toBe('third');
    expect(tempFilesIn(dir)).toEqual([]);
  });

  it('refuses a keyslots.json from a newer format, or damaged, and leaves it as it was', async () => {
    const { dir, vault } = await createTestVault();
    vault.lock();
    const original = readSlots(dir);
    writeSlots(dir, { ...original, version: 2 });
    const newer = readFileSync(join(dir, 'keyslots.json'));
    await expect(Vault.open(dir, { password: TEST_PASSWORD })).rejects.toMatchObject({
      code: 'VAULT_TOO_NEW',
    });
    expect(readFileSync(join(dir, 'keyslots.json'))).toEqual(newer);

    writeFileSync(join(dir, 'keyslots.json'), '{"format": "tokenvault-keyslots", "version": 1, "slo');
    await expect(Vault.open(dir, { password: TEST_PASSWORD })).rejects.toMatchObject({
      code: 'VAULT_CORRUPT',
    });
    writeSlots(dir, { ...original, slots: [] });
    await expect(Vault.open(dir, { password: TEST_PASSWORD })).rejects.toMatchObject({
      code: 'VAULT_CORRUPT',
    });
  });
});

describe('changing the master password', () => {
  it('rewraps the same data key: vault.db is untouched and the recovery slot is unchanged', async () => {
    const { dir, vault, recoveryKey } = await createTestVault();
    const account = vault.accounts.create({ name: 'Main', profile: 'generic' });
    const token = vault.tokens.create({
      accountId: account.id,
      name: 'CRM',
      value: 'rewrap-test-value-1234',
    });
    vault.db.pragma('wal_checkpoint(TRUNCATE)');
    const dbBefore = sha256(join(dir, 'vault.db'));
    const before = readSlots(dir);
    const dataKeyBefore = await dataKeyFromPassword(dir, TEST_PASSWORD);

    await vault.changePassword(NEW_PASSWORD);

    // The database file itself is byte for byte the same; only the WAL gained the PasswordChanged event.
    expect(sha256(join(dir, 'vault.db'))).toBe(dbBefore);
    expect(statSync(join(dir, 'vault.db-wal')).size).toBeGreaterThan(0);
    expect(vault.events.recent(1)[0]).toMatchObject({ kind: 'PasswordChanged', details: {} });

    const after = readSlots(dir);
    expect({ ...after, slots: undefined }).toEqual({ ...before, slots: undefined });
    const oldPassword = before.slots.find((s) => s.type === 'password') as PasswordSlot;
    const newPassword = after.slots.find((s) => s.type === 'password') as PasswordSlot;
    expect(after.slots.filter((s) => s.type === 'password')).toHaveLength(1);
    expect(newPassword.id).not.toBe(oldPassword.id);
    expect(newPassword.kdf.salt).not.toBe(oldPassword.kdf.salt);
    expect(newPassword.wrap.ciphertext).not.toBe(oldPassword.wrap.ciphertext);
    expect(after.slots.find((s) => s.type === 'recovery')).toEqual(
      before.slots.find((s) => s.type === 'recovery'),
    );

    // Same data key through the new password slot and through the untouched recovery slot (independent code).
    const viaNewPassword = await dataKeyFromPassword(dir, NEW_PASSWORD);
    expect(viaNewPassword).toEqual(dataKeyFromRecoveryKey(dir, recoveryKey));
    expect(viaNewPassword).toEqual(dataKeyBefore);

    vault.lock();
    await expect(Vault.open(dir, { password: TEST_PASSWORD })).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
    });
    const reopened = await Vault.open(dir, { password: NEW_PASSWORD });
    expect(reopened.tokens.reveal(token.id)).toBe('rewrap-test-value-1234');
    reopened.lock();
  });
});

describe('the wrap is bound to its vault and its slot (AAD)', () => {
  /** A second password slot with the same password and salt, hence the same KEK: only the AAD tells them apart. */
  async function vaultWithTwinPasswordSlots() {
    const { dir, vault } = await createTestVault();
    const original = vault.keySlots().find((s) => s.type === 'password') as PasswordSlot;
    const kek = await argon2idRaw({
      password: Buffer.from(normalisePassword(TEST_PASSWORD), 'utf8'),
      salt: Buffer.from(original.kdf.salt, 'base64'),
      params: original.kdf,
    });
    vault.addKeySlot((dataKey, vaultId) => ({
      ...original,
      id: 'password-twin0001',
      wrap: wrapDataKey(dataKey, kek, vaultId, 'password-twin0001'),
    }));
    vault.lock();
    return { dir, kek, originalId: original.id };
  }

  it('a twin slot opens; the same two wraps swapped between the slots open neither', async () => {
    const { dir, kek, originalId } = await vaultWithTwinPasswordSlots();
    const file = readSlots(dir);
    const [a, b] = [
      file.slots.find((s) => s.id === originalId)!,
      file.slots.find((s) => s.id === 'password-twin0001')!,
    ];
    expect(unwrapDataKey(a.wrap, kek, file.vaultId, a.id)).toEqual(
      unwrapDataKey(b.wrap, kek, file.vaultId, b.id),
    );
    (await Vault.open(dir, { password: TEST_PASSWORD })).lock();

    const swapped: KeySlotsFile = {
      ...file,
      slots: file.slots.map((s) =>
        s.id === a.id ? { ...s, wrap: b.wrap } : s.id === b.id ? { ...s, wrap: a.wrap } : s,
      ),
    };
    writeSlots(dir, swapped);
    expect(unwrapDataKey(b.wrap, kek, file.vaultId, a.id)).toBeNull();
    expect(unwrapDataKey(a.wrap, kek, file.vaultId, b.id)).toBeNull();
    const independentKek = await passwordKek(TEST_PASSWORD, a);
    expect(() => openWrap(independentKek, file.vaultId, { ...a, wrap: b.wrap })).toThrow();
    await expect(Vault.open(dir, { password: TEST_PASSWORD })).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
    });
  });

  it.each([
    [
      'a renamed slot',
      (f: KeySlotsFile) => ({ ...f, slots: f.slots.map((s) => ({ ...s, id: `${s.id}0` })) }),
    ],
    ['another vault id', (f: KeySlotsFile) => ({ ...f, vaultId: '00000000-0000-4000-8000-000000000000' })],
    [
      'a flipped ciphertext bit',
      (f: KeySlotsFile) => ({
        ...f,
        slots: f.slots.map((s) => {
          const bytes = Buffer.from(s.wrap.ciphertext, 'base64');
          bytes[0] = bytes[0]! ^ 1;
          return { ...s, wrap: { ...s.wrap, ciphertext: bytes.toString('base64') } };
        }),
      }),
    ],
  ])('%s does not open with the right password or recovery key', async (_label, alter) => {
    const { dir, vault, recoveryKey } = await createTestVault();
    vault.lock();
    writeSlots(dir, alter(readSlots(dir)));
    await expect(Vault.open(dir, { password: TEST_PASSWORD })).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
    });
    await expect(Vault.open(dir, { recoveryKey })).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
  });
});

describe('the recovery slot', () => {
  it('opens with the key as typed by a human, refuses a typo and a key from another vault', async () => {
    const { dir, vault, recoveryKey } = await createTestVault();
    const other = await createTestVault();
    other.vault.lock();
    vault.lock();
    const sloppy = recoveryKey.replace(/0/g, 'O').replace(/1/g, 'l').replace(/-/g, ' ').toLowerCase();
    (await Vault.open(dir, { recoveryKey: sloppy })).lock();

    const chars = recoveryKey.split('');
    chars[5] = chars[5] === 'A' ? 'B' : 'A';
    await expect(Vault.open(dir, { recoveryKey: chars.join('') })).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
      message: expect.stringMatching(/typo/),
    });
    await expect(Vault.open(dir, { recoveryKey: other.recoveryKey })).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
      message: expect.stringMatching(/does not open this vault/),
    });
  });

  it('once removed, the recovery key no longer opens the vault; the password slot cannot be removed', async () => {
    const { dir, vault, recoveryKey } = await createTestVault();
    const password = vault.keySlots().find((s) => s.type === 'password')!;
    expect(() => vault.removeKeySlot(password.id)).toThrow(expect.objectContaining({ code: 'POLICY' }));
    vault.removeKeySlot(vault.keySlots().find((s) => s.type === 'recovery')!.id);
    vault.lock();
    await expect(Vault.open(dir, { recoveryKey })).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    (await Vault.open(dir, { password: TEST_PASSWORD })).lock();
  });
});
