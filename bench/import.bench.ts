/**
 * Import of 10,000 rows from each format (DESIGN target: previewed and written in under 2 s): read the file (through
 * the bounded reader), preview (profile policy, duplicate check against the vault by keyed hash), commit (one
 * transaction, one Created event per token). The files are real: the .kdbx is written by kdbxweb with Argon2id at
 * the vault's floor, the KeePassXC CSV and XML are what keepassxc-cli exports from it, the rest are written in their
 * published formats. Each format goes into a fresh vault. Prints a table; writes JSON to $BENCH_RESULT_FILE.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
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
import { round } from './stats';

const ROWS = Number(process.env.BENCH_TOKENS ?? 10_000);
const TARGET_MS = 2000;
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

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'tokenvault-import-bench-'));
  try {
    const only = process.env.BENCH_FORMATS?.split(',');
    const sources = (await writeSources(work)).filter((s) => !only || only.includes(s.format));
    const figures: Record<string, unknown>[] = [];
    console.log(
      `${ROWS} rows per format, each into a fresh vault (target: read + preview + write < ${TARGET_MS} ms):`,
    );
    console.log('  format          read ms  preview ms  write ms  total ms  imported  source');
    for (const [index, source] of sources.entries()) {
      const { vault } = await Vault.create(join(work, `v${index}.tokenvault`), {
        password: VAULT_PASSWORD,
        operator: 'bench',
        kdfTargetMs: 0,
      });
      try {
        const t0 = performance.now();
        const read = await readImportFile(source.path, {
          format: source.format,
          sourcePassword: SOURCE_PASSWORD,
        });
        const t1 = performance.now();
        const preview = previewImport(vault, read);
        const t2 = performance.now();
        const { result } = vault.useCases.importFromSource(read);
        const t3 = performance.now();
        if (result.imported !== ROWS || preview.counts.selected !== ROWS)
          throw new Error(
            `${source.format}: previewed ${preview.counts.selected} and imported ${result.imported} of ${ROWS}`,
          );
        const row = {
          format: source.format,
          made: source.made,
          rows: ROWS,
          readMs: round(t1 - t0),
          previewMs: round(t2 - t1),
          writeMs: round(t3 - t2),
          totalMs: round(t3 - t0),
          targetMs: TARGET_MS,
          withinTarget: t3 - t0 < TARGET_MS,
        };
        figures.push(row);
        console.log(
          `  ${source.format.padEnd(15)} ${String(row.readMs).padStart(7)}  ${String(row.previewMs).padStart(10)}  ${String(row.writeMs).padStart(8)}  ${String(row.totalMs).padStart(8)}  ${String(result.imported).padStart(8)}  ${source.made}`,
        );
      } finally {
        vault.lock();
      }
    }
    console.log('  (the .kdbx read includes one Argon2id derivation at m = 64 MiB, t = 3, p = 4)');
    if (process.env.BENCH_RESULT_FILE)
      writeFileSync(
        process.env.BENCH_RESULT_FILE,
        `${JSON.stringify({ rows: ROWS, formats: figures }, null, 2)}\n`,
      );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

void main().catch((error) => {
  console.error(`import bench failed: ${(error as Error).message}`);
  process.exit(1);
});
