import { beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command, Option } from 'commander';
import { buildProgram } from '../../src/cli/program';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { Vault } from '../../src/main/core/vault/vault';
import { ensureCliBuilt, runCli, type CliResult } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

beforeAll(() => ensureCliBuilt(), 120_000);

/**
 * Walks the real command tree, so a command added later is fuzzed without anyone listing it here. For every leaf
 * command: an unknown option, and a 100 KB value in each positional argument and each option that takes a value
 * (one at a time, everything else plausible so the hostile value reaches the code that must refuse it).
 */
const HUGE = 'x'.repeat(100_000);
const BUNDLE_PASSWORD = 'violet harbour quartz meadow engine ninety-one';
/** Unlock options are one shared piece of code: fuzzed once below, not on every command. */
const UNLOCK_OPTIONS = new Set(['--password-file', '--recovery-key-file', '--keychain']);

interface Leaf {
  path: string[];
  command: Command;
}

function leaves(command: Command, path: string[] = []): Leaf[] {
  if (command.commands.length === 0) return [{ path, command }];
  return command.commands.flatMap((sub) => leaves(sub, [...path, sub.name()]));
}

const takesValue = (option: Option) => option.required || option.optional;

/** Every table of vault.db, row by row, as one hash: "no state change" means this is identical afterwards. */
async function databaseDigest(path: string): Promise<string> {
  const vault = await Vault.open(path, { password: TEST_PASSWORD });
  try {
    const hash = createHash('sha256');
    const tables = vault.db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)
      .all() as { name: string }[];
    for (const { name } of tables) {
      const rows = vault.db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
      hash.update(name).update(JSON.stringify(rows, (_k, v) => (Buffer.isBuffer(v) ? v.toString('hex') : v)));
    }
    return hash.digest('hex');
  } finally {
    vault.lock();
  }
}

const listing = (dir: string) => readdirSync(dir, { recursive: true }).map(String).sort();

