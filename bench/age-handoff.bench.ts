// A 100-token handoff encrypted to an age key, beside Debian's `age` on the same plain ZIP, measured in one run:
// - the whole export through the vault (read 100 values, build the plain ZIP, encrypt with age-encryption, write
//   atomically with fsync, record the handoff and 100 HandedOff events in one transaction);
// - opening it (decrypt with the identity, read the ZIP inside under its caps, check tokens.json);
// - `age -r` and `age -d` on the same plain ZIP (process start included): the reference a user would reach for.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateX25519Identity, identityToRecipient } from 'age-encryption';
import { readAgeBundle } from '../src/main/core/handoff/age-bundle';
import { writePlainBundleZip } from '../src/main/core/handoff/plain-bundle-zip';
import { Vault } from '../src/main/core/vault/vault';
import { makeBenchTokens } from './dataset';
import { median, percentile, round } from './stats';

const ROUNDS = 15;
const TOKENS = 100;
const BENCH_PASSWORD = 'bench vault passphrase for the age handoff run';

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'tokenvault-age-bench-'));
  try {
    const { vault } = await Vault.create(join(work, 'bench.tokenvault'), {
      password: BENCH_PASSWORD,
      operator: 'bench',
      kdfTargetMs: 0,
    });
    const account = vault.accounts.create({ name: 'Bench', profile: 'generic' });
    vault.tokens.importMany(
      account.id,
      makeBenchTokens(TOKENS).map((t) => ({ name: t.name, value: t.value, description: t.description })),
    );
    const tokenIds = vault.tokens.list({ accountId: account.id }).map((t) => t.id);
    vault.recipients.create({ name: 'Bench Agency' });
    const identity = await generateX25519Identity();
    const recipient = await identityToRecipient(identity);
    vault.recipientKeys.set('Bench Agency', recipient);
    const keyFile = join(work, 'key.txt');
    writeFileSync(keyFile, `${identity}\n`);
    const fields = ['value', 'key-id', 'description', 'endpoints'] as const;

    const exportOnce = (name: string) =>
      vault.handoffs.export({
        recipient: 'Bench Agency',
        tokenIds,
        fields: [...fields],
        outPath: join(work, name),
        toKey: {},
      });
    await exportOnce('warm-up.age');
    const fullExport: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      await exportOnce(`export-${i}.age`);
      fullExport.push(performance.now() - t0);
    }
    const bytes = readFileSync(join(work, 'export-0.age'));
    const doc = await readAgeBundle(bytes, [identity]);
    const opening: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      await readAgeBundle(bytes, [identity]);
      opening.push(performance.now() - t0);
    }
    vault.lock();

    const zip = join(work, 'plain.zip');
    writeFileSync(zip, await writePlainBundleZip(doc));
    const ageEncrypt: number[] = [];
    const ageDecrypt: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      let t0 = performance.now();
      const made = spawnSync('age', ['-r', recipient, '-o', join(work, `ref-${i}.age`), zip], {
        stdio: 'ignore',
      });
      ageEncrypt.push(performance.now() - t0);
      t0 = performance.now();
      const read = spawnSync(
        'age',
        ['-d', '-i', keyFile, '-o', join(work, `ref-${i}.zip`), join(work, `ref-${i}.age`)],
        {
          stdio: 'ignore',
        },
      );
      ageDecrypt.push(performance.now() - t0);
      if (made.status !== 0 || read.status !== 0) throw new Error('age failed');
    }
    const figures = {
      tokens: TOKENS,
      rounds: ROUNDS,
      fileBytes: bytes.byteLength,
      exportMedianMs: round(median(fullExport)),
      exportP95Ms: round(percentile(fullExport, 95)),
      openMedianMs: round(median(opening)),
      ageEncryptMedianMs: round(median(ageEncrypt)),
      ageDecryptMedianMs: round(median(ageDecrypt)),
      exportRatio: round(median(fullExport) / median(ageEncrypt)),
      openRatio: round(median(opening) / median(ageDecrypt)),
      targetMs: 50,
    };
    console.log(
      `${TOKENS}-token age bundle (${figures.fileBytes} bytes), median of ${ROUNDS} (ratio = ours / age):`,
    );
    console.log(
      `  whole export (values, plain ZIP, age encryption, atomic 0600 write with fsync, record + ${TOKENS} events) ${figures.exportMedianMs} ms (p95 ${figures.exportP95Ms})  ratio ${figures.exportRatio}  target <= ${figures.targetMs} ms`,
    );
    console.log(
      `  open (decrypt, capped ZIP read, schema check) ${figures.openMedianMs} ms  ratio ${figures.openRatio}`,
    );
    console.log(
      `  age -r ${figures.ageEncryptMedianMs} ms, age -d ${figures.ageDecryptMedianMs} ms on the same ZIP (process start included)`,
    );
    if (process.env.BENCH_RESULT_FILE)
      writeFileSync(process.env.BENCH_RESULT_FILE, JSON.stringify(figures, null, 2));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

void main().catch((error) => {
  console.error(`age handoff bench failed: ${(error as Error).message}`);
  process.exit(1);
});
