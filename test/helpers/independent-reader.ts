/**
 * A vault reader written from docs/vault-format.md alone: node:crypto, the argon2 package and
 * better-sqlite3-multiple-ciphers, and nothing from src/. If the app and the document drift apart, the tests that
 * use this reader fail. Keep it that way: never import core code here.
 */
import { createDecipheriv, createHash, createHmac, hkdfSync, pbkdf2Sync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import argon2 from 'argon2';
import Database from 'better-sqlite3-multiple-ciphers';

interface Wrap {
  alg: string;
  nonce: string;
  ciphertext: string;
  tag: string;
}

export interface DocSlot {
  id: string;
  type: string;
  createdAt: string;
  kdf?: Record<string, unknown>;
  wrap: Wrap;
}

export interface DocKeySlots {
  format: string;
  version: number;
  vaultId: string;
  createdAt: string;
  database: Record<string, unknown>;
  slots: DocSlot[];
}

export function readKeySlotsFile(vaultDir: string): DocKeySlots {
  const file = JSON.parse(readFileSync(join(vaultDir, 'keyslots.json'), 'utf8')) as DocKeySlots;
  if (file.format !== 'tokenvault-keyslots' || file.version > 1)
    throw new Error('not a version 1 keyslots file');
  return file;
}

/** Section 2.3: AES-256-GCM with AAD "tokenvault:<vaultId>:<slotId>". Throws when the tag does not verify. */
export function openWrap(kek: Buffer, vaultId: string, slot: DocSlot): Buffer {
  if (slot.wrap.alg !== 'A256GCM') throw new Error(`unknown wrap ${slot.wrap.alg}`);
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.wrap.nonce, 'base64'));
  decipher.setAAD(Buffer.from(`tokenvault:${vaultId}:${slot.id}`, 'utf8'));
  decipher.setAuthTag(Buffer.from(slot.wrap.tag, 'base64'));
  const dek = Buffer.concat([decipher.update(Buffer.from(slot.wrap.ciphertext, 'base64')), decipher.final()]);
  if (dek.length !== 32) throw new Error('the data key is not 32 bytes');
  return dek;
}

/** Section 2.4: KEK = Argon2id(UTF-8(NFKC(password)), salt, m, t, p, v=0x13), 32 bytes. */
export async function passwordKek(password: string, slot: DocSlot): Promise<Buffer> {
  const kdf = slot.kdf as {
    name: string;
    version: number;
    memoryKiB: number;
    iterations: number;
    parallelism: number;
    salt: string;
    normalisation: string;
  };
  if (kdf.name !== 'argon2id' || kdf.version !== 19 || kdf.normalisation !== 'NFKC')
    throw new Error('unknown kdf');
  return argon2.hash(Buffer.from(password.normalize('NFKC'), 'utf8'), {
    type: argon2.argon2id,
    version: 0x13,
    raw: true,
    salt: Buffer.from(kdf.salt, 'base64'),
    memoryCost: kdf.memoryKiB,
    timeCost: kdf.iterations,
    parallelism: kdf.parallelism,
    hashLength: 32,
  });
}

