import { beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { Vault } from '../../src/main/core/vault/vault';
import { ensureCliBuilt, runCli } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

beforeAll(() => ensureCliBuilt(), 120_000);

const HUGE = 'x'.repeat(100_000);
/** Values no command may accept where a name, id or choice is expected. */
const BAD_IDS = ['', '-1', '0', 'abc', '1e3', '99999999999999999999', HUGE, '1; rm -rf /'];
const BAD_NAMES = ['', HUGE, '\u0007bell', 'line\nbreak', '\u0000'.slice(1) + '\u001b[31mred'];
const BAD_CHOICES = ['nope', '', HUGE, '__proto__'];

/** Import payloads that must all be refused whole: broken JSON, wrong shapes, prototype keys, NUL, lone surrogates. */
const BAD_IMPORTS: [string, string][] = [
  ['not-json.json', '{ this is not json'],
  ['object.json', '{"name":"a","value":"b"}'],
  ['proto.json', '[{"__proto__":{"polluted":true},"name":"a","value":"b"}]'],
  ['constructor.json', '[{"constructor":{"prototype":{"x":1}},"name":"a","value":"b"}]'],
  ['surrogate.json', '[{"name":"\\ud800broken","value":"v1234567"}]'],
  ['nul.json', '[{"name":"ok","value":"v\\u0000alue"}]'],
  ['types.json', '[{"name":123,"value":true}]'],
  ['huge.json', JSON.stringify([{ name: HUGE, value: 'v' }])],
  ['extra.json', '[{"name":"a","value":"b","isAdmin":true}]'],
  ['bad.csv', 'name,value\n"unterminated,abc\n'],
  ['header-only-proto.csv', '__proto__,value\nx,y\n'],
  ['binary.json', '\u0000\u0001\u0002\u00ff'],
];

describe('hostile input to every CLI command', () => {
  it('typed errors only: exit 1-6, one line on stderr, no stack trace, no secret, no state change', async () => {
    const dir = makeTempDir();
    const passwordFile = join(dir, 'pw.txt');
    writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
    const vault = join(dir, 'fuzz.tokenvault');
    const { vault: open } = await Vault.create(vault, { password: TEST_PASSWORD, operator: 'fuzz' });
    const account = open.accounts.create({ name: 'Main' });
    const secret = generateTokenValue();
    open.tokens.create({ accountId: account.id, name: 'Known', value: secret });
    open.lock();
    const env = { TOKENVAULT_PASSWORD_FILE: passwordFile };

    const cases: string[][] = [];
    for (const id of BAD_IDS) {
      for (const sub of ['show', 'reveal', 'history']) cases.push(['token', sub, vault, id]);
      cases.push(['token', 'list', vault, '--account', id]);
      cases.push(['token', 'add', vault, '--account', 'Main', '--name', 'N', '--generate', '--length', id]);
    }
    for (const name of BAD_NAMES) {
      cases.push(['account', 'add', vault, '--name', name]);
      cases.push(['token', 'add', vault, '--account', 'Main', '--name', name, '--generate']);
      cases.push(['token', 'add', vault, '--account', name, '--name', 'N', '--generate']);
      cases.push([
        'init',
        join(dir, 'new.tokenvault'),
        '--operator',
        'x',
        '--password-file',
        join(dir, name.slice(0, 50) || 'missing'),
      ]);
    }
    for (const choice of BAD_CHOICES) {
      cases.push(['account', 'add', vault, '--name', 'Fine name', '--profile', choice]);
      cases.push(['token', 'add', vault, '--account', 'Main', '--name', 'N', '--role', choice, '--generate']);
      cases.push([
        'token',
        'import',
        vault,
        '--account',
        'Main',
        '--file',
        join(dir, 'x.json'),
        '--format',
        choice,
      ]);
      cases.push(['restore', vault, '--from', choice]);
      cases.push(['keychain', choice, vault]);
      cases.push([choice, vault]);
    }
    for (const [file, content] of BAD_IMPORTS) {
      writeFileSync(join(dir, file), content);
      cases.push(['token', 'import', vault, '--account', 'Main', '--file', join(dir, file)]);
    }
    writeFileSync(join(dir, 'value-nul.txt'), 'abc\u0000def\n');
    cases.push([
      'token',
      'add',
      vault,
      '--account',
      'Main',
      '--name',
      'N',
      '--value-file',
      join(dir, 'value-nul.txt'),
    ]);
    cases.push([
      'token',
      'add',
      vault,
      '--account',
      'Main',
      '--name',
      'N',
      '--value-file',
      join(dir, 'absent.txt'),
    ]);
    cases.push(['passwd', vault, '--new-password-file', join(dir, 'value-nul.txt')]);
    cases.push(['verify', join(dir, 'no-such.tokenvault')]);
    cases.push(['token', 'list', HUGE.slice(0, 5000)]);
    cases.push(['token', 'add', vault, '--account', 'Main', '--name', 'N', '--generate', '--value-stdin']);

    const failures: string[] = [];
    for (const args of cases) {
      const result = await runCli(args, { env });
      const label = args
        .map((a) => (a.length > 30 ? `${a.slice(0, 12)}…(${a.length})` : JSON.stringify(a)))
        .join(' ');
      const lines = result.stderr.trim().split('\n');
      if (result.code < 1 || result.code > 6) failures.push(`${label}: exit ${result.code}`);
      if (lines.length !== 1 || !lines[0]!.startsWith('tokenvault: '))
        failures.push(`${label}: stderr is not one line`);
      if (/\n\s+at |node:internal|\.cjs:\d+/.test(result.stderr)) failures.push(`${label}: stack trace`);
      if (result.stderr.includes(secret) || result.stdout.includes(secret))
        failures.push(`${label}: secret leaked`);
      if (result.stderr.length > 600) failures.push(`${label}: error longer than a sentence`);
    }
    expect(failures).toEqual([]);

    const after = await Vault.open(vault, { password: TEST_PASSWORD });
    try {
      expect(after.accounts.list().map((a) => a.name)).toEqual(['Main']);
      expect(after.tokens.list().map((t) => t.name)).toEqual(['Known']);
      expect(after.verify().ok).toBe(true);
    } finally {
      after.lock();
    }
    console.log(
      `CLI fuzz: ${cases.length} hostile invocations, all refused with a typed error, nothing changed`,
    );
  }, 600_000);
});
