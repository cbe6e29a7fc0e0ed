import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateRecoveryKey } from '../../src/main/core/crypto/recovery-key';
import { backoffDelayMs } from '../../src/main/core/vault/unlock-backoff-delay';
import { UNLOCK_ATTEMPTS_FILE, UnlockAttempts } from '../../src/main/core/vault/unlock-attempts';
import { Vault } from '../../src/main/core/vault/vault';
import { ensureCliBuilt, runCli } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

beforeAll(() => ensureCliBuilt(), 120_000);

describe('unlock back-off in core (a clock the test controls)', () => {
  it('waits 1 s, 2 s, 4 s ... and never more than 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 50].map(backoffDelayMs)).toEqual([
      0, 1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000,
    ]);
  });

  it('counts failures in a 0600 file holding only a number and a time, refuses during the wait, clears on reset', () => {
    const dir = makeTempDir();
    let now = 1_000_000;
    const attempts = new UnlockAttempts(dir, () => now);
    expect(attempts.remainingMs()).toBe(0);
    expect(() => attempts.assertMayTry()).not.toThrow();
    for (let i = 0; i < 3; i++) attempts.recordFailure();
    const path = join(dir, UNLOCK_ATTEMPTS_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ failures: 3, lastFailureAt: 1_000_000 });
    expect(attempts.remainingMs()).toBe(4000);
    expect(() => attempts.assertMayTry()).toThrow(
      expect.objectContaining({
        code: 'WRONG_PASSWORD',
        message: 'Too many wrong attempts: wait 4 s before trying again.',
      }),
    );
    now += 3001;
    expect(() => attempts.assertMayTry()).toThrow(/wait 1 s/);
    now += 999;
    expect(() => attempts.assertMayTry()).not.toThrow();
    attempts.reset();
    expect(existsSync(path)).toBe(false);
  });

  it('a damaged attempts file counts as one failure instead of failing or disabling the back-off', () => {
    const dir = makeTempDir();
    const now = 5_000_000;
    writeFileSync(join(dir, UNLOCK_ATTEMPTS_FILE), '{"failures": "lots", ');
    const attempts = new UnlockAttempts(dir, () => now);
    expect(attempts.remainingMs()).toBe(1000);
    writeFileSync(join(dir, UNLOCK_ATTEMPTS_FILE), '{"failures": -7, "lastFailureAt": "yesterday"}');
    expect(attempts.remainingMs()).toBe(0);
  });
});

async function cliVault() {
  const dir = makeTempDir();
  writeFileSync(join(dir, 'pw.txt'), `${TEST_PASSWORD}\n`);
  writeFileSync(join(dir, 'wrong.txt'), 'a wrong master password entirely\n');
  // A well-formed recovery key (checksum and all) that belongs to no vault.
  writeFileSync(join(dir, 'wrong-recovery.txt'), `${generateRecoveryKey().display}\n`);
  const vault = join(dir, 'b.tokenvault');
  const { vault: open } = await Vault.create(vault, { password: TEST_PASSWORD, operator: 'tester' });
  open.lock();
  const attemptsFile = join(vault, UNLOCK_ATTEMPTS_FILE);
  const readAttempts = () =>
    JSON.parse(readFileSync(attemptsFile, 'utf8')) as { failures: number; lastFailureAt: number };
  return {
    vault,
    attemptsFile,
    readAttempts,
    right: ['--password-file', join(dir, 'pw.txt')],
    wrong: ['--password-file', join(dir, 'wrong.txt')],
    wrongRecovery: ['--recovery-key-file', join(dir, 'wrong-recovery.txt')],
  };
}

describe('unlock back-off across CLI runs', () => {
  it('a wrong password is counted in the vault folder; the next runs double the wait; success clears it', async () => {
    const { vault, attemptsFile, readAttempts, right, wrong } = await cliVault();
    const first = await runCli(['account', 'list', vault, ...wrong]);
    expect(first.code).toBe(3);
    expect(first.stderr).toBe('tokenvault: Wrong master password. Try again in 1 s.\n');
    expect(statSync(attemptsFile).mode & 0o777).toBe(0o600);
    expect(readAttempts().failures).toBe(1);
    expect(Object.keys(readAttempts()).sort()).toEqual(['failures', 'lastFailureAt']);

    // Pretend the 1 s wait is over (rather than sleeping through it): the next wrong try makes the wait 2 s.
    writeFileSync(attemptsFile, JSON.stringify({ failures: 1, lastFailureAt: Date.now() - 1500 }));
    expect((await runCli(['account', 'list', vault, ...wrong])).code).toBe(3);
    expect(readAttempts().failures).toBe(2);
    expect(Date.now() - readAttempts().lastFailureAt).toBeLessThan(60_000);
    // Refusals are checked against a 16 s wait so a slow machine's start-up cannot outlast it.
    writeFileSync(attemptsFile, JSON.stringify({ failures: 5, lastFailureAt: Date.now() }));
    const refused = await runCli(['account', 'list', vault, ...right]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(
      /^tokenvault: Too many wrong attempts: wait ([1-9]|1[0-6]) s before trying again\.\n$/,
    );
    // A refusal is not an attempt: the count stays.
    expect(readAttempts().failures).toBe(5);

    writeFileSync(attemptsFile, JSON.stringify({ failures: 4, lastFailureAt: Date.now() - 8001 }));
    const ok = await runCli(['account', 'list', vault, ...right]);
    expect(ok.code).toBe(0);
    expect(existsSync(attemptsFile)).toBe(false);
  });

  it('refuses at once instead of sleeping: after many failures it names the 30 s cap and exits well before it', async () => {
    const { vault, attemptsFile, right } = await cliVault();
    writeFileSync(attemptsFile, JSON.stringify({ failures: 12, lastFailureAt: Date.now() }));
    const started = Date.now();
    const refused = await runCli(['token', 'list', vault, ...right]);
    const tookMs = Date.now() - started;
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(
      /^tokenvault: Too many wrong attempts: wait (30|2\d) s before trying again\.\n$/,
    );
    expect(tookMs).toBeLessThan(20_000);
  });

  it('a wrong recovery key counts too, and the wait applies to every way of unlocking', async () => {
    const { vault, readAttempts, wrongRecovery, attemptsFile } = await cliVault();
    const wrong = await runCli(['verify', vault, ...wrongRecovery]);
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/Wrong recovery key/);
    expect(readAttempts().failures).toBe(1);
    writeFileSync(attemptsFile, JSON.stringify({ failures: 6, lastFailureAt: Date.now() }));
    for (const args of [
      ['verify', vault, ...wrongRecovery],
      ['verify', vault, '--keychain'],
      ['backup', vault, '--password-file', '/nonexistent/pw.txt'],
    ]) {
      const result = await runCli(args);
      expect(result.code).toBe(3);
      expect(result.stderr).toMatch(/Too many wrong attempts: wait \d+ s/);
    }
  });
});
