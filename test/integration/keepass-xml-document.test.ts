import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as kdbxweb from 'kdbxweb';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { installKdbxArgon2 } from '../../src/main/core/import/kdbx-argon2';
import { decryptKdbxInnerXml } from '../../src/main/core/import/kdbx-inner-xml';
import {
  readKeepassXmlDocument,
  type KeepassDocument,
  type KeepassGroup,
} from '../../src/main/core/import/keepass-xml-document';
import { readImportFile, readImportSource } from '../../src/main/core/import/read-import-source';
import { COLUMN } from '../../src/main/core/import/import-source';
import { keepassxcExport } from '../helpers/import-fixtures';
import { makeTempDir } from '../helpers/temp-dir';

const PASSWORD = 'keepass xml document test 4';

/** Text an XML writer must escape, text with no escape, and text from other scripts. */
const AWKWARD = ['<&>"\'', '  leading and trailing  ', 'Zürich 東京 🔑', 'line\nbreak', ''];

function credentials() {
  return new kdbxweb.KdbxCredentials(kdbxweb.ProtectedValue.fromString(PASSWORD));
}

/**
 * A database with what the stream reader must get right: nested groups, protected and plain custom attributes,
 * an empty protected value (which draws no key stream), history entries with protected values of their own (which
 * do), an entry in the recycle bin, expiry on and off, and values an XML writer must escape.
 */
async function awkwardDatabase(version: 3 | 4): Promise<{ bytes: ArrayBuffer; secrets: string[] }> {
  installKdbxArgon2();
  const db = kdbxweb.Kdbx.create(credentials(), 'Awkward');
  db.setVersion(version);
  if (version === 4) {
    db.setKdf(kdbxweb.Consts.KdfId.Argon2id);
    const params = db.header.kdfParameters!;
    params.set('M', kdbxweb.VarDictionary.ValueType.UInt64, new kdbxweb.Int64(1024 * 1024));
    params.set('I', kdbxweb.VarDictionary.ValueType.UInt64, new kdbxweb.Int64(2));
    params.set('P', kdbxweb.VarDictionary.ValueType.UInt32, 1);
  } else db.header.keyEncryptionRounds = 1000;
  const secrets: string[] = [];
  const secret = () => {
    const value = generateTokenValue({ length: 24 });
    secrets.push(value);
    return kdbxweb.ProtectedValue.fromString(value);
  };
  const root = db.getDefaultGroup();
  const platforms = db.createGroup(root, 'Platforms');
  const nested = db.createGroup(db.createGroup(platforms, 'Emplifi'), 'Agency <B> & "C"');
  let n = 0;
  for (const group of [root, platforms, nested]) {
    for (const awkward of AWKWARD) {
      const entry = db.createEntry(group);
      entry.fields.set('Title', `Entry ${n++} ${awkward}`);
      entry.fields.set('UserName', awkward);
      entry.fields.set('Password', secret());
      entry.pushHistory();
      entry.fields.set('Password', secret());
      entry.fields.set('Client secret', n % 2 ? secret() : kdbxweb.ProtectedValue.fromString(''));
      entry.fields.set('Region', awkward);
      entry.fields.set('Notes', `line one\nline two ${awkward}`);
      if (n % 3 === 0) {
        entry.times.expires = true;
        entry.times.expiryTime = new Date(Date.UTC(2027, n % 12, 1 + n, 12, 30));
      } else entry.times.expiryTime = new Date(Date.UTC(2030, 0, 1));
      entry.pushHistory();
    }
  }
  const binned = db.createEntry(platforms);
  binned.fields.set('Title', 'Thrown away');
  binned.fields.set('Password', secret());
  db.remove(binned);
  return { bytes: await db.save(), secrets };
}

/** kdbxweb's own reading of the same file, in the reader's shape: the oracle. */
function kdbxwebDocument(db: kdbxweb.Kdbx): KeepassDocument {
  const text = (value: kdbxweb.KdbxEntryField | undefined) =>
    value instanceof kdbxweb.ProtectedValue ? value.getText() : (value ?? '');
  const group = (g: kdbxweb.KdbxGroup): KeepassGroup => ({
    uuid: g.uuid.id,
    name: g.name ?? '',
    entries: g.entries.map((entry) => ({
      fields: new Map(
        [...entry.fields].map(([key, value]) => [
          key,
          { key, value: text(value), secret: value instanceof kdbxweb.ProtectedValue },
        ]),
      ),
      expiresAt: entry.times.expires && entry.times.expiryTime ? entry.times.expiryTime.toISOString() : null,
    })),
    groups: g.groups.map(group),
  });
  return {
    groups: db.groups.map(group),
    recycleBinUuid: db.meta.recycleBinEnabled ? (db.meta.recycleBinUuid?.id ?? null) : null,
  };
}

