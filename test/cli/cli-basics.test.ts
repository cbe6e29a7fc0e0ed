import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Vault } from '../../src/main/core/vault/vault';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { ensureCliBuilt, runCli } from '../helpers/run-cli';
import { findPlaintext } from '../helpers/plaintext-scan';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

beforeAll(() => ensureCliBuilt(), 120_000);

/** A test here spawns up to twenty CLI processes; on a busy machine each start alone can take seconds. */
const MANY_PROCESSES_MS = 240_000;

/** One failed unlock makes the next attempt wait 1 s (the back-off is kept in the vault folder across runs). */
const waitOutBackoff = () => new Promise((done) => setTimeout(done, 1100));

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** A vault made through the CLI, with the password in a file named by TOKENVAULT_PASSWORD_FILE. */
async function cliVault() {
  const dir = makeTempDir();
  const passwordFile = join(dir, 'password.txt');
  writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
  const vault = join(dir, 'work.tokenvault');
  const env = { TOKENVAULT_PASSWORD_FILE: passwordFile };
  const init = await runCli(['init', vault, '--operator', 'alice'], { env });
  expect(init.code).toBe(0);
  const recoveryKey = init.stdout.trim();
  const account = await runCli(['account', 'add', vault, '--name', 'Main'], { env });
  expect(account.code).toBe(0);
  return { dir, vault, env, passwordFile, recoveryKey };
}

