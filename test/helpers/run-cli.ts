import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(__dirname, '../..');
export const CLI_PATH = join(REPO_ROOT, 'out/cli/tokenvault.cjs');

function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestSourceTime(path) : stat.mtimeMs);
  }
  return newest;
}

/** `npm test` builds first; a single test file run on its own rebuilds the CLI when src/ is newer. */
export function ensureCliBuilt(): void {
  if (existsSync(CLI_PATH) && statSync(CLI_PATH).mtimeMs >= newestSourceTime(join(REPO_ROOT, 'src'))) return;
  const result = spawnSync('node', ['scripts/build-cli.mjs'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('Building the CLI failed.');
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  env?: Record<string, string | undefined>;
  stdin?: string;
  cwd?: string;
  timeoutMs?: number;
}

/** Run the built CLI as a user would: a child process, no TTY, the floor KDF to keep tests fast. */
export function runCli(args: string[], options: RunCliOptions = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const env: Record<string, string> = {};
    for (const [key, value] of Object.entries({
      ...process.env,
      TOKENVAULT_KDF_TARGET_MS: '0',
      ...options.env,
    })) {
      if (value !== undefined) env[key] = value;
    }
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      cwd: options.cwd,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    // Generous: on a loaded machine a single start of node with the SQLCipher addon can take seconds.
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 90_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
    if (options.stdin !== undefined) child.stdin.end(options.stdin);
    else child.stdin.end();
  });
}

/**
 * Drives a child on a real pseudo-terminal (Python's pty module; Node has none built in): waits for each `expect`
 * text, then types `send`. Echo is left at the terminal's default (on), so whatever the CLI does not hide shows up
 * in `output`. Prints one JSON line: the exit code and everything the terminal showed.
 */
const PTY_DRIVER = String.raw`
import json, os, pty, select, signal, sys, time
spec = json.loads(sys.stdin.read())
pid, fd = pty.fork()
if pid == 0:
    os.execve(spec['file'], spec['args'], spec['env'])
out = b''
deadline = time.time() + spec['timeoutMs'] / 1000
def read_until(done):
    global out
    while not done():
        left = deadline - time.time()
        if left <= 0:
            return False
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            return False
        if not chunk:
            return False
        out += chunk
    return True
position = 0
for step in spec['steps']:
    wanted = step['expect'].encode()
    if not read_until(lambda: wanted in out[position:]):
        break
    position = out.index(wanted, position) + len(wanted)
    os.write(fd, step['send'].encode())
read_until(lambda: False)
finished, status = os.waitpid(pid, os.WNOHANG)
if finished == 0:
    os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
print(json.dumps({'code': os.waitstatus_to_exitcode(status), 'output': out.decode('utf-8', 'replace')}))
`;

export interface TtyStep {
  /** Text the terminal must show before `send` is typed. */
  expect: string;
  /** What the user types; end a line with "\r" as the Enter key does. */
  send: string;
}

export interface TtyResult {
  code: number;
  /** Everything the terminal showed: stdout, stderr and any echo, interleaved. */
  output: string;
}

export function runCliOnTty(
  args: string[],
  steps: TtyStep[],
  options: { env?: Record<string, string | undefined>; timeoutMs?: number } = {},
): TtyResult {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({
    ...process.env,
    TOKENVAULT_KDF_TARGET_MS: '0',
    ...options.env,
  })) {
    if (value !== undefined) env[key] = value;
  }
  const timeoutMs = options.timeoutMs ?? 60_000;
  const spec = { file: process.execPath, args: [process.execPath, CLI_PATH, ...args], env, steps, timeoutMs };
  const result = spawnSync('python3', ['-c', PTY_DRIVER], {
    input: JSON.stringify(spec),
    encoding: 'utf8',
    timeout: timeoutMs + 10_000,
  });
  if (result.status !== 0) throw new Error(`The pty driver failed (python3 exit ${result.status}).`);
  return JSON.parse(result.stdout) as TtyResult;
}
