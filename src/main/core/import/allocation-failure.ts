import { VaultError } from '../../../shared/errors';

/**
 * Whether an error is the process failing to get memory, and surviving it: a buffer, string or array that could not
 * be allocated (V8 throws a RangeError), or Argon2's own allocation or thread failure (the `argon2` package passes
 * on libargon2's messages). Such a failure is told as such, never as a damaged file.
 */
export function isAllocationFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof RangeError)
    return /allocation failed|Invalid (string|array|typed array) length|out of memory/i.test(error.message);
  return /^(Memory allocation error|Threading failure)$/.test(error.message);
}

/** The sentence for a source the process had no memory to read (exit 1: the file is not at fault). */
export function outOfMemoryError(what: string, cause: unknown): VaultError {
  return new VaultError(
    'IO',
    `There was not enough free memory to read ${what}: close other programs and try again.`,
    { cause },
  );
}
