import { VaultError } from '../../../shared/errors';

const fatalDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function decodesAsPrefix(bytes: Uint8Array): boolean {
  try {
    // stream: true accepts a sequence cut off at the end, so only a byte that can never become valid fails.
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * The offset of the first byte at which `bytes` stops being UTF-8. Validity of a prefix only ever goes from true to
 * false as it grows, so a binary search over prefix lengths finds it with the platform's decoder; a sequence left
 * unfinished at the very end is reported at its first byte.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  if (decodesAsPrefix(bytes)) {
    let start = bytes.length - 1;
    // Step back over continuation bytes (10xxxxxx) to the lead byte of the unfinished sequence.
    while (start > 0 && bytes.length - start < 4 && (bytes[start]! & 0xc0) === 0x80) start--;
    return start;
  }
  let valid = 0;
  let invalid = bytes.length;
  while (invalid - valid > 1) {
    const middle = Math.floor((valid + invalid) / 2);
    if (decodesAsPrefix(bytes.subarray(0, middle))) valid = middle;
    else invalid = middle;
  }
  return invalid - 1;
}

/**
 * Text from outside (a value file, standard input, an import file) as UTF-8, refused rather than repaired: a
 * stray byte would otherwise be stored as U+FFFD and the value would silently differ from the one given.
 */
export function decodeUtf8Strictly(bytes: Uint8Array, what: string): string {
  try {
    return fatalDecoder.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    throw new VaultError(
      'INVALID_INPUT',
      `${what} is not valid UTF-8 text: the byte at offset ${offset} (counting from 0) does not fit.`,
    );
  }
}
