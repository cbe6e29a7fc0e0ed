/**
 * Real files in the formats Token Vault imports. KeePassXC files come from Debian's keepassxc-cli itself; KDBX files
 * with chosen KDFs from kdbxweb; Bitwarden and 1Password files are written from their published format
 * descriptions (Bitwarden's "Export vault" JSON/CSV, 1Password's 1PUX: a ZIP with export.attributes and export.data).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as kdbxweb from 'kdbxweb';
import { TextReader, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { installKdbxArgon2 } from '../../src/main/core/import/kdbx-argon2';

export const KEEPASSXC_CLI = process.env.KEEPASSXC_CLI ?? 'keepassxc-cli';

export interface FixtureEntry {
  group: string;
  title: string;
  username?: string;
  password: string;
  url?: string;
  notes?: string;
  /** Custom attributes; `protect` makes one a protected (secret) attribute. */
  custom?: { key: string; value: string; protect?: boolean }[];
  expires?: Date;
}

function keepassxc(args: string[], stdin: string): string {
  const result = spawnSync(KEEPASSXC_CLI, args, {
    input: stdin,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0)
    throw new Error(`keepassxc-cli ${args[0]} failed (${result.status}): ${result.stderr.slice(0, 300)}`);
  return result.stdout;
}

/** A KDBX 4 made by keepassxc-cli (db-create picks AES-KDF), with groups and entries added by `mkdir` and `add`. */
export function keepassxcDatabase(
  path: string,
  password: string,
  entries: FixtureEntry[],
  options: { keyFile?: string } = {},
): void {
  // With a key file, db-create makes it (a .keyx) and every later command names it.
  const keyArgs = options.keyFile ? ['-k', options.keyFile] : [];
  keepassxc(
    [
      'db-create',
      '-q',
      '-p',
      ...(options.keyFile ? ['--set-key-file', options.keyFile] : []),
      '-t',
      '100',
      path,
    ],
    `${password}\n${password}\n`,
  );
  const groups = new Set<string>();
  for (const entry of entries) {
    if (!groups.has(entry.group)) {
      keepassxc(['mkdir', '-q', ...keyArgs, path, entry.group], `${password}\n`);
      groups.add(entry.group);
    }
    const args = ['add', '-q', ...keyArgs, '-p'];
    if (entry.username) args.push('-u', entry.username);
    if (entry.url) args.push('--url', entry.url);
    if (entry.notes) args.push('--notes', entry.notes);
    keepassxc([...args, path, `${entry.group}/${entry.title}`], `${password}\n${entry.password}\n`);
  }
}

export function keepassxcExport(path: string, password: string, format: 'csv' | 'xml'): string {
  return keepassxc(['export', '-q', '-f', format, path], `${password}\n`);
}

export function keepassxcAvailable(): boolean {
  return spawnSync(KEEPASSXC_CLI, ['--version']).status === 0;
}

/** A KDBX written by kdbxweb: version 4 with Argon2id (or Argon2d), or 3.1 with AES-KDF. */
export async function kdbxwebDatabase(
  entries: FixtureEntry[],
  options: {
    password: string;
    keyFile?: Uint8Array;
    version: 3 | 4;
    kdf?: 'argon2id' | 'argon2d' | 'aes';
    argon2?: { memoryKiB: number; iterations: number; parallelism: number };
    aesRounds?: number;
    name?: string;
  },
): Promise<Uint8Array> {
  installKdbxArgon2();
  const credentials = new kdbxweb.KdbxCredentials(
    kdbxweb.ProtectedValue.fromString(options.password),
    options.keyFile ?? null,
  );
  await credentials.ready;
  const db = kdbxweb.Kdbx.create(credentials, options.name ?? 'Fixture');
  db.setVersion(options.version);
  if (options.version === 4) {
    const kdf = options.kdf ?? 'argon2id';
    db.setKdf(
      kdf === 'aes'
        ? kdbxweb.Consts.KdfId.Aes
        : kdf === 'argon2d'
          ? kdbxweb.Consts.KdfId.Argon2d
          : kdbxweb.Consts.KdfId.Argon2id,
    );
    const params = db.header.kdfParameters!;
    if (kdf === 'aes')
      params.set('R', kdbxweb.VarDictionary.ValueType.UInt64, new kdbxweb.Int64(options.aesRounds ?? 1000));
    else {
      const a = options.argon2 ?? { memoryKiB: 1024, iterations: 2, parallelism: 1 };
      params.set('M', kdbxweb.VarDictionary.ValueType.UInt64, new kdbxweb.Int64(a.memoryKiB * 1024));
      params.set('I', kdbxweb.VarDictionary.ValueType.UInt64, new kdbxweb.Int64(a.iterations));
      params.set('P', kdbxweb.VarDictionary.ValueType.UInt32, a.parallelism);
    }
  } else {
    db.header.keyEncryptionRounds = options.aesRounds ?? 1000;
  }
  const root = db.getDefaultGroup();
  const groups = new Map<string, kdbxweb.KdbxGroup>();
  for (const entry of entries) {
    let group = groups.get(entry.group);
    if (!group) {
      group = db.createGroup(root, entry.group);
      groups.set(entry.group, group);
    }
    const item = db.createEntry(group);
    item.fields.set('Title', entry.title);
    item.fields.set('UserName', entry.username ?? '');
    item.fields.set('Password', kdbxweb.ProtectedValue.fromString(entry.password));
    item.fields.set('URL', entry.url ?? '');
    item.fields.set('Notes', entry.notes ?? '');
    for (const custom of entry.custom ?? [])
      item.fields.set(
        custom.key,
        custom.protect ? kdbxweb.ProtectedValue.fromString(custom.value) : custom.value,
      );
    if (entry.expires) {
      item.times.expires = true;
      item.times.expiryTime = entry.expires;
    }
  }
  return new Uint8Array(await db.save());
}

/** Bitwarden's unencrypted JSON export (personal vault: folders; login items have type 1, hidden fields type 1). */
export function bitwardenJson(
  items: {
    folder?: string;
    name: string;
    username?: string;
    password?: string;
    notes?: string;
    hidden?: { name: string; value: string }[];
    text?: { name: string; value: string }[];
    type?: number;
  }[],
): string {
  const folders = [...new Set(items.map((i) => i.folder).filter(Boolean))] as string[];
  const folderId = (name?: string) =>
    name ? `f0000000-0000-4000-8000-${String(folders.indexOf(name)).padStart(12, '0')}` : null;
  return JSON.stringify(
    {
      encrypted: false,
      folders: folders.map((name) => ({ id: folderId(name), name })),
      items: items.map((item, index) => ({
        id: `i0000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
        organizationId: null,
        folderId: folderId(item.folder),
        type: item.type ?? 1,
        reprompt: 0,
        name: item.name,
        notes: item.notes ?? null,
        favorite: false,
        fields: [
          ...(item.text ?? []).map((f) => ({ name: f.name, value: f.value, type: 0, linkedId: null })),
          ...(item.hidden ?? []).map((f) => ({ name: f.name, value: f.value, type: 1, linkedId: null })),
        ],
        ...(item.type === 2
          ? { secureNote: { type: 0 } }
          : {
              login: {
                uris: [{ match: null, uri: 'https://example.org' }],
                username: item.username ?? null,
                password: item.password ?? null,
                totp: null,
              },
            }),
        collectionIds: null,
      })),
    },
    null,
    2,
  );
}

export const BITWARDEN_CSV_HEADER =
  'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp';

export interface OnePuxItem {
  vault: string;
  category: '001' | '005' | '112';
  title: string;
  username?: string;
  password?: string;
  credential?: string;
  credentialType?: string;
  hostname?: string;
  validFrom?: Date;
  expires?: Date;
  notes?: string;
  concealed?: { title: string; value: string }[];
  state?: 'active' | 'archived' | 'deleted';
}

function secondsOf(date?: Date): number {
  return date ? Math.floor(date.getTime() / 1000) : 0;
}

/** export.data of a 1PUX: accounts -> vaults -> items, as 1Password 8 writes it. */
export function onePuxData(items: OnePuxItem[]): string {
  const vaultNames = [...new Set(items.map((i) => i.vault))];
  return JSON.stringify({
    accounts: [
      {
        attrs: {
          accountName: 'Fixture',
          name: 'Fixture Admin',
          avatar: '',
          email: 'admin@example.org',
          uuid: 'ACCOUNTUUID',
          domain: 'https://example.1password.com/',
        },
        vaults: vaultNames.map((vaultName, v) => ({
          attrs: { uuid: `vault${v}`, desc: '', avatar: '', name: vaultName, type: 'U' },
          items: items
            .filter((item) => item.vault === vaultName)
            .map((item, index) => {
              const sectionFields: unknown[] = [];
              if (item.category === '112') {
                sectionFields.push(
                  { title: 'username', id: 'username', value: { string: item.username ?? '' } },
                  { title: 'credential', id: 'credential', value: { concealed: item.credential ?? '' } },
                  { title: 'type', id: 'type', value: { menu: item.credentialType ?? 'bearer' } },
                  { title: 'filename', id: 'filename', value: { string: '' } },
                  { title: 'valid from', id: 'validFrom', value: { date: secondsOf(item.validFrom) } },
                  { title: 'expires', id: 'expires', value: { date: secondsOf(item.expires) } },
                  { title: 'hostname', id: 'hostname', value: { string: item.hostname ?? '' } },
                );
              }
              for (const c of item.concealed ?? [])
                sectionFields.push({
                  title: c.title,
                  id: `c${sectionFields.length}`,
                  value: { concealed: c.value },
                });
              return {
                uuid: `item${v}x${index}`,
                favIndex: 0,
                createdAt: 1_700_000_000,
                updatedAt: 1_700_000_000,
                state: item.state ?? 'active',
                categoryUuid: item.category,
                details: {
                  loginFields:
                    item.category === '001'
                      ? [
                          {
                            value: item.username ?? '',
                            id: '',
                            name: 'username',
                            fieldType: 'T',
                            designation: 'username',
                          },
                          {
                            value: item.password ?? '',
                            id: '',
                            name: 'password',
                            fieldType: 'P',
                            designation: 'password',
                          },
                        ]
                      : [],
                  notesPlain: item.notes ?? '',
                  sections: [{ title: '', name: 'add more', fields: sectionFields }],
                  passwordHistory: [],
                  ...(item.category === '005' ? { password: item.password ?? '' } : {}),
                },
                overview: {
                  subtitle: '',
                  urls: [],
                  title: item.title,
                  url: '',
                  ps: 0,
                  pbe: 0,
                  pgrng: false,
                  tags: [],
                },
              };
            }),
        })),
      },
    ],
  });
}

/** A 1PUX: a ZIP with export.attributes, export.data and an empty files/ folder. */
export async function onePuxZip(
  items: OnePuxItem[],
  dataOverride?: string | Uint8Array,
): Promise<Uint8Array> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
  await writer.add(
    'export.attributes',
    new TextReader(
      JSON.stringify({ version: 3, description: '1Password Unencrypted Export', createdAt: 1_700_000_000 }),
    ),
  );
  await writer.add(
    'export.data',
    dataOverride instanceof Uint8Array
      ? new Uint8ArrayReader(dataOverride)
      : new TextReader(dataOverride ?? onePuxData(items)),
  );
  await writer.add('files/', undefined, { directory: true });
  return writer.close();
}

/**
 * A ZIP bomb shaped as a 1PUX, written by 7-Zip: export.data inflates to `inflatedMiB` of zeros from a few hundred
 * KiB (a sparse file compressed natively; compressing it in JavaScript would take most of the test's time).
 */
export function onePuxBombFile(path: string, inflatedMiB: number): void {
  const work = mkdtempSync(join(tmpdir(), 'tokenvault-bomb-'));
  try {
    const data = join(work, 'export.data');
    writeFileSync(data, '');
    truncateSync(data, inflatedMiB * 1024 * 1024);
    const result = spawnSync('7zz', ['a', '-tzip', '-mx=1', path, data], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`7zz failed: ${result.stderr.slice(0, 300)}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Re-zip bytes unchanged (for tests that need a second archive shape). */
export async function zipOf(files: Record<string, Uint8Array | string>): Promise<Uint8Array> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), { useWebWorkers: false });
  for (const [name, content] of Object.entries(files))
    await writer.add(
      name,
      typeof content === 'string' ? new TextReader(content) : new Uint8ArrayReader(content),
    );
  return writer.close();
}

/**
 * A 1PUX whose export.data is valid JSON with no items, padded with spaces to exactly `inflatedBytes`, written by
 * 7-Zip: the costliest file a reader must still accept when `inflatedBytes` is just under its cap.
 */
export function onePuxPaddedFile(path: string, inflatedBytes: number): void {
  const work = mkdtempSync(join(tmpdir(), 'tokenvault-padded-'));
  try {
    const data = join(work, 'export.data');
    const head = '{"accounts":[';
    const tail = ']}';
    writeFileSync(data, head + ' '.repeat(inflatedBytes - head.length - tail.length) + tail);
    const result = spawnSync('7zz', ['a', '-tzip', '-mx=1', path, data], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`7zz failed: ${result.stderr.slice(0, 300)}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** One VarDictionary entry's bytes before its value (type, key length, key, value length), as KDBX 4 writes it. */
function varDictionaryEntryPrefix(type: number, key: string, valueLength: number): Buffer {
  const prefix = Buffer.alloc(1 + 4 + key.length + 4);
  prefix.writeUInt8(type, 0);
  prefix.writeInt32LE(key.length, 1);
  prefix.write(key, 5, 'latin1');
  prefix.writeInt32LE(valueLength, 5 + key.length);
  return prefix;
}

/**
 * A copy of a KDBX 4 (made by kdbxwebDatabase) whose header asks for another key derivation, patched in place with
 * its header SHA-256 made right again, as a hostile file would be: kdbxweb itself never derives past the import's
 * bounds, so such a file cannot be written through it. The header HMAC is keyed by the derived key and so no longer
 * matches: opened with any password it reads as a wrong password, after the derivation it asked for.
 */
export function withKdfParameters(
  kdbx: Uint8Array,
  kdf: { memoryKiB?: number; iterations?: number; parallelism?: number; aesRounds?: number },
): Uint8Array {
  const bytes = Buffer.from(kdbx);
  const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
  const header = kdbxweb.KdbxHeader.read(
    new kdbxweb.BinaryStream(data),
    new kdbxweb.KdbxContext({ kdbx: new kdbxweb.Kdbx() }),
  );
  const end = header.endPos!;
  const patch = (type: number, key: string, size: 4 | 8, value: number) => {
    const prefix = varDictionaryEntryPrefix(type, key, size);
    const at = bytes.subarray(0, end).indexOf(prefix);
    if (at < 0) throw new Error(`The KDBX header has no ${key} parameter to patch.`);
    const offset = at + prefix.length;
    if (size === 4) bytes.writeUInt32LE(value, offset);
    else bytes.writeBigUInt64LE(BigInt(value), offset);
  };
  const UINT32 = 0x04;
  const UINT64 = 0x05;
  if (kdf.memoryKiB !== undefined) patch(UINT64, 'M', 8, kdf.memoryKiB * 1024);
  if (kdf.iterations !== undefined) patch(UINT64, 'I', 8, kdf.iterations);
  if (kdf.parallelism !== undefined) patch(UINT32, 'P', 4, kdf.parallelism);
  if (kdf.aesRounds !== undefined) patch(UINT64, 'R', 8, kdf.aesRounds);
  createHash('sha256').update(bytes.subarray(0, end)).digest().copy(bytes, end);
  return new Uint8Array(bytes);
}
