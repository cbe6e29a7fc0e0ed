import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Vault } from '../../src/main/core/vault/vault';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { ensureCliBuilt, runCli, runCliOnTty } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

beforeAll(() => ensureCliBuilt(), 120_000);

/** Several CLI processes per test; on a busy machine each start alone can take seconds. */
const MANY_PROCESSES_MS = 240_000;

/** A vault made through the CLI, unlocked by the file TOKENVAULT_PASSWORD_FILE names. */
async function cliVault() {
  const dir = makeTempDir();
  const passwordFile = join(dir, 'password.txt');
  writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
  const vault = join(dir, 'work.tokenvault');
  const env = { TOKENVAULT_PASSWORD_FILE: passwordFile };
  expect((await runCli(['init', vault, '--operator', 'alice'], { env })).code).toBe(0);
  expect((await runCli(['account', 'add', vault, '--name', 'Main'], { env })).code).toBe(0);
  return { dir, vault, env };
}

const oneLine = (stderr: string) => stderr.trim().split('\n').length === 1;

describe('tokenvault CLI contract', { timeout: MANY_PROCESSES_MS }, () => {
  it.each([
    ['a common password', 'passwordpassword', /commonly used password|repeated/i],
    ['a repeated character', 'aaaaaaaaaaaaaaaa', /Repeated characters/],
  ])(
    'init refuses %s of 12+ characters with zxcvbn advice (exit 5), creating nothing',
    async (_l, weak, warning) => {
      const dir = makeTempDir();
      writeFileSync(join(dir, 'weak.txt'), `${weak}\n`);
      const vault = join(dir, 'weak.tokenvault');
      const result = await runCli(['init', vault, '--password-file', join(dir, 'weak.txt')]);
      expect(result.code).toBe(5);
      expect(result.stderr).toMatch(/too weak: its strength is [0-2]\/4/);
      expect(result.stderr).toMatch(warning);
      expect(result.stderr).toMatch(/Add more words/);
      expect(oneLine(result.stderr)).toBe(true);
      expect(result.stdout).toBe('');
      expect(existsSync(vault)).toBe(false);
    },
  );

  it('passwd refuses a weak new password (exit 5) and the old one keeps working', async () => {
    const { dir, vault, env } = await cliVault();
    writeFileSync(join(dir, 'weak.txt'), 'passwordpassword\n');
    const result = await runCli(['passwd', vault, '--new-password-file', join(dir, 'weak.txt')], { env });
    expect(result.code).toBe(5);
    expect(oneLine(result.stderr)).toBe(true);
    expect((await runCli(['account', 'list', vault], { env })).code).toBe(0);
  });

  it('init with no password source and no terminal exits 2 at once and creates nothing', async () => {
    const dir = makeTempDir();
    const vault = join(dir, 'none.tokenvault');
    const started = Date.now();
    const result = await runCli(['init', vault], { env: { TOKENVAULT_PASSWORD_FILE: undefined } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/No password given/);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(existsSync(vault)).toBe(false);
  });

  it('verify exits 6 with one line naming the altered event when the history was edited', async () => {
    const { vault, env } = await cliVault();
    const tokenId = (
      await runCli(['token', 'add', vault, '--account', 'Main', '--name', 'CRM', '--generate'], { env })
    ).stdout.trim();
    expect((await runCli(['token', 'reveal', vault, tokenId], { env })).code).toBe(0);
    // Someone holding the key edits the database directly: the append-only triggers must go first.
    const forger = await Vault.open(vault, { password: TEST_PASSWORD });
    try {
      forger.db.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete;');
      forger.db.prepare(`UPDATE events SET actor = 'mallory' WHERE seq = 2`).run();
    } finally {
      forger.lock();
    }
    const plain = await runCli(['verify', vault], { env });
    expect(plain.code).toBe(6);
    expect(plain.stderr).toMatch(/Verification failed: .*event 2 was altered/);
    expect(oneLine(plain.stderr)).toBe(true);
    const json = await runCli(['verify', vault, '--json'], { env });
    expect(json.code).toBe(6);
    const report = JSON.parse(json.stdout) as { ok: boolean; eventCount: number; problems: string[] };
    expect(report.ok).toBe(false);
    expect(report.problems).toContain('event 2 was altered');
  });

  it('verify --json on a fresh vault has the documented shape', async () => {
    const { vault, env } = await cliVault();
    const result = await runCli(['verify', vault, '--json'], { env });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ ok: true, eventCount: 1, integrity: 'ok', problems: [] });
  });

  it('CSV import: BOM, CRLF, quoted commas, quotes and line breaks; a short row imports nothing', async () => {
    const { dir, vault, env } = await cliVault();
    const values = [generateTokenValue(), generateTokenValue()];
    const csv =
      '\uFEFFname,value,kind,role,description,assignedTo,keyId\r\n' +
      `"Sync, nightly",${values[0]},api-token,primary,"line one\r\nline two",bob,key-1\r\n` +
      `Mailer,"${values[1]}",,,"she said ""go""",,\r\n`;
    writeFileSync(join(dir, 'tokens.txt'), csv);
    const imported = await runCli(
      ['token', 'import', vault, '--account', 'Main', '--file', join(dir, 'tokens.txt'), '--format', 'csv'],
      { env },
    );
    expect(imported.code).toBe(0);
    expect(imported.stdout).toBe('2\n');
    const listed = JSON.parse((await runCli(['token', 'list', vault, '--json'], { env })).stdout) as {
      id: number;
      name: string;
      kind: string;
      role: string;
      description: string;
      assignedTo: string | null;
      keyId: string | null;
    }[];
    const sync = listed.find((t) => t.name === 'Sync, nightly');
    expect(sync).toMatchObject({
      kind: 'api-token',
      role: 'primary',
      description: 'line one\r\nline two',
      assignedTo: 'bob',
      keyId: 'key-1',
    });
    expect(listed.find((t) => t.name === 'Mailer')?.description).toBe('she said "go"');
    const revealed = await runCli(['token', 'reveal', vault, String(sync!.id)], { env });
    expect(revealed.stdout === `${values[0]}\n`).toBe(true);

    writeFileSync(
      join(dir, 'short.csv'),
      `name,value\nGood,${generateTokenValue()}\nShort\nAlso good,${generateTokenValue()}\n`,
    );
    const bad = await runCli(
      ['token', 'import', vault, '--account', 'Main', '--file', join(dir, 'short.csv')],
      {
        env,
      },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Row 2 of the CSV has 1 fields; the header has 2/);
    const after = JSON.parse((await runCli(['token', 'list', vault, '--json'], { env })).stdout) as unknown[];
    expect(after).toHaveLength(2);
  });

  it('a failed command still locks the vault: the next process opens it', async () => {
    const { vault, env } = await cliVault();
    expect((await runCli(['token', 'reveal', vault, '424242'], { env })).code).toBe(4);
    expect((await runCli(['account', 'add', vault, '--name', 'Main'], { env })).code).not.toBe(0);
    const holder = await Vault.open(vault, { password: TEST_PASSWORD });
    holder.lock();
  });

  it('unknown options and missing arguments are usage errors (exit 2), one line without a stack', async () => {
    const { vault, env } = await cliVault();
    for (const args of [
      ['token', 'list', vault, '--no-such-option'],
      ['token', 'show', vault],
      ['account', 'add', vault],
      ['token', 'add', vault, '--account', 'Main', '--name', 'x', '--generate', '--value-stdin'],
      ['token', 'add', vault, '--account', 'Main', '--name', 'x', '--value-stdin', '--length', '10'],
    ]) {
      const result = await runCli(args, { env, stdin: 'unused\n' });
      expect(result.code, args.slice(0, 2).join(' ')).toBe(2);
      expect(oneLine(result.stderr)).toBe(true);
      expect(result.stderr).toMatch(/^tokenvault: /);
      expect(result.stderr).not.toMatch(/\bat .*\.(c?js|ts):\d+/);
    }
  });
});

