import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { truncateSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { CLI_PATH, ensureCliBuilt, runCli } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';
import {
  kdbxwebDatabase,
  keepassxcDatabase,
  keepassxcExport,
  bitwardenJson,
  onePuxBombFile,
  onePuxPaddedFile,
  onePuxZip,
  withKdfParameters,
} from '../helpers/import-fixtures';

beforeAll(() => ensureCliBuilt(), 120_000);

const SOURCE_PASSWORD = 'keepass source password 3';
/** The address-space cap the hostile files are read under: node itself needs about 1 GiB to start. */
const MEMORY_CAP_BYTES = 1536 * 1024 * 1024;

async function cliVault() {
  const dir = makeTempDir();
  const passwordFile = join(dir, 'password.txt');
  writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
  writeFileSync(join(dir, 'source-password.txt'), `${SOURCE_PASSWORD}\n`);
  const vault = join(dir, 'work.tokenvault');
  const env = { TOKENVAULT_PASSWORD_FILE: passwordFile };
  expect((await runCli(['init', vault, '--operator', 'alice'], { env })).code).toBe(0);
  return { dir, vault, env, sourcePasswordFile: join(dir, 'source-password.txt') };
}

async function tokenCount(vault: string, env: Record<string, string>): Promise<number> {
  return (JSON.parse((await runCli(['token', 'list', vault, '--json'], { env })).stdout) as unknown[]).length;
}

async function eventCount(vault: string, env: Record<string, string>): Promise<number> {
  return JSON.parse((await runCli(['verify', vault, '--json'], { env })).stdout).eventCount as number;
}

/** The CLI under `prlimit --as`: a reader that tried to hold a bomb in memory would die instead of refusing it. */
function runCliBounded(args: string[], env: Record<string, string>, capBytes = MEMORY_CAP_BYTES) {
  const result = spawnSync('prlimit', [`--as=${capBytes}`, process.execPath, CLI_PATH, ...args], {
    env: { ...process.env, TOKENVAULT_KDF_TARGET_MS: '0', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('tokenvault import, black box', { timeout: 600_000 }, () => {
  it('a .kdbx made by keepassxc-cli: --dry-run --json previews without values or writes, then imports all or nothing', async () => {
    const { dir, vault, env, sourcePasswordFile } = await cliVault();
    const values = [generateTokenValue(), generateTokenValue(), generateTokenValue()];
    const kdbx = join(dir, 'team.kdbx');
    keepassxcDatabase(kdbx, SOURCE_PASSWORD, [
      { group: 'Stripe', title: 'Live', username: 'acct_live', password: values[0]! },
      { group: 'Stripe', title: 'Test', username: 'acct_test', password: values[1]! },
      { group: 'Mailchimp', title: 'API', password: values[2]! },
    ]);
    const args = [
      'import',
      vault,
      '--from',
      'kdbx',
      '--file',
      kdbx,
      '--source-password-file',
      sourcePasswordFile,
    ];
    const events = await eventCount(vault, env);
    const dry = await runCli([...args, '--dry-run', '--json'], { env });
    expect(dry.code).toBe(0);
    for (const value of values) expect(dry.stdout + dry.stderr).not.toContain(value);
    const preview = JSON.parse(dry.stdout);
    expect(preview).toMatchObject({
      format: 'kdbx',
      formatLabel: 'KeePass database (.kdbx)',
      counts: { rows: 3, selected: 3, refused: 0, duplicates: 0 },
      accounts: [
        { name: 'Stripe', id: null, profile: 'generic', isNew: true, rows: 2, selected: 2 },
        { name: 'Mailchimp', id: null, profile: 'generic', isNew: true, rows: 1, selected: 1 },
      ],
    });
    expect(preview.rows[0]).toEqual({
      row: 1,
      selected: true,
      account: 'Stripe',
      accountId: null,
      profile: 'generic',
      kind: 'api-token',
      role: 'standalone',
      name: 'Live',
      keyId: 'acct_live',
      assignedTo: null,
      description: '',
      expiresAt: null,
      valueMask: '•'.repeat(16),
      valueLength: 64,
      refusal: null,
      duplicate: null,
    });
    expect(await eventCount(vault, env)).toBe(events);
    expect(await tokenCount(vault, env)).toBe(0);

    const imported = await runCli(args, { env });
    expect(imported.code).toBe(0);
    expect(imported.stdout).toBe('3\n');
    expect(imported.stderr).toMatch(
      /Imported 3 token\(s\) from the KeePass database \(\.kdbx\); new accounts: Stripe, Mailchimp\./,
    );
    const tokens = JSON.parse((await runCli(['token', 'list', vault, '--json'], { env })).stdout) as {
      id: number;
      name: string;
    }[];
    const live = tokens.find((t) => t.name === 'Live')!;
    expect((await runCli(['token', 'reveal', vault, String(live.id)], { env })).stdout).toBe(
      `${values[0]}\n`,
    );
    const history = JSON.parse(
      (await runCli(['token', 'history', vault, String(live.id), '--json'], { env })).stdout,
    );
    expect(history[0]).toMatchObject({ kind: 'Created', details: { imported: true, source: 'kdbx' } });

    // Again: every value is now a duplicate of a stored one, so nothing is selected and nothing is written.
    const again = await runCli([...args, '--dry-run', '--json'], { env });
    expect(JSON.parse(again.stdout).counts).toEqual({ rows: 3, selected: 0, refused: 0, duplicates: 3 });
    expect((await runCli(args, { env })).code).toBe(2);
    expect(await tokenCount(vault, env)).toBe(3);
  });

  it('KeePassXC CSV and XML exports; --account, --profile and --map; a refused row stops everything unless --skip-refused', async () => {
    const { dir, vault, env } = await cliVault();
    const kdbx = join(dir, 'on24.kdbx');
    keepassxcDatabase(kdbx, SOURCE_PASSWORD, [
      {
        group: 'Producers',
        title: 'Ana',
        username: 'key-ana',
        password: generateTokenValue(),
        notes: 'ana@example.org',
      },
      { group: 'Producers', title: 'Nobody', username: 'key-x', password: generateTokenValue() },
    ]);
    writeFileSync(join(dir, 'export.csv'), keepassxcExport(kdbx, SOURCE_PASSWORD, 'csv'));
    writeFileSync(join(dir, 'export.xml'), keepassxcExport(kdbx, SOURCE_PASSWORD, 'xml'));
    const base = [
      'import',
      vault,
      '--from',
      'keepassxc-csv',
      '--file',
      join(dir, 'export.csv'),
      '--account',
      'ON24',
      '--profile',
      'on24',
      '--map',
      'Notes=assignedTo',
    ];
    const refused = await runCli(base, { env });
    expect(refused.code).toBe(5);
    expect(refused.stderr).toMatch(
      /^tokenvault: Row 2: In ON24 accounts, .* must be assigned to .* Nothing was imported; add --skip-refused/,
    );
    expect(await tokenCount(vault, env)).toBe(0);
    const skipped = await runCli([...base, '--skip-refused'], { env });
    expect(skipped.code).toBe(0);
    expect(skipped.stdout).toBe('1\n');
    expect(skipped.stderr).toMatch(/Skipped row 2: In ON24 accounts/);
    const listed = JSON.parse((await runCli(['account', 'list', vault, '--json'], { env })).stdout);
    expect(listed).toMatchObject([{ name: 'ON24', profile: 'on24', tokenCount: 1 }]);

    const xml = await runCli(
      ['import', vault, '--from', 'keepass-xml', '--file', join(dir, 'export.xml'), '--dry-run', '--json'],
      { env },
    );
    expect(xml.code).toBe(0);
    expect(
      JSON.parse(xml.stdout).rows.map((r: { name: string; duplicate: string | null }) => [
        r.name,
        r.duplicate !== null,
      ]),
    ).toEqual([
      ['Ana', true],
      ['Nobody', false],
    ]);
  });

  it('1PUX, Bitwarden JSON, .env and a mapped CSV', async () => {
    const { dir, vault, env } = await cliVault();
    writeFileSync(
      join(dir, 'export.1pux'),
      await onePuxZip([
        {
          vault: 'APIs',
          category: '112',
          title: 'Search API',
          username: 'client-9',
          credential: generateTokenValue(),
          expires: new Date('2027-05-01T00:00:00Z'),
        },
      ]),
    );
    const pux = await runCli(
      ['import', vault, '--from', '1pux', '--file', join(dir, 'export.1pux'), '--json'],
      { env },
    );
    expect(pux.code).toBe(0);
    expect(JSON.parse(pux.stdout)).toEqual({ imported: 1, accountsCreated: ['APIs'], skipped: [] });
    const token = JSON.parse((await runCli(['token', 'list', vault, '--json'], { env })).stdout)[0];
    expect(token).toMatchObject({
      name: 'Search API',
      keyId: 'client-9',
      expiresAt: '2027-05-01T00:00:00.000Z',
      account: 'APIs',
    });

    writeFileSync(
      join(dir, 'deploy.env'),
      `export DEPLOY_TOKEN=${generateTokenValue()}\n# comment\nOTHER="${generateTokenValue()}"\n`,
    );
    const dotenv = await runCli(['import', vault, '--from', 'env', '--file', join(dir, 'deploy.env')], {
      env,
    });
    expect(dotenv.stdout).toBe('2\n');

    writeFileSync(join(dir, 'sheet.csv'), `Where,What,Secret thing\nSheet,Row one,${generateTokenValue()}\n`);
    const unmapped = await runCli(['import', vault, '--from', 'csv', '--file', join(dir, 'sheet.csv')], {
      env,
    });
    expect(unmapped.code).toBe(2);
    expect(unmapped.stderr).toMatch(/Choose the column that holds the token values/);
    const mapped = await runCli(
      [
        'import',
        vault,
        '--from',
        'csv',
        '--file',
        join(dir, 'sheet.csv'),
        '--map',
        'Where=account,What=name,Secret thing=value',
      ],
      { env },
    );
    expect(mapped.stdout).toBe('1\n');
    expect(await tokenCount(vault, env)).toBe(4);
  });

  it('expiry dates under a time zone east and west of UTC: instants are the same, a day is that day where the admin is', async () => {
    const { dir, vault, env } = await cliVault();
    writeFileSync(
      join(dir, 'dates.csv'),
      `name,value,expires\nDate only,${generateTokenValue()},2027-03-01\nNo zone,${generateTokenValue()},2027-03-01T10:00\nWith zone,${generateTokenValue()},2027-03-01T10:00:00+02:00\nAmbiguous,${generateTokenValue()},03/01/2027\n`,
    );
    writeFileSync(
      join(dir, 'dates.1pux'),
      await onePuxZip([
        {
          vault: 'V',
          category: '112',
          title: 'Credential',
          credential: generateTokenValue(),
          expires: new Date('2027-03-01T00:00:00Z'),
        },
      ]),
    );
    const seen: unknown[] = [];
    for (const TZ of ['Pacific/Auckland', 'America/Los_Angeles']) {
      const csv = JSON.parse(
        (
          await runCli(
            ['import', vault, '--from', 'csv', '--file', join(dir, 'dates.csv'), '--dry-run', '--json'],
            { env: { ...env, TZ } },
          )
        ).stdout,
      );
      const pux = JSON.parse(
        (
          await runCli(
            ['import', vault, '--from', '1pux', '--file', join(dir, 'dates.1pux'), '--dry-run', '--json'],
            { env: { ...env, TZ } },
          )
        ).stdout,
      );
      seen.push(
        [...csv.rows, ...pux.rows].map(
          (r: { name: string; expiresAt: string | null; refusal: string | null }) => [
            r.name,
            r.expiresAt,
            r.refusal,
          ],
        ),
      );
    }
    const refused = (text: string) =>
      `The expiry "${text}" is not a day that exists or a time with its zone. Use a date like 2026-12-31 or 2026-12-31T09:00:00Z.`;
    // The start of 1 March in Auckland (UTC+13 then) and in Los Angeles (UTC-8 then).
    const startOfDay = ['2027-02-28T11:00:00.000Z', '2027-03-01T08:00:00.000Z'];
    startOfDay.forEach((start, zone) =>
      expect(seen[zone]).toEqual([
        ['Date only', start, null],
        ['No zone', null, refused('2027-03-01T10:00')],
        ['With zone', '2027-03-01T08:00:00.000Z', null],
        ['Ambiguous', null, refused('03/01/2027')],
        ['Credential', '2027-03-01T00:00:00.000Z', null],
      ]),
    );
  });

  it('hostile sources: one sentence each, exit code per docs/cli.md, memory bounded, nothing written', async () => {
    const { dir, vault, env, sourcePasswordFile } = await cliVault();
    const kdbxBytes = await kdbxwebDatabase([{ group: 'G', title: 'T', password: generateTokenValue() }], {
      password: SOURCE_PASSWORD,
      version: 4,
    });
    writeFileSync(join(dir, 'good.kdbx'), kdbxBytes);
    writeFileSync(join(dir, 'truncated.kdbx'), kdbxBytes.subarray(0, Math.floor(kdbxBytes.length / 2)));
    writeFileSync(join(dir, 'wrong.txt'), 'not the password\n');
    // Inflates to more than the address-space cap below: only a reader that stops at its own cap can answer.
    onePuxBombFile(join(dir, 'bomb.1pux'), 2048);
    writeFileSync(join(dir, 'not-a-zip.1pux'), 'hello');
    writeFileSync(
      join(dir, 'protected.json'),
      JSON.stringify({ encrypted: true, passwordProtected: true, data: 'x' }),
    );
    writeFileSync(join(dir, 'deep.json'), `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    writeFileSync(
      join(dir, 'entities.xml'),
      '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x "xxxxxxxx">]><KeePassFile>&x;</KeePassFile>',
    );
    writeFileSync(join(dir, 'big.csv'), '');
    truncateSync(join(dir, 'big.csv'), 65 * 1024 * 1024);
    const fifo = join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    const eventsBefore = await eventCount(vault, env);
    const bomb = readFileSync(join(dir, 'bomb.1pux')).length;
    expect(bomb).toBeLessThan(4 * 1024 * 1024);

    const cases: [string[], number, RegExp][] = [
      [
        [
          '--from',
          'kdbx',
          '--file',
          join(dir, 'good.kdbx'),
          '--source-password-file',
          join(dir, 'wrong.txt'),
        ],
        3,
        /^Wrong password or key file for the KeePass database\.$/,
      ],
      [
        [
          '--from',
          'kdbx',
          '--file',
          join(dir, 'truncated.kdbx'),
          '--source-password-file',
          sourcePasswordFile,
        ],
        2,
        /damaged or incomplete/,
      ],
      [['--from', 'kdbx', '--file', join(dir, 'good.kdbx')], 2, /needs its password/],
      [['--from', '1pux', '--file', join(dir, 'bomb.1pux')], 2, /inflates to more than 64 MiB/],
      [['--from', '1pux', '--file', join(dir, 'not-a-zip.1pux')], 2, /not a valid ZIP file/],
      [['--from', '1pux', '--file', '/dev/zero'], 2, /not a regular file/],
      [['--from', 'csv', '--file', fifo], 2, /not a regular file/],
      [['--from', 'csv', '--file', join(dir, 'big.csv')], 2, /65 MiB, more than the 64 MiB accepted/],
      [
        ['--from', 'bitwarden-json', '--file', join(dir, 'protected.json')],
        2,
        /encrypted\. Export again without a password/,
      ],
      [['--from', 'bitwarden-json', '--file', join(dir, 'deep.json')], 2, /nests deeper than 64 levels/],
      [['--from', 'keepass-xml', '--file', join(dir, 'entities.xml')], 2, /declares a DTD or entities/],
      [['--from', 'csv', '--file', join(dir, 'missing.csv')], 4, /does not exist/],
      [['--from', 'lastpass', '--file', join(dir, 'x')], 2, /--from is one of/],
    ];
    for (const [args, code, sentence] of cases) {
      const result = runCliBounded(['import', vault, ...args], env);
      const stderr = result.stderr.trim();
      expect({ args: args.slice(0, 2), code: result.code }).toEqual({ args: args.slice(0, 2), code });
      expect(stderr.split('\n')).toHaveLength(1);
      expect(stderr.replace(/^tokenvault: /, '')).toMatch(sentence);
      expect(stderr).not.toMatch(/at .*\.(js|cjs|ts):\d+/);
      expect(result.stdout).toBe('');
    }
    expect(await tokenCount(vault, env)).toBe(0);
    expect(await eventCount(vault, env)).toBe(eventsBefore);
  });

  it('hostile sources past the import limits: costly KDFs, rows per item, wide rows, a 1PUX just under its cap', async () => {
    const { dir, vault, env, sourcePasswordFile } = await cliVault();
    const file = (name: string, content: string | Uint8Array) => {
      writeFileSync(join(dir, name), content);
      return join(dir, name);
    };
    const argon2 = await kdbxwebDatabase([{ group: 'G', title: 'T', password: generateTokenValue() }], {
      password: SOURCE_PASSWORD,
      version: 4,
    });
    const aes = await kdbxwebDatabase([{ group: 'G', title: 'T', password: generateTokenValue() }], {
      password: SOURCE_PASSWORD,
      version: 4,
      kdf: 'aes',
    });
    const wrong = file('wrong.txt', 'not the password\n');
    const costly = {
      // The reviewer's file: 1 GiB, 100 passes, 4 lanes ran 25 s at 1.1 GB before any password check.
      'slow.kdbx': withKdfParameters(argon2, { memoryKiB: 1024 * 1024, iterations: 100, parallelism: 4 }),
      // Each figure under its own cap, their product (8 GiB x passes) over the budget.
      'budget.kdbx': withKdfParameters(argon2, { memoryKiB: 256 * 1024, iterations: 32, parallelism: 2 }),
      'lanes.kdbx': withKdfParameters(argon2, { memoryKiB: 64 * 1024, iterations: 2, parallelism: 100_000 }),
      'rounds.kdbx': withKdfParameters(aes, { aesRounds: 2 ** 40 }),
    };
    for (const [name, bytes] of Object.entries(costly)) file(name, bytes);
    // One item, 150,000 hidden fields: 150,001 rows from one of the 100,000 items allowed.
    file(
      'fields.json',
      bitwardenJson([
        {
          name: 'Many',
          password: 'p',
          hidden: Array.from({ length: 150_000 }, (_, i) => ({ name: `h${i}`, value: `v${i}` })),
        },
      ]),
    );
    file(
      'wide.json',
      bitwardenJson([
        {
          name: 'Wide',
          password: 'p',
          text: Array.from({ length: 300 }, (_, i) => ({ name: `t${i}`, value: 'x' })),
        },
      ]),
    );
    file(
      'concealed.1pux',
      await onePuxZip([
        {
          vault: 'V',
          category: '001',
          title: 'Many',
          password: 'p',
          concealed: Array.from({ length: 100_000 }, (_, i) => ({ title: `c${i}`, value: `v${i}` })),
        },
      ]),
    );
    // 60 MiB of commas in one row: csv-parse held millions of fields before the width was checked.
    const commas = file('commas.csv', `name,value\n${','.repeat(60 * 1024 * 1024)}`);
    const justUnder = join(dir, 'under.1pux');
    onePuxPaddedFile(justUnder, 63 * 1024 * 1024);
    const justOver = join(dir, 'over.1pux');
    onePuxPaddedFile(justOver, 64 * 1024 * 1024 + 1);
    const eventsBefore = await eventCount(vault, env);

    const kdfRefusal =
      /^The KeePass database asks for more key-derivation work than Token Vault accepts \(.*\): lower it in KeePassXC \(Database > Database Security > Encryption settings\), save, and import again\.$/;
    const cases: [string[], number, RegExp][] = [
      ...Object.keys(costly).map((name): [string[], number, RegExp] => [
        ['import', vault, '--from', 'kdbx', '--file', join(dir, name), '--source-password-file', wrong],
        2,
        kdfRefusal,
      ]),
      [
        ['import', vault, '--from', 'bitwarden-json', '--file', join(dir, 'fields.json'), '--dry-run'],
        2,
        /^The Bitwarden JSON export holds more than 100,000 secrets/,
      ],
      [
        ['import', vault, '--from', 'bitwarden-json', '--file', join(dir, 'wide.json'), '--dry-run'],
        2,
        /^The Bitwarden JSON export has an item with more than 200 fields/,
      ],
      [
        ['import', vault, '--from', '1pux', '--file', join(dir, 'concealed.1pux'), '--dry-run'],
        2,
        /^The 1Password export holds more than 100,000 secrets/,
      ],
      [
        ['import', vault, '--from', 'csv', '--file', commas, '--dry-run'],
        2,
        /^The CSV file has more than 200 columns\.$/,
      ],
      [
        ['token', 'import', vault, '--account', 'Main', '--file', commas],
        2,
        /^The CSV file has more than 200 columns\.$/,
      ],
      [
        ['import', vault, '--from', '1pux', '--file', justOver, '--dry-run'],
        2,
        /^The 1Password export inflates to more than 64 MiB/,
      ],
      [
        ['token', 'import', vault, '--account', 'Main', '--file', file('empty.json', '[]')],
        2,
        /^The import file is an empty list: there is nothing to import\.$/,
      ],
      [
        [
          'import',
          vault,
          '--from',
          'kdbx',
          '--file',
          join(dir, 'slow.kdbx'),
          '--source-password-file',
          file('latin1.txt', Buffer.from('caf\xe9\n', 'latin1')),
        ],
        2,
        /^The source password file is not valid UTF-8 text: the byte at offset \d+ \(counting from 0\) does not fit\.$/,
      ],
      [
        [
          'import',
          vault,
          '--from',
          'kdbx',
          '--file',
          join(dir, 'slow.kdbx'),
          '--source-password-file',
          file('long.txt', `${'x'.repeat(5000)}\n`),
        ],
        2,
        /^The source password file is .*more than the 4 KiB accepted\.$/,
      ],
    ];
    for (const [args, code, sentence] of cases) {
      const started = Date.now();
      const result = runCliBounded(args, env);
      const stderr = result.stderr.trim();
      expect({ args: args.slice(-2), code: result.code }).toEqual({ args: args.slice(-2), code });
      expect(stderr.split('\n')).toHaveLength(1);
      expect(stderr.replace(/^tokenvault: /, '')).toMatch(sentence);
      expect(result.stdout).toBe('');
      // Refused before the costly part: no derivation, no row past the cap (a derivation asked for took 25 s).
      expect(Date.now() - started).toBeLessThan(30_000);
    }
    // Within the budget, but more memory than the process may take (1.3 GiB of address space; the CLI alone takes
    // about 1.2 GiB): said as such, exit 1, not "damaged" as before.
    const roomy = file(
      'roomy.kdbx',
      withKdfParameters(argon2, { memoryKiB: 256 * 1024, iterations: 1, parallelism: 1 }),
    );
    const starved = runCliBounded(
      ['import', vault, '--from', 'kdbx', '--file', roomy, '--source-password-file', wrong, '--dry-run'],
      env,
      Math.round(1.3 * 1024 * 1024 * 1024),
    );
    expect({ code: starved.code, stderr: starved.stderr.trim() }).toEqual({
      code: 1,
      stderr:
        'tokenvault: There was not enough free memory for the key derivation of The KeePass database (256 MiB): close other programs and try again, or lower it in KeePassXC (Database > Database Security > Encryption settings), save, and import again.',
    });
    // The costliest 1PUX accepted still reads under the same memory cap, as a 1PUX with nothing in it.
    const under = runCliBounded(
      ['import', vault, '--from', '1pux', '--file', justUnder, '--dry-run', '--json'],
      env,
    );
    expect({ code: under.code, stderr: under.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(under.stdout).counts.rows).toBe(0);
    // KeePassXC's own choices still open: a 1 s AES-KDF benchmark made by keepassxc-cli (61 million rounds here),
    // and Argon2 at the budget's edge with KeePassXC's 64 MiB.
    const keepassxc1s = join(dir, 'keepassxc-1s.kdbx');
    execFileSync('keepassxc-cli', ['db-create', '-q', '-p', '-t', '1000', keepassxc1s], {
      input: `${SOURCE_PASSWORD}\n${SOURCE_PASSWORD}\n`,
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    const atBudget = file(
      'at-budget.kdbx',
      await kdbxwebDatabase([{ group: 'G', title: 'T', password: generateTokenValue() }], {
        password: SOURCE_PASSWORD,
        version: 4,
        kdf: 'argon2d',
        argon2: { memoryKiB: 64 * 1024, iterations: 64, parallelism: 2 },
      }),
    );
    for (const path of [keepassxc1s, atBudget]) {
      const opened = runCliBounded(
        [
          'import',
          vault,
          '--from',
          'kdbx',
          '--file',
          path,
          '--source-password-file',
          sourcePasswordFile,
          '--dry-run',
          '--json',
        ],
        env,
      );
      expect({ path, code: opened.code, stderr: opened.stderr }).toEqual({ path, code: 0, stderr: '' });
    }
    expect(await tokenCount(vault, env)).toBe(0);
    expect(await eventCount(vault, env)).toBe(eventsBefore);
  });
});
