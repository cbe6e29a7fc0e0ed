/**
 * Vault core on 10,000 tokens (targets in bench/README.md), beside keepassxc-cli on an equivalent KDBX 4 database with
 * the same Argon2id parameters, measured in the same run. Prints a table of figures and ratios (ours / reference,
 * lower is better) and writes them as JSON to $BENCH_RESULT_FILE when bench/run.mjs asks for it.
 *
 * Two processes: this one builds the vaults (create + bulk import), then a fresh one (`--session DIR`) unlocks,
 * lists and searches, so its RSS is what a main process holding an unlocked vault of 10,000 tokens uses.
 * No assertion here: targets are printed beside the figures, never enforced.
 */
// First: V8 flags that must come before the other modules load (see the file).
import './session-runtime-first';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Vault } from '../src/main/core/vault/vault';
import { memoryMap, type MemoryMap } from './memory-map';
import { keystrokePrefixes, makeBenchTokens, type BenchToken } from './dataset';
// Types only: the reference tooling (kdbxweb alone is about 12 MiB) is loaded by measureReference, never by the
// session process, whose RSS must be what a main process holding the vault uses.
import type { Argon2Params, KdbxGroup } from './reference/kdbx-reference';
import { median, percentile, round, timeSync } from './stats';

const TOKEN_COUNT = Number(process.env.BENCH_TOKENS ?? 10_000);
/** Not a secret: the bench vault holds synthetic tokens and is deleted at the end. */
const BENCH_PASSWORD = 'bench orbit lantern quarry velvet';
const ACCOUNT_NAME = 'Bench platform';
const IMPORT_RUNS = Number(process.env.BENCH_IMPORT_RUNS ?? 3);
const UNLOCK_RUNS = 5;
const LIST_RUNS = 50;
const SEARCH_ROUNDS = 5;
/**
 * Between keystrokes typed while the search sets are built in the background: a fast typist's pace. The
 * build's slices run in these gaps, so a keystroke's figure is its wait for the slice under way plus its search.
 */
const TYPING_GAP_MS = 100;
const REFERENCE_OPEN_RUNS = 3;
const REFERENCE_LIST_RUNS = 10;
const REFERENCE_SEARCH_ROUNDS = 1;
const MiB = 1024 * 1024;

interface SessionFigures {
  kdfMs: number[];
  afterKdfMs: number[];
  firstListMs: number[];
  /** The first search of each unlock, right after its first list (no sets yet: every token tested). */
  firstSearchMs: number[];
  /** Keystrokes typed (TYPING_GAP_MS apart) from the first search until the sets were built. */
  buildingSearchMs: number[];
  /** From the first search (which starts the build) until the sets were built, in the background. */
  setsBuiltMs: number;
  listMs: number[];
  searchMs: number[];
  /**
   * The same keystrokes in CPU time (the process's, user + system): on a machine shared with other work, wall
   * time also counts the moments the process waited for a core, which CPU time does not.
   */
  searchCpuMs: number[];
  searchMatches: number;
  rssBytes: number;
  memory: NodeJS.MemoryUsage;
  memoryMap: MemoryMap | null;
}

interface ReferenceFigures {
  version: string;
  openEmptyMs: number[];
  openFullMs: number[];
  listMs: number[];
  searchMs: number[];
  roundTripMs: number[];
  rssBytes: number | null;
  importFullMs: number[];
  importEmptyMs: number[];
}

