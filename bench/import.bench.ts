/**
 * Import of 10,000 rows from each format (DESIGN target: previewed and written in under 2 s): read the file (through
 * the bounded reader), preview (profile policy, duplicate check against the vault by keyed hash), commit (one
 * transaction, one Created event per token). The files are real: the .kdbx is written by kdbxweb with Argon2id at
 * the vault's floor, the KeePassXC CSV and XML are what keepassxc-cli exports from it, the rest are written in their
 * published formats. Each format goes into a fresh vault. Prints a table; writes JSON to $BENCH_RESULT_FILE.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import argon2 from 'argon2';
import { ARGON2ID_FLOOR } from '../src/main/core/crypto/argon2id';
import { previewImport } from '../src/main/core/import/import-preview';
import { readImportFile } from '../src/main/core/import/read-import-source';
import type { ImportFormat } from '../src/shared/import-views';
import { Vault } from '../src/main/core/vault/vault';
import {
  BITWARDEN_CSV_HEADER,
  bitwardenJson,
  kdbxwebDatabase,
  onePuxZip,
  type FixtureEntry,
} from '../test/helpers/import-fixtures';
import { makeBenchTokens } from './dataset';
import { keepassxcVersion } from './reference/keepassxc';
import { median, round } from './stats';

const ROWS = Number(process.env.BENCH_TOKENS ?? 10_000);
const TARGET_MS = 2000;
/** Each format is imported this many times (a fresh vault each), and the medians are reported. */
const RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);
/** Not secrets: the bench's files and vaults hold synthetic tokens and are deleted at the end. */
const VAULT_PASSWORD = 'bench import lantern quarry velvet';
const SOURCE_PASSWORD = 'bench source database password';

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csv(rows: string[][]): string {
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\n')}\n`;
}

