// A 100-token handoff bundle: our writer (zip.js, AES-256 AE-2, plus the integrity seal) beside
// `7zz a -tzip -mem=AES256` on the same four files, measured in the same run.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { bundleEnv, bundleReadme, bundleText } from '../src/main/core/handoff/bundle-files';
import { generateBundlePassword } from '../src/main/core/handoff/bundle-password';
import { writeBundle } from '../src/main/core/handoff/bundle-zip';
import type { HandoffDocument } from '../src/shared/handoff-format';
import { makeBenchTokens } from './dataset';
import { median, round } from './stats';

const ROUNDS = 15;

async function main() {
  const doc: HandoffDocument = {
    format: 'tokenvault-handoff',
    version: 1,
    createdAt: new Date().toISOString(),
    from: 'bench',
    recipient: 'Bench Agency',
    fields: ['value', 'key-id', 'description'],
    tokens: makeBenchTokens(100).map((t) => ({
      name: t.name,
      account: 'Bench',
      platform: 'generic',
      kind: 'api-token',
      role: 'standalone' as const,
      value: t.value,
      keyId: t.keyId ?? null,
      description: t.description,
      expiresAt: null,
    })),
  };
  const { password } = generateBundlePassword();
  const work = mkdtempSync(join(tmpdir(), 'tokenvault-handoff-bench-'));
  try {
    const files = {
      'README.txt': bundleReadme(doc),
      'tokens.txt': bundleText(doc),
      'tokens.json': `${JSON.stringify(doc, null, 2)}\n`,
      'tokens.env': bundleEnv(doc),
    };
    for (const [name, content] of Object.entries(files)) writeFileSync(join(work, name), content);
    await writeBundle(doc, password); // warm-up
    const ours: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      writeFileSync(join(work, `ours-${i}.zip`), await writeBundle(doc, password));
      ours.push(performance.now() - t0);
    }
    const reference: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t0 = performance.now();
      const run = spawnSync(
        '7zz',
        ['a', '-tzip', '-mem=AES256', `-p${password}`, join(work, `ref-${i}.zip`), ...Object.keys(files)],
        {
          cwd: work,
          stdio: 'ignore',
        },
      );
      reference.push(performance.now() - t0);
      if (run.status !== 0) throw new Error('7zz failed');
    }
    const figures = {
      tokens: 100,
      oursMedianMs: round(median(ours)),
      sevenZipMedianMs: round(median(reference)),
      ratio: round(median(ours) / median(reference)),
    };
    console.log(
      `100-token bundle, median of ${ROUNDS}: ours ${figures.oursMedianMs} ms, 7zz ${figures.sevenZipMedianMs} ms (process start included), ratio ${figures.ratio} (target <= 50 ms)`,
    );
    if (process.env.BENCH_RESULT_FILE)
      writeFileSync(process.env.BENCH_RESULT_FILE, JSON.stringify(figures, null, 2));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

void main().catch((error) => {
  console.error(`handoff bench failed: ${(error as Error).message}`);
  process.exit(1);
});
