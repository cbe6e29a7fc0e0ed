import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readImportFile, readImportSource } from '../../src/main/core/import/read-import-source';
import { COLUMN, type ImportSource } from '../../src/main/core/import/import-source';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import {
  BITWARDEN_CSV_HEADER,
  bitwardenJson,
  kdbxwebDatabase,
  keepassxcDatabase,
  keepassxcExport,
  onePuxZip,
  type FixtureEntry,
} from '../helpers/import-fixtures';
import { makeTempDir } from '../helpers/temp-dir';

const SOURCE_PASSWORD = 'source db password 7';

function summary(source: ImportSource) {
  return source.records.map((r) => ({
    group: r[COLUMN.group],
    title: r[COLUMN.title],
    username: r[COLUMN.username],
    secret: r[COLUMN.secret],
  }));
}

function entries(): FixtureEntry[] {
  return [
    {
      group: 'Stripe',
      title: 'Live key',
      username: 'acct_1',
      password: generateTokenValue(),
      notes: 'live, "quoted"',
    },
    {
      group: 'Stripe',
      title: 'Test key',
      username: 'acct_2',
      password: `comma,${generateTokenValue({ length: 20 })}`,
    },
    {
      group: 'Mailchimp',
      title: 'API',
      username: 'us21',
      password: generateTokenValue({ length: 32 }),
      url: 'https://mailchimp.com',
    },
  ];
}

describe('KeePassXC files made by keepassxc-cli', () => {
  it('reads the .kdbx keepassxc-cli wrote (KDBX 4, AES-KDF), its CSV export and its XML export alike', async () => {
    const dir = makeTempDir();
    const path = join(dir, 'made-by-keepassxc.kdbx');
    const made = entries();
    keepassxcDatabase(path, SOURCE_PASSWORD, made);
    const expected = made.map((e) => ({
      group: e.group,
      title: e.title,
      username: e.username,
      secret: e.password,
    }));

    const kdbx = await readImportFile(path, { format: 'kdbx', sourcePassword: SOURCE_PASSWORD });
    expect(summary(kdbx)).toEqual(expected);

    writeFileSync(join(dir, 'export.csv'), keepassxcExport(path, SOURCE_PASSWORD, 'csv'));
    const csv = await readImportFile(join(dir, 'export.csv'), { format: 'keepassxc-csv' });
    expect(summary(csv)).toEqual(expected);
    expect(csv.records[0]![COLUMN.notes]).toBe('live, "quoted"');

    writeFileSync(join(dir, 'export.xml'), keepassxcExport(path, SOURCE_PASSWORD, 'xml'));
    const xml = await readImportFile(join(dir, 'export.xml'), { format: 'keepass-xml' });
    expect(summary(xml)).toEqual(expected);
  }, 60_000);

  it('a wrong source password is one sentence (exit 3), and nothing else is read', async () => {
    const dir = makeTempDir();
    const path = join(dir, 'db.kdbx');
    keepassxcDatabase(path, SOURCE_PASSWORD, entries().slice(0, 1));
    await expect(readImportFile(path, { format: 'kdbx', sourcePassword: 'not it' })).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
      message: 'Wrong password or key file for the KeePass database.',
    });
  }, 30_000);

  it('reads the older six-column KeePassXC CSV', async () => {
    const dir = makeTempDir();
    const value = generateTokenValue();
    writeFileSync(
      join(dir, 'old.csv'),
      `"Group","Title","Username","Password","URL","Notes"\n"Root/ON24","Producer","key-1","${value}","",""\n`,
    );
    const source = await readImportFile(join(dir, 'old.csv'), { format: 'keepassxc-csv' });
    expect(summary(source)).toEqual([{ group: 'ON24', title: 'Producer', username: 'key-1', secret: value }]);
  });
});

