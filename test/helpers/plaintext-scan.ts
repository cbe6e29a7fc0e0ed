import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every regular file under `dir`, recursively. Entries that vanish while they are listed are left out: scans of the
 * shared temp folder race with other test workers, whose files come and go.
 */
export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return out;
    throw error;
  }
  for (const name of names) {
    const path = join(dir, name);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (stat?.isDirectory()) out.push(...filesUnder(path));
    else if (stat?.isFile()) out.push(path);
  }
  return out.sort();
}

/** A file's bytes, or an empty buffer when it has gone since it was listed (see filesUnder). */
export function readIfPresent(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return Buffer.alloc(0);
    throw error;
  }
}

function utf16be(text: string): Buffer {
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.alloc(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    be[i] = le[i + 1]!;
    be[i + 1] = le[i]!;
  }
  return be;
}

/** The byte forms a secret could take in a file: UTF-8, UTF-16LE, UTF-16BE. */
export function encodings(secret: string): { encoding: string; bytes: Buffer }[] {
  return [
    { encoding: 'UTF-8', bytes: Buffer.from(secret, 'utf8') },
    { encoding: 'UTF-16LE', bytes: Buffer.from(secret, 'utf16le') },
    { encoding: 'UTF-16BE', bytes: utf16be(secret) },
  ];
}

export interface PlaintextHit {
  file: string;
  /** Which needle (by its index in the list given), never the needle itself: a report must not print secrets. */
  needleIndex: number;
  encoding: string;
}

/** Files under `dir` that contain any needle in any encoding. Reports positions by index, never values. */
export function findPlaintext(dir: string, needles: readonly string[]): PlaintextHit[] {
  const hits: PlaintextHit[] = [];
  for (const file of filesUnder(dir)) {
    const content = readFileSync(file);
    needles.forEach((needle, needleIndex) => {
      for (const { encoding, bytes } of encodings(needle)) {
        if (content.includes(bytes)) hits.push({ file: relative(dir, file), needleIndex, encoding });
      }
    });
  }
  return hits;
}
