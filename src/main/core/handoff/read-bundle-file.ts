import { readBoundedFile } from '../fs/read-bounded';
import { MAX_AGE_FILE_BYTES } from './age-bundle';

/**
 * The bytes of a bundle file of either kind (password ZIP or age file), read only if it is a regular file no bigger
 * than the largest kind can be (an armored age file); the size is checked before a byte is read. The caller then
 * looks at the content (isAgeFile) to know which key it needs; readBundle applies the ZIP's own, smaller cap.
 */
export function readBundleFileBytes(path: string): Buffer {
  return readBoundedFile(path, { maxBytes: MAX_AGE_FILE_BYTES, what: 'The bundle' });
}
