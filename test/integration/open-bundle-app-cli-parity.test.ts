import { spawnSync } from 'node:child_process';
import {
  closeSync,
  ftruncateSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../src/main/ipc/dispatcher';
import { SessionController } from '../../src/main/session/session-controller';
import { EXIT_CODE_BY_ERROR, type ErrorCode } from '../../src/shared/errors';
import type { MethodName } from '../../src/shared/api';
import { MemoryPlatform } from '../helpers/memory-platform';
import { pickFile } from '../helpers/pick-file';
import { ensureCliBuilt, runCli } from '../helpers/run-cli';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

/**
 * The app's Open bundle (the openBundle and openAgeBundle IPC methods) and the CLI's `handoff open` are one core use
 * case: the same file with the same kind of key must get the same sentence, and the code the CLI exits with must be
 * the one docs/cli.md gives for the app's error code. Files are real: our own ZIP bundle, a ZIP 7-Zip made, files
 * Debian's `age` encrypted.
 */

type AppKey = { password: string } | { vaultKey: true };
type CliKey = string[];

interface Case {
  what: string;
  file: string;
  app: AppKey;
  cli: CliKey;
  code: ErrorCode;
  sentence: RegExp;
}

let dir: string;
let vaultPath: string;
let session: SessionController;
let dispatch: ReturnType<typeof createDispatcher>;
let platform: MemoryPlatform;
const appAnswers = new Map<string, { ok: boolean; code?: ErrorCode; message?: string; tokens?: string[] }>();
const cases: Case[] = [];
const file = (name: string) => join(dir, name);

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
}

async function call<T>(method: MethodName, input: unknown): Promise<T> {
  const answer = await dispatch(method, input);
  if (!answer.ok) throw new Error(`${method}: ${answer.error.message}`);
  return answer.value as T;
}

async function appOpen(path: string, key: AppKey) {
  // As the renderer does: the file is picked in the native dialog, then opened.
  await pickFile(dispatch, platform, 'chooseBundleToOpen', path);
  const answer =
    'password' in key
      ? await dispatch('openBundle', { path, password: key.password })
      : await dispatch('openAgeBundle', { path });
  if (answer.ok)
    return { ok: true, tokens: (answer.value as { tokens: { name: string }[] }).tokens.map((t) => t.name) };
  return { ok: false, code: answer.error.code, message: answer.error.message };
}

beforeAll(async () => {
  ensureCliBuilt();
  // One folder for the whole file (makeTempDir's are removed after each test).
  dir = mkdtempSync(join(tmpdir(), 'tv-open-parity-'));
  vaultPath = file('agency.tokenvault');
  platform = new MemoryPlatform();
  session = new SessionController({ userDataDir: file('user-data'), platform });
  dispatch = createDispatcher(session);
  await call('createVault', { path: vaultPath, password: TEST_PASSWORD, operator: 'Agency' });
  const account = await call<{ id: number }>('createAccount', { name: 'Main', profile: 'generic' });
  const token = await call<{ id: number }>('createToken', {
    accountId: account.id,
    name: 'Sync',
    value: 'parity-token-value-0123456789',
  });
  const recipient = await call<{ id: number }>('createRecipient', { name: 'Acme' });
  const zip = file('ours.zip');
  await pickFile(dispatch, platform, 'chooseBundleFile', zip);
  const { password } = await call<{ password: string }>('exportHandoff', {
    recipientId: recipient.id,
    tokenIds: [token.id],
    fields: ['value'],
    outPath: zip,
    channel: 'sms',
  });
  writeFileSync(file('right-password.txt'), `${password}\n`);
  writeFileSync(file('wrong-password.txt'), 'not the bundle password\n');

  // The plain ZIP inside an age bundle, as Debian age decrypts it from an export to an age-keygen key.
  run('age-keygen', ['-o', file('agency-key.txt')]);
  const agencyPublic = /age1[0-9a-z]+/.exec(readFileSync(file('agency-key.txt'), 'utf8'))![0];
  await call('setRecipientKey', { id: recipient.id, publicKey: agencyPublic });
  await pickFile(dispatch, platform, 'chooseBundleFile', file('to-agency.age'));
  await call('exportHandoffToKey', {
    recipientId: recipient.id,
    tokenIds: [token.id],
    fields: ['value'],
    outPath: file('to-agency.age'),
    armor: false,
  });
  run('age', ['-d', '-i', file('agency-key.txt'), '-o', file('plain.zip'), file('to-agency.age')]);

  // Before the vault has its own age key: an age file cannot be opened with it.
  appAnswers.set('no identity', await appOpen(file('to-agency.age'), { vaultKey: true }));
  const identity = await call<{ publicKey: string }>('createVaultIdentity', {});
  run('age', ['-r', identity.publicKey, '-o', file('to-vault.age'), file('plain.zip')]);
  run('age', ['-a', '-r', identity.publicKey, '-o', file('to-vault-armored.age'), file('plain.zip')]);
  const tampered = readFileSync(file('to-vault.age'));
  tampered[tampered.length - 5]! ^= 0x04;
  writeFileSync(file('tampered.age'), tampered);

  writeFileSync(file('readme.txt'), 'Not a bundle.\n');
  run('7zz', ['a', '-tzip', `-p${password}`, '-mem=AES256', file('by-7zz.zip'), file('readme.txt')]);
  // A sparse file past the ZIP cap (256 MiB): refused from its size, before any byte is read.
  const big = openSync(file('huge.zip'), 'w');
  ftruncateSync(big, 300 * 1024 * 1024);
  closeSync(big);
  mkdirSync(file('a-folder.zip'));

  const zipKey = (passwordFile: string): { app: AppKey; cli: CliKey } => ({
    app: { password: readFileSync(file(passwordFile), 'utf8').trim() },
    cli: ['--bundle-password-file', file(passwordFile)],
  });
  const vaultKey = { app: { vaultKey: true } as AppKey, cli: ['--identity-vault', vaultPath] };
  cases.push(
    {
      what: 'wrong password',
      file: zip,
      ...zipKey('wrong-password.txt'),
      code: 'WRONG_PASSWORD',
      sentence: /^Wrong bundle password\.$/,
    },
    {
      what: 'a ZIP 7-Zip made, not a bundle',
      file: file('by-7zz.zip'),
      ...zipKey('right-password.txt'),
      code: 'BUNDLE_INVALID',
      sentence: /./,
    },
    {
      what: 'a text file',
      file: file('readme.txt'),
      ...zipKey('right-password.txt'),
      code: 'BUNDLE_INVALID',
      sentence: /./,
    },
    {
      what: 'too big',
      file: file('huge.zip'),
      ...zipKey('right-password.txt'),
      code: 'BUNDLE_INVALID',
      sentence: /more than the 256 MiB a handoff bundle can be/,
    },
    {
      what: 'a folder',
      file: file('a-folder.zip'),
      ...zipKey('right-password.txt'),
      code: 'BUNDLE_INVALID',
      sentence: /./,
    },
    {
      what: 'no such file',
      file: file('missing.zip'),
      ...zipKey('right-password.txt'),
      code: 'NOT_FOUND',
      sentence: /^The bundle file does not exist: /,
    },
    {
      what: 'an age file given a password',
      file: file('to-vault.age'),
      ...zipKey('right-password.txt'),
      code: 'INVALID_INPUT',
      sentence: /^This is an age-encrypted bundle, which has no password/,
    },
    {
      what: 'a ZIP given an age key',
      file: zip,
      ...vaultKey,
      code: 'INVALID_INPUT',
      sentence: /^This is a password-protected ZIP bundle, not an age file/,
    },
    {
      what: 'a text file given an age key',
      file: file('readme.txt'),
      ...vaultKey,
      code: 'BUNDLE_INVALID',
      sentence: /./,
    },
    {
      what: 'an age file not encrypted to this vault',
      file: file('to-agency.age'),
      ...vaultKey,
      code: 'WRONG_PASSWORD',
      sentence: /^This bundle was not encrypted to this key/,
    },
    {
      what: 'a tampered age file',
      file: file('tampered.age'),
      ...vaultKey,
      code: 'BUNDLE_INVALID',
      sentence: /damaged or was altered after it was made/,
    },
  );
  for (const c of cases) appAnswers.set(c.what, await appOpen(c.file, c.app));
  appAnswers.set('binary age', await appOpen(file('to-vault.age'), { vaultKey: true }));
  appAnswers.set('armored age', await appOpen(file('to-vault-armored.age'), { vaultKey: true }));
  appAnswers.set('our zip', await appOpen(zip, { password }));
  // The CLI opens the same vault next; the app lets it go first, as it would when locked.
  session.lock();
}, 180_000);

