/**
 * `tokenvault import` on files a reader used to repair silently (docs/import-formats.md, "Checked, not repaired"),
 * run as a user would: refused rows stop the import (exit 5) or are skipped and named, a file that cannot be read
 * one way is one sentence (exit 2); nothing is written in either case.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { ensureCliBuilt, runCli, type CliResult } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';
import {
  bitwardenJson,
  keepassxcDatabase,
  keepassxcExport,
  onePuxData,
  zipOf,
} from '../helpers/import-fixtures';
import { renameEntry } from '../helpers/hostile-bundles';

beforeAll(() => ensureCliBuilt(), 120_000);

async function cliVault() {
  const dir = makeTempDir();
  const passwordFile = join(dir, 'password.txt');
  writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
  const vault = join(dir, 'work.tokenvault');
  const env = { TOKENVAULT_PASSWORD_FILE: passwordFile };
  expect((await runCli(['init', vault, '--operator', 'alice'], { env })).code).toBe(0);
  const state = async () => ({
    tokens: (
      JSON.parse((await runCli(['token', 'list', vault, '--json'], { env })).stdout) as { name: string }[]
    ).map((t) => t.name),
    events: JSON.parse((await runCli(['verify', vault, '--json'], { env })).stdout).eventCount as number,
  });
  return { dir, vault, env, state };
}

/** One `tokenvault:` line on stderr, nothing on stdout, no value in either. */
function expectOneSentence(result: CliResult, code: number, sentence: string, values: string[]) {
  expect(result.code, result.stderr).toBe(code);
  expect(result.stdout).toBe('');
  expect(result.stderr.trimEnd().split('\n')).toEqual([`tokenvault: ${sentence}`]);
  for (const value of values) expect(result.stderr).not.toContain(value);
}

describe('tokenvault import: checked, not repaired', { timeout: 300_000 }, () => {
  it('.env with a variable twice and a value dotenv cuts at "#": refused rows, exit 5 or skipped and named', async () => {
    const { dir, vault, env, state } = await cliVault();
    const [first, second, other] = [generateTokenValue(), generateTokenValue(), generateTokenValue()];
    const file = join(dir, 'crm.env');
    writeFileSync(file, `APP_KEY=${first}\nOTHER=${other}\nPASSWORD=abc#123\nAPP_KEY=${second}\n`);
    const args = ['import', vault, '--from', 'env', '--file', file];
    const twice = 'APP_KEY appears twice in the file (lines 1 and 4); keep one and import again.';
    const cut =
      'The value of PASSWORD stops at a "#" that dotenv reads as a comment; put the value in quotes (PASSWORD="...") to keep the "#".';

    const dry = await runCli([...args, '--dry-run', '--json'], { env });
    expect(dry.code).toBe(0);
    expect(dry.stdout).not.toContain(first);
    const preview = JSON.parse(dry.stdout) as {
      rows: { row: number; name: string; refusal: string | null }[];
    };
    expect(preview.rows.map((r) => [r.row, r.name, r.refusal])).toEqual([
      [1, 'APP_KEY', twice],
      [2, 'OTHER', null],
      [3, 'PASSWORD', cut],
      [4, 'APP_KEY', twice],
    ]);

    const before = await state();
    expectOneSentence(
      await runCli(args, { env }),
      5,
      `Row 1: ${twice} (and 2 more row(s)) Nothing was imported; add --skip-refused to import the other rows, or see --dry-run.`,
      [first, second],
    );
    expect(await state()).toEqual(before);

    const skipped = await runCli([...args, '--skip-refused'], { env });
    expect(skipped.code, skipped.stderr).toBe(0);
    expect(skipped.stdout.trim()).toBe('1');
    expect(skipped.stderr).toContain(`Skipped row 1: ${twice}`);
    expect(skipped.stderr).toContain(`Skipped row 3: ${cut}`);
    expect(skipped.stderr).toContain(`Skipped row 4: ${twice}`);
    expect((await state()).tokens).toEqual(['OTHER']);
  });

  it('a .env line dotenv would skip unread: exit 2, the line named, nothing written', async () => {
    const { dir, vault, env, state } = await cliVault();
    const file = join(dir, 'app.env');
    writeFileSync(file, `A=${generateTokenValue()}\nAPI KEY=${generateTokenValue()}\n`);
    const before = await state();
    expectOneSentence(
      await runCli(['import', vault, '--from', 'env', '--file', file], { env }),
      2,
      'Line 2 of the .env file is not KEY=value, a comment or blank: dotenv would skip it unread, so fix or remove it and import again.',
      [],
    );
    expect(await state()).toEqual(before);
  });

  it('files that mean two things: a 1PUX with two export.data, a KeePass entry with U+0001, a JSON key twice', async () => {
    const { dir, vault, env, state } = await cliVault();
    const [first, second] = [generateTokenValue(), generateTokenValue()];
    const item = (credential: string) =>
      onePuxData([{ vault: 'CRM', category: '112', title: 'Sync', credential }]);
    const pux = join(dir, 'two.1pux');
    writeFileSync(
      pux,
      renameEntry(
        Buffer.from(await zipOf({ 'export.data': item(first), 'export.datX': item(second) })),
        'export.datX',
        'export.data',
      ),
    );

    const kdbx = join(dir, 'team.kdbx');
    keepassxcDatabase(kdbx, 'source password 5', [{ group: 'CRM', title: 'Sync', password: first }]);
    const xml = keepassxcExport(kdbx, 'source password 5', 'xml').replace(first, `${first}\u0001`);
    const line = xml.slice(0, xml.indexOf('\u0001')).split('\n').length;
    writeFileSync(join(dir, 'export.xml'), xml);

    const json = bitwardenJson([{ folder: 'CRM', name: 'Sync', password: first }]).replace(
      `"password": "${first}"`,
      `"password": "${first}", "password": "${second}"`,
    );
    writeFileSync(join(dir, 'bitwarden.json'), json);
    const jsonLine = json.slice(0, json.indexOf(second)).split('\n').length;

    const before = await state();
    for (const [format, file, sentence] of [
      [
        '1pux',
        pux,
        'The 1Password export holds two entries named "export.data", which ZIP readers resolve differently, so it is refused.',
      ],
      [
        'keepass-xml',
        join(dir, 'export.xml'),
        `The KeePass XML export holds a control character XML does not allow (U+0001, line ${line}); it is refused rather than read with the character dropped.`,
      ],
      [
        'bitwarden-json',
        join(dir, 'bitwarden.json'),
        `The Bitwarden JSON export has the key "password" twice in one object (line ${jsonLine}), so which value is meant cannot be told; it is refused.`,
      ],
    ] as const) {
      expectOneSentence(
        await runCli(['import', vault, '--from', format, '--file', file, '--dry-run'], { env }),
        2,
        sentence,
        [first, second],
      );
      expectOneSentence(
        await runCli(['import', vault, '--from', format, '--file', file], { env }),
        2,
        sentence,
        [first, second],
      );
    }
    expect(await state()).toEqual(before);
  });
});
