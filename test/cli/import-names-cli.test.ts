import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { ensureCliBuilt, runCli } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

beforeAll(() => ensureCliBuilt(), 120_000);

const RLO = '\u202e';
const ZWSP = '\u200b';
const NFC = 'Caf\u00e9';
const NFD = 'Cafe\u0301';

async function cliVault() {
  const dir = makeTempDir();
  const passwordFile = join(dir, 'password.txt');
  writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
  const vault = join(dir, 'work.tokenvault');
  const env = { TOKENVAULT_PASSWORD_FILE: passwordFile };
  expect((await runCli(['init', vault, '--operator', 'alice'], { env })).code).toBe(0);
  return { dir, vault, env };
}

describe('tokenvault import: names and secret columns, black box', { timeout: 300_000 }, () => {
  it('the preview resolves accounts by the folded key and refuses what the name rules refuse; --skip-refused imports the others', async () => {
    const { dir, vault, env } = await cliVault();
    expect((await runCli(['account', 'add', vault, '--name', 'Main'], { env })).code).toBe(0);
    const file = join(dir, 'names.csv');
    writeFileSync(
      file,
      [
        'account,name,value',
        `MAIN,upper,${generateTokenValue()}`,
        `\uff2d\uff41\uff49\uff4e,fullwidth,${generateTokenValue()}`,
        `Evil${RLO},bidi,${generateTokenValue()}`,
        `${ZWSP},invisible,${generateTokenValue()}`,
        `${NFD},decomposed,${generateTokenValue()}`,
        `${NFC},composed,${generateTokenValue()}`,
      ].join('\n'),
    );
    const args = ['import', vault, '--from', 'csv', '--file', file];

    const dry = await runCli([...args, '--dry-run', '--json'], { env });
    expect(dry.code).toBe(0);
    const preview = JSON.parse(dry.stdout);
    expect(preview.counts).toEqual({ rows: 6, selected: 4, refused: 2, duplicates: 0 });
    expect(
      preview.rows.map((r: { account: string; refusal: string | null }) => [r.account, r.refusal]),
    ).toEqual([
      ['Main', null],
      ['Main', null],
      [`Evil${RLO}`, 'The account name cannot contain right-to-left or left-to-right control characters.'],
      [ZWSP, 'The account name has no visible character.'],
      [NFC, null],
      [NFC, null],
    ]);
    const table = await runCli([...args, '--dry-run'], { env });
    expect(table.stderr).toMatch(/6 rows from the CSV spreadsheet: 4 would be imported, 2 refused/);

    const stopped = await runCli(args, { env });
    expect(stopped.code).toBe(5);
    expect(stopped.stderr).toMatch(/Row 3: The account name cannot contain right-to-left/);

    const written = await runCli([...args, '--skip-refused'], { env });
    expect(written.code).toBe(0);
    expect(written.stdout).toBe('4\n');
    expect(written.stderr).toMatch(/Skipped row 3: The account name cannot contain right-to-left/);
    expect(written.stderr).toMatch(/Skipped row 4: The account name has no visible character\./);
    const accounts = JSON.parse((await runCli(['account', 'list', vault, '--json'], { env })).stdout);
    expect(accounts.map((a: { name: string; tokenCount: number }) => [a.name, a.tokenCount])).toEqual([
      [NFC, 2],
      ['Main', 2],
    ]);
  });

  it('a spreadsheet column named like a secret is masked and cannot be mapped into a shown field', async () => {
    const { dir, vault, env } = await cliVault();
    const secret = `SECRETVALUE_${generateTokenValue()}`;
    const file = join(dir, 'sheet.csv');
    writeFileSync(file, `name,token,other\nSync,${secret},x\n`);
    const args = ['import', vault, '--from', 'csv', '--file', file];

    const intoDescription = await runCli(
      [...args, '--map', 'other=value,token=description', '--dry-run', '--json'],
      { env },
    );
    expect(intoDescription.code).toBe(2);
    expect(intoDescription.stdout).toBe('');
    expect(intoDescription.stderr).toMatch(
      /The column "token" holds secrets: it can fill the token's value, nothing else\./,
    );
    expect(intoDescription.stdout + intoDescription.stderr).not.toContain(secret);

    const twice = await runCli([...args, '--map', 'token=value,token=description'], { env });
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/The column "token" (holds secrets|fills the token's value)/);

    const moved = await runCli([...args, '--map', 'other=value', '--dry-run', '--json'], { env });
    expect(moved.code).toBe(0);
    expect(moved.stdout).not.toContain(secret);
    expect(JSON.parse(moved.stdout).columns).toEqual([
      { name: 'name', secret: false },
      { name: 'token', secret: true },
      { name: 'other', secret: true },
    ]);
    expect(JSON.parse((await runCli(['token', 'list', vault, '--json'], { env })).stdout)).toEqual([]);
  });
});
