import type { HandoffDocument } from '../../../shared/handoff-format';
import { readBundle, readBundleBytes } from './bundle-zip';

/**
 * Open a bundle file someone gave us: read it bounded (readBundleBytes: a regular file of at most MAX_BUNDLE_BYTES,
 * refused as BUNDLE_INVALID otherwise), then decrypt
 * and check it (src/main/core/handoff/bundle-zip.ts says what is refused). The app and the CLI both call this, so
 * a bad file reads the same sentence in both.
 */
export async function openBundleFile(path: string, password: string): Promise<HandoffDocument> {
  return readBundle(readBundleBytes(path), password);
}