describe('KDBX written by kdbxweb', () => {
  const custom: FixtureEntry = {
    group: 'Emplifi',
    title: 'Client',
    username: 'site-key-9',
    password: generateTokenValue(),
    custom: [
      { key: 'Client secret', value: generateTokenValue(), protect: true },
      { key: 'Region', value: 'eu-west' },
    ],
    expires: new Date('2027-03-01T00:00:00Z'),
  };

  it('KDBX 4 with Argon2id: protected custom attributes become their own tokens, plain ones columns', async () => {
    const bytes = await kdbxwebDatabase([custom], {
      password: SOURCE_PASSWORD,
      version: 4,
      kdf: 'argon2id',
      argon2: { memoryKiB: 8 * 1024, iterations: 2, parallelism: 2 },
    });
    const source = await readImportSource(bytes, { format: 'kdbx', sourcePassword: SOURCE_PASSWORD });
    expect(summary(source)).toEqual([
      { group: 'Emplifi', title: 'Client', username: 'site-key-9', secret: custom.password },
      {
        group: 'Emplifi',
        title: 'Client (Client secret)',
        username: 'site-key-9',
        secret: custom.custom![0]!.value,
      },
    ]);
    expect(source.records[0]!.Region).toBe('eu-west');
    expect(source.records[0]![COLUMN.expires]).toBe('2027-03-01T00:00:00.000Z');
    expect(source.columns).toContain('Region');
  });

  it('KDBX 4 with Argon2d, and KDBX 3.1 with AES-KDF, and a key file', async () => {
    const argon2d = await kdbxwebDatabase([custom], {
      password: SOURCE_PASSWORD,
      version: 4,
      kdf: 'argon2d',
    });
    expect(
      (await readImportSource(argon2d, { format: 'kdbx', sourcePassword: SOURCE_PASSWORD })).records,
    ).toHaveLength(2);
    const keyFile = new TextEncoder().encode('a key file of the fixture, any bytes do');
    const v3 = await kdbxwebDatabase([custom], {
      password: SOURCE_PASSWORD,
      version: 3,
      aesRounds: 6000,
      keyFile,
    });
    expect(Buffer.from(v3.subarray(8, 12)).readUInt32LE()).toBe(0x00030001);
    const read = await readImportSource(v3, { format: 'kdbx', sourcePassword: SOURCE_PASSWORD, keyFile });
    expect(summary(read)[1]!.secret).toBe(custom.custom![0]!.value);
    await expect(
      readImportSource(v3, { format: 'kdbx', sourcePassword: SOURCE_PASSWORD }),
    ).rejects.toMatchObject({
      code: 'WRONG_PASSWORD',
    });
  });
});

describe('Bitwarden and 1Password files from their published formats', () => {
  it('Bitwarden JSON: folders to accounts, password and hidden fields as secrets, text fields as columns', async () => {
    const password = generateTokenValue();
    const hidden = generateTokenValue();
    const text = bitwardenJson([
      {
        folder: 'Engaging Networks',
        name: 'Public token',
        username: 'admin',
        password,
        hidden: [{ name: 'Private token', value: hidden }],
        text: [{ name: 'Assigned to', value: 'ana' }],
      },
      { name: 'A note', type: 2, notes: 'nothing secret' },
    ]);
    const source = await readImportSource(Buffer.from(text), { format: 'bitwarden-json' });
    expect(summary(source)).toEqual([
      { group: 'Engaging Networks', title: 'Public token', username: 'admin', secret: password },
      {
        group: 'Engaging Networks',
        title: 'Public token (Private token)',
        username: 'admin',
        secret: hidden,
      },
    ]);
    expect(source.records[0]!['Assigned to']).toBe('ana');
    expect(source.notes).toEqual(['1 item has no password or hidden field and was left out.']);
  });

  it('a password-protected Bitwarden export is refused with how to export without a password', async () => {
    const protectedExport = JSON.stringify({
      encrypted: true,
      passwordProtected: true,
      salt: 'c2FsdA==',
      kdfType: 0,
      kdfIterations: 600000,
      encKeyValidation_DO_NOT_EDIT: '2.x|y|z',
      data: '2.a|b|c',
    });
    await expect(
      readImportSource(Buffer.from(protectedExport), { format: 'bitwarden-json' }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/Export again without a password/),
    });
  });

  it('Bitwarden CSV', async () => {
    const value = generateTokenValue();
    const csv = `${BITWARDEN_CSV_HEADER}\nON24,,login,Producer key,,"Producer: bob",0,https://on24.com,key-7,${value},\n,,note,Only a note,hello,,0,,,,\n`;
    const source = await readImportSource(Buffer.from(csv), { format: 'bitwarden-csv' });
    expect(summary(source)).toEqual([
      { group: 'ON24', title: 'Producer key', username: 'key-7', secret: value },
    ]);
    expect(source.records[0]!.Producer).toBe('bob');
  });

  it('1PUX: API Credential (credential, username, type, hostname, valid-from, expires), Login, Password, concealed section fields; trash left out', async () => {
    const credential = generateTokenValue();
    const login = generateTokenValue();
    const pass = generateTokenValue();
    const concealed = generateTokenValue();
    const zip = await onePuxZip([
      {
        vault: 'Emplifi',
        category: '112',
        title: 'Emplifi bearer',
        username: 'client-1',
        credential,
        credentialType: 'bearer',
        hostname: 'api.emplifi.io',
        validFrom: new Date('2026-01-01T00:00:00Z'),
        expires: new Date('2027-01-01T00:00:00Z'),
      },
      {
        vault: 'Emplifi',
        category: '001',
        title: 'Portal',
        username: 'ana',
        password: login,
        concealed: [{ title: 'webhook secret', value: concealed }],
      },
      { vault: 'Private', category: '005', title: 'Plain password', password: pass },
      {
        vault: 'Private',
        category: '005',
        title: 'Binned',
        password: generateTokenValue(),
        state: 'deleted',
      },
    ]);
    const source = await readImportSource(zip, { format: '1pux' });
    expect(summary(source)).toEqual([
      { group: 'Emplifi', title: 'Emplifi bearer', username: 'client-1', secret: credential },
      { group: 'Emplifi', title: 'Portal', username: 'ana', secret: login },
      { group: 'Emplifi', title: 'Portal (webhook secret)', username: 'ana', secret: concealed },
      { group: 'Private', title: 'Plain password', username: '', secret: pass },
    ]);
    expect(source.records[0]).toMatchObject({
      [COLUMN.expires]: '2027-01-01T00:00:00.000Z',
      'Credential type': 'bearer',
      Hostname: 'api.emplifi.io',
      'Valid from': '2026-01-01T00:00:00.000Z',
      [COLUMN.type]: 'API Credential',
    });
    expect(source.notes).toEqual(['1 item(s) in the trash were left out.']);
  });

  it('1Password CSV', async () => {
    const value = generateTokenValue();
    const csv = `Title,Url,Username,Password,OTPAuth,Favorite,Archived,Tags,Notes\nMailer,https://x.org,svc,${value},,false,false,Marketing,for the newsletter\n`;
    const source = await readImportSource(Buffer.from(csv), { format: '1password-csv' });
    expect(summary(source)).toEqual([
      { group: 'Marketing', title: 'Mailer', username: 'svc', secret: value },
    ]);
  });
});

