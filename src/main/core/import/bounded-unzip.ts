import {
  configure,
  ERR_AMBIGUOUS_ARCHIVE,
  ERR_UNSAFE_FILENAME,
  Uint8ArrayReader,
  ZipReader,
} from '@zip.js/zip.js';
import { VaultError } from '../../../shared/errors';
import { isAllocationFailure, outOfMemoryError } from './allocation-failure';

configure({ useWebWorkers: false });

export interface UnzipLimits {
  maxEntries: number;
  /** Total bytes inflated over all entries read, counted chunk by chunk as they inflate. */
  maxInflatedBytes: number;
}

class TooMuch extends Error {}

/** How two entry names compare: a case-insensitive or normalising file system puts both in one file. */
function nameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

function shownName(name: string): string {
  return JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}...` : name);
}

/**
 * Reads the named entries of a ZIP held in memory, never trusting the sizes its headers claim: the entry count is
 * capped while the central directory is walked, and inflated bytes are counted as they come, so a ZIP bomb stops at
 * the cap instead of filling memory. A ZIP that means two things to two readers is refused, not resolved: two
 * entries of one name (or names one file system cannot tell apart), and everything zip.js's "strict" reading
 * refuses (data before or after the archive, a local header that disagrees with the central directory, an entry
 * name that is absolute or has a "..", "." or empty path part).
 */
export async function readZipEntries(
  bytes: Uint8Array,
  wanted: (name: string) => boolean,
  limits: UnzipLimits,
  what: string,
): Promise<Map<string, Uint8Array>> {
  const found = new Map<string, Uint8Array>();
  let reader: ZipReader<unknown> | undefined;
  let inflated = 0;
  try {
    reader = new ZipReader(new Uint8ArrayReader(bytes), { useWebWorkers: false, strictness: 'strict' });
    const names = new Map<string, string>();
    for await (const entry of reader.getEntriesGenerator()) {
      if (names.size >= limits.maxEntries)
        throw new VaultError('INVALID_INPUT', `${what} holds more than ${limits.maxEntries} files.`);
      const key = nameKey(entry.filename);
      const earlier = names.get(key);
      if (earlier !== undefined)
        throw new VaultError(
          'INVALID_INPUT',
          `${what} holds two entries named ${earlier === entry.filename ? shownName(earlier) : `${shownName(earlier)} and ${shownName(entry.filename)}`}, which ZIP readers resolve differently, so it is refused.`,
        );
      names.set(key, entry.filename);
      if (entry.directory || !wanted(entry.filename)) continue;
      if (entry.encrypted)
        throw new VaultError('INVALID_INPUT', `${what} is password-protected; export it again without one.`);
      const chunks: Uint8Array[] = [];
      const sink = new WritableStream<Uint8Array>({
        write(chunk) {
          inflated += chunk.byteLength;
          if (inflated > limits.maxInflatedBytes) throw new TooMuch();
          chunks.push(chunk);
        },
      });
      await entry.getData(sink, { checkSignature: true });
      found.set(entry.filename, Buffer.concat(chunks));
    }
  } catch (error) {
    if (error instanceof VaultError) throw error;
    if (error instanceof TooMuch || (error as { cause?: unknown })?.cause instanceof TooMuch)
      throw new VaultError(
        'INVALID_INPUT',
        `${what} inflates to more than ${Math.round(limits.maxInflatedBytes / 1024 / 1024)} MiB, far more than any export: it is not read.`,
      );
    if (isAllocationFailure(error) || isAllocationFailure((error as { cause?: unknown })?.cause))
      throw outOfMemoryError(what, error);
    if ((error as Error)?.message === ERR_UNSAFE_FILENAME)
      throw new VaultError(
        'INVALID_INPUT',
        `${what} holds an entry named ${shownName(String((error as { filename?: unknown }).filename ?? ''))}, which does not name one file inside the export (an absolute path, "..", "." or an empty part), so it is refused.`,
      );
    if ((error as Error)?.message === ERR_AMBIGUOUS_ARCHIVE)
      throw new VaultError(
        'INVALID_INPUT',
        `${what} is a ZIP that ZIP readers can read two ways (${String((error as { reason?: unknown }).reason ?? 'ambiguous')}), so it is refused.`,
      );
    throw new VaultError('INVALID_INPUT', `${what} is not a valid ZIP file or is damaged.`);
  } finally {
    await reader?.close().catch(() => undefined);
  }
  return found;
}