describe('the streaming KeePass XML reader', () => {
  for (const version of [4, 3] as const) {
    it(`reads a KDBX ${version === 4 ? '4 (ChaCha20 inner stream)' : '3.1 (Salsa20 inner stream)'} exactly as kdbxweb's own DOM reading does`, async () => {
      const { bytes, secrets } = await awkwardDatabase(version);
      const oracle = kdbxwebDocument(await kdbxweb.Kdbx.load(bytes, credentials()));
      const inner = await decryptKdbxInnerXml(bytes, credentials(), 'The test database');
      const document = readKeepassXmlDocument(inner.xml, {
        what: 'The test database',
        unprotect: inner.unprotect,
      });
      expect(document).toEqual(oracle);
      // The last secret sits after every history value in the key stream: were one value drawn wrongly, it would differ.
      const source = await readImportSource(new Uint8Array(bytes), {
        format: 'kdbx',
        sourcePassword: PASSWORD,
      });
      const imported = source.records.map((r) => r[COLUMN.secret]);
      expect(imported).toContain(secrets[secrets.length - 2]);
      expect(imported).not.toContain(secrets[secrets.length - 1]);
      expect(source.notes).toEqual(['1 entry in the recycle bin left out.']);
      // Entries 3, 6, 9, 12 and 15 expire; the odd ones have a client secret too, a row of its own.
      expect(source.records.filter((r) => r[COLUMN.expires] !== '')).toHaveLength(8);
    }, 60_000);
  }

  it('reads what keepassxc-cli exports from the same database as it reads the database', async () => {
    const dir = makeTempDir();
    const { bytes } = await awkwardDatabase(4);
    const path = join(dir, 'awkward.kdbx');
    writeFileSync(path, new Uint8Array(bytes));
    writeFileSync(join(dir, 'export.xml'), keepassxcExport(path, PASSWORD, 'xml'));
    const fromKdbx = await readImportFile(path, { format: 'kdbx', sourcePassword: PASSWORD });
    const fromXml = await readImportFile(join(dir, 'export.xml'), { format: 'keepass-xml' });
    const shown = (records: typeof fromKdbx.records) =>
      records.map((r) => [r[COLUMN.group], r[COLUMN.title], r[COLUMN.username], r[COLUMN.secret], r.Region]);
    expect(shown(fromXml.records)).toEqual(shown(fromKdbx.records));
    expect(fromXml.records.length).toBeGreaterThan(10);
  }, 60_000);

  it('refuses a KDBX 3.1 whose header was changed after it was written (its hash is inside the XML)', async () => {
    const { bytes } = await awkwardDatabase(3);
    const data = new Uint8Array(bytes.slice(0));
    // Header fields from offset 12: id (1 byte), length (2 bytes LE), data. Field 10 is the inner stream cipher
    // (2 = Salsa20, 3 = ChaCha20): changing it leaves the outer decryption intact, so only the hash can tell.
    let at = 12;
    while (data[at] !== 10) at += 3 + (data[at + 1]! | (data[at + 2]! << 8));
    expect(data[at + 3]).toBe(2);
    data[at + 3] = 3;
    await expect(readImportSource(data, { format: 'kdbx', sourcePassword: PASSWORD })).rejects.toMatchObject({
      message: 'The KeePass database is damaged: its header does not match its contents.',
    });
  }, 30_000);

  it('keeps a tab inside a value (kdbxweb drops it along with the characters XML cannot hold)', () => {
    const xml =
      '<KeePassFile><Root><Group><Name>G</Name><Entry><String><Key>Title</Key><Value>a\tb</Value></String></Entry></Group></Root></KeePassFile>';
    const document = readKeepassXmlDocument(xml, { what: 'The export' });
    expect(document.groups[0]!.entries[0]!.fields.get('Title')!.value).toBe('a\tb');
  });

  it('refuses malformed, cut-off, foreign and DTD-bearing XML with one sentence each', () => {
    const what = 'The KeePass XML export';
    const cases: [string, RegExp][] = [
      ['<KeePassFile><Root><Group><Name>A</Name></Group>', /damaged or incomplete/],
      ['<KeePassFile><Root><Group><Name>A</Nom></Group></Root></KeePassFile>', /damaged or incomplete/],
      ['<KeePassFile><Root>&unknown;</Root></KeePassFile>', /damaged or incomplete/],
      ['<html><body/></html>', /no <KeePassFile> element/],
      ['<!DOCTYPE KeePassFile><KeePassFile/>', /declares a DTD/],
      [`<KeePassFile><Root>${'<Group>'.repeat(70)}`, /nests its groups too deeply/],
      ['', /damaged or incomplete/],
    ];
    for (const [xml, message] of cases) expect(() => readKeepassXmlDocument(xml, { what })).toThrow(message);
  });
});
