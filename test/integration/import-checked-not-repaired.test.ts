/**
 * Each reader checks its input instead of repairing it silently (docs/import-formats.md, "Checked, not repaired"):
 * what would otherwise be dropped, cut or changed on the way in is a refused row with its sentence, or the whole
 * file refused with one sentence.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as kdbxweb from 'kdbxweb';
import { parse } from 'dotenv';
import { commitImport } from '../../src/main/core/import/import-commit';
import { previewImport } from '../../src/main/core/import/import-preview';
import { readImportSource } from '../../src/main/core/import/read-import-source';
import { COLUMN } from '../../src/main/core/import/import-source';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { createTestVault } from '../helpers/vault-fixture';
import {
  BITWARDEN_CSV_HEADER,
  bitwardenJson,
  kdbxwebDatabase,
  keepassxcDatabase,
  keepassxcExport,
  onePuxData,
  onePuxZip,
  zipOf,
  type OnePuxItem,
} from '../helpers/import-fixtures';
import { renameEntry } from '../helpers/hostile-bundles';
import { makeTempDir } from '../helpers/temp-dir';

const envSource = (text: string) =>
  readImportSource(Buffer.from(text), { format: 'env', fileName: 'crm.env' });

describe('.env: what dotenv would keep silently', () => {
  it('a variable set twice: both rows shown and refused, naming both lines; the others import', async () => {
    const { vault } = await createTestVault();
    const [first, second, other] = [generateTokenValue(), generateTokenValue(), generateTokenValue()];
    const text = `# CRM\nAPP_KEY=${first}\nOTHER=${other}\n\n\nexport APP_KEY="${second}"\n`;
    // What dotenv alone makes of it: the last one, the first lost without a word.
    expect(parse(text).APP_KEY).toBe(second);
    const source = await envSource(text);
    expect(source.records.map((r) => [r[COLUMN.title], r[COLUMN.secret]])).toEqual([
      ['APP_KEY', first],
      ['OTHER', other],
      ['APP_KEY', second],
    ]);
    const preview = previewImport(vault, source);
    const sentence = 'APP_KEY appears twice in the file (lines 2 and 6); keep one and import again.';
    expect(preview.rows.map((r) => [r.name, r.selected, r.refusal])).toEqual([
      ['APP_KEY', false, sentence],
      ['OTHER', true, null],
      ['APP_KEY', false, sentence],
    ]);
    expect(preview.counts).toMatchObject({ rows: 3, selected: 1, refused: 2 });
    // Chosen by hand, a refused row stops the write: nothing is written.
    expect(() => commitImport(vault, source, { selection: [1, 2] })).toThrow(`Row 1: ${sentence}`);
    expect(vault.tokens.list()).toHaveLength(0);
    expect(commitImport(vault, source).imported).toBe(1);
    expect(vault.tokens.list().map((t) => t.name)).toEqual(['OTHER']);
  });

  it('a row whose value a refused row also has is still imported (the refused one stands for nothing)', async () => {
    const { vault } = await createTestVault();
    const [v1, v2] = [generateTokenValue(), generateTokenValue()];
    const source = await envSource(`A=${v1}\nA=${v2}\nB=${v1}\n`);
    const preview = previewImport(vault, source);
    expect(preview.rows.map((r) => [r.name, r.selected, r.duplicate])).toEqual([
      ['A', false, null],
      ['A', false, null],
      ['B', true, null],
    ]);
    expect(commitImport(vault, source).imported).toBe(1);
    expect(vault.tokens.list().map((t) => t.name)).toEqual(['B']);
  });

  it('three times, in a CRLF file: every line named', async () => {
    const source = await envSource('A=1\r\nB=2\r\nA=3\r\nA=4\r\n');
    expect([...source.rowProblems!.values()]).toEqual([
      'A appears 3 times in the file (lines 1, 3 and 4); keep one and import again.',
      'A appears 3 times in the file (lines 1, 3 and 4); keep one and import again.',
      'A appears 3 times in the file (lines 1, 3 and 4); keep one and import again.',
    ]);
    expect(source.rowProblems!.has(1)).toBe(false);
  });

  it('a name set 100,000 times: one short sentence shared by its rows, read in bounded time', async () => {
    const started = Date.now();
    const source = await envSource('A="x\n'.repeat(100_000));
    expect(source.records).toHaveLength(100_000);
    const sentences = new Set(source.rowProblems!.values());
    expect([...sentences]).toEqual([
      'A appears 100,000 times in the file (lines 1, 2, 3, 4, 5 and 99,995 more); keep one and import again.',
    ]);
    // Quadratic bookkeeping took minutes here; the read itself takes about 2 s on a loaded 2-core machine.
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('a "#" right after a value, where dotenv cuts it and a shell does not: the row is refused', async () => {
    const { vault } = await createTestVault();
    const text = 'CUT=abc#123\nEMPTIED=#abc\nQUOTED="abc#123"\nCOMMENTED=abc # a comment\nSPACED= #nothing\n';
    expect(parse(text)).toMatchObject({ CUT: 'abc', EMPTIED: '', QUOTED: 'abc#123', COMMENTED: 'abc' });
    const preview = previewImport(vault, await envSource(text));
    expect(preview.rows.map((r) => [r.name, r.refusal])).toEqual([
      [
        'CUT',
        'The value of CUT stops at a "#" that dotenv reads as a comment; put the value in quotes (CUT="...") to keep the "#".',
      ],
      [
        'EMPTIED',
        'The value of EMPTIED stops at a "#" that dotenv reads as a comment; put the value in quotes (EMPTIED="...") to keep the "#".',
      ],
      ['QUOTED', null],
      ['COMMENTED', null],
      ['SPACED', 'The token value cannot be empty. (value)'],
    ]);
    expect(preview.rows[2]!.valueLength).toBe('abc#123'.length);
  });

  it('a quote opened and not closed at the end of the value, which dotenv keeps in the value: refused', async () => {
    const { vault } = await createTestVault();
    const text = 'OPEN="abc\nAFTER="a"b\nSINGLE=\'x\nFINE="a b"\nB=2\n';
    expect(parse(text)).toMatchObject({ OPEN: '"abc', AFTER: '"a"b', SINGLE: "'x", FINE: 'a b' });
    const preview = previewImport(vault, await envSource(text));
    expect(preview.rows.map((r) => [r.name, r.refusal])).toEqual([
      [
        'OPEN',
        'The value of OPEN opens a " quote that does not close at its end, so dotenv would keep the quote in the value; close it or remove it.',
      ],
      [
        'AFTER',
        'The value of AFTER opens a " quote that does not close at its end, so dotenv would keep the quote in the value; close it or remove it.',
      ],
      [
        'SINGLE',
        "The value of SINGLE opens a ' quote that does not close at its end, so dotenv would keep the quote in the value; close it or remove it.",
      ],
      ['FINE', null],
      ['B', null],
    ]);
  });

  it('a variable named __proto__, which dotenv cannot hold (main left it out without a word): a refused row', async () => {
    const source = await envSource('__proto__=abc\nconstructor=def\n');
    expect(source.records.map((r) => [r[COLUMN.title], r[COLUMN.secret]])).toEqual([
      ['__proto__', ''],
      ['constructor', 'def'],
    ]);
    expect([...source.rowProblems!]).toEqual([
      [0, 'dotenv cannot read a variable named __proto__; rename it to import it.'],
    ]);
  });

  it('a line dotenv would skip unread refuses the file, naming the line', async () => {
    for (const [text, line] of [
      ['A=1\n# ok\nAPI KEY=secret\n', 3],
      ['A=1\nÄPI_KEY=secret\n', 2],
      ['A=1\n\nB=2\n  just text\n', 4],
      ['KEY:value\n', 1],
    ] as const) {
      await expect(envSource(text), text).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: `Line ${line} of the .env file is not KEY=value, a comment or blank: dotenv would skip it unread, so fix or remove it and import again.`,
      });
    }
  });

  it("the values are dotenv's own, in the file's order", async () => {
    const text =
      '\uFEFFexport A=plain\nB="multi\nline"\nC=\'single $x\'\nD=`back`\n1=digits first\nE= spaced  \n';
    const source = await envSource(text);
    const expected = parse(text);
    expect(source.records.map((r) => [r[COLUMN.title], r[COLUMN.secret]])).toEqual([
      ['A', expected.A],
      ['B', expected.B],
      ['C', expected.C],
      ['D', expected.D],
      ['1', expected['1']],
      ['E', expected.E],
    ]);
    expect(source.rowProblems!.size).toBe(0);
  });
});

/** What real 7-Zip lists in a ZIP, and which export.data it extracts when a name repeats (-aos keeps the first). */
function sevenZip(zip: Uint8Array): { names: string[]; exportData: string } {
  const dir = makeTempDir('tv-7zz-');
  const path = join(dir, 'export.1pux');
  writeFileSync(path, zip);
  const listing = spawnSync('7zz', ['l', '-slt', path], { encoding: 'utf8' });
  expect(listing.status, listing.stderr).toBe(0);
  const names = [...listing.stdout.matchAll(/^Path = (.+)$/gm)].slice(1).map((m) => m[1]!);
  spawnSync('7zz', ['x', '-aos', `-o${join(dir, 'out')}`, path], { encoding: 'utf8' });
  const extracted = spawnSync('cat', [join(dir, 'out', 'export.data')], { encoding: 'utf8' });
  return { names, exportData: extracted.stdout };
}

