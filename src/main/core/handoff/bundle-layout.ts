import { VaultError } from '../../../shared/errors';
import { BUNDLE_ENTRIES } from './bundle-files';
import { SEAL_LENGTH } from './bundle-seal';

/**
 * A bundle must mean one thing to every reader. ZIP lets one file say different things to different programs:
 * two entries of the same name (we would show the last, 7-Zip extracts the first), a local header whose name is
 * not the central directory's (streaming readers trust the first, we trust the second), bytes hidden between
 * entries, an entry left unencrypted. So the layout is checked, from the raw bytes and before the password is
 * used, against the only one bundle-zip.ts writes: exactly the four entries of BUNDLE_ENTRIES, each AES-256
 * encrypted (AE-2), laid end to end from byte 0, then the central directory, then the end record and the seal.
 * Nothing here decrypts or inflates; bundle-zip.ts does that only after the seal checks out.
 */

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const DATA_DESCRIPTOR = 0x08074b50;
const END_RECORD_BYTES = 22;
const AES_METHOD = 99;
const AES_EXTRA_FIELD = 0x9901;
const AES_256_STRENGTH = 3;
/** AES-256 entries start with a 16-byte salt and a 2-byte password verifier. */
export const AES_SALT_BYTES = 16;

export interface BundleEntryLayout {
  name: (typeof BUNDLE_ENTRIES)[number];
  /** Where the entry's data (salt, verifier, ciphertext, authentication code) starts and how long it is. */
  dataOffset: number;
  compressedSize: number;
  /** The size the central directory declares once inflated; inflation is stopped one byte past it. */
  uncompressedSize: number;
}

const DAMAGED = 'This file is damaged or was altered after it was made (its integrity check failed).';

function damaged(): VaultError {
  return new VaultError('BUNDLE_INVALID', DAMAGED);
}

/** A name from a hostile file, safe to print in one line: escaped, and cut short. */
function shown(name: string): string {
  const quoted = JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name);
  return quoted.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function extraField(bytes: Buffer, start: number, length: number, id: number): Buffer | undefined {
  const end = start + length;
  for (let at = start; at + 4 <= end;) {
    const fieldId = bytes.readUInt16LE(at);
    const size = bytes.readUInt16LE(at + 2);
    if (at + 4 + size > end) return undefined;
    if (fieldId === id) return bytes.subarray(at + 4, at + 4 + size);
    at += 4 + size;
  }
  return undefined;
}

function isAes256(flags: number, method: number, aes: Buffer | undefined): boolean {
  return (
    (flags & 0x01) === 1 &&
    method === AES_METHOD &&
    aes !== undefined &&
    aes.length === 7 &&
    aes.subarray(2, 4).toString('latin1') === 'AE' &&
    aes.readUInt8(4) === AES_256_STRENGTH &&
    [0, 8].includes(aes.readUInt16LE(5))
  );
}

function decodeName(raw: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return raw.toString('latin1');
  }
}

/**
 * The four entries of a bundle, or a refusal (BUNDLE_INVALID) in one sentence: not a sealed ZIP, the wrong number
 * of entries, an entry Token Vault does not write, a name given twice, an entry not encrypted with AES-256, or any
 * byte that is not where the writer puts it.
 */
