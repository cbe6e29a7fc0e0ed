import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';

export const KEEPASSXC_CLI = process.env.KEEPASSXC_CLI ?? 'keepassxc-cli';

export function keepassxcVersion(): string | null {
  const result = spawnSync(KEEPASSXC_CLI, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** Time a one-shot keepassxc-cli command that reads the password(s) on stdin. */
export function timeCommand(args: string[], stdin: string): { ms: number; stdout: string } {
  const started = performance.now();
  const result = spawnSync(KEEPASSXC_CLI, args, {
    input: stdin,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const ms = performance.now() - started;
  if (result.status !== 0) {
    throw new Error(
      `keepassxc-cli ${args[0]} failed (${result.status}): ${result.stderr.trim().slice(0, 300)}`,
    );
  }
  return { ms, stdout: result.stdout };
}

/**
 * keepassxc-cli's interactive shell (`open`): the database is decrypted once, then each command runs against it
 * in memory, like a search box over an unlocked vault. A command is timed from writing its line to the next
 * prompt on stdout, so the figure includes the pipe round trip and the printing of the results.
 */
export class KeepassxcSession {
  private buffer = '';
  private waiter: { resolve: () => void; reject: (e: Error) => void } | null = null;
  private readonly prompt: string;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    databaseName: string,
  ) {
    // The shell's prompt is the database's name (from its Meta), or the file name when it has none.
    this.prompt = `${databaseName}> `;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      this.buffer += chunk;
      this.check();
    });
    child.on('exit', (code) => this.waiter?.reject(new Error(`keepassxc-cli exited (${code})`)));
  }

  private check(): void {
    if (!this.waiter) return;
    const at = this.buffer.indexOf(this.prompt);
    if (at < 0) return;
    const waiter = this.waiter;
    this.waiter = null;
    this.lastOutput = this.buffer.slice(0, at);
    this.buffer = this.buffer.slice(at + this.prompt.length);
    waiter.resolve();
  }

  lastOutput = '';

  private nextPrompt(timeoutMs = 120_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('keepassxc-cli did not answer in time')), timeoutMs);
      this.waiter = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.check();
    });
  }

  /** Start the shell and unlock; the time covers process start, the KDF and loading the database. */
  static async open(
    database: string,
    password: string,
    databaseName = basename(database),
  ): Promise<{ session: KeepassxcSession; ms: number }> {
    const started = performance.now();
    const child = spawn(KEEPASSXC_CLI, ['open', '-q', database], { stdio: ['pipe', 'pipe', 'pipe'] });
    const session = new KeepassxcSession(child, databaseName);
    child.stdin.write(`${password}\n`);
    await session.nextPrompt();
    return { session, ms: performance.now() - started };
  }

  async run(command: string): Promise<{ ms: number; output: string }> {
    const started = performance.now();
    this.child.stdin.write(`${command}\n`);
    await this.nextPrompt();
    return { ms: performance.now() - started, output: this.lastOutput };
  }

  /** Resident set size of the keepassxc-cli process, from /proc. */
  rssBytes(): number | null {
    try {
      const status = readFileSync(`/proc/${this.child.pid}/status`, 'utf8');
      const kib = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
      return kib ? Number(kib) * 1024 : null;
    } catch {
      return null;
    }
  }

  async close(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.waiter = null;
    this.child.stdin.end('quit\n');
    await exited;
  }
}

/** Quote one argument for keepassxc-cli's interactive command line. */
export function quoteArgument(text: string): string {
  return `"${text.replace(/(["\\])/g, '\\$1')}"`;
}
