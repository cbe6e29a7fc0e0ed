import { configure, Uint8ArrayReader, ZipReader } from '@zip.js/zip.js';
import { VaultError } from '../../../shared/errors';
import { isAllocationFailure, outOfMemoryError } from './allocation-failure';

configure({ useWebWorkers: false });

export interface UnzipLimits {
  maxEntries: number;
  /** Total bytes inflated over all entries read, counted chunk by chunk as they inflate. */
  maxInflatedBytes: number;
}

class TooMuch extends Error {}

/**
 * Reads the named entries of a ZIP held in memory, never trusting the sizes its headers claim: the entry count is
 * capped while the central directory is walked, and inflated bytes are counted as they come, so a ZIP bomb stops at
 * the cap instead of filling memory.
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
    reader = new ZipReader(new Uint8ArrayReader(bytes), { useWebWorkers: false });
    let count = 0;
    for await (const entry of reader.getEntriesGenerator()) {
      if (++count > limits.maxEntries)
        throw new VaultError('INVALID_INPUT', `${what} holds more than ${limits.maxEntries} files.`);
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
    throw new VaultError('INVALID_INPUT', `${what} is not a valid ZIP file or is damaged.`);
  } finally {
    await reader?.close().catch(() => undefined);
  }
  return found;
}