export function checkBundleLayout(input: Uint8Array): BundleEntryLayout[] {
  const bytes = Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  const end = bytes.length - SEAL_LENGTH - END_RECORD_BYTES;
  if (end < 0 || bytes.readUInt32LE(end) !== END_OF_CENTRAL_DIRECTORY) {
    throw new VaultError(
      'BUNDLE_INVALID',
      'This file is not a Token Vault handoff bundle (it is not a ZIP archive carrying a Token Vault seal).',
    );
  }
  if (bytes.readUInt16LE(end + 20) !== SEAL_LENGTH) throw damaged();
  const count = bytes.readUInt16LE(end + 10);
  if (
    bytes.readUInt16LE(end + 4) !== 0 ||
    bytes.readUInt16LE(end + 6) !== 0 ||
    bytes.readUInt16LE(end + 8) !== count
  )
    throw damaged();
  if (count !== BUNDLE_ENTRIES.length) {
    throw new VaultError(
      'BUNDLE_INVALID',
      `This ZIP holds ${count} entries; a Token Vault bundle holds exactly ${BUNDLE_ENTRIES.length} (${BUNDLE_ENTRIES.join(', ')}), so it is not one.`,
    );
  }
  const directorySize = bytes.readUInt32LE(end + 12);
  const directoryOffset = bytes.readUInt32LE(end + 16);
  if (directoryOffset + directorySize !== end) throw damaged();

  const entries: BundleEntryLayout[] = [];
  const seen = new Set<string>();
  let at = directoryOffset;
  let nextLocal = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > end || bytes.readUInt32LE(at) !== CENTRAL_HEADER) throw damaged();
    const flags = bytes.readUInt16LE(at + 8);
    const method = bytes.readUInt16LE(at + 10);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const uncompressedSize = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const localOffset = bytes.readUInt32LE(at + 42);
    const headerEnd = at + 46 + nameLength + extraLength + commentLength;
    if (headerEnd > end) throw damaged();
    const rawName = bytes.subarray(at + 46, at + 46 + nameLength);
    const name = decodeName(rawName);
    if (!(BUNDLE_ENTRIES as readonly string[]).includes(name)) {
      throw new VaultError(
        'BUNDLE_INVALID',
        `This ZIP holds an entry Token Vault never writes (${shown(name)}), so it is not a bundle as made.`,
      );
    }
    if (seen.has(name)) {
      throw new VaultError(
        'BUNDLE_INVALID',
        `This ZIP holds two entries named ${name}, which readers resolve differently, so it is refused.`,
      );
    }
    seen.add(name);
    if (!isAes256(flags, method, extraField(bytes, at + 46 + nameLength, extraLength, AES_EXTRA_FIELD))) {
      throw new VaultError(
        'BUNDLE_INVALID',
        `The entry ${name} in this ZIP is not encrypted with AES-256, so it was not made by Token Vault.`,
      );
    }

    // The local header must repeat the central one, and sit right after the previous entry.
    if (localOffset !== nextLocal || localOffset + 30 > directoryOffset) throw damaged();
    if (bytes.readUInt32LE(localOffset) !== LOCAL_HEADER) throw damaged();
    const localFlags = bytes.readUInt16LE(localOffset + 6);
    const localNameLength = bytes.readUInt16LE(localOffset + 26);
    const localExtraLength = bytes.readUInt16LE(localOffset + 28);
    const dataOffset = localOffset + 30 + localNameLength + localExtraLength;
    if (
      localFlags !== flags ||
      bytes.readUInt16LE(localOffset + 8) !== method ||
      !bytes.subarray(localOffset + 30, localOffset + 30 + localNameLength).equals(rawName) ||
      dataOffset + compressedSize > directoryOffset ||
      compressedSize < AES_SALT_BYTES + 2 + 10
    )
      throw damaged();
    let dataEnd = dataOffset + compressedSize;
    if (flags & 0x08) {
      // A data descriptor (optional signature, CRC, sizes) follows the data; its sizes must be the central ones.
      if (dataEnd + 4 <= directoryOffset && bytes.readUInt32LE(dataEnd) === DATA_DESCRIPTOR) dataEnd += 4;
      if (
        dataEnd + 12 > directoryOffset ||
        bytes.readUInt32LE(dataEnd + 4) !== compressedSize ||
        bytes.readUInt32LE(dataEnd + 8) !== uncompressedSize
      )
        throw damaged();
      dataEnd += 12;
    } else if (
      bytes.readUInt32LE(localOffset + 18) !== compressedSize ||
      bytes.readUInt32LE(localOffset + 22) !== uncompressedSize
    ) {
      throw damaged();
    }
    entries.push({
      name: name as BundleEntryLayout['name'],
      dataOffset,
      compressedSize,
      uncompressedSize,
    });
    nextLocal = dataEnd;
    at = headerEnd;
  }
  if (nextLocal !== directoryOffset || at !== end) throw damaged();
  return entries;
}
