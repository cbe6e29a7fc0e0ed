// Runs every benchmark in bench/ and gathers their figures in bench/results/latest.json.
// TypeScript benches (bench/*.bench.ts) are bundled first with esbuild to out/bench/*.bench.cjs (npm packages stay
// external: native addons); JavaScript ones (bench/*.bench.mjs) run as they are. Each runs in its own
// `node --expose-gc` process, so one bench's memory never shows in another's RSS. A bench reports by printing,
// and may write its figures as JSON to the file named by $BENCH_RESULT_FILE. See bench/README.md.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = join(root, 'bench');
const outDir = join(root, 'out', 'bench');
const resultsDir = join(benchDir, 'results');
const only = process.argv.slice(2);

mkdirSync(outDir, { recursive: true });
mkdirSync(resultsDir, { recursive: true });

const files = readdirSync(benchDir).sort();
const benches = [];
for (const file of files) {
  const name = file.replace(/\.bench\.(ts|mjs)$/, '');
  if (name === file || (only.length && !only.includes(name))) continue;
  if (file.endsWith('.ts')) {
    const outfile = join(outDir, `${name}.bench.cjs`);
    await build({
      entryPoints: [join(benchDir, file)],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      packages: 'external',
      outfile,
      logLevel: 'warning',
    });
    benches.push({ name, script: outfile });
  } else {
    benches.push({ name, script: join(benchDir, file) });
  }
}

const results = {};
let failed = 0;
for (const bench of benches) {
  const resultFile = join(outDir, `${bench.name}.result.json`);
  rmSync(resultFile, { force: true });
  console.log(`\n== ${bench.name} ==`);
  const started = Date.now();
  const run = spawnSync(process.execPath, ['--expose-gc', bench.script], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, BENCH_RESULT_FILE: resultFile },
  });
  const seconds = (Date.now() - started) / 1000;
  const status = run.status ?? 1;
  if (status !== 0) failed++;
  results[bench.name] = {
    exitCode: status,
    seconds,
    ...(existsSync(resultFile) ? { result: JSON.parse(readFileSync(resultFile, 'utf8')) } : {}),
  };
  console.log(
    `(${bench.name}: ${status === 0 ? 'done' : `FAILED with exit code ${status}`} in ${seconds.toFixed(1)} s)`,
  );
}

const latest = {
  generatedAt: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryBytes: totalmem(),
    node: process.version,
  },
  benches: results,
};
writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(latest, null, 2)}\n`);
console.log(
  `\nFigures written to bench/results/latest.json (${benches.length} bench(es), ${failed} failed).`,
);
process.exitCode = failed ? 1 : 0;
