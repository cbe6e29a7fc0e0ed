// A process that tries to become the vault's one writer, for test/reliability/vault-lock-race.test.ts. Bundled
// with esbuild by the test and run with node. Protocol: prints "ready", waits for "go" on stdin, acquires (pausing
// before one step when asked), then prints one JSON line per event.
import { performance } from 'node:perf_hooks';
import { VaultLock, type LockStep } from '../../src/main/core/vault/vault-lock';
import { VaultError } from '../../src/shared/errors';

interface ChildSpec {
  dir: string;
  pauseStep?: LockStep;
  pauseMs?: number;
  holdMs: number;
}

const spec = JSON.parse(process.argv[2]!) as ChildSpec;
const now = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const say = (message: object) => process.stdout.write(`${JSON.stringify(message)}\n`);

function attempt(): void {
  let lock: VaultLock;
  try {
    lock = VaultLock.acquire(spec.dir, {
      beforeStep: (step) => {
        if (step !== spec.pauseStep) return;
        say({ paused: step });
        sleep(spec.pauseMs ?? 0);
      },
    });
  } catch (error) {
    if (error instanceof VaultError && error.code === 'VAULT_IN_USE')
      say({ held: false, message: error.message });
    else say({ error: String(error) });
    return;
  }
  const from = now();
  say({ acquired: from });
  sleep(spec.holdMs);
  const to = now();
  lock.release();
  say({ held: true, from, to });
}

say({ ready: true });
process.stdin.setEncoding('utf8');
process.stdin.once('data', () => {
  attempt();
  process.exit(0);
});