describe('hostile values in every slot of every CLI command', () => {
  it('refused with a typed one-line error, no secret, nothing written', async () => {
    const work = makeTempDir();
    const passwordFile = join(work, 'pw.txt');
    writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
    const newPasswordFile = join(work, 'new-pw.txt');
    writeFileSync(newPasswordFile, 'another long passphrase for the fuzz run\n');
    const bundlePasswordFile = join(work, 'bundle-pw.txt');
    writeFileSync(bundlePasswordFile, `${BUNDLE_PASSWORD}\n`);
    const env = { TOKENVAULT_PASSWORD_FILE: passwordFile };

    const original = join(work, 'fuzz.tokenvault');
    const { vault } = await Vault.create(original, { password: TEST_PASSWORD, operator: 'fuzz' });
    const account = vault.accounts.create({ name: 'Main' });
    const secret = generateTokenValue();
    const tokenId = vault.tokens.create({ accountId: account.id, name: 'Known', value: secret }).id;
    vault.lock();
    expect((await runCli(['recipient', 'add', original, '--name', 'Agency'], { env })).code).toBe(0);
    const bundle = join(work, 'bundle.zip');
    const exported = await runCli(
      [
        'handoff',
        'export',
        original,
        '--recipient',
        'Agency',
        '--token',
        String(tokenId),
        '--out',
        bundle,
        '--bundle-password-file',
        bundlePasswordFile,
      ],
      { env },
    );
    expect(exported.code).toBe(0);
    const importFile = join(work, 'import.json');
    writeFileSync(importFile, JSON.stringify([{ name: 'Would be imported', value: generateTokenValue() }]));

    // Two identical vault copies, so two workers never meet on one vault's lock.
    const vaults = [original, join(work, 'copy.tokenvault')];
    cpSync(original, vaults[1]!, { recursive: true });
    const digestBefore = await databaseDigest(original);
    const workBefore = listing(work);

    const plausibleArgument = (command: string, name: string, vaultPath: string): string =>
      command === 'init' && name === 'vault'
        ? join(work, 'never-created.tokenvault')
        : ((
            { vault: vaultPath, id: String(tokenId), name: 'Agency', file: bundle } as Record<string, string>
          )[name] ?? 'x');
    const plausibleOption: Record<string, (vaultPath: string) => string> = {
      '--name': () => 'Fuzz name',
      '--account': () => 'Main',
      '--file': () => importFile,
      '--recipient': () => 'Agency',
      '--token': () => String(tokenId),
      '--out': () => join(work, 'never-written.zip'),
      '--new-password-file': () => newPasswordFile,
      '--bundle-password-file': () => bundlePasswordFile,
      '--import-into': (vaultPath) => vaultPath,
      '--from': () => 'csv',
    };
    /** Options that only mean something beside another one. */
    const companions: Record<string, (vaultPath: string) => string[]> = {
      'handoff open --account': (vaultPath) => ['--import-into', vaultPath],
      'handoff open --import-into': () => ['--account', 'Main'],
      'handoff open': () => ['--bundle-password-file', bundlePasswordFile],
      'token add': () => ['--generate'],
    };

    type Case = (vaultPath: string) => string[];
    const cases: { label: string; args: Case }[] = [];
    const commands = leaves(buildProgram());
    for (const { path, command } of commands) {
      const name = path.join(' ');
      const valueOptions = command.options.filter((o) => takesValue(o) && !UNLOCK_OPTIONS.has(o.long!));
      const build = (vaultPath: string, hugeArgument: number | null, hugeOption: Option | null) => {
        const args = [
          ...path,
          ...command.registeredArguments.map((argument, index) =>
            index === hugeArgument ? HUGE : plausibleArgument(name, argument.name(), vaultPath),
          ),
        ];
        for (const option of command.options) {
          if (option === hugeOption) args.push(option.long!, HUGE);
          else if (option.mandatory)
            args.push(option.long!, plausibleOption[option.long!]?.(vaultPath) ?? 'x');
        }
        const base = companions[name]?.(vaultPath) ?? [];
        // A companion never restates the option under test (commander would keep the last value).
        if (!hugeOption || base[0] !== hugeOption.long) args.push(...base);
        if (hugeOption) args.push(...(companions[`${name} ${hugeOption.long}`]?.(vaultPath) ?? []));
        return args;
      };
      cases.push({ label: `${name} --__proto__`, args: (v) => [...build(v, null, null), '--__proto__'] });
      command.registeredArguments.forEach((argument, index) =>
        cases.push({ label: `${name} <${argument.name()}>=HUGE`, args: (v) => build(v, index, null) }),
      );
      for (const option of valueOptions)
        cases.push({ label: `${name} ${option.long}=HUGE`, args: (v) => build(v, null, option) });
    }
    for (const unlock of ['--password-file', '--recovery-key-file'])
      cases.push({ label: `account list ${unlock}=HUGE`, args: (v) => ['account', 'list', v, unlock, HUGE] });

    const results: { label: string; result: CliResult }[] = [];
    let next = 0;
    await Promise.all(
      vaults.map(async (vaultPath) => {
        while (next < cases.length) {
          const { label, args } = cases[next++]!;
          results.push({ label, result: await runCli(args(vaultPath), { env }) });
        }
      }),
    );

    const failures: string[] = [];
    for (const { label, result } of results) {
      const lines = result.stderr.trim().split('\n');
      if (result.code < 1 || result.code > 6) failures.push(`${label}: exit ${result.code}`);
      if (lines.length !== 1 || !lines[0]!.startsWith('tokenvault: '))
        failures.push(`${label}: stderr is not one line (${lines.length} lines)`);
      if (/\n\s+at |node:internal|\.cjs:\d+/.test(result.stderr)) failures.push(`${label}: stack trace`);
      if (result.stderr.length > 600) failures.push(`${label}: error longer than a sentence`);
      for (const hidden of [secret, TEST_PASSWORD, BUNDLE_PASSWORD])
        if (result.stderr.includes(hidden) || result.stdout.includes(hidden))
          failures.push(`${label}: a secret was printed`);
      // The hostile value must meet the validation, not a locked or busy vault.
      if (/Wrong master password|in use|Too many wrong attempts/.test(result.stderr))
        failures.push(`${label}: never reached the command (${result.stderr.trim().slice(0, 80)})`);
    }
    expect(failures).toEqual([]);
    expect(listing(work)).toEqual(workBefore);
    for (const vaultPath of vaults) expect(await databaseDigest(vaultPath)).toBe(digestBefore);
    console.log(
      `CLI fuzz over the command tree: ${commands.length} commands, ${results.length} hostile invocations, all refused with a typed error, nothing written`,
    );
  }, 600_000);
});