function keepassxcExport(path: string, format: 'csv' | 'xml'): string | null {
  const result = spawnSync('keepassxc-cli', ['export', '-q', '-f', format, path], {
    input: `${SOURCE_PASSWORD}\n`,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return result.status === 0 ? result.stdout : null;
}

async function writeSources(dir: string): Promise<{ format: ImportFormat; path: string; made: string }[]> {
  // Fresh values per format, so no format's rows are duplicates of another's.
  const tokens = (seed: number) => makeBenchTokens(ROWS, seed);
  const entries = (seed: number): FixtureEntry[] =>
    tokens(seed).map((t, i) => ({
      group: `Platform ${i % 20}`,
      title: t.name,
      username: t.keyId ?? '',
      password: t.value,
      notes: t.description,
    }));
  const files: { format: ImportFormat; path: string; made: string }[] = [];
  const add = (format: ImportFormat, name: string, content: string | Uint8Array, made: string) => {
    const path = join(dir, name);
    writeFileSync(path, content);
    files.push({ format, path, made });
  };
  const kdbxPath = join(dir, 'bench.kdbx');
  writeFileSync(
    kdbxPath,
    await kdbxwebDatabase(entries(1), {
      password: SOURCE_PASSWORD,
      version: 4,
      kdf: 'argon2id',
      argon2: ARGON2ID_FLOOR,
    }),
  );
  files.push({ format: 'kdbx', path: kdbxPath, made: 'kdbxweb, Argon2id at the vault floor' });
  // The same key derivation and no entries: what opening costs before any entry is read.
  writeFileSync(
    join(dir, 'empty.kdbx'),
    await kdbxwebDatabase([], {
      password: SOURCE_PASSWORD,
      version: 4,
      kdf: 'argon2id',
      argon2: ARGON2ID_FLOOR,
    }),
  );
  // keepassxc-cli exports the same database; its values are those of the .kdbx, so they get their own vaults.
  const exportedCsv = keepassxcExport(kdbxPath, 'csv');
  const exportedXml = keepassxcExport(kdbxPath, 'xml');
  if (exportedCsv) add('keepassxc-csv', 'keepassxc.csv', exportedCsv, 'keepassxc-cli export -f csv');
  if (exportedXml) add('keepass-xml', 'keepassxc.xml', exportedXml, 'keepassxc-cli export -f xml');
  add(
    'bitwarden-json',
    'bitwarden.json',
    bitwardenJson(
      tokens(2).map((t, i) => ({
        folder: `Folder ${i % 20}`,
        name: t.name,
        username: t.keyId,
        password: t.value,
        notes: t.description,
      })),
    ),
    'Bitwarden JSON export format',
  );
  add(
    'bitwarden-csv',
    'bitwarden.csv',
    `${BITWARDEN_CSV_HEADER}\n${csv(tokens(3).map((t, i) => [`Folder ${i % 20}`, '', 'login', t.name, t.description, '', '0', 'https://example.org', t.keyId ?? '', t.value, '']))}`,
    'Bitwarden CSV export format',
  );
  add(
    '1pux',
    'export.1pux',
    await onePuxZip(
      tokens(4).map((t, i) => ({
        vault: `Vault ${i % 20}`,
        category: '112' as const,
        title: t.name,
        username: t.keyId,
        credential: t.value,
        notes: t.description,
      })),
    ),
    '1PUX format, API Credential items',
  );
  add(
    '1password-csv',
    '1password.csv',
    csv([
      ['Title', 'Url', 'Username', 'Password', 'OTPAuth', 'Favorite', 'Archived', 'Tags', 'Notes'],
      ...tokens(5).map((t, i) => [
        t.name,
        '',
        t.keyId ?? '',
        t.value,
        '',
        'false',
        'false',
        `Tag ${i % 20}`,
        t.description,
      ]),
    ]),
    '1Password CSV export format',
  );
  add(
    'env',
    'bench.env',
    tokens(6)
      .map((t, i) => `TOKEN_${i}="${t.value}"`)
      .join('\n'),
    'KEY="value" lines',
  );
  add(
    'csv',
    'sheet.csv',
    csv([
      ['Platform', 'Label', 'API key', 'Owner', 'Notes'],
      ...tokens(7).map((t, i) => [`Platform ${i % 20}`, t.name, t.value, t.assignedTo, t.description]),
    ]),
    'a spreadsheet, columns guessed',
  );
  return files;
}

/** User + system CPU time of this process (every thread: the Argon2id derivation runs on libuv's pool). */
function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

/** A keepassxc-cli command's wall time and its CPU time (user + system, from bash's `time`). */
function timeKeepassxc(args: string[], stdin: string): { ms: number; cpuMs: number } {
  const started = performance.now();
  const result = spawnSync(
    'bash',
    ['-c', 'TIMEFORMAT="%U %S"; time keepassxc-cli "$@" >/dev/null', 'bash', ...args],
    { input: stdin, encoding: 'utf8' },
  );
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`keepassxc-cli ${args[0]} failed: ${result.stderr.slice(0, 300)}`);
  const [user, system] = result.stderr.trim().split('\n').pop()!.split(' ').map(Number);
  return { ms, cpuMs: ((user ?? 0) + (system ?? 0)) * 1000 };
}

function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

/**
 * The .kdbx's fixed cost beside keepassxc-cli's on the same file: the Argon2id derivation alone (the `argon2`
 * package, as src/main/core/import/kdbx-argon2.ts calls it), and keepassxc-cli listing the same file and an empty
 * one with the same derivation (process start included in both, so their difference is its reading of the
 * entries). What is left of our total beyond the derivation is ours.
 */
async function kdbxSideBySide(
  dir: string,
  ours: { readMs: number; totalMs: number; readCpuMs: number; totalCpuMs: number },
) {
  const kdfMs: number[] = [];
  const kdfCpuMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    await argon2.hash(SOURCE_PASSWORD, {
      type: argon2.argon2id,
      raw: true,
      salt: Buffer.alloc(32, 7),
      memoryCost: ARGON2ID_FLOOR.memoryKiB,
      timeCost: ARGON2ID_FLOOR.iterations,
      parallelism: ARGON2ID_FLOOR.parallelism,
      hashLength: 32,
    });
    kdfMs.push(performance.now() - started);
    kdfCpuMs.push(cpuMs(process.cpuUsage(cpu)));
  }
  const kdf = round(median(kdfMs));
  const kdfCpu = round(median(kdfCpuMs));
  const figures = {
    kdfMs: kdf,
    oursReadBeyondKdfMs: round(ours.readMs - kdf),
    oursTotalBeyondKdfMs: round(ours.totalMs - kdf),
    kdfCpuMs: kdfCpu,
    oursReadBeyondKdfCpuMs: round(ours.readCpuMs - kdfCpu),
    oursTotalBeyondKdfCpuMs: round(ours.totalCpuMs - kdfCpu),
    keepassxc: null as null | {
      version: string;
      openEmptyMs: number;
      openFullMs: number;
      openEmptyCpuMs: number;
      openFullCpuMs: number;
    },
  };
  console.log(
    `  kdbx: Argon2id alone ${kdf} ms (CPU ${kdfCpu} ms); ours beyond it: read ${figures.oursReadBeyondKdfMs} ms (CPU ${figures.oursReadBeyondKdfCpuMs}), read + preview + write ${figures.oursTotalBeyondKdfMs} ms (CPU ${figures.oursTotalBeyondKdfCpuMs})`,
  );
  const version = keepassxcVersion();
  if (!version) {
    console.log('  keepassxc-cli not found: no side-by-side figure');
    return figures;
  }
  const open = (name: string) => {
    const runs = Array.from({ length: RUNS }, () =>
      timeKeepassxc(['ls', '-q', '-R', join(dir, name)], `${SOURCE_PASSWORD}\n`),
    );
    return { ms: round(median(runs.map((r) => r.ms))), cpuMs: round(median(runs.map((r) => r.cpuMs))) };
  };
  const empty = open('empty.kdbx');
  const full = open('bench.kdbx');
  figures.keepassxc = {
    version,
    openEmptyMs: empty.ms,
    openFullMs: full.ms,
    openEmptyCpuMs: empty.cpuMs,
    openFullCpuMs: full.cpuMs,
  };
  const { openEmptyMs, openFullMs } = figures.keepassxc;
  console.log(
    `  keepassxc-cli CPU time: same file ${full.cpuMs} ms, empty one ${empty.cpuMs} ms (beyond: ${round(full.cpuMs - empty.cpuMs)} ms; ours, read only: ${figures.oursReadBeyondKdfCpuMs} ms)`,
  );
  console.log(
    `  keepassxc-cli ${version} \`ls -R\` of the same file: ${openFullMs} ms, of an empty one with the same Argon2id ${openEmptyMs} ms (beyond it: ${round(openFullMs - openEmptyMs)} ms; ours, read only: ${figures.oursReadBeyondKdfMs} ms)`,
  );
  return figures;
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'tokenvault-import-bench-'));
  try {
    const only = process.env.BENCH_FORMATS?.split(',');
    const sources = (await writeSources(work)).filter((s) => !only || only.includes(s.format));
    const figures: (Record<string, unknown> & {
      format: string;
      readMs: number;
      totalMs: number;
      readCpuMs: number;
      totalCpuMs: number;
    })[] = [];
    console.log(
      `${ROWS} rows per format, each into a fresh vault (target: read + preview + write < ${TARGET_MS} ms):`,
    );
    console.log(`  medians of ${RUNS} runs; load average before: ${loadAverage()}`);
    console.log('  format          read ms  preview ms  write ms  total ms  CPU ms (read)  imported  source');
    for (const [index, source] of sources.entries()) {
      const runs: {
        readMs: number;
        previewMs: number;
        writeMs: number;
        totalMs: number;
        readCpuMs: number;
        totalCpuMs: number;
      }[] = [];
      let imported = 0;
      for (let run = 0; run < RUNS; run++) {
        const { vault } = await Vault.create(join(work, `v${index}-${run}.tokenvault`), {
          password: VAULT_PASSWORD,
          operator: 'bench',
          kdfTargetMs: 0,
        });
        try {
          const c0 = process.cpuUsage();
          const t0 = performance.now();
          const read = await readImportFile(source.path, {
            format: source.format,
            sourcePassword: SOURCE_PASSWORD,
          });
          const t1 = performance.now();
          const c1 = process.cpuUsage(c0);
          const preview = previewImport(vault, read);
          const t2 = performance.now();
          const { result } = vault.useCases.importFromSource(read);
          const t3 = performance.now();
          const c3 = process.cpuUsage(c0);
          if (result.imported !== ROWS || preview.counts.selected !== ROWS)
            throw new Error(
              `${source.format}: previewed ${preview.counts.selected} and imported ${result.imported} of ${ROWS}`,
            );
          imported = result.imported;
          runs.push({
            readMs: t1 - t0,
            previewMs: t2 - t1,
            writeMs: t3 - t2,
            totalMs: t3 - t0,
            readCpuMs: cpuMs(c1),
            totalCpuMs: cpuMs(c3),
          });
        } finally {
          vault.lock();
        }
      }
      const of = (key: keyof (typeof runs)[number]) => round(median(runs.map((r) => r[key])));
      const row = {
        format: source.format,
        made: source.made,
        rows: ROWS,
        runs: runs.length,
        readMs: of('readMs'),
        previewMs: of('previewMs'),
        writeMs: of('writeMs'),
        totalMs: of('totalMs'),
        readCpuMs: of('readCpuMs'),
        totalCpuMs: of('totalCpuMs'),
        totalsMs: runs.map((r) => round(r.totalMs)),
        targetMs: TARGET_MS,
        withinTarget: of('totalMs') < TARGET_MS,
      };
      figures.push(row);
      console.log(
        `  ${source.format.padEnd(15)} ${String(row.readMs).padStart(7)}  ${String(row.previewMs).padStart(10)}  ${String(row.writeMs).padStart(8)}  ${String(row.totalMs).padStart(8)}  ${`${Math.round(row.totalCpuMs)} (${Math.round(row.readCpuMs)})`.padStart(13)}  ${String(imported).padStart(8)}  ${source.made}`,
      );
    }
    console.log('  (the .kdbx read includes one Argon2id derivation at m = 64 MiB, t = 3, p = 4)');
    const kdbx = figures.find((row) => row.format === 'kdbx');
    const keepass = kdbx ? await kdbxSideBySide(work, kdbx) : null;
    console.log(`  load average after: ${loadAverage()}`);
    if (process.env.BENCH_RESULT_FILE)
      writeFileSync(
        process.env.BENCH_RESULT_FILE,
        `${JSON.stringify({ rows: ROWS, formats: figures, kdbx: keepass }, null, 2)}\n`,
      );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

void main().catch((error) => {
  console.error(`import bench failed: ${(error as Error).message}`);
  process.exit(1);
});
