import type { HandoffDocument } from '../../../shared/handoff-format';
import { readBoundedFile } from '../fs/read-bounded';
import { MAX_BUNDLE_BYTES, readBundle } from './bundle-zip';

/**
 * Open a bundle file someone gave us: read it bounded (a regular file of at most MAX_BUNDLE_BYTES), then decrypt
 * and check it (src/main/core/handoff/bundle-zip.ts says what is refused). The app and the CLI both call this, so
 * a bad file reads the same sentence in both.
 */
export async function openBundleFile(path: string, password: string): Promise<HandoffDocument> {
  const bytes = readBoundedFile(path, { maxBytes: MAX_BUNDLE_BYTES, what: 'The bundle' });
  return readBundle(bytes, password);
}
