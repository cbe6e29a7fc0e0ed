import type { armor as Armor } from 'age-encryption';
import { VaultError } from '../../../shared/errors';
import type { HandoffDocument } from '../../../shared/handoff-format';
import { MAX_BUNDLE_BYTES } from './bundle-zip';
import { readPlainBundleZip, writePlainBundleZip } from './plain-bundle-zip';
import { ageLibrary } from '../age/age-library';

/** The first line of every binary age file (age-encryption.org/v1). */
const AGE_MAGIC = 'age-encryption.org/v1\n';
const ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';
/**
 * The decrypted ZIP is capped like any bundle; the file may be a third bigger when armored (base64 in 64-column
 * lines), so the file itself is read up to 1.4 times that.
 */
export const MAX_AGE_PLAINTEXT_BYTES = MAX_BUNDLE_BYTES;
export const MAX_AGE_FILE_BYTES = Math.ceil(MAX_BUNDLE_BYTES * 1.4);
const CHUNK_BYTES = 64 * 1024;

export type AgeBundleFormat = 'age' | 'age-armor';

/** True when the bytes are an age file, binary or ASCII-armored (what `handoff open` looks at, not the name). */
export function isAgeFile(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 64))
    .toString('latin1')
    .trimStart();
  return head.startsWith(AGE_MAGIC) || head.startsWith(ARMOR_BEGIN);
}

/** One `.age` file for one X25519 recipient, whose plaintext is the plain bundle ZIP. */
export async function writeAgeBundle(
  doc: HandoffDocument,
  recipient: string,
  format: AgeBundleFormat,
): Promise<Uint8Array> {
  const { armor, Encrypter } = await ageLibrary();
  const encrypter = new Encrypter();
  encrypter.addRecipient(recipient);
  const encrypted = await encrypter.encrypt(await writePlainBundleZip(doc));
  return format === 'age-armor' ? new TextEncoder().encode(armor.encode(encrypted)) : encrypted;
}

function byteStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + CHUNK_BYTES));
      offset += CHUNK_BYTES;
    },
  });
}

const altered = () =>
  new VaultError(
    'BUNDLE_INVALID',
    'This age file is damaged or was altered after it was made (its authentication failed).',
  );

function binaryOf(bytes: Uint8Array, armor: typeof Armor): Uint8Array {
  if (bytes.byteLength > MAX_AGE_FILE_BYTES)
    throw new VaultError(
      'BUNDLE_INVALID',
      'This file is far larger than any handoff bundle, so it is not one.',
    );
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 64)).toString('latin1');
  if (head.trimStart().startsWith(ARMOR_BEGIN)) {
    try {
      return armor.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'));
    } catch {
      throw new VaultError(
        'BUNDLE_INVALID',
        'This armored age file is damaged (its text block does not decode).',
      );
    }
  }
  if (!head.startsWith(AGE_MAGIC))
    throw new VaultError('BUNDLE_INVALID', 'This file is not an age-encrypted file.');
  return bytes;
}

/**
 * Decrypt an age bundle with the given identities and read the ZIP inside. A file not encrypted to any of them is
 * WRONG_PASSWORD (CLI exit 3): age cannot tell that from a recipient line altered in transit, and says neither more.
 * A header or payload that fails authentication, or anything else wrong, is BUNDLE_INVALID (exit 6). The decrypted
 * size is checked from the file's length first and counted again while streaming.
 */
export async function readAgeBundle(
  bytes: Uint8Array,
  identities: readonly string[],
): Promise<HandoffDocument> {
  const { armor, Decrypter } = await ageLibrary();
  const binary = binaryOf(bytes, armor);
  const decrypter = new Decrypter();
  for (const identity of identities) decrypter.addIdentity(identity);
  let plaintext: ReadableStream<Uint8Array> & { size(sourceSize: number): number };
  try {
    plaintext = await decrypter.decrypt(byteStream(binary));
  } catch (error) {
    const message = String((error as Error)?.message ?? '');
    if (/no identity matched/.test(message))
      throw new VaultError(
        'WRONG_PASSWORD',
        'This bundle was not encrypted to this key: the sender used another age key (or its recipient line was altered).',
      );
    throw altered();
  }
  let expected: number;
  try {
    expected = plaintext.size(binary.byteLength);
  } catch {
    throw altered();
  }
  if (expected > MAX_AGE_PLAINTEXT_BYTES)
    throw new VaultError('BUNDLE_INVALID', 'This age file decrypts to more than any handoff bundle holds.');
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = plaintext.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > MAX_AGE_PLAINTEXT_BYTES)
        throw new VaultError(
          'BUNDLE_INVALID',
          'This age file decrypts to more than any handoff bundle holds.',
        );
      chunks.push(value);
    }
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    if (error instanceof VaultError) throw error;
    throw altered();
  }
  return readPlainBundleZip(Buffer.concat(chunks, total));
}