interface Metric {
  id: string;
  label: string;
  unit: 'ms' | 'MiB';
  ours: number;
  reference: number | null;
  ratio: number | null;
  target?: number;
  met?: boolean;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

/** The unlocked-vault process: unlock several times, then list and search as a user would. */
async function sessionPhase(dir: string): Promise<void> {
  const figures: SessionFigures = {
    kdfMs: [],
    afterKdfMs: [],
    firstListMs: [],
    firstSearchMs: [],
    buildingSearchMs: [],
    setsBuiltMs: 0,
    listMs: [],
    searchMs: [],
    searchCpuMs: [],
    searchMatches: 0,
    rssBytes: 0,
    memory: process.memoryUsage(),
    memoryMap: null,
  };
  let vault: Vault | undefined;
  for (let run = 0; run < UNLOCK_RUNS; run++) {
    vault?.lock();
    vault = await Vault.open(dir, { password: BENCH_PASSWORD });
    figures.kdfMs.push(vault.timings.kdfMs);
    figures.afterKdfMs.push(vault.timings.afterKdfMs);
    const first = timeSync(() => vault!.tokens.list());
    if (first.value.length !== TOKEN_COUNT)
      throw new Error(`expected ${TOKEN_COUNT} tokens, listed ${first.value.length}`);
    figures.firstListMs.push(first.ms);
    // A search of the one-character kind a user starts with, matching nearly every token (the widest answer).
    figures.firstSearchMs.push(timeSync(() => vault!.tokens.list({ search: 's' })).ms);
  }
  const open = vault!;
  const prefixes = keystrokePrefixes();
  // The last unlock's first search started the build of the sets: type on while it runs.
  const buildStarted = performance.now();
  for (let i = 0; !open.tokens.searchSetsReady(); i++) {
    const due = performance.now() + TYPING_GAP_MS;
    await new Promise((resolve) => setTimeout(resolve, TYPING_GAP_MS));
    if (open.tokens.searchSetsReady()) break;
    const late = Math.max(0, performance.now() - due);
    const search = prefixes[i % prefixes.length]!;
    figures.buildingSearchMs.push(late + timeSync(() => open.tokens.list({ search })).ms);
  }
  figures.setsBuiltMs = performance.now() - buildStarted;
  for (let run = 0; run < LIST_RUNS; run++) figures.listMs.push(timeSync(() => open.tokens.list()).ms);
  for (let round = 0; round < SEARCH_ROUNDS; round++) {
    for (const search of prefixes) {
      const cpu = process.cpuUsage();
      const { ms, value } = timeSync(() => open.tokens.list({ search }));
      const used = process.cpuUsage(cpu);
      figures.searchMs.push(ms);
      figures.searchCpuMs.push((used.user + used.system) / 1000);
      if (round === 0) figures.searchMatches += value.length;
    }
  }
  // Let the allocator hand back what the last collection freed, so RSS reflects what is held, not in flight.
  gc();
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc();
  figures.memory = process.memoryUsage();
  figures.rssBytes = figures.memory.rss;
  figures.memoryMap = memoryMap();
  open.lock();
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

function toRows(tokens: BenchToken[]): object[] {
  return tokens.map((t) => ({
    name: t.name,
    value: t.value,
    description: t.description,
    assignedTo: t.assignedTo,
    ...(t.keyId ? { keyId: t.keyId } : {}),
  }));
}

function toGroups(tokens: BenchToken[]): KdbxGroup[] {
  return [
    {
      name: ACCOUNT_NAME,
      entries: tokens.map((t) => ({
        title: t.name,
        userName: t.assignedTo,
        password: t.value,
        url: t.keyId ?? '',
        notes: t.description,
      })),
    },
  ];
}

async function buildVaults(root: string, tokens: BenchToken[]) {
  const rows = toRows(tokens);
  const importMs: number[] = [];
  let keptDir = '';
  let params: Argon2Params | undefined;
  for (let run = 0; run < IMPORT_RUNS; run++) {
    const dir = join(root, `bench-${run}.tokenvault`);
    // The Argon2id floor (m = 64 MiB, t = 3, p = 4): the KDF is outside every figure, so calibrating is wasted time.
    const { vault } = await Vault.create(dir, {
      password: BENCH_PASSWORD,
      operator: 'bench',
      kdfTargetMs: 0,
    });
    const account = vault.accounts.create({ name: ACCOUNT_NAME, profile: 'generic' });
    gc();
    const { ms, value } = timeSync(() => vault.tokens.importMany(account.id, rows));
    if (value !== tokens.length) throw new Error(`imported ${value} of ${tokens.length}`);
    importMs.push(ms);
    const slot = vault.keySlots().find((s) => s.type === 'password');
    if (slot?.type === 'password') {
      params = {
        memoryKiB: slot.kdf.memoryKiB,
        iterations: slot.kdf.iterations,
        parallelism: slot.kdf.parallelism,
      };
    }
    vault.lock();
    if (run === 0) keptDir = dir;
    else rmSync(dir, { recursive: true, force: true });
  }
  return { dir: keptDir, importMs, params: params! };
}

function runSession(dir: string): SessionFigures {
  const result = spawnSync(process.execPath, ['--expose-gc', process.argv[1]!, '--session', dir], {
    encoding: 'utf8',
    env: process.env,
    maxBuffer: 64 * MiB,
  });
  if (result.status !== 0) throw new Error(`session phase failed: ${result.stderr.trim()}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!) as SessionFigures;
}

async function measureReference(
  root: string,
  tokens: BenchToken[],
  params: Argon2Params,
): Promise<ReferenceFigures | { unavailable: string }> {
  const { keepassXml, writeKdbx4 } = await import('./reference/kdbx-reference');
  const { KeepassxcSession, keepassxcVersion, quoteArgument, timeCommand } =
    await import('./reference/keepassxc');
  const version = keepassxcVersion();
  if (!version) return { unavailable: 'keepassxc-cli not found (Debian package keepassxc)' };
  const password = BENCH_PASSWORD;
  const name = 'bench';
  const full = join(root, 'reference-10k.kdbx');
  const empty = join(root, 'reference-empty.kdbx');
  writeFileSync(full, await writeKdbx4(toGroups(tokens), name, password, params));
  writeFileSync(empty, await writeKdbx4(toGroups([]), name, password, params));

  const figures: ReferenceFigures = {
    version,
    openEmptyMs: [],
    openFullMs: [],
    listMs: [],
    searchMs: [],
    roundTripMs: [],
    rssBytes: null,
    importFullMs: [],
    importEmptyMs: [],
  };
  for (let run = 0; run < REFERENCE_OPEN_RUNS; run++) {
    for (const [path, into] of [
      [empty, figures.openEmptyMs],
      [full, figures.openFullMs],
    ] as const) {
      const { session, ms } = await KeepassxcSession.open(path, password, name);
      into.push(ms);
      await session.close();
    }
  }

  const { session } = await KeepassxcSession.open(full, password, name);
  try {
    const listed = await session.run('ls -R -f');
    const entryLines = listed.output
      .split('\n')
      .filter((line) => line.startsWith(`${ACCOUNT_NAME}/`) && !line.endsWith('/'));
    if (entryLines.length !== tokens.length) {
      throw new Error(`keepassxc-cli listed ${entryLines.length} entries, expected ${tokens.length}`);
    }
    for (let run = 0; run < REFERENCE_LIST_RUNS; run++)
      figures.listMs.push((await session.run('ls -R -f')).ms);
    for (let run = 0; run < 20; run++) figures.roundTripMs.push((await session.run('')).ms);
    const prefixes = keystrokePrefixes();
    for (let round = 0; round < REFERENCE_SEARCH_ROUNDS; round++) {
      for (const prefix of prefixes)
        figures.searchMs.push((await session.run(`search ${quoteArgument(prefix)}`)).ms);
    }
    figures.rssBytes = session.rssBytes();
  } finally {
    await session.close();
  }

  // Import: the same rows as a KeePass XML export, into a new KDBX. The KDF (and keepassxc's calibration of it,
  // kept at its 100 ms minimum) is the same for 10,000 entries and for none, so the difference is the import itself.
  const xmlFull = join(root, 'reference-10k.xml');
  const xmlEmpty = join(root, 'reference-empty.xml');
  writeFileSync(xmlFull, await keepassXml(toGroups(tokens), name));
  writeFileSync(xmlEmpty, await keepassXml(toGroups([]), name));
  for (let run = 0; run < IMPORT_RUNS; run++) {
    for (const [xml, into] of [
      [xmlEmpty, figures.importEmptyMs],
      [xmlFull, figures.importFullMs],
    ] as const) {
      const target = join(root, `imported-${run}-${into === figures.importFullMs ? 'full' : 'empty'}.kdbx`);
      into.push(
        timeCommand(['import', '-q', '-p', '-t', '100', xml, target], `${password}\n${password}\n`).ms,
      );
    }
  }
  rmSync(xmlFull, { force: true });
  return figures;
}

function metric(
  id: string,
  label: string,
  unit: Metric['unit'],
  ours: number,
  reference: number | null,
  target?: number,
): Metric {
  return {
    id,
    label,
    unit,
    ours: round(ours),
    reference: reference === null ? null : round(reference),
    ratio: reference ? round(ours / reference, 3) : null,
    ...(target === undefined ? {} : { target, met: ours <= target }),
  };
}

function printTable(metrics: Metric[]): void {
  const cell = (value: number | null, unit: string) =>
    value === null ? 'n/a' : `${value.toFixed(unit === 'MiB' ? 1 : 2)} ${unit}`;
  const header = ['', 'tokenvault', 'keepassxc-cli', 'ratio', 'target'];
  const rows = metrics.map((m) => [
    m.label,
    cell(m.ours, m.unit),
    cell(m.reference, m.unit),
    m.ratio === null ? 'n/a' : m.ratio.toFixed(3),
    m.target === undefined ? '' : `<= ${m.target} ${m.unit} ${m.met ? 'met' : 'MISSED'}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (const row of [header, ...rows]) {
    console.log(row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '));
  }
}

async function main(): Promise<void> {
  if (process.argv[2] === '--session') return sessionPhase(process.argv[3]!);

  const root = mkdtempSync(join(tmpdir(), 'tokenvault-bench-'));
  try {
    const tokens = makeBenchTokens(TOKEN_COUNT);
    console.log(
      `vault core: ${TOKEN_COUNT} tokens, ${cpus().length} x ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`,
    );
    const built = await buildVaults(root, tokens);
    const p = built.params;
    console.log(`Argon2id m=${p.memoryKiB / 1024} MiB t=${p.iterations} p=${p.parallelism} for both tools`);
    const session = runSession(built.dir);
    const reference = process.env.BENCH_SKIP_REFERENCE
      ? { unavailable: `not measured at this size (${process.env.BENCH_SKIP_REFERENCE})` }
      : await measureReference(root, tokens, p);
    const ref = 'unavailable' in reference ? null : reference;
    if (!ref) console.log(`reference: ${(reference as { unavailable: string }).unavailable}`);
    else
      console.log(
        `reference: ${ref.version}; keepassxc-cli figures include its pipe round trip (p50 ${round(median(ref.roundTripMs))} ms)`,
      );

    const refOpenBeyondKdf = ref ? median(ref.openFullMs) - median(ref.openEmptyMs) : null;
    const metrics: Metric[] = [
      metric(
        'import',
        `bulk import of ${TOKEN_COUNT} tokens (one transaction)`,
        'ms',
        median(built.importMs),
        ref ? median(ref.importFullMs) - median(ref.importEmptyMs) : null,
        1000,
      ),
      metric('kdf', 'KDF (Argon2id) on unlock', 'ms', median(session.kdfMs), null),
      metric(
        'unlockBeyondKdf',
        'unlock beyond the KDF',
        'ms',
        median(session.afterKdfMs),
        refOpenBeyondKdf,
        50,
      ),
      metric(
        'unlockBeyondKdfWithFirstList',
        'unlock beyond the KDF + first full list',
        'ms',
        median(session.afterKdfMs.map((ms, i) => ms + session.firstListMs[i]!)),
        refOpenBeyondKdf,
      ),
      metric(
        'listP50',
        `list all ${TOKEN_COUNT} p50`,
        'ms',
        percentile(session.listMs, 50),
        ref ? percentile(ref.listMs, 50) : null,
      ),
      metric(
        'listP95',
        `list all ${TOKEN_COUNT} p95`,
        'ms',
        percentile(session.listMs, 95),
        ref ? percentile(ref.listMs, 95) : null,
      ),
      metric(
        'firstSearch',
        'first search after unlock ("s", every token tested)',
        'ms',
        median(session.firstSearchMs),
        ref ? percentile(ref.searchMs, 50) : null,
      ),
      metric('setsBuilt', 'search sets built in the background, after it', 'ms', session.setsBuiltMs, null),
      metric(
        'searchWhileBuildingP95',
        `keystroke p95 while they are built (${session.buildingSearchMs.length} typed)`,
        'ms',
        percentile(session.buildingSearchMs, 95),
        ref ? percentile(ref.searchMs, 95) : null,
      ),
      metric(
        'searchP50',
        'search keystroke p50 (sets built)',
        'ms',
        percentile(session.searchMs, 50),
        ref ? percentile(ref.searchMs, 50) : null,
      ),
      metric(
        'searchP95',
        'search keystroke p95 (sets built)',
        'ms',
        percentile(session.searchMs, 95),
        ref ? percentile(ref.searchMs, 95) : null,
        5,
      ),
      metric(
        'searchCpuP95',
        'search keystroke p95 (sets built), CPU time',
        'ms',
        percentile(session.searchCpuMs, 95),
        null,
      ),
      metric(
        'rss',
        'process RSS, unlocked, after list + search',
        'MiB',
        session.rssBytes / MiB,
        ref?.rssBytes ? ref.rssBytes / MiB : null,
        150,
      ),
    ];
    printTable(metrics);
    const map = session.memoryMap;
    if (map) {
      const spaces = Object.entries(map.heapSpaces)
        .map(([name, space]) => `${name.replace(/_space$/, '')} ${space.used}/${space.size}`)
        .join(', ');
      console.log(
        `RSS by part (MiB): node executable ${map.nodeExecutable}, anonymous ${map.anonymous}, malloc heap ${map.mallocHeap}, libraries ${map.libraries}, other ${map.other}; V8 spaces used/committed: ${spaces}`,
      );
    }
    const result = {
      bench: 'vault-core',
      tokens: TOKEN_COUNT,
      argon2id: p,
      searchKeystrokes: keystrokePrefixes().length,
      searchMatchesPerRound: session.searchMatches,
      reference: ref ? { tool: 'keepassxc-cli', version: ref.version } : reference,
      metrics,
      samples: { import: built.importMs, session, reference: ref },
    };
    if (process.env.BENCH_RESULT_FILE)
      writeFileSync(process.env.BENCH_RESULT_FILE, `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
