import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { buildSync } from 'esbuild';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LOCK_STEPS, VaultLock } from '../../src/main/core/vault/vault-lock';
import { Vault } from '../../src/main/core/vault/vault';
import { REPO_ROOT } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

let childScript = '';

let childDir = '';

beforeAll(() => {
  // Not a makeTempDir folder: those go after each test, and the script serves them all.
  childDir = mkdtempSync(join(tmpdir(), 'tv-lock-child-'));
  childScript = join(childDir, 'lock-child.cjs');
  buildSync({
    entryPoints: [join(REPO_ROOT, 'test/helpers/lock-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    outfile: childScript,
    logLevel: 'warning',
  });
});

afterAll(() => rmSync(childDir, { recursive: true, force: true }));

interface Held {
  held: true;
  from: number;
  to: number;
}
type Line =
  Held | { held: false } | { acquired: number } | { paused: string } | { ready: true } | { error: string };

interface Child {
  process: ChildProcess;
  lines: Line[];
  /** Resolves with the first line `match` accepts. */
  waitFor(match: (line: Line) => boolean): Promise<Line>;
  exited: Promise<void>;
}

function startChild(spec: { dir: string; pauseStep?: string; pauseMs?: number; holdMs: number }): Child {
  const child = spawn(process.execPath, [childScript, JSON.stringify(spec)], {
    // The bundle lives in a temp folder: the addon is found through NODE_PATH.
    env: { ...process.env, NODE_PATH: join(REPO_ROOT, 'node_modules') },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: Line[] = [];
  const waiters: {
    match: (line: Line) => boolean;
    resolve: (line: Line) => void;
    reject: (error: Error) => void;
  }[] = [];
  let buffer = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    buffer += chunk;
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      const line = JSON.parse(buffer.slice(0, end)) as Line;
      buffer = buffer.slice(end + 1);
      lines.push(line);
      for (const waiter of waiters.filter((w) => w.match(line))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const exited = new Promise<void>((resolve) =>
    child.on('exit', () => {
      // A line that never came fails the test now rather than at its timeout.
      for (const waiter of waiters.splice(0)) waiter.reject(new Error('The child exited first.'));
      resolve();
    }),
  );
  return {
    process: child,
    lines,
    exited,
    waitFor: (match) =>
      new Promise((resolve, reject) => {
        const seen = lines.find(match);
        if (seen) resolve(seen);
        else if (child.exitCode !== null || child.signalCode !== null)
          reject(new Error('The child exited first.'));
        else waiters.push({ match, resolve, reject });
      }),
  };
}

/** Starts the children, waits until each is ready, then releases them all at once. */
async function race(children: Child[]): Promise<void> {
  await Promise.all(children.map((child) => child.waitFor((line) => 'ready' in line)));
  for (const child of children) child.process.stdin!.write('go\n');
  await Promise.all(children.map((child) => child.exited));
}

/** Every child ended with a held or in-use answer; no two held the lock at the same moment; one held it. */
function expectOneWriterAtATime(children: Child[]): void {
  const errors = children.flatMap((child) => child.lines.filter((line) => 'error' in line));
  expect(errors).toEqual([]);
  const held = children.flatMap((child) =>
    child.lines.filter((line): line is Held => 'held' in line && line.held),
  );
  const refused = children.filter((child) => child.lines.some((line) => 'held' in line && !line.held));
  expect(held.length + refused.length).toBe(children.length);
  expect(held.length).toBeGreaterThanOrEqual(1);
  const sorted = [...held].sort((a, b) => a.from - b.from);
  for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.from).toBeGreaterThanOrEqual(sorted[i - 1]!.to);
}

describe('one writer, always: the vault lock raced by real processes', () => {
  it('two processes started together, one paused before each step of acquisition: never two holders', async () => {
    const dir = makeTempDir('tv-lock-race-');
    let rounds = 0;
    for (const step of LOCK_STEPS) {
      for (const pauseMs of [0, 20, 80, 250]) {
        const children = [
          startChild({ dir, pauseStep: step, pauseMs, holdMs: 150 }),
          startChild({ dir, holdMs: 150 }),
        ];
        await race(children);
        expectOneWriterAtATime(children);
        rounds++;
      }
    }
    expect(rounds).toBe(LOCK_STEPS.length * 4);
  }, 180_000);

  it('six processes racing for a vault whose last holder was killed -9: never two holders', async () => {
    const dir = join(makeTempDir('tv-lock-race-'), 'race.tokenvault');
    (await Vault.create(dir, { password: TEST_PASSWORD })).vault.lock();
    for (let round = 0; round < 6; round++) {
      const holder = startChild({ dir, holdMs: 60_000 });
      await holder.waitFor((line) => 'ready' in line);
      holder.process.stdin!.write('go\n');
      await holder.waitFor((line) => 'acquired' in line);
      holder.process.kill('SIGKILL');
      await holder.exited;
      const children = Array.from({ length: 6 }, () => startChild({ dir, holdMs: 100 }));
      await race(children);
      expectOneWriterAtATime(children);
    }
  }, 180_000);

  it('a process killed -9 before each step or while holding leaves nothing to take over', async () => {
    const dir = makeTempDir('tv-lock-race-');
    for (const step of [...LOCK_STEPS, 'holding'] as const) {
      const victim = startChild(
        step === 'holding' ? { dir, holdMs: 60_000 } : { dir, pauseStep: step, pauseMs: 60_000, holdMs: 0 },
      );
      await victim.waitFor((line) => 'ready' in line);
      victim.process.stdin!.write('go\n');
      await victim.waitFor((line) => (step === 'holding' ? 'acquired' in line : 'paused' in line));
      victim.process.kill('SIGKILL');
      await victim.exited;
      // The operating system dropped the lock with the process: the next writer gets it at once, nothing to judge.
      const lock = VaultLock.acquire(dir);
      lock.release();
      expect(readdirSync(dir)).toEqual(['writer.lock']);
    }
  }, 120_000);

  it('in one process too: a second open of a held vault says "in use" (exit 6), and works once it is locked', async () => {
    const dir = join(makeTempDir('tv-lock-race-'), 'same.tokenvault');
    const { vault } = await Vault.create(dir, { password: TEST_PASSWORD });
    await expect(Vault.open(dir, { password: TEST_PASSWORD })).rejects.toMatchObject({
      code: 'VAULT_IN_USE',
      message: 'This vault is in use by another Token Vault window or command. Close it and try again.',
    });
    vault.lock();
    (await Vault.open(dir, { password: TEST_PASSWORD })).lock();
  });
});
