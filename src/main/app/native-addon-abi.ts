import { readFileSync } from 'node:fs';

/**
 * The V8 ABI (NODE_MODULE_VERSION) a native addon was built for, read from its `node_register_module_v<N>` export
 * name; null for an N-API addon (ABI-stable) or a file that is not an addon. Used to refuse an addon built for
 * the wrong runtime: Node 20 is 115, Electron 45 is 150, and loading a mismatch crashes at the first vault open.
 */
export function nativeAddonAbi(path: string): number | null {
  const match = /node_register_module_v(\d+)/.exec(readFileSync(path).toString('latin1'));
  return match ? Number(match[1]) : null;
}