export async function dataKeyFromPassword(
  vaultDir: string,
  password: string,
  slotId?: string,
): Promise<Buffer> {
  const file = readKeySlotsFile(vaultDir);
  const slot = file.slots.find((s) => (slotId ? s.id === slotId : s.type === 'password'));
  if (!slot) throw new Error('no password slot');
  return openWrap(await passwordKek(password, slot), file.vaultId, slot);
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Section 2.5: Crockford base32, most significant bit first, 4 leftover bits dropped. */
export function decodeRecoveryKey(text: string): { entropy: Buffer; checksumOk: boolean } {
  const cleaned = text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  let bits = '';
  for (const char of cleaned) {
    const value = CROCKFORD.indexOf(char);
    if (value < 0) throw new Error('not a Crockford base32 character');
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  const all = Buffer.from(bytes);
  const entropy = all.subarray(0, 30);
  const checksum = createHash('sha256')
    .update('tokenvault-recovery-checksum', 'utf8')
    .update(entropy)
    .digest();
  return { entropy, checksumOk: checksum.subarray(0, 2).equals(all.subarray(30, 32)) };
}

/** The inverse of decodeRecoveryKey, for building keys with known entropy. */
export function encodeRecoveryKey(entropy: Buffer): string {
  const checksum = createHash('sha256')
    .update('tokenvault-recovery-checksum', 'utf8')
    .update(entropy)
    .digest();
  let bits = [...Buffer.concat([entropy, checksum.subarray(0, 2)])]
    .map((byte) => byte.toString(2).padStart(8, '0'))
    .join('');
  while (bits.length % 5) bits += '0';
  let text = '';
  for (let i = 0; i < bits.length; i += 5) text += CROCKFORD[parseInt(bits.slice(i, i + 5), 2)];
  return text.match(/.{1,4}/g)!.join('-');
}

export function dataKeyFromRecoveryKey(vaultDir: string, recoveryKey: string): Buffer {
  const file = readKeySlotsFile(vaultDir);
  const slot = file.slots.find((s) => s.type === 'recovery');
  if (!slot) throw new Error('no recovery slot');
  const kdf = slot.kdf as { name: string; salt: string; info: string };
  if (kdf.name !== 'hkdf-sha256') throw new Error('unknown kdf');
  const { entropy, checksumOk } = decodeRecoveryKey(recoveryKey);
  if (!checksumOk) throw new Error('recovery key checksum mismatch');
  const kek = Buffer.from(
    hkdfSync('sha256', entropy, Buffer.from(kdf.salt, 'base64'), Buffer.from(kdf.info, 'utf8'), 32),
  );
  return openWrap(kek, file.vaultId, slot);
}

/** Section 4: the documented pragmas, read-only. */
export function openWithPragmas(dbPath: string, dek: Buffer): Database.Database {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  db.pragma(`cipher='sqlcipher'`);
  db.pragma('legacy=4');
  db.pragma(`key="x'${dek.toString('hex')}'"`);
  return db;
}

const PAGE = 4096;
const RESERVE = 80;

/**
 * Section 4.1 by hand: check each page's HMAC-SHA512 and decrypt it with AES-256-CBC, giving the plaintext
 * SQLite image (kept in memory, never written). Throws on the first page whose HMAC does not verify.
 */
export function decryptPages(fileBytes: Buffer, dek: Buffer): Buffer {
  if (fileBytes.length % PAGE !== 0) throw new Error('the file is not a whole number of pages');
  const salt = fileBytes.subarray(0, 16);
  const hmacKey = pbkdf2Sync(dek, Buffer.from(salt.map((b) => b ^ 0x3a)), 2, 32, 'sha512');
  const pages: Buffer[] = [];
  for (let n = 1; n * PAGE <= fileBytes.length; n++) {
    const page = fileBytes.subarray((n - 1) * PAGE, n * PAGE);
    const start = n === 1 ? 16 : 0;
    const data = page.subarray(start, PAGE - RESERVE);
    const iv = page.subarray(PAGE - RESERVE, PAGE - RESERVE + 16);
    const mac = page.subarray(PAGE - RESERVE + 16);
    const pageNumber = Buffer.alloc(4);
    pageNumber.writeUInt32LE(n);
    const expected = createHmac('sha512', hmacKey).update(data).update(iv).update(pageNumber).digest();
    if (!expected.equals(mac)) throw new Error(`page ${n}: HMAC does not verify`);
    const decipher = createDecipheriv('aes-256-cbc', dek, iv);
    decipher.setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(data), decipher.final()]);
    pages.push(
      n === 1 ? Buffer.from('SQLite format 3\0', 'latin1') : Buffer.alloc(0),
      plain,
      Buffer.alloc(RESERVE),
    );
  }
  return Buffer.concat(pages);
}

/** Open a decrypted image in memory. An in-memory database cannot be in WAL mode, so mark it rollback-journal. */
export function openPlainImage(image: Buffer): Database.Database {
  const copy = Buffer.from(image);
  copy[18] = 1;
  copy[19] = 1;
  return new Database(copy);
}

interface EventRow {
  seq: number;
  at: string;
  actor: string;
  kind: string;
  account_id: number | null;
  token_id: number | null;
  details: string;
  prev_hash: string;
  hash: string;
}

/** Section 5.1: recompute the chain; returns the problems found (empty when it verifies). */
export function verifyEventChain(db: Database.Database, dek: Buffer, vaultId: string): string[] {
  const chainKey = Buffer.from(
    hkdfSync(
      'sha256',
      dek,
      Buffer.from(vaultId, 'utf8'),
      Buffer.from('tokenvault event chain v1', 'utf8'),
      32,
    ),
  );
  const problems: string[] = [];
  let previous = '0'.repeat(64);
  let expectedSeq = 1;
  for (const row of db.prepare('SELECT * FROM events ORDER BY seq').all() as EventRow[]) {
    if (row.seq !== expectedSeq) problems.push(`gap before ${row.seq}`);
    if (row.prev_hash !== previous) problems.push(`${row.seq}: prev_hash`);
    const material = JSON.stringify([
      row.seq,
      row.at,
      row.actor,
      row.kind,
      row.account_id,
      row.token_id,
      row.details,
      row.prev_hash,
    ]);
    if (createHmac('sha256', chainKey).update(material, 'utf8').digest('hex') !== row.hash)
      problems.push(`${row.seq}: hash`);
    previous = row.hash;
    expectedSeq = row.seq + 1;
  }
  const head = (
    db.prepare(`SELECT value FROM meta WHERE key = 'event_head'`).get() as { value: string } | undefined
  )?.value;
  if (head !== `${expectedSeq - 1}:${previous}`) problems.push('event_head');
  return problems;
}
