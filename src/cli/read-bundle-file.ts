import { basename } from 'node:path';
import { VaultError } from '../shared/errors';
import { MAX_AGE_FILE_BYTES } from '../main/core/handoff/age-bundle';
import { readBoundedFile } from '../main/core/fs/read-bounded';

/**
 * A bundle given on the command line, read only if it is a regular file no bigger than any bundle can be (an
 * armored age file is the largest kind); its size is checked before a byte is read.
 */
export function readBundleFile(path: string): Buffer {
  try {
    return readBoundedFile(path, {
      maxBytes: MAX_AGE_FILE_BYTES,
      what: 'The bundle',
      refusedCode: 'BUNDLE_INVALID',
    });
  } catch (error) {
    if (error instanceof VaultError && error.code === 'NOT_FOUND')
      throw new VaultError('NOT_FOUND', `Cannot read ${basename(path)} (it does not exist).`);
    throw error;
  }
}
