/**
 * Proves docs/vault-format.md: a vault written by the app is opened by test/helpers/independent-reader.ts, which
 * is written from the document alone (node:crypto, argon2, better-sqlite3-multiple-ciphers; nothing from src/).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Vault } from '../../src/main/core/vault/vault';
import {
  dataKeyFromPassword,
  dataKeyFromRecoveryKey,
  decryptPages,
  openPlainImage,
  openWithPragmas,
  readKeySlotsFile,
  verifyEventChain,
} from '../helpers/independent-reader';
import { makeTempDir } from '../helpers/temp-dir';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
// A password with accents, typed precomposed at creation and decomposed (NFD) when the independent reader uses it.
const PASSWORD = 'Crème brûlée façade lantern orbit';

function base64Length(text: string): number {
  expect(text).toMatch(BASE64);
  return Buffer.from(text, 'base64').length;
}

async function vaultWithKnownTokens() {
  const dir = join(makeTempDir(), 'reader.tokenvault');
  const { vault, recoveryKey } = await Vault.create(dir, {
    password: PASSWORD.normalize('NFC'),
    operator: 'ada',
  });
  const account = vault.accounts.create({ name: 'Engaging Networks (main)', profile: 'generic' });
  const values = {
    crm: `crm-${randomBytes(24).toString('hex')}`,
    newsletter: `newsletter-${randomBytes(24).toString('hex')}`,
    rotated: `rotated-${randomBytes(24).toString('hex')}`,
  };
  const crm = vault.tokens.create({
    accountId: account.id,
    name: 'CRM sync',
    value: values.crm,
    description: 'Nightly',
  });
  vault.tokens.create({ accountId: account.id, name: 'Newsletter', value: values.newsletter });
  vault.tokens.update({ id: crm.id, value: values.rotated });
  vault.tokens.reveal(crm.id);
  return { dir, vault, recoveryKey, values, crmId: crm.id };
}

describe('an independent reader following docs/vault-format.md', () => {
  it('finds every documented field of keyslots.json, with the documented types and sizes', async () => {
    const { dir, vault } = await vaultWithKnownTokens();
    vault.lock();
    const file = readKeySlotsFile(dir);
    expect(Object.keys(file).sort()).toEqual([
      'createdAt',
      'database',
      'format',
      'slots',
      'vaultId',
      'version',
    ]);
    expect(file.format).toBe('tokenvault-keyslots');
    expect(file.version).toBe(1);
    expect(file.vaultId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(file.createdAt).toMatch(ISO_TIME);
    expect(file.database).toEqual({ file: 'vault.db', cipher: 'sqlcipher', legacy: 4, key: 'raw-256' });
    expect(file.slots.map((s) => s.type)).toEqual(['password', 'recovery']);
    for (const slot of file.slots) {
      expect(slot.id).toMatch(new RegExp(`^${slot.type}-[0-9a-f]{8}$`));
      expect(slot.createdAt).toMatch(ISO_TIME);
      expect(Object.keys(slot.wrap).sort()).toEqual(['alg', 'ciphertext', 'nonce', 'tag']);
      expect(slot.wrap.alg).toBe('A256GCM');
      expect(base64Length(slot.wrap.nonce)).toBe(12);
      expect(base64Length(slot.wrap.ciphertext)).toBe(32);
      expect(base64Length(slot.wrap.tag)).toBe(16);
    }
    const [password, recovery] = file.slots;
    expect(Object.keys(password!.kdf!).sort()).toEqual(
      ['iterations', 'memoryKiB', 'name', 'normalisation', 'parallelism', 'salt', 'version'].sort(),
    );
    expect(password!.kdf).toMatchObject({ name: 'argon2id', version: 19, normalisation: 'NFKC' });
    expect(password!.kdf!.memoryKiB as number).toBeGreaterThanOrEqual(65536);
    expect(password!.kdf!.iterations as number).toBeGreaterThanOrEqual(3);
    expect(password!.kdf!.parallelism as number).toBeGreaterThanOrEqual(4);
    expect(base64Length(password!.kdf!.salt as string)).toBe(16);
    expect(recovery!.kdf).toEqual({
      name: 'hkdf-sha256',
      salt: expect.any(String),
      info: 'tokenvault recovery kek v1',
    });
    expect(base64Length(recovery!.kdf!.salt as string)).toBe(16);
  });

  it('derives the data key from the password (NFKC) and from the recovery key, and they agree', async () => {
    const { dir, vault, recoveryKey } = await vaultWithKnownTokens();
    vault.lock();
    const viaPassword = await dataKeyFromPassword(dir, PASSWORD.normalize('NFD'));
    expect(viaPassword).toHaveLength(32);
    expect(dataKeyFromRecoveryKey(dir, recoveryKey)).toEqual(viaPassword);
    await expect(dataKeyFromPassword(dir, `${PASSWORD}!`)).rejects.toThrow(/authenticate/);
  });

  it('opens vault.db with the documented pragmas and reads the tokens, the meta and an intact event chain', async () => {
    const { dir, vault, values } = await vaultWithKnownTokens();
    vault.lock();
    const file = readKeySlotsFile(dir);
    const dataKey = await dataKeyFromPassword(dir, PASSWORD);
    const db = openWithPragmas(join(dir, 'vault.db'), dataKey);
    try {
      const tokens = db.prepare('SELECT name, value FROM tokens ORDER BY id').all();
      expect(tokens).toEqual([
        { name: 'CRM sync', value: values.rotated },
        { name: 'Newsletter', value: values.newsletter },
      ]);
      expect(db.prepare('SELECT value FROM token_previous_values').all()).toEqual([{ value: values.crm }]);
      const meta = Object.fromEntries(
        (db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [
          r.key,
          r.value,
        ]),
      );
      expect(meta).toMatchObject({
        vault_id: file.vaultId,
        operator: 'ada',
        demo: '0',
        created_at: file.createdAt,
      });
      expect(meta.event_head).toMatch(/^\d+:[0-9a-f]{64}$/);
      expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(1);
      expect(
        db
          .prepare('SELECT kind FROM events ORDER BY seq')
          .all()
          .map((r) => (r as { kind: string }).kind),
      ).toEqual(['AccountCreated', 'Created', 'Created', 'Edited', 'Revealed']);
      expect(verifyEventChain(db, dataKey, file.vaultId)).toEqual([]);
    } finally {
      db.close();
    }
    // A wrong key shows as "not a database" on the first read.
    const wrong = openWithPragmas(join(dir, 'vault.db'), randomBytes(32));
    expect(() => wrong.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database/);
    wrong.close();
  });

  it('decrypts the pages by hand (section 4.1) into a plain SQLite image holding the same tokens', async () => {
    const { dir, vault, values } = await vaultWithKnownTokens();
    vault.lock();
    const dataKey = await dataKeyFromPassword(dir, PASSWORD);
    const image = decryptPages(readFileSync(join(dir, 'vault.db')), dataKey);
    expect(image.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    expect(image.readUInt16BE(16)).toBe(4096);
    expect(image[20]).toBe(80);
    const db = openPlainImage(image);
    expect(db.prepare(`SELECT value FROM tokens WHERE name = 'Newsletter'`).get()).toEqual({
      value: values.newsletter,
    });
    db.close();
    // The HMAC check is real: one flipped bit in page 1 is refused.
    const tampered = Buffer.from(readFileSync(join(dir, 'vault.db')));
    tampered[100] = tampered[100]! ^ 1;
    expect(() => decryptPages(tampered, dataKey)).toThrow(/page 1: HMAC/);
  });

  it('opens a backup the same way, with the same data key', async () => {
    const { dir, vault, values } = await vaultWithKnownTokens();
    const backup = vault.backup();
    vault.lock();
    const dataKey = await dataKeyFromPassword(dir, PASSWORD);
    const db = openWithPragmas(backup.path, dataKey);
    expect(db.prepare(`SELECT value FROM tokens WHERE name = 'CRM sync'`).get()).toEqual({
      value: values.rotated,
    });
    db.close();
    const image = decryptPages(readFileSync(backup.path), dataKey);
    expect(image[18]).toBe(1); // rollback journal, not WAL: a backup is one file
    const plain = openPlainImage(image);
    expect(plain.prepare('SELECT count(*) AS n FROM tokens').get()).toEqual({ n: 2 });
    plain.close();
  });
});