describe('1PUX: a ZIP that means two things to two readers', () => {
  const item = (credential: string): OnePuxItem => ({
    vault: 'CRM',
    category: '112',
    title: 'Sync',
    credential,
  });

  it('two export.data entries (7-Zip extracts the first, zip.js used to give the last): refused', async () => {
    const [first, second] = [generateTokenValue(), generateTokenValue()];
    const zip = renameEntry(
      Buffer.from(
        await zipOf({
          'export.attributes': '{"version":3}',
          'export.data': onePuxData([item(first)]),
          'export.datX': onePuxData([item(second)]),
        }),
      ),
      'export.datX',
      'export.data',
    );
    const seen = sevenZip(zip);
    expect(seen.names).toEqual(['export.attributes', 'export.data', 'export.data']);
    expect(seen.exportData).toContain(first);
    await expect(readImportSource(zip, { format: '1pux' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message:
        'The 1Password export holds two entries named "export.data", which ZIP readers resolve differently, so it is refused.',
    });
  });

  it('any name twice, or two names one file system cannot tell apart, is refused too', async () => {
    const data = onePuxData([item(generateTokenValue())]);
    const twiceAttachment = renameEntry(
      Buffer.from(await zipOf({ 'export.data': data, 'files/a.png': 'x', 'files/b.png': 'y' })),
      'files/b.png',
      'files/a.png',
    );
    await expect(readImportSource(twiceAttachment, { format: '1pux' })).rejects.toThrow(
      'holds two entries named "files/a.png", which ZIP readers resolve differently',
    );
    const byCase = await zipOf({ 'EXPORT.DATA': data, 'export.data': data });
    expect(sevenZip(byCase).names).toEqual(['EXPORT.DATA', 'export.data']);
    await expect(readImportSource(byCase, { format: '1pux' })).rejects.toThrow(
      'holds two entries named "EXPORT.DATA" and "export.data"',
    );
  });

  it('an entry named ./export.data, ../export.data or /export.data: refused, naming it', async () => {
    for (const name of ['./export.data', '../export.data', '/export.data', 'files//a.png']) {
      const zip = await zipOf({ 'export.data': onePuxData([]), [name]: '{}' });
      await expect(readImportSource(zip, { format: '1pux' }), name).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: `The 1Password export holds an entry named "${name}", which does not name one file inside the export (an absolute path, "..", "." or an empty part), so it is refused.`,
      });
    }
  });

  it('bytes before the archive, or a local header naming another file than the directory: refused', async () => {
    const genuine = Buffer.from(await onePuxZip([item(generateTokenValue())]));
    await expect(readImportSource(genuine, { format: '1pux' })).resolves.toMatchObject({ format: '1pux' });
    const prepended = Buffer.concat([Buffer.from('MZ not a zip stub\n'), genuine]);
    await expect(readImportSource(prepended, { format: '1pux' })).rejects.toThrow(
      /The 1Password export is a ZIP that ZIP readers can read two ways \(.+\), so it is refused\./,
    );
    // The central directory says export.data; the local header (what a streaming reader sees) says export.datX.
    const local = Buffer.from(genuine);
    const at = local.indexOf(Buffer.from('export.data'));
    local.write('export.datX', at);
    expect(local.indexOf(Buffer.from('export.data'), at + 1)).toBeGreaterThan(at);
    await expect(readImportSource(local, { format: '1pux' })).rejects.toThrow(
      /The 1Password export is a ZIP that ZIP readers can read two ways/,
    );
  });
});

