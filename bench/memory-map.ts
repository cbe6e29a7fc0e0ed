import { readFileSync } from 'node:fs';
import { getHeapSpaceStatistics } from 'node:v8';

/** Resident MiB of this process by where it lives, so a change in RSS can be put down to one part. */
export interface MemoryMap {
  /** The node executable's own pages (code and read-only data, ICU included): the same for any script. */
  nodeExecutable: number;
  /** Anonymous mappings: V8's heap spaces, and native allocations large enough for their own mmap. */
  anonymous: number;
  /** The C allocator's main arena (SQLite's page cache, addon allocations). */
  mallocHeap: number;
  /** Shared libraries and addons. */
  libraries: number;
  other: number;
  /** V8's heap spaces: committed and used MiB each. */
  heapSpaces: Record<string, { size: number; used: number }>;
}

const MiB = 1024 * 1024;

/** Read from /proc/self/smaps (Linux); null elsewhere. */
export function memoryMap(): MemoryMap | null {
  let text: string;
  try {
    text = readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return null;
  }
  const kib = { nodeExecutable: 0, anonymous: 0, mallocHeap: 0, libraries: 0, other: 0 };
  let part: keyof typeof kib = 'other';
  for (const line of text.split('\n')) {
    const mapping = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (mapping) {
      const name = mapping[1] ?? '';
      part =
        name === process.execPath || name.endsWith('/node')
          ? 'nodeExecutable'
          : name === ''
            ? 'anonymous'
            : name === '[heap]'
              ? 'mallocHeap'
              : /\.so(\.|$)|\.node$/.test(name)
                ? 'libraries'
                : 'other';
      continue;
    }
    const rss = /^Rss:\s+(\d+) kB/.exec(line);
    if (rss) kib[part] += Number(rss[1]);
  }
  const toMiB = (k: number) => Math.round((k / 1024) * 10) / 10;
  return {
    nodeExecutable: toMiB(kib.nodeExecutable),
    anonymous: toMiB(kib.anonymous),
    mallocHeap: toMiB(kib.mallocHeap),
    libraries: toMiB(kib.libraries),
    other: toMiB(kib.other),
    heapSpaces: Object.fromEntries(
      getHeapSpaceStatistics()
        .filter((space) => space.space_size > 0)
        .map((space) => [
          space.space_name,
          {
            size: Math.round((space.space_size / MiB) * 10) / 10,
            used: Math.round((space.space_used_size / MiB) * 10) / 10,
          },
        ]),
    ),
  };
}
