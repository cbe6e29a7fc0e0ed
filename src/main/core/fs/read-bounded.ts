import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { VaultError, type ErrorCode } from '../../../shared/errors';

export interface BoundedReadOptions {
  /** The largest file accepted, in bytes; one byte more is read to tell "at the cap" from "over it". */
  maxBytes: number;
  /** What the file is, for the sentences: "The value file", "The bundle". */
  what: string;
  /** The code for a file that exists but is refused (too big, not a regular file); INVALID_INPUT by default. */
  refusedCode?: ErrorCode;
  /**
   * When the cap depends on what the file is: called with the file's first bytes (at most 64) before anything else
   * is read; returns the cap and the sentence for a file over it. `maxBytes` stays the cap for any kind.
   */
  capForStart?: (start: Buffer) => { maxBytes: number; tooBig: (size: number) => string } | null;
}

const START_BYTES = 64;

const CHUNK_BYTES = 64 * 1024;

export function describeSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} bytes`;
}

/**
 * Reads a whole file of outside input, never more than `maxBytes + 1` bytes, and only if it is a regular file.
 * A FIFO, a device such as /dev/zero or a folder is refused before any read: the file is opened non-blocking
 * (so a FIFO with no writer cannot hang the open) and checked with fstat on the very descriptor that is read,
 * so nothing can swap the file in between. Standard input is read by its own bounded reader, not here.
 */
export function readBoundedFile(path: string, options: BoundedReadOptions): Buffer {
  const refused = options.refusedCode ?? 'INVALID_INPUT';
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new VaultError('NOT_FOUND', `${options.what} does not exist: ${path}`);
    if (code === 'EACCES' || code === 'EPERM') {
      throw new VaultError('IO', `${options.what} cannot be read (permission denied): ${path}`);
    }
    if (code === 'EISDIR') throw new VaultError(refused, `${options.what} is a folder, not a file: ${path}`);
    throw new VaultError('IO', `${options.what} cannot be read: ${path}`);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new VaultError(refused, `${options.what} is a folder, not a file: ${path}`);
    if (!stat.isFile()) {
      throw new VaultError(
        refused,
        `${options.what} is not a regular file (a pipe or a device is not read): ${path}`,
      );
    }
    if (stat.size > options.maxBytes) {
      throw new VaultError(
        refused,
        `${options.what} is ${describeSize(stat.size)}, more than the ${describeSize(options.maxBytes)} accepted.`,
      );
    }
    if (options.capForStart) {
      const start = Buffer.alloc(Math.min(START_BYTES, stat.size));
      const cap = options.capForStart(start.subarray(0, readSync(fd, start, 0, start.length, 0)));
      if (cap && stat.size > cap.maxBytes) throw new VaultError(refused, cap.tooBig(stat.size));
    }
    // The size can still grow while we read (a file being written): read at most the cap + 1 and judge that.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, options.maxBytes + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > options.maxBytes) {
        throw new VaultError(
          refused,
          `${options.what} is more than the ${describeSize(options.maxBytes)} accepted.`,
        );
      }
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}