describe('.env files and any CSV', () => {
  it('.env through dotenv: quotes, export prefixes and comments; the account is named after the file', async () => {
    const dir = makeTempDir();
    const a = generateTokenValue();
    const b = generateTokenValue();
    writeFileSync(join(dir, 'crm.env'), `# CRM\nexport CRM_TOKEN=${a}\nCRM_SECRET="${b}" # quoted\nEMPTY=\n`);
    const source = await readImportFile(join(dir, 'crm.env'), { format: 'env' });
    expect(summary(source)).toEqual([
      { group: 'crm', title: 'CRM_TOKEN', username: '', secret: a },
      { group: 'crm', title: 'CRM_SECRET', username: '', secret: b },
      { group: 'crm', title: 'EMPTY', username: '', secret: '' },
    ]);
  });

  it('any CSV: the header is kept, columns guessed for the mapping; duplicate headers and header-only files refused', async () => {
    const value = generateTokenValue();
    const source = await readImportSource(
      Buffer.from(`Platform,Label,API key,Owner\nON24,Producer,${value},bob\n`),
      { format: 'csv' },
    );
    expect(source.columns).toEqual(['Platform', 'Label', 'API key', 'Owner']);
    expect(source.defaultMapping).toEqual({
      account: 'Platform',
      name: 'Label',
      value: 'API key',
      assignedTo: 'Owner',
    });
    await expect(
      readImportSource(Buffer.from('name,value,Name\na,b,c\n'), { format: 'csv' }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/two columns named "Name"/),
    });
    await expect(readImportSource(Buffer.from('name,value\n'), { format: 'csv' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/nothing to import/),
    });
    await expect(
      readImportSource(Buffer.from('[{"name":"a","value":"b"}]'), { format: 'csv' }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/looks like JSON.*nothing to import/),
    });
  });
});

describe('text is checked, not repaired', () => {
  it('every text format refuses a byte that is not UTF-8, naming its offset, instead of storing U+FFFD', async () => {
    const bad = (text: string) => {
      const at = text.indexOf('§');
      const bytes = Buffer.from(text.replace('§', 'X'));
      bytes[at] = 0xff;
      return { bytes, at };
    };
    const value = generateTokenValue({ length: 20 });
    const cases: [Parameters<typeof readImportSource>[1]['format'], string][] = [
      ['csv', `Platform,Label,API key\nCRM,Sync,${value}§\n`],
      [
        'keepassxc-csv',
        `"Group","Title","Username","Password","URL","Notes"\n"Root/CRM","Sync","u","${value}§","",""\n`,
      ],
      ['bitwarden-csv', `${BITWARDEN_CSV_HEADER}\n,,login,Sync,,,0,,u,${value}§,\n`],
      ['1password-csv', `Title,Url,Username,Password\nSync,,u,${value}§\n`],
      ['bitwarden-json', bitwardenJson([{ folder: 'CRM', name: 'Sync', password: `${value}§` }])],
      ['env', `SYNC_TOKEN=${value}§\n`],
      ['keepass-xml', `<KeePassFile><Root><Group><Name>CRM</Name></Group></Root></KeePassFile><!--§-->`],
    ];
    for (const [format, text] of cases) {
      const { bytes, at } = bad(text);
      await expect(readImportSource(bytes, { format }), format).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringContaining(
          `is not valid UTF-8 text: the byte at offset ${at} (counting from 0)`,
        ),
      });
    }
    const data = bad(`{"accounts":[{"attrs":{"name":"§"},"vaults":[]}]}`);
    await expect(readImportSource(await onePuxZip([], data.bytes), { format: '1pux' })).rejects.toMatchObject(
      {
        message: expect.stringContaining(`is not valid UTF-8 text: the byte at offset ${data.at}`),
      },
    );
  });
});
