import { readBoundedFile } from '../fs/read-bounded';
import { isAgeFile, MAX_AGE_FILE_BYTES } from './age-bundle';
import { bundleTooBigSentence, MAX_BUNDLE_BYTES } from './bundle-zip';

/**
 * The bytes of a bundle file of either kind (password ZIP or age file), read only if it is a regular file no bigger
 * than its kind can be: an age file (binary or armored) up to MAX_AGE_FILE_BYTES, anything else up to the ZIP's
 * MAX_BUNDLE_BYTES. Both sizes are checked from the file's first bytes and its size, before the rest is read. The
 * caller then looks at the content (isAgeFile) to know which key it needs.
 */
export function readBundleFileBytes(path: string): Buffer {
  // A refused file is a bad bundle (exit 6), as readBundle's own refusals are.
  return readBoundedFile(path, {
    maxBytes: MAX_AGE_FILE_BYTES,
    what: 'The bundle file',
    refusedCode: 'BUNDLE_INVALID',
    capForStart: (start) =>
      isAgeFile(start) ? null : { maxBytes: MAX_BUNDLE_BYTES, tooBig: bundleTooBigSentence },
  });
}