/** What keepassxc-cli's own XML import says of a file: its exit status and its last line on stderr. */
function keepassxcImport(xml: string): { status: number | null; said: string } {
  const dir = makeTempDir('tv-kpxc-');
  writeFileSync(join(dir, 'in.xml'), xml);
  const result = spawnSync('keepassxc-cli', ['import', '-p', join(dir, 'in.xml'), join(dir, 'out.kdbx')], {
    input: 'pw\npw\n',
    encoding: 'utf8',
  });
  return { status: result.status, said: result.stderr.trim() };
}

describe('KeePass XML: control characters XML 1.0 forbids', () => {
  const PASSWORD = 'source db password 9';

  it('in an XML export keepassxc-cli wrote, edited to hold U+0001 in a password: refused naming the line', async () => {
    const dir = makeTempDir();
    const kdbx = join(dir, 'team.kdbx');
    const value = generateTokenValue({ length: 24 });
    keepassxcDatabase(kdbx, PASSWORD, [{ group: 'CRM', title: 'Sync', password: value }]);
    const exported = keepassxcExport(kdbx, PASSWORD, 'xml');
    expect(exported).toContain(`>${value}</Value>`);
    // Main used to drop the character and import "abc..." as if the file held that value.
    const edited = exported.replace(value, `${value.slice(0, 5)}\u0001${value.slice(5)}`);
    const line = edited.slice(0, edited.indexOf('\u0001')).split('\n').length;
    // KeePassXC's own import refuses the same file, at the same line.
    expect(keepassxcImport(edited)).toMatchObject({
      status: 1,
      said: expect.stringContaining(`Line ${line},`),
    });
    await expect(readImportSource(Buffer.from(edited), { format: 'keepass-xml' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: `The KeePass XML export holds a control character XML does not allow (U+0001, line ${line}); it is refused rather than read with the character dropped.`,
    });
    await expect(readImportSource(Buffer.from(exported), { format: 'keepass-xml' })).resolves.toMatchObject({
      records: [expect.objectContaining({ [COLUMN.secret]: value })],
    });
  }, 60_000);

  it('in a .kdbx kdbxweb wrote with U+0001 in a title (kdbxweb itself drops it on load): refused', async () => {
    const bytes = await kdbxwebDatabase(
      [{ group: 'CRM', title: 'Sync\u0001 key', password: generateTokenValue() }],
      { password: PASSWORD, version: 4, kdf: 'aes' },
    );
    const loaded = await kdbxweb.Kdbx.load(
      bytes.slice().buffer,
      new kdbxweb.KdbxCredentials(kdbxweb.ProtectedValue.fromString(PASSWORD)),
    );
    const titles = [...loaded.getDefaultGroup().allEntries()].map((entry) => entry.fields.get('Title'));
    expect(titles).toEqual(['Sync key']);
    await expect(readImportSource(bytes, { format: 'kdbx', sourcePassword: PASSWORD })).rejects.toMatchObject(
      {
        code: 'INVALID_INPUT',
        message: expect.stringMatching(
          /^The KeePass database holds a control character XML does not allow \(U\+0001, line \d+ of its XML\); it is refused rather than read with the character dropped\.$/,
        ),
      },
    );
  });

  it('an entry with two Password fields (KeePassXC refuses it too; the last was taken): refused', async () => {
    const dir = makeTempDir();
    const kdbx = join(dir, 'team.kdbx');
    const [value, other] = [generateTokenValue({ length: 24 }), generateTokenValue({ length: 24 })];
    keepassxcDatabase(kdbx, PASSWORD, [{ group: 'CRM', title: 'Sync', password: value }]);
    const exported = keepassxcExport(kdbx, PASSWORD, 'xml');
    const field = /<String>\s*<Key>Password<\/Key>\s*<Value[^>]*>[^<]*<\/Value>\s*<\/String>/.exec(
      exported,
    )![0];
    const twice = exported.replace(field, `${field}${field.replace(value, other)}`);
    expect(keepassxcImport(twice)).toMatchObject({
      status: 1,
      said: expect.stringContaining('Duplicate custom attribute found'),
    });
    await expect(readImportSource(Buffer.from(twice), { format: 'keepass-xml' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message:
        'The KeePass XML export has an entry with two fields named "Password", so which value is meant cannot be told; it is refused.',
    });
    // An empty first value loses nothing: the second fills it.
    const emptyFirst = exported.replace(field, `${field.replace(value, '')}${field}`);
    await expect(readImportSource(Buffer.from(emptyFirst), { format: 'keepass-xml' })).resolves.toMatchObject(
      { records: [expect.objectContaining({ [COLUMN.secret]: value })] },
    );
  }, 60_000);
});

describe('JSON: one key twice in one object (JSON.parse keeps the last silently)', () => {
  it('Bitwarden JSON with "password" twice in a login: refused naming the key and the line', async () => {
    const [first, second] = [generateTokenValue(), generateTokenValue()];
    const text = bitwardenJson([{ folder: 'CRM', name: 'Sync', password: first }]);
    const twice = text.replace(`"password": "${first}"`, `"password": "${first}",\n"password": "${second}"`);
    expect((JSON.parse(twice) as { items: { login: { password: string } }[] }).items[0]!.login.password).toBe(
      second,
    );
    const line = twice.slice(0, twice.indexOf(second)).split('\n').length;
    await expect(readImportSource(Buffer.from(twice), { format: 'bitwarden-json' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: `The Bitwarden JSON export has the key "password" twice in one object (line ${line}), so which value is meant cannot be told; it is refused.`,
    });
    // Spelled with an escape, it is still the same key.
    const escaped = text.replace(
      `"password": "${first}"`,
      `"password": "${first}", "pass\\u0077ord": "${second}"`,
    );
    await expect(readImportSource(Buffer.from(escaped), { format: 'bitwarden-json' })).rejects.toThrow(
      'has the key "password" twice in one object',
    );
    // The same word as a value, in arrays, or in two sibling objects is no repetition.
    const fine = bitwardenJson([
      { folder: 'CRM', name: 'password', password: first, text: [{ name: 'password', value: 'password' }] },
      { folder: 'CRM', name: 'Other', password: second },
    ]);
    await expect(readImportSource(Buffer.from(fine), { format: 'bitwarden-json' })).resolves.toMatchObject({
      records: [
        expect.objectContaining({ [COLUMN.secret]: first }),
        expect.objectContaining({ [COLUMN.secret]: second }),
      ],
    });
  });

  it('1PUX export.data with "concealed" twice in a field value: refused', async () => {
    const [first, second] = [generateTokenValue(), generateTokenValue()];
    const data = onePuxData([{ vault: 'CRM', category: '112', title: 'Sync', credential: first }]);
    const twice = data.replace(
      `{"concealed":"${first}"}`,
      `{"concealed":"${first}","concealed":"${second}"}`,
    );
    expect(twice).not.toBe(data);
    await expect(readImportSource(await onePuxZip([], twice), { format: '1pux' })).rejects.toThrow(
      `The 1Password export's export.data has the key "concealed" twice in one object (line 1)`,
    );
  });
});

describe('checked and found fine: what every reader already keeps or refuses rather than repairs', () => {
  it('CSV: a BOM is the encoding mark only; spaces around a value are kept; CRLF or NUL in a value is a refused row', async () => {
    const { vault } = await createTestVault();
    const value = generateTokenValue({ length: 20 });
    const csv = `\uFEFFname,value\r\nspaced,"  ${value}  "\r\nbroken,"${value}\r\nmore"\r\nnul,${value}\u0000\r\n`;
    const source = await readImportSource(Buffer.from(csv), { format: 'csv' });
    expect(source.columns).toEqual(['name', 'value']);
    expect(source.records.map((r) => r.value)).toEqual([
      `  ${value}  `,
      `${value}\r\nmore`,
      `${value}\u0000`,
    ]);
    const preview = previewImport(vault, source);
    expect(preview.rows.map((r) => [r.name, r.valueLength, r.refusal])).toEqual([
      ['spaced', value.length + 4, null],
      [
        'broken',
        value.length + 6,
        'The token value cannot contain control characters or line breaks. (value)',
      ],
      ['nul', value.length + 1, 'The token value cannot contain control characters or line breaks. (value)'],
    ]);
  });

  it('JSON and KeePass XML: a leading BOM is read past, a value with spaces or an escaped NUL is kept as written', async () => {
    const value = ` ${generateTokenValue({ length: 20 })} `;
    const json = `\uFEFF${bitwardenJson([{ folder: 'CRM', name: 'Sync', password: `${value}\u0000` }])}`;
    const bitwarden = await readImportSource(Buffer.from(json), { format: 'bitwarden-json' });
    expect(bitwarden.records[0]![COLUMN.secret]).toBe(`${value}\u0000`);
    const xml = `\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n<KeePassFile><Root><Group><Name>Root</Name><Group><Name>CRM</Name><Entry><String><Key>Title</Key><Value>Sync</Value></String><String><Key>Password</Key><Value ProtectInMemory="True">${value}</Value></String></Entry></Group></Group></Root></KeePassFile>`;
    const keepass = await readImportSource(Buffer.from(xml), { format: 'keepass-xml' });
    expect(keepass.records.map((r) => [r[COLUMN.group], r[COLUMN.secret]])).toEqual([['CRM', value]]);
  });
});

describe('custom fields named like a fixed column or like each other', () => {
  it('a KeePass plain attribute named "Group" or "Expires" is its own column; it used to move the entry or set its expiry', async () => {
    const { vault } = await createTestVault();
    const value = generateTokenValue();
    const bytes = await kdbxwebDatabase(
      [
        {
          group: 'CRM',
          title: 'Sync',
          password: value,
          custom: [
            { key: 'Group', value: 'Elsewhere' },
            { key: 'Expires', value: '2020-01-01' },
          ],
        },
      ],
      { password: 'pw 4', version: 4, kdf: 'aes' },
    );
    const source = await readImportSource(bytes, { format: 'kdbx', sourcePassword: 'pw 4' });
    expect(source.records).toEqual([
      expect.objectContaining({
        [COLUMN.group]: 'CRM',
        [COLUMN.expires]: '',
        'Group (2)': 'Elsewhere',
        'Expires (2)': '2020-01-01',
      }),
    ]);
    expect(previewImport(vault, source).rows).toMatchObject([{ account: 'CRM', expiresAt: null }]);
  });

  it('Bitwarden text fields (JSON and CSV) of one name, or named like a fixed column, are all kept', async () => {
    const json = bitwardenJson([
      {
        folder: 'CRM',
        name: 'Sync',
        password: generateTokenValue(),
        text: [
          { name: 'Title', value: 'shadow' },
          { name: 'region', value: 'eu' },
          { name: 'region', value: 'us' },
        ],
      },
    ]);
    const bitwarden = await readImportSource(Buffer.from(json), { format: 'bitwarden-json' });
    expect(bitwarden.records[0]).toMatchObject({
      [COLUMN.title]: 'Sync',
      'Title (2)': 'shadow',
      region: 'eu',
      'region (2)': 'us',
    });
    const csv = `${BITWARDEN_CSV_HEADER}\nCRM,,login,Sync,,"region: eu\nregion: us",0,,u,${generateTokenValue()},\n`;
    const bitwardenCsv = await readImportSource(Buffer.from(csv), { format: 'bitwarden-csv' });
    expect(bitwardenCsv.records[0]).toMatchObject({ region: 'eu', 'region (2)': 'us' });
    // A field value with a line break goes on over the next lines of the cell, as Bitwarden writes it.
    const multiLine = `${BITWARDEN_CSV_HEADER}\nCRM,,login,Sync,,"address: 1 Main St\nSpringfield\nregion: eu",0,,u,${generateTokenValue()},\n`;
    const multi = await readImportSource(Buffer.from(multiLine), { format: 'bitwarden-csv' });
    expect(multi.records[0]).toMatchObject({ address: '1 Main St\nSpringfield', region: 'eu' });
  });
});

describe("KeePass expiry times: never taken in the machine's zone", () => {
  const xmlWithExpiry = (time: string) =>
    `<KeePassFile><Root><Group><Name>Root</Name><Group><Name>CRM</Name><Entry><Times><Expires>True</Expires><ExpiryTime>${time}</ExpiryTime></Times><String><Key>Title</Key><Value>Sync</Value></String><String><Key>Password</Key><Value ProtectInMemory="True">${generateTokenValue()}</Value></String></Entry></Group></Group></Root></KeePassFile>`;

  it('a time with its zone is the same instant east and west of UTC; one without is refused, not guessed', async () => {
    const zoneBefore = process.env.TZ;
    try {
      for (const zone of ['Pacific/Kiritimati', 'America/Anchorage']) {
        process.env.TZ = zone;
        const source = await readImportSource(Buffer.from(xmlWithExpiry('2027-03-01T10:00:00Z')), {
          format: 'keepass-xml',
        });
        expect(source.records[0]![COLUMN.expires], zone).toBe('2027-03-01T10:00:00.000Z');
        await expect(
          readImportSource(Buffer.from(xmlWithExpiry('2027-03-01T10:00:00')), { format: 'keepass-xml' }),
          zone,
        ).rejects.toMatchObject({
          code: 'INVALID_INPUT',
          message:
            'The KeePass XML export has an expiry time that cannot be read ("2027-03-01T10:00:00"); KeePass writes a time with its zone, such as 2027-03-01T10:00:00Z.',
        });
      }
    } finally {
      if (zoneBefore === undefined) delete process.env.TZ;
      else process.env.TZ = zoneBefore;
    }
  });
});
