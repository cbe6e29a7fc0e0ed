import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { generateBundlePassword } from '../../src/main/core/handoff/bundle-password';
import { writeBundle } from '../../src/main/core/handoff/bundle-zip';
import { Vault } from '../../src/main/core/vault/vault';
import type { HandoffDocument } from '../../src/shared/handoff-format';
import { encodings, filesUnder, readIfPresent } from '../helpers/plaintext-scan';
import { ensureCliBuilt, runCli, runCliOnTty, type CliResult } from '../helpers/run-cli';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

// One vault for the whole file (each CLI run derives the key once: keep their number modest).
let work: string;
let vault: string;
let env: Record<string, string>;
let values: string[];
let ids: string[];
const TYPED_BUNDLE_PASSWORD = 'violet harbour quartz meadow engine 91';

const cli = (args: string[], extra: Record<string, string> = {}) =>
  runCli(args, { env: { ...env, ...extra } });
const file = (name: string) => join(work, name);
function writeFile(name: string, content: string): string {
  writeFileSync(file(name), content);
  return file(name);
}
const printed = (result: CliResult, secrets: string[]) =>
  secrets.filter((secret) => result.stdout.includes(secret) || result.stderr.includes(secret));

beforeAll(async () => {
  ensureCliBuilt();
  work = mkdtempSync(join(tmpdir(), 'tokenvault-handoff-cli-'));
  env = { TOKENVAULT_PASSWORD_FILE: writeFile('master.txt', `${TEST_PASSWORD}\n`) };
  vault = file('admin.tokenvault');
  const { vault: opened } = await Vault.create(vault, { password: TEST_PASSWORD, operator: 'Olivia' });
  const account = opened.accounts.create({ name: 'EN main', profile: 'generic' });
  values = [generateTokenValue(), generateTokenValue()];
  ids = [
    opened.tokens.create({ accountId: account.id, name: 'Sync 0', value: values[0]!, keyId: 'key-0' }),
    opened.tokens.create({
      accountId: account.id,
      name: 'Sync 1',
      value: values[1]!,
      description: 'Widgets',
    }),
  ].map((token) => String(token.id));
  opened.recipients.create({ name: 'Acme Agency', phone: '+44 20 7946 0000' });
  opened.useCases.editRecipient(opened.recipients.create({ name: 'Old Agency' }).id, {}, true);
  opened.lock();
}, 120_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('tokenvault handoff export', () => {
  it('--password-out: a 0600 bundle 7-Zip opens with what was chosen, Info-ZIP unzip cannot; no value printed or left behind', async () => {
    const tempBefore = new Set(readdirSync(tmpdir()));
    const bundle = file('for-acme.zip');
    const pwOut = file('bundle-password.txt');
    const exported = await cli([
      'handoff',
      'export',
      vault,
      '--recipient',
      'Acme Agency',
      '--token',
      ids[0]!,
      '--token',
      ids[1]!,
      '--out',
      bundle,
      '--password-out',
      pwOut,
      '--channel',
      'sms',
    ]);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(
      /^Wrote for-acme\.zip for Acme Agency: 2 tokens, SHA-256 [0-9a-f]{64}\.\n$/,
    );
    expect(exported.stderr).toMatch(/The bundle password \(103 bits\) is in .*bundle-password\.txt/);
    expect(statSync(bundle).mode & 0o777).toBe(0o600);
    expect(statSync(pwOut).mode & 0o777).toBe(0o600);
    const password = readFileSync(pwOut, 'utf8').trim();
    expect(password.split('-')).toHaveLength(8);
    expect(printed(exported, [...values, password])).toEqual([]);

    const out = file('extracted');
    expect(spawnSync('7zz', ['x', `-p${password}`, `-o${out}`, bundle]).status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['README.txt', 'tokens.env', 'tokens.json', 'tokens.txt']);
    const doc = JSON.parse(readFileSync(join(out, 'tokens.json'), 'utf8'));
    // The default fields are the app's: value, key id and description; endpoints only when asked for.
    expect(doc.fields).toEqual(['value', 'key-id', 'description']);
    expect(
      doc.tokens.map((t: { name: string; value: string; keyId: string | null }) => [
        t.name,
        t.value,
        t.keyId,
      ]),
    ).toEqual([
      ['Sync 0', values[0], 'key-0'],
      ['Sync 1', values[1], null],
    ]);
    expect(readFileSync(join(out, 'tokens.env'), 'utf8')).toBe(
      `EN_MAIN_SYNC_0_KEY_ID='key-0'\nEN_MAIN_SYNC_0='${values[0]}'\nEN_MAIN_SYNC_1='${values[1]}'\n`,
    );
    const text = readFileSync(join(out, 'tokens.txt'), 'utf8');
    for (const value of values) expect(text.includes(value)).toBe(true);
    expect(readFileSync(join(out, 'README.txt'), 'utf8')).toMatch(/7-Zip.*Keka.*The Unarchiver.*WinRAR/s);
    rmSync(out, { recursive: true });

    const unzip = spawnSync('unzip', ['-P', password, '-o', '-d', file('unzip-out'), bundle], {
      encoding: 'utf8',
    });
    expect(unzip.status).not.toBe(0);
    expect(`${unzip.stdout}${unzip.stderr}`).toMatch(/unsupported compression method 99|need PK compat/i);
    const unzipped = existsSync(file('unzip-out')) ? filesUnder(file('unzip-out')) : [];
    for (const path of unzipped)
      for (const value of values) expect(readFileSync(path).includes(value)).toBe(false);

    // No value in plain bytes in the vault folder or in anything new in the temp folder (this file's own work
    // folder included: it holds the bundle and the password file, and the extraction was removed).
    const created = readdirSync(tmpdir())
      .filter((name) => !tempBefore.has(name))
      .map((name) => join(tmpdir(), name));
    for (const path of [
      ...filesUnder(vault),
      ...filesUnder(work),
      ...created.flatMap((p) =>
        statSync(p, { throwIfNoEntry: false })?.isDirectory() ? filesUnder(p) : [p],
      ),
    ])
      for (const value of values)
        for (const { bytes } of encodings(value)) expect(readIfPresent(path).includes(bytes)).toBe(false);

    const list = JSON.parse((await cli(['handoff', 'list', vault, '--json'])).stdout);
    expect(list[0]).toMatchObject({
      recipient: 'Acme Agency',
      fileName: 'for-acme.zip',
      passwordChannel: 'sms',
      tokenCount: 2,
      tokens: [
        { id: Number(ids[0]), name: 'Sync 0' },
        { id: Number(ids[1]), name: 'Sync 1' },
      ],
    });
    const history = JSON.parse((await cli(['token', 'history', vault, ids[0]!, '--json'])).stdout);
    expect(history.map((e: { kind: string }) => e.kind)).toEqual(['Created', 'HandedOff']);
    expect(JSON.stringify(history).includes(password)).toBe(false);
  });

  it('without --password-out prints the generated password once, on stderr; no --channel records "unknown"', async () => {
    const exported = await cli([
      'handoff',
      'export',
      vault,
      '--recipient',
      'Acme Agency',
      '--token',
      ids[0]!,
      '--out',
      file('stderr.zip'),
      '--fields',
      'value',
      '--password-style',
      'random',
    ]);
    expect(exported.code).toBe(0);
    const lines = exported.stderr.split('\n');
    expect(lines[0]).toBe('Bundle password (139 bits), shown once and stored nowhere:');
    const password = lines[1]!;
    expect(password).toMatch(/^[A-Za-z2-9]{24}$/);
    expect(exported.stderr.split(password)).toHaveLength(2);
    expect(exported.stdout.includes(password)).toBe(false);
    expect(lines[2]).toMatch(/SMS, WhatsApp or a phone call/);
    const opened = await cli([
      'handoff',
      'open',
      file('stderr.zip'),
      '--bundle-password-file',
      writeFile('p.txt', password),
      '--reveal',
      '--json',
    ]);
    expect(JSON.parse(opened.stdout).tokens).toEqual([
      {
        name: 'Sync 0',
        account: 'EN main',
        platform: 'generic',
        kind: expect.any(String),
        role: 'standalone',
        value: values[0],
        expiresAt: null,
      },
    ]);
    const list = JSON.parse(
      (await cli(['handoff', 'list', vault, '--recipient', 'acme agency', '--json'])).stdout,
    );
    expect(list[0]).toMatchObject({ fileName: 'stderr.zip', passwordChannel: 'unknown', fields: ['value'] });
  });

  it('--bundle-password-file: a strong typed password is used and not printed; a weak one is refused (exit 5), nothing written', async () => {
    const strong = writeFile('typed.txt', `${TYPED_BUNDLE_PASSWORD}\n`);
    const ok = await cli([
      'handoff',
      'export',
      vault,
      '--recipient',
      'Acme Agency',
      '--token',
      ids[1]!,
      '--out',
      file('typed.zip'),
      '--bundle-password-file',
      strong,
    ]);
    expect(ok.code).toBe(0);
    expect(printed(ok, [TYPED_BUNDLE_PASSWORD])).toEqual([]);
    expect(spawnSync('7zz', ['t', `-p${TYPED_BUNDLE_PASSWORD}`, file('typed.zip')]).status).toBe(0);

    const weak = await cli([
      'handoff',
      'export',
      vault,
      '--recipient',
      'Acme Agency',
      '--token',
      ids[1]!,
      '--out',
      file('weak.zip'),
      '--bundle-password-file',
      writeFile('weak.txt', 'password1234567890123\n'),
    ]);
    expect(weak.code).toBe(5);
    expect(weak.stderr).toMatch(/^tokenvault: A bundle password you choose needs at least 20 characters/);
    expect(existsSync(file('weak.zip'))).toBe(false);
  });

  it('refusals: exit codes 1, 2, 4, 5 with one sentence; no bundle, no password file, no record left', async () => {
    const handoffsBefore = JSON.parse((await cli(['handoff', 'list', vault, '--json'])).stdout).length;
    writeFile('exists.zip', 'do not touch');
    const base = ['handoff', 'export', vault, '--recipient', 'Acme Agency', '--token', ids[0]!];
    const cases: [string[], number, RegExp][] = [
      [[...base, '--out', file('exists.zip')], 1, /exists\.zip already exists; it was not overwritten/],
      [[...base, '--out', file('n.zip'), '--password-out', file('exists.zip')], 1, /already exists/],
      [
        [
          ...base,
          '--out',
          file('n.zip'),
          '--password-out',
          file('pw-a.txt'),
          '--bundle-password-file',
          file('typed.txt'),
        ],
        2,
        /not both/,
      ],
      [
        [...base, '--out', file('n.zip'), '--channel', 'email'],
        2,
        /--channel is one of: sms, whatsapp, phone, other/,
      ],
      [[...base, '--out', file('n.zip'), '--fields', 'value,secret'], 2, /--fields takes/],
      [[...base, '--out', file('n.zip'), '--password-style', 'emoji'], 2, /--password-style/],
      [
        ['handoff', 'export', vault, '--recipient', 'Acme Agency', '--token', 'abc', '--out', file('n.zip')],
        2,
        /not a token id/,
      ],
      [
        [
          'handoff',
          'export',
          vault,
          '--recipient',
          'Nobody',
          '--token',
          ids[0]!,
          '--out',
          file('n.zip'),
          '--password-out',
          file('pw-b.txt'),
        ],
        4,
        /no recipient named "Nobody"/,
      ],
      [
        ['handoff', 'export', vault, '--recipient', 'Acme Agency', '--token', '999', '--out', file('n.zip')],
        4,
        /no token with id 999/,
      ],
      [
        ['handoff', 'export', vault, '--recipient', 'Old Agency', '--token', ids[0]!, '--out', file('n.zip')],
        5,
        /archived/,
      ],
      // The vault does not open: the password file written first is taken back.
      [
        [
          'handoff',
          'export',
          file('missing.tokenvault'),
          '--recipient',
          'Acme Agency',
          '--token',
          ids[0]!,
          '--out',
          file('n.zip'),
          '--password-out',
          file('pw-c.txt'),
        ],
        4,
        /There is no vault at/,
      ],
    ];
    for (const [args, code, message] of cases) {
      const result = await cli(args);
      expect({ args: args.slice(3).join(' '), code: result.code }).toEqual({
        args: args.slice(3).join(' '),
        code,
      });
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stdout).toBe('');
    }
    expect(readFileSync(file('exists.zip'), 'utf8')).toBe('do not touch');
    for (const name of ['n.zip', 'pw-a.txt', 'pw-b.txt', 'pw-c.txt'])
      expect(existsSync(file(name))).toBe(false);
    expect(readdirSync(work).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    expect(JSON.parse((await cli(['handoff', 'list', vault, '--json'])).stdout)).toHaveLength(handoffsBefore);
  });
});

describe('tokenvault handoff open', () => {
  let bundle: string;
  let passwordFile: string;
  beforeAll(async () => {
    bundle = file('open-me.zip');
    passwordFile = file('open-me-password.txt');
    const exported = await cli([
      'handoff',
      'export',
      vault,
      '--recipient',
      'Acme Agency',
      '--token',
      ids[0]!,
      '--token',
      ids[1]!,
      '--out',
      bundle,
      '--password-out',
      passwordFile,
    ]);
    expect(exported.code).toBe(0);
  }, 60_000);

  it('shows names and metadata, values only with --reveal', async () => {
    const shown = await cli(['handoff', 'open', bundle, '--bundle-password-file', passwordFile]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(
      /^Bundle for Acme Agency from Olivia, made .*: 2 tokens\.\nNAME +ACCOUNT +PLATFORM +KIND +KEY ID +EXPIRES\nSync 0 +EN main +generic/,
    );
    expect(printed(shown, values)).toEqual([]);
    const json = await cli(['handoff', 'open', bundle, '--bundle-password-file', passwordFile, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      format: 'tokenvault-handoff',
      version: 1,
      recipient: 'Acme Agency',
    });
    expect(printed(json, values)).toEqual([]);
    const revealed = await cli([
      'handoff',
      'open',
      bundle,
      '--bundle-password-file',
      passwordFile,
      '--reveal',
    ]);
    expect(revealed.stdout).toMatch(/VALUE/);
    expect(printed(revealed, values)).toEqual(values);
  });

  it('asks for the bundle password on a terminal, without echo', () => {
    const password = readFileSync(passwordFile, 'utf8').trim();
    const result = runCliOnTty(
      ['handoff', 'open', bundle, '--json'],
      [{ expect: 'Bundle password: ', send: `${password}\r` }],
      { env },
    );
    expect(result.code).toBe(0);
    expect(result.output).toMatch(/"recipient": "Acme Agency"/);
    expect(result.output.includes(password)).toBe(false);
  });

  it('wrong password exits 3; a flipped bit, a plain zip, not a zip, an unknown version exit 6; a missing file 4', async () => {
    const wrong = await cli([
      'handoff',
      'open',
      bundle,
      '--bundle-password-file',
      writeFile('wrong.txt', 'wrong-bundle-password-here\n'),
    ]);
    expect([wrong.code, wrong.stderr]).toEqual([3, 'tokenvault: Wrong bundle password.\n']);

    const bytes = readFileSync(bundle);
    const bad: [string, Uint8Array, RegExp][] = [];
    for (const at of [Math.floor(bytes.length / 3), bytes.length - 40]) {
      const flipped = Buffer.from(bytes);
      flipped[at]! ^= 0x10;
      bad.push([`flipped-${at}.zip`, flipped, /damaged or was altered after it was made/]);
    }
    writeFile('plain.txt', 'x');
    spawnSync('7zz', ['a', '-tzip', file('plain.zip'), file('plain.txt')]);
    bad.push([
      'plain.zip',
      readFileSync(file('plain.zip')),
      /not encrypted|not a Token Vault handoff bundle/,
    ]);
    bad.push([
      'text.zip',
      Buffer.from('this is not a zip file at all'),
      /damaged or was altered|not a Token Vault/,
    ]);
    const password = readFileSync(passwordFile, 'utf8').trim();
    const future = {
      format: 'tokenvault-handoff',
      version: 2,
      createdAt: '2030-01-01T00:00:00.000Z',
      from: 'f',
      recipient: 'r',
      fields: [],
      tokens: [],
    };
    bad.push([
      'future.zip',
      await writeBundle(future as unknown as HandoffDocument, password),
      /format version 2, which this app does not know/,
    ]);
    for (const [name, content, message] of bad) {
      writeFileSync(file(name), content);
      const result = await cli(['handoff', 'open', file(name), '--bundle-password-file', passwordFile]);
      expect({ name, code: result.code }).toEqual({ name, code: 6 });
      expect(result.stderr).toMatch(message);
      expect(result.stdout).toBe('');
    }
    const missing = await cli(['handoff', 'open', file('nope.zip'), '--bundle-password-file', passwordFile]);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/The bundle file does not exist: .*nope\.zip/);
    expect((await cli(['handoff', 'open', bundle, '--import-into', vault])).code).toBe(2);
    expect((await cli(['handoff', 'open', bundle, '--account', 'x'])).code).toBe(2);
  });

  it('--import-into: every token into the account, or none (exit 5, nothing imported)', async () => {
    const agency = file('agency.tokenvault');
    const { vault: opened } = await Vault.create(agency, { password: TEST_PASSWORD, operator: 'agency' });
    opened.accounts.create({ name: 'From client', profile: 'generic' });
    opened.accounts.create({ name: 'Reviews', profile: 'emplifi' });
    opened.lock();
    const refused = await cli([
      'handoff',
      'open',
      bundle,
      '--bundle-password-file',
      passwordFile,
      '--import-into',
      agency,
      '--account',
      'Reviews',
    ]);
    expect(refused.code).toBe(5);
    expect(refused.stderr).toMatch(/^tokenvault: Row 1: /);
    expect(JSON.parse((await cli(['token', 'list', agency, '--json'])).stdout)).toEqual([]);
    const imported = await cli([
      'handoff',
      'open',
      bundle,
      '--bundle-password-file',
      passwordFile,
      '--import-into',
      agency,
      '--account',
      'From client',
    ]);
    expect([imported.code, imported.stdout]).toEqual([0, '2\n']);
    const tokens = JSON.parse((await cli(['token', 'list', agency, '--json'])).stdout);
    expect(tokens.map((t: { name: string }) => t.name)).toEqual(['Sync 0', 'Sync 1']);
    const reveal = await cli(['token', 'reveal', agency, String(tokens[0].id)]);
    expect(reveal.stdout.trim() === values[0]).toBe(true);
  });

  it('handoff list prints a table for people', async () => {
    const list = await cli(['handoff', 'list', vault]);
    expect(list.code).toBe(0);
    expect(list.stdout.split('\n')[0]).toMatch(
      /^ID +WHEN +RECIPIENT +TOKENS +FIELDS +FILE +PASSWORD BY +SHA-256 +FORMAT$/,
    );
    expect(list.stdout).toMatch(
      /Acme Agency +Sync 0, Sync 1 +value,key-id,description +open-me\.zip +unknown/,
    );
    const none = await cli(['handoff', 'list', vault, '--recipient', 'Old Agency']);
    expect(none.stdout).toBe('No handoffs yet.\n');
  });
});

// The same CLI with generated data: a generated password opens only the bundle it was made for.
it('a generated password does not open another bundle (exit 3)', async () => {
  const { password } = generateBundlePassword();
  const other = generateBundlePassword().password;
  const doc: HandoffDocument = {
    format: 'tokenvault-handoff',
    version: 1,
    createdAt: '2026-11-23T10:00:00.000Z',
    from: 'f',
    recipient: 'r',
    fields: [],
    tokens: [],
  };
  writeFileSync(file('mine.zip'), await writeBundle(doc, password));
  const result = await cli([
    'handoff',
    'open',
    file('mine.zip'),
    '--bundle-password-file',
    writeFile('other.txt', other),
  ]);
  expect(result.code).toBe(3);
});
