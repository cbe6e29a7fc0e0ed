import type { ZipReader } from '@zip.js/zip.js';
import { VaultError } from '../../../shared/errors';
import {
  handoffDocumentSchema,
  HANDOFF_FORMAT,
  HANDOFF_VERSION,
  type HandoffDocument,
} from '../../../shared/handoff-format';
import { bundleEntryContents, BUNDLE_ENTRIES } from './bundle-files';
import { applySeal, checkSeal, sealPlaceholder } from './bundle-seal';
import { aesPasswordMatches } from './bundle-aes-verifier';
import { checkBundleLayout } from './bundle-layout';
import { describeSize } from '../fs/read-bounded';
import { zipLibrary } from './zip-library';

/** An AES-256 ZIP (WinZip AE-2: no CRC stored, each entry authenticated by HMAC-SHA1), built in memory. */
export async function writeBundle(doc: HandoffDocument, password: string): Promise<Uint8Array> {
  const { TextReader, Uint8ArrayWriter, ZipWriter } = await zipLibrary();
  const writer = new ZipWriter(new Uint8ArrayWriter(), {
    password,
    encryptionStrength: 3,
    zipCrypto: false,
    useWebWorkers: false,
    lastModDate: new Date(doc.createdAt),
  });
  const contents = bundleEntryContents(doc, 'aes-zip');
  for (const name of BUNDLE_ENTRIES) await writer.add(name, new TextReader(contents[name]));
  const sealed = applySeal(await writer.close(sealPlaceholder()), password);
  // A bundle we write must be one readBundle opens: same size cap, same inflation cap.
  const cap = inflationCap(sealed.byteLength);
  if (
    sealed.byteLength > MAX_BUNDLE_BYTES ||
    checkBundleLayout(sealed).some((entry) => entry.uncompressedSize > cap)
  ) {
    throw new VaultError(
      'INVALID_INPUT',
      `These tokens make a bundle larger than a handoff bundle can be (${describeSize(MAX_BUNDLE_BYTES)}, each file inside at most ${describeSize(INFLATION_ALLOWANCE_BYTES)} plus the bundle's size); hand them over in smaller bundles.`,
    );
  }
  return sealed;
}

/**
 * The largest bundle file opened. 10,000 tokens with short values and every field stay far below it; a bigger file
 * is refused from its size alone, before a byte of it is read (see handoff open in docs/cli.md).
 */
export const MAX_BUNDLE_BYTES = 256 * 1024 * 1024;
/** Each entry may inflate to at most this plus the bundle file's size (see inflationCap). */
export const INFLATION_ALLOWANCE_BYTES = 16 * 1024 * 1024;

/** Token values are close to random, so a real entry inflates to about its compressed size; a bomb does not. */
export function inflationCap(bundleBytes: number): number {
  return INFLATION_ALLOWANCE_BYTES + bundleBytes;
}

const ALTERED = 'This file is damaged or was altered after it was made (its integrity check failed).';

class InflationCapExceeded extends Error {}

/**
 * A sink for one entry's plaintext that refuses, while zip.js is still inflating, the byte past the size the
 * central directory declared (zip.js stops there too): the declared size is covered by the seal, and is itself
 * at most inflationCap. Only tokens.json is kept (the chunks themselves, not copies); the other entries are read
 * only so that their authentication codes are checked.
 */
function cappedSink(limit: number, keep: boolean) {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const writable = new WritableStream<Uint8Array>({
    write(chunk) {
      total += chunk.byteLength;
      if (total > limit) throw new InflationCapExceeded();
      if (keep) chunks.push(chunk);
    },
  });
  return {
    writer: { writable },
    exceeded: () => total > limit,
    bytes: () => Buffer.concat(chunks, total),
  };
}

/** zip.js's own stop at the declared size, or ours. */
function isOverDeclaredSize(error: unknown, sink: { exceeded: () => boolean }): boolean {
  return sink.exceeded() || /uncompressed size/i.test(String((error as Error)?.message ?? ''));
}