afterAll(() => {
  session?.lock();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[]) =>
  runCli(['handoff', 'open', ...args, '--json'], { env: { TOKENVAULT_PASSWORD_FILE: file('master.txt') } });

describe('the app and the CLI open a bundle through one core use case', () => {
  it('give the same sentence and the documented exit code for each way a bundle cannot be opened', async () => {
    writeFileSync(file('master.txt'), `${TEST_PASSWORD}\n`);
    for (const c of cases) {
      const app = appAnswers.get(c.what)!;
      expect({ what: c.what, ok: app.ok, code: app.code }).toEqual({ what: c.what, ok: false, code: c.code });
      expect(app.message).toMatch(c.sentence);
      const result = await cli([c.file, ...c.cli]);
      expect({ what: c.what, code: result.code, stdout: result.stdout }).toEqual({
        what: c.what,
        code: EXIT_CODE_BY_ERROR[c.code],
        stdout: '',
      });
      expect({ what: c.what, stderr: result.stderr }).toEqual({
        what: c.what,
        stderr: `tokenvault: ${app.message!.replace(/\s+/g, ' ').trim()}\n`,
      });
    }
  }, 600_000);

  it('a vault without its own age key: the same sentence (exit 4)', async () => {
    const app = appAnswers.get('no identity')!;
    expect(app).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const empty = file('empty.tokenvault');
    const other = new SessionController({ userDataDir: file('user-data-2'), platform: new MemoryPlatform() });
    await other.createVault({ path: empty, password: TEST_PASSWORD, operator: 'Nobody' });
    other.lock();
    const result = await cli([file('to-agency.age'), '--identity-vault', empty]);
    expect(result.code).toBe(4);
    expect(result.stderr).toBe(`tokenvault: ${app.message}\n`);
  }, 120_000);

  it('open the same files the same way: our ZIP, and what age -r encrypted to the vault (binary and armored)', async () => {
    const opened = [
      ['our zip', file('ours.zip'), '--bundle-password-file', file('right-password.txt')],
      ['binary age', file('to-vault.age'), '--identity-vault', vaultPath],
      ['armored age', file('to-vault-armored.age'), '--identity-vault', vaultPath],
    ] as const;
    for (const [what, path, ...key] of opened) {
      expect({ what, ...appAnswers.get(what) }).toEqual({ what, ok: true, tokens: ['Sync'] });
      const result = await cli([path, ...key]);
      expect({ what, code: result.code, stderr: result.stderr }).toEqual({ what, code: 0, stderr: '' });
      expect(JSON.parse(result.stdout).tokens.map((t: { name: string }) => t.name)).toEqual(['Sync']);
    }
  }, 300_000);
});
