import { beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Vault } from '../../src/main/core/vault/vault';
import { ensureCliBuilt } from '../helpers/run-cli';
import { expectOneSentence, runCliLimited as runLimited } from '../helpers/run-cli-limited';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

beforeAll(() => ensureCliBuilt(), 120_000);

async function makeVault() {
  const dir = makeTempDir('tv-bounded-cli-');
  const passwordFile = join(dir, 'pw.txt');
  writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
  const path = join(dir, 'bounded.tokenvault');
  const { vault } = await Vault.create(path, { password: TEST_PASSWORD });
  vault.accounts.create({ name: 'Main' });
  vault.lock();
  const env = { ...process.env, TOKENVAULT_PASSWORD_FILE: passwordFile };
  return { dir, path, env, passwordFile };
}

async function tokenCount(path: string): Promise<number> {
  const vault = await Vault.open(path, { password: TEST_PASSWORD });
  try {
    return vault.tokens.list().length;
  } finally {
    vault.lock();
  }
}

describe(
  'every read of outside input is bounded (CLI under prlimit --as=1.5 GiB)',
  { timeout: 180_000 },
  () => {
    it('--value-file /dev/zero, --password-file /dev/zero and token import --file /dev/zero: one sentence, exit 2', async () => {
      const { path, env } = await makeVault();
      const add = ['token', 'add', path, '--account', 'Main', '--name', 'Zero'];
      expectOneSentence(
        await runLimited([...add, '--value-file', '/dev/zero'], env),
        2,
        /The value file is not a regular file/,
      );
      expectOneSentence(
        await runLimited(['account', 'list', path, '--password-file', '/dev/zero'], env),
        2,
        /The master password file is not a regular file/,
      );
      expectOneSentence(
        await runLimited(['token', 'import', path, '--account', 'Main', '--file', '/dev/zero'], env),
        2,
        /The import file is not a regular file/,
      );
      expect(await tokenCount(path)).toBe(0);
    });

    it('a missing file is "not found" (exit 4) with the same sentence, whichever option names it', async () => {
      const { dir, path, env } = await makeVault();
      const missing = join(dir, 'missing.txt');
      const add = ['token', 'add', path, '--account', 'Main', '--name', 'Gone'];
      for (const [args, sentence] of [
        [[...add, '--value-file', missing], /^tokenvault: The value file does not exist: /],
        [
          ['account', 'list', path, '--password-file', missing],
          /^tokenvault: The master password file does not exist: /,
        ],
        [
          ['token', 'import', path, '--account', 'Main', '--file', missing],
          /^tokenvault: The import file does not exist: /,
        ],
        [
          ['import', path, '--from', 'csv', '--file', missing],
          /^tokenvault: The import file does not exist: /,
        ],
        [['handoff', 'open', missing, '--bundle-password-file', missing], /does not exist: /],
      ] as const) {
        expectOneSentence(await runLimited([...args], env), 4, sentence);
      }
      expect(await tokenCount(path)).toBe(0);
    });

    it('--value-stdin < /dev/zero stops one byte past the 64 KiB cap', async () => {
      const { path, env } = await makeVault();
      const outcome = await runLimited(
        ['token', 'add', path, '--account', 'Main', '--name', 'Zero', '--value-stdin'],
        env,
        { stdinPath: '/dev/zero' },
      );
      expectOneSentence(outcome, 2, /The value on standard input is more than the 65,536 bytes accepted\./);
      expect(await tokenCount(path)).toBe(0);
    });

    it('a FIFO with no writer, given as value, password or import file, is refused at once', async () => {
      const { dir, path, env } = await makeVault();
      const fifo = join(dir, 'no-writer');
      execFileSync('mkfifo', [fifo]);
      const add = ['token', 'add', path, '--account', 'Main', '--name', 'Fifo'];
      for (const [args, sentence] of [
        [[...add, '--value-file', fifo], /The value file is not a regular file/],
        [
          ['account', 'list', path, '--password-file', fifo],
          /The master password file is not a regular file/,
        ],
        [
          ['token', 'import', path, '--account', 'Main', '--file', fifo],
          /The import file is not a regular file/,
        ],
      ] as const) {
        const outcome = await runLimited([...args], env);
        expectOneSentence(outcome, 2, sentence);
        // Refused before any read: a blocked open or read would run into the 30 s kill instead.
        expect(outcome.ms).toBeLessThan(20_000);
      }
    });

    it('a value file over its cap is refused with the cap stated', async () => {
      const { dir, path, env } = await makeVault();
      const big = join(dir, 'big-value');
      writeFileSync(big, Buffer.alloc(64 * 1024 + 1, 0x61));
      expectOneSentence(
        await runLimited(
          ['token', 'add', path, '--account', 'Main', '--name', 'Big', '--value-file', big],
          env,
        ),
        2,
        /The value file is .* more than the 64 KiB accepted\./,
      );
    });
  },
);

describe(
  'input text is checked, not repaired: invalid UTF-8 is refused with its byte offset',
  { timeout: 180_000 },
  () => {
    // "tok" then a lone continuation byte at offset 3: decoded leniently it would be stored as "tok\uFFFDen".
    const invalid = Buffer.concat([Buffer.from('tok'), Buffer.from([0x80]), Buffer.from('en-value-1234\n')]);

    it('in a value file, on standard input and in a password file (exit 2, nothing stored)', async () => {
      const { dir, path, env } = await makeVault();
      const valueFile = join(dir, 'bad-value');
      writeFileSync(valueFile, invalid);
      const add = ['token', 'add', path, '--account', 'Main', '--name', 'Bad'];
      expectOneSentence(
        await runLimited([...add, '--value-file', valueFile], env),
        2,
        /The value file is not valid UTF-8 text: the byte at offset 3 \(counting from 0\) does not fit\./,
      );
      expectOneSentence(
        await runLimited([...add, '--value-stdin'], env, { stdinPath: valueFile }),
        2,
        /The value on standard input is not valid UTF-8 text: the byte at offset 3 /,
      );
      const passwordFile = join(dir, 'bad-password');
      // An overlong encoding of "/" (C0 AF) at offset 8: never valid UTF-8.
      writeFileSync(passwordFile, Buffer.concat([Buffer.from('correct '), Buffer.from([0xc0, 0xaf])]));
      expectOneSentence(
        await runLimited(['account', 'list', path, '--password-file', passwordFile], env),
        2,
        /The master password file is not valid UTF-8 text: the byte at offset 8 /,
      );
      expect(await tokenCount(path)).toBe(0);
    });

    it('in an import file', async () => {
      const { dir, path, env } = await makeVault();
      const file = join(dir, 'bad.json');
      const json = Buffer.from('[{"name":"A","value":"abcdefgh12345678"}]');
      writeFileSync(file, Buffer.concat([json.subarray(0, 22), Buffer.from([0xff]), json.subarray(22)]));
      expectOneSentence(
        await runLimited(['token', 'import', path, '--account', 'Main', '--file', file], env),
        2,
        /The import file is not valid UTF-8 text: the byte at offset 22 /,
      );
      expect(await tokenCount(path)).toBe(0);
    });
  },
);
