import { constants, deflateRawSync } from 'node:zlib';
import { TextReader, Uint8ArrayReader, Uint8ArrayWriter, ZipWriter } from '@zip.js/zip.js';
import { applySeal, sealPlaceholder } from '../../src/main/core/handoff/bundle-seal';

/**
 * Hostile bundles built with the same library as the real writer, then sealed with the real seal: what someone
 * holding the password (or not) could hand to `handoff open`.
 */
export interface HostileEntry {
  name: string;
  /** Plain content; or `deflated` raw deflate data (with its inflated size) stored as it is. */
  text?: string;
  deflated?: { data: Uint8Array; inflatedBytes: number };
  /** false: this entry is stored without encryption. */
  encrypted?: boolean;
}

export async function sealedZip(entries: HostileEntry[], password: string): Promise<Buffer> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), {
    encryptionStrength: 3,
    zipCrypto: false,
    useWebWorkers: false,
  });
  for (const entry of entries) {
    const secret = entry.encrypted === false ? {} : { password };
    if (entry.deflated) {
      await writer.add(entry.name, new Uint8ArrayReader(entry.deflated.data), {
        ...secret,
        passThrough: 'compressed',
        compressionMethod: 8,
        uncompressedSize: entry.deflated.inflatedBytes,
      });
    } else {
      await writer.add(entry.name, new TextReader(entry.text ?? ''), secret);
    }
  }
  return reseal(Buffer.from(await writer.close(sealPlaceholder())), password);
}

/** Seal again after the bytes were edited (the seal is the last SEAL_LENGTH bytes, over everything before). */
export function reseal(zip: Buffer, password: string): Buffer {
  return Buffer.from(applySeal(zip, password));
}

const MIB = 1024 * 1024;

/**
 * Raw deflate of `mebibytes` MiB of zero bytes, built the way a bomb is: one MiB of zeros deflated and flushed
 * (Z_FULL_FLUSH: byte-aligned, no history carried over, not final), repeated, then an empty final block. Deflating
 * the whole GiB would take seconds; this takes milliseconds and inflates to the same bytes.
 */
export function deflatedZeros(mebibytes: number): Uint8Array {
  const segment = deflateRawSync(Buffer.alloc(MIB), {
    level: constants.Z_BEST_COMPRESSION,
    finishFlush: constants.Z_FULL_FLUSH,
  });
  const finalEmptyBlock = Buffer.from([0x03, 0x00]);
  return Buffer.concat([...Array.from({ length: mebibytes }, () => segment), finalEmptyBlock]);
}

/** Replace every occurrence of one entry name by another of the same length (local and central headers). */
export function renameEntry(zip: Buffer, from: string, to: string): Buffer {
  if (Buffer.byteLength(from) !== Buffer.byteLength(to)) throw new Error('same length only');
  const out = Buffer.from(zip);
  const needle = Buffer.from(from);
  for (let at = out.indexOf(needle); at !== -1; at = out.indexOf(needle, at + 1))
    Buffer.from(to).copy(out, at);
  return out;
}

/** Rewrite the inflated size the central directory (and the data descriptors) declare for `name`. */
export function declareInflatedSize(zip: Buffer, name: string, bytes: number): Buffer {
  const out = Buffer.from(zip);
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < out.readUInt16LE(eocd + 10); i++) {
    const nameLength = out.readUInt16LE(at + 28);
    const compressed = out.readUInt32LE(at + 20);
    const local = out.readUInt32LE(at + 42);
    if (out.subarray(at + 46, at + 46 + nameLength).toString() === name) {
      const declared = out.readUInt32LE(at + 24);
      out.writeUInt32LE(bytes, at + 24);
      // The descriptor after the data repeats both sizes.
      const dataEnd = local + 30 + out.readUInt16LE(local + 26) + out.readUInt16LE(local + 28) + compressed;
      const sizesAt = out.readUInt32LE(dataEnd) === 0x08074b50 ? dataEnd + 8 : dataEnd + 4;
      if (out.readUInt32LE(sizesAt + 4) === declared) out.writeUInt32LE(bytes, sizesAt + 4);
      if (out.readUInt32LE(local + 22) === declared) out.writeUInt32LE(bytes, local + 22);
    }
    at += 46 + nameLength + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}