describe('tokenvault CLI on a terminal', { timeout: MANY_PROCESSES_MS }, () => {
  it('init asks twice with echo off; two different answers create nothing (exit 2)', () => {
    const dir = makeTempDir();
    const vault = join(dir, 'tty.tokenvault');
    const env = { TOKENVAULT_PASSWORD_FILE: undefined };
    const differ = runCliOnTty(
      ['init', vault],
      [
        { expect: 'New master password: ', send: `${TEST_PASSWORD}\r` },
        { expect: 'Repeat it: ', send: `${TEST_PASSWORD}x\r` },
      ],
      { env },
    );
    expect(differ.code).toBe(2);
    expect(differ.output).toMatch(/The two passwords differ/);
    expect(differ.output.includes(TEST_PASSWORD)).toBe(false);
    expect(existsSync(vault)).toBe(false);

    const same = runCliOnTty(
      ['init', vault, '--operator', 'alice'],
      [
        { expect: 'New master password: ', send: `${TEST_PASSWORD}\r` },
        { expect: 'Repeat it: ', send: `${TEST_PASSWORD}\r` },
      ],
      { env },
    );
    expect(same.code).toBe(0);
    expect(same.output.includes(TEST_PASSWORD)).toBe(false);
    expect(same.output).toMatch(/([0-9A-Z]{4}-){12}[0-9A-Z]{4}/);

    const list = runCliOnTty(
      ['account', 'list', vault],
      [{ expect: 'Master password: ', send: `${TEST_PASSWORD}\r` }],
      {
        env,
      },
    );
    expect(list.code).toBe(0);
    expect(list.output).toMatch(/No accounts yet/);
    expect(list.output.includes(TEST_PASSWORD)).toBe(false);

    const wrong = runCliOnTty(
      ['account', 'list', vault],
      [{ expect: 'Master password: ', send: 'not it at all\r' }],
      {
        env,
      },
    );
    expect(wrong.code).toBe(3);
    expect(wrong.output.includes('not it at all')).toBe(false);
  });

  it('a password file still wins over the terminal prompt', () => {
    const dir = makeTempDir();
    const vault = join(dir, 'file.tokenvault');
    writeFileSync(join(dir, 'password.txt'), `${TEST_PASSWORD}\n`);
    const result = runCliOnTty(['init', vault, '--password-file', join(dir, 'password.txt')], [], {
      env: { TOKENVAULT_PASSWORD_FILE: undefined },
    });
    expect(result.code).toBe(0);
    expect(result.output).not.toMatch(/password: /i);
    expect(existsSync(join(vault, 'vault.db'))).toBe(true);
  });
});
