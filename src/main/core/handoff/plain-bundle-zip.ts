import { VaultError } from '../../../shared/errors';
import type { HandoffDocument } from '../../../shared/handoff-format';
import { bundleEntryContents, BUNDLE_ENTRIES } from './bundle-files';
import { parseHandoffDocument } from './bundle-document';
import { MAX_BUNDLE_BYTES } from './bundle-zip';
import { zipLibrary } from './zip-library';

/**
 * The ZIP inside an age bundle: the same four entries as the AES bundle, without a password of its own (age
 * encrypts and authenticates the whole file). Deflated, dated the moment the bundle was made.
 */
export async function writePlainBundleZip(doc: HandoffDocument): Promise<Uint8Array> {
  const { TextReader, Uint8ArrayWriter, ZipWriter } = await zipLibrary();
  const writer = new ZipWriter(new Uint8ArrayWriter(), {
    useWebWorkers: false,
    lastModDate: new Date(doc.createdAt),
  });
  const contents = bundleEntryContents(doc, 'age');
  for (const name of BUNDLE_ENTRIES) await writer.add(name, new TextReader(contents[name]));
  return writer.close();
}

/** tokens.json never needs more than the whole bundle's cap, whatever its header claims. */
export const MAX_INNER_ENTRY_BYTES = MAX_BUNDLE_BYTES;
const notABundle = (why: string) =>
  new VaultError('BUNDLE_INVALID', `The decrypted file is not a Token Vault bundle: ${why}.`);

/** Collects inflated bytes and stops the inflater as soon as they pass the cap (a header's size can lie). */
function cappedSink(maxBytes: number) {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const writable = new WritableStream<Uint8Array>({
    write(chunk) {
      total += chunk.byteLength;
      if (total > maxBytes) throw notABundle(`tokens.json inflates to more than ${maxBytes} bytes`);
      chunks.push(chunk);
    },
  });
  return { writable, text: () => Buffer.concat(chunks, total).toString('utf8') };
}

/**
 * Read the inner ZIP of an age bundle: at most the four known entries, each named once, none encrypted, and
 * tokens.json inflated under a cap; then tokens.json is checked like any bundle's. Nothing is written to disk.
 */
export async function readPlainBundleZip(
  bytes: Uint8Array,
  maxEntryBytes = MAX_INNER_ENTRY_BYTES,
): Promise<HandoffDocument> {
  const { Uint8ArrayReader, ZipReader } = await zipLibrary();
  const reader = new ZipReader(new Uint8ArrayReader(bytes), { useWebWorkers: false });
  try {
    const seen = new Set<string>();
    let json: { sink: ReturnType<typeof cappedSink> } | undefined;
    // The generator stops at the first surplus entry: a central directory of a million names is never listed.
    for await (const entry of reader.getEntriesGenerator()) {
      if (!(BUNDLE_ENTRIES as readonly string[]).includes(entry.filename) || seen.has(entry.filename))
        throw notABundle(`it holds an entry other than ${BUNDLE_ENTRIES.join(', ')} (or one twice)`);
      seen.add(entry.filename);
      if (entry.directory || entry.encrypted) throw notABundle(`${entry.filename} is not a plain file`);
      if (entry.filename !== 'tokens.json') continue;
      if (entry.uncompressedSize > maxEntryBytes)
        throw notABundle('tokens.json says it is larger than any bundle');
      const sink = cappedSink(maxEntryBytes);
      await entry.getData!(sink.writable, { useWebWorkers: false });
      json = { sink };
    }
    if (!json) throw notABundle('it has no tokens.json');
    return parseHandoffDocument(json.sink.text());
  } catch (error) {
    if (error instanceof VaultError) throw error;
    throw notABundle('its ZIP structure is damaged');
  } finally {
    await reader.close().catch(() => undefined);
  }
}
