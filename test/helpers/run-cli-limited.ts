import { expect } from 'vitest';
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { CLI_PATH } from './run-cli';

/**
 * The address-space limit hostile-input probes run under. A normal command needs about 1.2 GiB of address space
 * here (V8's reservations, Argon2id's 64 MiB lanes, the SQLCipher addon); reading /dev/zero whole or allocating a
 * 16 GiB Argon2id matrix needs far more, so an unbounded read dies (std::bad_alloc, no tokenvault: line).
 */
export const ADDRESS_SPACE_LIMIT = 1536 * 1024 * 1024;

export interface LimitedOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  stdout: string;
  ms: number;
}

/** The built CLI under `prlimit --as`, standard input from `stdinPath` (or /dev/null); killed after `killAfterMs`. */
export function runCliLimited(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { stdinPath?: string; killAfterMs?: number } = {},
): Promise<LimitedOutcome> {
  return new Promise((resolve, reject) => {
    const stdinFd = openSync(options.stdinPath ?? '/dev/null', 'r');
    const started = Date.now();
    const child = spawn('prlimit', [`--as=${ADDRESS_SPACE_LIMIT}`, process.execPath, CLI_PATH, ...args], {
      env: { ...env, TOKENVAULT_KDF_TARGET_MS: '0' },
      stdio: [stdinFd, 'pipe', 'pipe'],
    });
    closeSync(stdinFd);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** A refusal as docs/cli.md promises it: one line on stderr starting with "tokenvault:", the documented exit code. */
export function expectOneSentence(outcome: LimitedOutcome, code: number, sentence: RegExp): void {
  expect(outcome.signal).toBeNull();
  expect(outcome.stderr.trimEnd().split('\n')).toHaveLength(1);
  expect(outcome.stderr).toMatch(/^tokenvault: /);
  expect(outcome.stderr).toMatch(sentence);
  expect(outcome.code).toBe(code);
}
