import { beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTokenValue } from '../../src/main/core/crypto/token-generator';
import { Vault } from '../../src/main/core/vault/vault';
import { CLI_PATH, ensureCliBuilt, runCli } from '../helpers/run-cli';
import { makeTempDir } from '../helpers/temp-dir';
import { TEST_PASSWORD } from '../helpers/vault-fixture';

beforeAll(() => ensureCliBuilt(), 120_000);

const KILLS = 20;
const BATCH = 5000;

/** Start `token import` and SIGKILL it after `delayMs`; resolves with how it ended. */
function importAndKill(
  args: string[],
  env: NodeJS.ProcessEnv,
  delayMs: number,
): Promise<'killed' | 'finished'> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], { env, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      done(signal === 'SIGKILL' ? 'killed' : 'finished');
    });
  });
}

describe('kill -9 during a bulk import', () => {
  it(`${KILLS} kills at random moments: the vault always reopens, verifies, and each import is all or nothing`, async () => {
    const dir = makeTempDir();
    const passwordFile = join(dir, 'pw.txt');
    writeFileSync(passwordFile, `${TEST_PASSWORD}\n`);
    const vault = join(dir, 'kill.tokenvault');
    const env = { ...process.env, TOKENVAULT_KDF_TARGET_MS: '0', TOKENVAULT_PASSWORD_FILE: passwordFile };
    expect((await runCli(['init', vault], { env })).code).toBe(0);
    expect((await runCli(['account', 'add', vault, '--name', 'Main'], { env })).code).toBe(0);
    const file = join(dir, 'batch.json');
    writeFileSync(
      file,
      JSON.stringify(
        Array.from({ length: BATCH }, (_, i) => ({ name: `Imported ${i}`, value: generateTokenValue() })),
      ),
    );

    // How long one full run takes, so the kills land across start-up, KDF, parsing and the write itself.
    const started = Date.now();
    expect(
      (
        await runCli(['token', 'import', vault, '--account', 'Main', '--file', file], {
          env,
          timeoutMs: 120_000,
        })
      ).code,
    ).toBe(0);
    const fullRunMs = Date.now() - started;
    let expected = BATCH;
    const outcomes = { killed: 0, finished: 0 };
    for (let round = 0; round < KILLS; round++) {
      const delay = Math.floor(Math.random() * fullRunMs * 1.1);
      outcomes[
        await importAndKill(['token', 'import', vault, '--account', 'Main', '--file', file], env, delay)
      ]++;
      const reopened = await Vault.open(vault, { password: TEST_PASSWORD });
      try {
        const count = reopened.tokens.list().length;
        expect([expected, expected + BATCH]).toContain(count);
        expected = count;
        const report = reopened.verify();
        expect(report.problems).toEqual([]);
        expect(report.ok).toBe(true);
      } finally {
        reopened.lock();
      }
    }
    console.log(
      `kill -9 during import: ${outcomes.killed} killed, ${outcomes.finished} finished, ${expected / BATCH - 1} imports landed whole, nothing partial`,
    );
    expect(outcomes.killed).toBeGreaterThan(0);
  }, 600_000);
});