function parseDocument(text: string): HandoffDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new VaultError('BUNDLE_INVALID', 'tokens.json in this bundle is not valid JSON.');
  }
  const header = parsed as { format?: unknown; version?: unknown };
  if (header?.format !== HANDOFF_FORMAT)
    throw new VaultError('BUNDLE_INVALID', 'This ZIP is not a Token Vault handoff bundle.');
  if (header.version !== HANDOFF_VERSION) {
    throw new VaultError(
      'BUNDLE_INVALID',
      `This bundle uses format version ${String(header.version)}, which this app does not know; update Token Vault.`,
    );
  }
  const result = handoffDocumentSchema.safeParse(parsed);
  if (!result.success)
    throw new VaultError('BUNDLE_INVALID', 'tokens.json in this bundle does not follow the handoff format.');
  return result.data;
}

/** The sentence for a password ZIP over the bundle cap, whether judged from its bytes or from its size on disk. */
export function bundleTooBigSentence(size: number): string {
  return `This file is ${describeSize(size)}, more than the ${describeSize(MAX_BUNDLE_BYTES)} a handoff bundle can be, so it is not one.`;
}

/**
 * Open a bundle, in an order that spends nothing on a hostile file: the layout from the raw bytes
 * (bundle-layout.ts), then the seal over the raw bytes, and only then decryption and inflation, each entry
 * stopped at its declared size. Wrong password -> WRONG_PASSWORD; anything else wrong (a flipped bit, a ZIP that
 * is not a bundle, an unknown schema version, a bomb) -> BUNDLE_INVALID. Nothing is written anywhere.
 */
export async function readBundle(bytes: Uint8Array, password: string): Promise<HandoffDocument> {
  if (bytes.byteLength > MAX_BUNDLE_BYTES) {
    throw new VaultError('BUNDLE_INVALID', bundleTooBigSentence(bytes.byteLength));
  }
  const layout = checkBundleLayout(bytes);
  const seal = checkSeal(bytes, password);
  if (seal === 'missing') throw new VaultError('BUNDLE_INVALID', ALTERED);
  if (seal === 'mismatch') {
    // The seal's key comes from the password, so a wrong password fails it too: the AES verifiers tell which.
    if (!layout.some((entry) => aesPasswordMatches(bytes, entry, password)))
      throw new VaultError('WRONG_PASSWORD', 'Wrong bundle password.');
    throw new VaultError('BUNDLE_INVALID', ALTERED);
  }
  const cap = inflationCap(bytes.byteLength);
  for (const entry of layout) {
    if (entry.uncompressedSize > cap) {
      throw new VaultError(
        'BUNDLE_INVALID',
        `The entry ${entry.name} says it inflates to ${describeSize(entry.uncompressedSize)}, more than the ${describeSize(cap)} a bundle of this size can hold, so it is refused.`,
      );
    }
  }

  const { Uint8ArrayReader, ZipReader: Reader } = await zipLibrary();
  let reader: ZipReader<unknown> | undefined;
  try {
    reader = new Reader(new Uint8ArrayReader(bytes), {
      password,
      useWebWorkers: false,
    });
    let json: Buffer | undefined;
    for (const entry of await reader.getEntries()) {
      if (entry.directory || !('getData' in entry)) throw new VaultError('BUNDLE_INVALID', ALTERED);
      const sink = cappedSink(entry.uncompressedSize, entry.filename === 'tokens.json');
      try {
        await entry.getData!(sink.writer, { password, checkSignature: true });
      } catch (error) {
        if (isOverDeclaredSize(error, sink)) {
          throw new VaultError(
            'BUNDLE_INVALID',
            `The entry ${entry.filename} inflates to more than the ${describeSize(entry.uncompressedSize)} it declares, so the bundle is refused.`,
          );
        }
        throw error;
      }
      if (entry.filename === 'tokens.json') json = sink.bytes();
    }
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(json);
    } catch {
      throw new VaultError('BUNDLE_INVALID', 'tokens.json in this bundle is not valid UTF-8 text.');
    }
    return parseDocument(text);
  } catch (error) {
    if (error instanceof VaultError) throw error;
    throw new VaultError('BUNDLE_INVALID', ALTERED);
  } finally {
    await reader?.close().catch(() => undefined);
  }
}
