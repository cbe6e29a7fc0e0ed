import { createCipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import argon2 from 'argon2';

/**
 * A minimal KDBX 4.0 writer for the benchmark's reference database. keepassxc-cli cannot be told which Argon2
 * parameters to use (only a target time), so the bench writes the file itself with exactly the vault's
 * parameters; keepassxc-cli then opens it, which also proves the file is well formed.
 * Layout per the KeePass/KeePassXC documentation of KDBX 4: outer header, SHA-256 and HMAC of the header,
 * HMAC block stream of AES-256-CBC ciphertext of gzip(inner header + XML); protected strings use ChaCha20.
 */

export interface KdbxEntry {
  title: string;
  userName: string;
  password: string;
  url: string;
  notes: string;
}

export interface KdbxGroup {
  name: string;
  entries: KdbxEntry[];
}

export interface Argon2Params {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

const AES256_CBC_UUID = Buffer.from('31c1f2e6bf714350be5805216afc5aff', 'hex');
const ARGON2ID_UUID = Buffer.from('9e298b1956db4773b23dfc3ec6f0a1e6', 'hex');
const CHACHA20_STREAM_ID = 3;
const BLOCK_SIZE = 1024 * 1024;

function u32(value: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(value);
  return b;
}

function u64(value: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(value);
  return b;
}

/** A header field: one id byte, a 32-bit little-endian length, the data (outer and inner headers alike). */
function field(id: number, data: Buffer): Buffer {
  return Buffer.concat([Buffer.from([id]), u32(data.length), data]);
}

/** KeePass's VariantDictionary (version 1.0) holding the KDF parameters. */
function variantDictionary(items: [type: number, key: string, value: Buffer][]): Buffer {
  const parts: Buffer[] = [Buffer.from([0x00, 0x01])];
  for (const [type, key, value] of items) {
    const keyBytes = Buffer.from(key, 'utf8');
    parts.push(Buffer.from([type]), u32(keyBytes.length), keyBytes, u32(value.length), value);
  }
  parts.push(Buffer.from([0x00]));
  return Buffer.concat(parts);
}

function sha256(...parts: Buffer[]): Buffer {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
}

function sha512(...parts: Buffer[]): Buffer {
  const h = createHash('sha512');
  for (const p of parts) h.update(p);
  return h.digest();
}

function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function uuidBase64(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The KeePass 2 XML document. With `protect`, each password is XORed with the inner ChaCha20 stream in document
 * order (what a real KDBX 4 holds); without it the XML is a plain export, the form `keepassxc-cli import` reads.
 */
export function keepassXml(
  groups: KdbxGroup[],
  databaseName: string,
  protect?: (plain: Buffer) => Buffer,
): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="utf-8" standalone="yes"?>',
    `<KeePassFile><Meta><Generator>tokenvault-bench</Generator><DatabaseName>${xmlEscape(databaseName)}</DatabaseName></Meta>`,
    `<Root><Group><UUID>${uuidBase64()}</UUID><Name>Root</Name>`,
  ];
  const str = (key: string, value: string) =>
    `<String><Key>${key}</Key><Value>${xmlEscape(value)}</Value></String>`;
  for (const group of groups) {
    out.push(`<Group><UUID>${uuidBase64()}</UUID><Name>${xmlEscape(group.name)}</Name>`);
    for (const entry of group.entries) {
      const password = protect
        ? `<String><Key>Password</Key><Value Protected="True">${protect(Buffer.from(entry.password, 'utf8')).toString('base64')}</Value></String>`
        : str('Password', entry.password);
      out.push(
        `<Entry><UUID>${uuidBase64()}</UUID>${str('Title', entry.title)}${str('UserName', entry.userName)}${password}${str('URL', entry.url)}${str('Notes', entry.notes)}</Entry>`,
      );
    }
    out.push('</Group>');
  }
  out.push('</Group></Root></KeePassFile>');
  return out.join('\n');
}

/** A complete KDBX 4.0 file (AES-256-CBC, gzip, Argon2id with the given parameters, password only). */
export async function writeKdbx4(
  groups: KdbxGroup[],
  databaseName: string,
  password: string,
  params: Argon2Params,
): Promise<Buffer> {
  const masterSeed = randomBytes(32);
  const iv = randomBytes(16);
  const kdfSalt = randomBytes(32);
  const kdf = variantDictionary([
    [0x42, '$UUID', ARGON2ID_UUID],
    [0x42, 'S', kdfSalt],
    [0x04, 'P', u32(params.parallelism)],
    [0x05, 'M', u64(BigInt(params.memoryKiB) * 1024n)],
    [0x05, 'I', u64(BigInt(params.iterations))],
    [0x04, 'V', u32(0x13)],
  ]);
  const header = Buffer.concat([
    u32(0x9aa2d903),
    u32(0xb54bfb67),
    u32(0x00040000),
    field(0x02, AES256_CBC_UUID),
    field(0x03, u32(1)),
    field(0x04, masterSeed),
    field(0x07, iv),
    field(0x0b, kdf),
    field(0x00, Buffer.from('\r\n\r\n', 'latin1')),
  ]);

  const compositeKey = sha256(sha256(Buffer.from(password, 'utf8')));
  const transformedKey = await argon2.hash(compositeKey, {
    type: argon2.argon2id,
    raw: true,
    salt: kdfSalt,
    memoryCost: params.memoryKiB,
    timeCost: params.iterations,
    parallelism: params.parallelism,
    hashLength: 32,
    version: 0x13,
  });
  const encryptionKey = sha256(masterSeed, transformedKey);
  const hmacBaseKey = sha512(masterSeed, transformedKey, Buffer.from([1]));
  const blockKey = (index: bigint) => sha512(u64(index), hmacBaseKey);

  const innerStreamKey = randomBytes(64);
  const streamKeyHash = sha512(innerStreamKey);
  const chacha = createCipheriv(
    'chacha20',
    streamKeyHash.subarray(0, 32),
    Buffer.concat([Buffer.alloc(4), streamKeyHash.subarray(32, 44)]),
  );
  const xml = keepassXml(groups, databaseName, (plain) => chacha.update(plain));
  const innerHeader = Buffer.concat([
    field(0x01, u32(CHACHA20_STREAM_ID)),
    field(0x02, innerStreamKey),
    field(0x00, Buffer.alloc(0)),
  ]);
  const compressed = gzipSync(Buffer.concat([innerHeader, Buffer.from(xml, 'utf8')]));
  const cipher = createCipheriv('aes-256-cbc', encryptionKey, iv);
  const encrypted = Buffer.concat([cipher.update(compressed), cipher.final()]);

  const blocks: Buffer[] = [];
  let index = 0n;
  for (let offset = 0; ; offset += BLOCK_SIZE) {
    const data = encrypted.subarray(offset, offset + BLOCK_SIZE);
    const length = u32(data.length);
    const mac = createHmac('sha256', blockKey(index)).update(u64(index)).update(length).update(data).digest();
    blocks.push(mac, length, data);
    index++;
    if (data.length === 0) break;
  }
  const headerMac = createHmac('sha256', blockKey(0xffffffffffffffffn)).update(header).digest();
  return Buffer.concat([header, sha256(header), headerMac, ...blocks]);
}