describe('tokenvault CLI, black box', { timeout: MANY_PROCESSES_MS }, () => {
  it('init -> add -> list/show never contain the value -> reveal returns it exactly -> history', async () => {
    const { dir, vault, env, recoveryKey } = await cliVault();
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){12}[0-9A-Z]{4}$/);
    const fileValue = generateTokenValue({ length: 40 });
    const stdinValue = generateTokenValue({ length: 48 });
    writeFileSync(join(dir, 'value.txt'), `${fileValue}\n`);

    const fromFile = await runCli(
      [
        'token',
        'add',
        vault,
        '--account',
        'Main',
        '--name',
        'CRM sync',
        '--value-file',
        join(dir, 'value.txt'),
      ],
      { env },
    );
    expect(fromFile.code).toBe(0);
    const fromStdin = await runCli(
      [
        'token',
        'add',
        vault,
        '--account',
        'Main',
        '--name',
        'Mailer',
        '--value-stdin',
        '--assigned-to',
        'bob',
      ],
      {
        env,
        stdin: `${stdinValue}\n`,
      },
    );
    expect(fromStdin.code).toBe(0);
    const generated = await runCli(
      ['token', 'add', vault, '--account', '1', '--name', 'Generated', '--generate', '--length', '32'],
      { env },
    );
    expect(generated.code).toBe(0);
    const [idFile, idStdin, idGenerated] = [fromFile, fromStdin, generated].map((r) => r.stdout.trim());
    expect(new Set([idFile, idStdin, idGenerated]).size).toBe(3);

    const outputs = [
      await runCli(['token', 'list', vault], { env }),
      await runCli(['token', 'list', vault, '--json'], { env }),
      await runCli(['token', 'show', vault, idFile!], { env }),
      await runCli(['token', 'show', vault, idStdin!, '--json'], { env }),
      await runCli(['account', 'list', vault, '--json'], { env }),
      await runCli(['token', 'history', vault, idStdin!], { env }),
    ];
    for (const output of outputs) {
      expect(output.code).toBe(0);
      expect(output.stdout.includes(fileValue)).toBe(false);
      expect(output.stdout.includes(stdinValue)).toBe(false);
      expect(output.stderr.includes(fileValue)).toBe(false);
      expect(output.stderr.includes(stdinValue)).toBe(false);
    }
    const listed = JSON.parse(outputs[1]!.stdout) as { name: string; role: string }[];
    expect(listed.map((t) => t.name).sort()).toEqual(['CRM sync', 'Generated', 'Mailer']);
    expect(JSON.parse(outputs[3]!.stdout)).toMatchObject({
      name: 'Mailer',
      assignedTo: 'bob',
      status: 'active',
    });

    const revealFile = await runCli(['token', 'reveal', vault, idFile!], { env });
    expect(revealFile.code).toBe(0);
    expect(revealFile.stdout === `${fileValue}\n`).toBe(true);
    const revealStdin = await runCli(['token', 'reveal', vault, idStdin!], { env });
    expect(revealStdin.stdout === `${stdinValue}\n`).toBe(true);
    const revealGenerated = await runCli(['token', 'reveal', vault, idGenerated!], { env });
    // Compared as booleans so a failure never prints the value.
    expect(/^[A-Za-z0-9]{32}\n$/.test(revealGenerated.stdout)).toBe(true);

    const history = await runCli(['token', 'history', vault, idFile!, '--json'], { env });
    expect(
      JSON.parse(history.stdout).map((e: { kind: string; actor: string }) => `${e.kind}:${e.actor}`),
    ).toEqual(['Created:alice', 'Revealed:alice']);
    const verify = await runCli(['verify', vault], { env });
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/^OK: \d+ events verified/);
    const generatedValue = revealGenerated.stdout.trim();
    // Every process has ended and locked the vault: no file in the folder (WAL, SHM, backups) holds a value.
    expect(findPlaintext(vault, [fileValue, stdinValue, generatedValue])).toEqual([]);
  });

  it('exit codes: wrong password 3, weak password 5 with advice, no password source 2, not found 4, usage 2', async () => {
    const { dir, vault, env } = await cliVault();
    writeFileSync(join(dir, 'wrong.txt'), 'definitely not the right password\n');
    const wrong = await runCli(['token', 'list', vault, '--password-file', join(dir, 'wrong.txt')], { env });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/Wrong master password/);
    // The failure is counted in the vault folder. Whether the next process still falls inside the 1 s wait depends
    // on how fast it starts, so the count is moved to five recent failures (16 s) to test the refusal itself.
    const attemptsFile = join(vault, 'unlock-attempts.json');
    expect(JSON.parse(readFileSync(attemptsFile, 'utf8'))).toMatchObject({ failures: 1 });
    writeFileSync(attemptsFile, JSON.stringify({ failures: 5, lastFailureAt: Date.now() }));
    const tooSoon = await runCli(['token', 'list', vault], { env });
    expect(tooSoon.code).toBe(3);
    expect(tooSoon.stderr).toMatch(/Too many wrong attempts: wait \d+ s/);
    rmSync(attemptsFile);

    writeFileSync(join(dir, 'weak.txt'), 'password123\n');
    const weak = await runCli([
      'init',
      join(dir, 'weak.tokenvault'),
      '--password-file',
      join(dir, 'weak.txt'),
    ]);
    expect(weak.code).toBe(5);
    expect(weak.stderr).toMatch(/too weak/);
    expect(weak.stderr).toMatch(/needs at least 12/);
    expect(weak.stderr.trim().split('\n')).toHaveLength(1);

    const started = Date.now();
    const none = await runCli(['token', 'list', vault], { env: { TOKENVAULT_PASSWORD_FILE: undefined } });
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/No master password given/);
    expect(Date.now() - started).toBeLessThan(10_000);

    expect((await runCli(['token', 'show', vault, '999'], { env })).code).toBe(4);
    expect((await runCli(['token', 'show', vault, 'abc'], { env })).code).toBe(2);
    expect((await runCli(['token', 'frobnicate'], { env })).code).toBe(2);
    expect((await runCli(['token', 'add', vault, '--account', 'Main', '--name', 'x'], { env })).code).toBe(2);
    expect((await runCli(['init', vault], { env })).code).toBe(1);
    // An existing path is refused before any password is asked for.
    const taken = await runCli(['init', vault], { env: { TOKENVAULT_PASSWORD_FILE: undefined } });
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/already exists/);
  });

  it('the --password-file flag wins over TOKENVAULT_PASSWORD_FILE, and the recovery key unlocks', async () => {
    const { dir, vault, env, passwordFile, recoveryKey } = await cliVault();
    writeFileSync(join(dir, 'wrong.txt'), 'definitely not the right password\n');
    const flagWins = await runCli(['account', 'list', vault, '--password-file', passwordFile], {
      env: { TOKENVAULT_PASSWORD_FILE: join(dir, 'wrong.txt') },
    });
    expect(flagWins.code).toBe(0);
    writeFileSync(join(dir, 'recovery.txt'), `${recoveryKey}\n`);
    const viaRecovery = await runCli(
      ['account', 'list', vault, '--recovery-key-file', join(dir, 'recovery.txt'), '--json'],
      {
        env: { TOKENVAULT_PASSWORD_FILE: undefined },
      },
    );
    expect(viaRecovery.code).toBe(0);
    expect(JSON.parse(viaRecovery.stdout)[0].name).toBe('Main');
    void env;
  });

  it('passwd: the old password stops working, the new one works', async () => {
    const { dir, vault, env } = await cliVault();
    writeFileSync(join(dir, 'new.txt'), 'violet kettle marathon lantern 42\n');
    expect((await runCli(['passwd', vault, '--new-password-file', join(dir, 'new.txt')], { env })).code).toBe(
      0,
    );
    expect((await runCli(['account', 'list', vault], { env })).code).toBe(3);
    await waitOutBackoff();
    expect((await runCli(['account', 'list', vault, '--password-file', join(dir, 'new.txt')])).code).toBe(0);
    expect(existsSync(join(vault, 'unlock-attempts.json'))).toBe(false);
  });

  it('imports JSON and CSV all or nothing', async () => {
    const { dir, vault, env } = await cliVault();
    const values = [generateTokenValue(), generateTokenValue(), generateTokenValue()];
    writeFileSync(
      join(dir, 'tokens.json'),
      JSON.stringify([
        { name: 'One', value: values[0], description: 'first' },
        { name: 'Two', value: values[1], assignedTo: 'carol', keyId: 'key-2' },
      ]),
    );
    const json = await runCli(
      ['token', 'import', vault, '--account', 'Main', '--file', join(dir, 'tokens.json')],
      { env },
    );
    expect(json.code).toBe(0);
    expect(json.stdout.trim()).toBe('2');
    writeFileSync(
      join(dir, 'tokens.csv'),
      `name,value,description\n"Three, quoted",${values[2]},"says ""hi"""\n`,
    );
    const csv = await runCli(
      ['token', 'import', vault, '--account', 'Main', '--file', join(dir, 'tokens.csv')],
      { env },
    );
    expect(csv.code).toBe(0);
    expect(csv.stdout.trim()).toBe('1');

    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify([{ name: 'Four', value: generateTokenValue() }, { name: 'Five' }]),
    );
    const bad = await runCli(
      ['token', 'import', vault, '--account', 'Main', '--file', join(dir, 'bad.json')],
      { env },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Row 2/);
    // A row with its value given twice: which one is meant cannot be told, so nothing is imported.
    writeFileSync(
      join(dir, 'twice.json'),
      `[{"name": "Six", "value": "${generateTokenValue()}", "value": "${generateTokenValue()}"}]`,
    );
    const twice = await runCli(
      ['token', 'import', vault, '--account', 'Main', '--file', join(dir, 'twice.json')],
      { env },
    );
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/has the key "value" twice in one object \(line 1\)/);
    expect(twice.stdout).toBe('');
    const list = JSON.parse((await runCli(['token', 'list', vault, '--json'], { env })).stdout) as {
      name: string;
      description: string;
    }[];
    expect(list.map((t) => t.name).sort()).toEqual(['One', 'Three, quoted', 'Two']);
    expect(list.find((t) => t.name === 'Three, quoted')?.description).toBe('says "hi"');
  });

  it('a second process gets "vault in use" (exit 6)', async () => {
    const { vault, env } = await cliVault();
    const holder = await Vault.open(vault, { password: TEST_PASSWORD });
    try {
      const second = await runCli(['token', 'list', vault], { env });
      expect(second.code).toBe(6);
      expect(second.stderr).toMatch(/in use/);
    } finally {
      holder.lock();
    }
  });

  const damages: [string, string, (path: string) => void][] = [
    ['garbage vault.db', 'vault.db', (path) => writeFileSync(path, Buffer.alloc(8192, 0x5a))],
    ['truncated vault.db', 'vault.db', (path) => truncateSync(path, 1000)],
    ['garbage keyslots.json', 'keyslots.json', (path) => writeFileSync(path, 'not json at all {')],
    ['truncated keyslots.json', 'keyslots.json', (path) => truncateSync(path, 120)],
  ];
  for (const [label, file, damage] of damages) {
    it(`${label}: exit 6 with a clear message, files left byte for byte`, async () => {
      const { vault, env } = await cliVault();
      damage(join(vault, file));
      const before = ['vault.db', 'keyslots.json'].map((name) => sha256(join(vault, name)));
      const result = await runCli(['token', 'list', vault], { env });
      expect(result.code).toBe(6);
      expect(result.stderr).toMatch(/damaged|cannot be read|restore/i);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).not.toMatch(/\bat .*\.(c?js|ts):\d+/);
      expect(['vault.db', 'keyslots.json'].map((name) => sha256(join(vault, name)))).toEqual(before);
    });
  }
});
