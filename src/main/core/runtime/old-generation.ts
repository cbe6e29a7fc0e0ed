import { setFlagsFromString } from 'node:v8';

/**
 * Below this many tokens, V8 is asked to keep the old generation small (--optimize-for-size); from it on, not.
 * Measured (bench/vault-core.bench.ts, bench/vault-core-200k.bench.ts): on 10,000 tokens after five unlocks the
 * old space committed 19 MiB for 13.4 used without it, 14 with it (RSS 82 against 76 MiB), searches as fast; on
 * 200,000 tokens it collected so often that the search keystroke p95 went from 4 to 17 ms and the first list
 * from 3.5 to 6.4 s.
 */
export const SMALL_HEAP_BELOW_TOKENS = 50_000;

let fitting = false;

/**
 * For a process that keeps a vault unlocked all session (the Electron main process; the bench's session stands
 * for it): from now on, each vault loaded sets the old generation's policy by its size (fitOldGeneration). A bulk
 * import runs about a quarter slower under the small policy, so the CLI (one command per process) never asks.
 */
export function fitOldGenerationToVaults(): void {
  fitting = true;
  setFlagsFromString('--optimize-for-size');
}

/** Called when an open vault's tokens are loaded (src/main/core/tokens/synced-token-index.ts). */
export function fitOldGeneration(tokenCount: number): void {
  if (!fitting) return;
  setFlagsFromString(tokenCount < SMALL_HEAP_BELOW_TOKENS ? '--optimize-for-size' : '--no-optimize-for-size');
}
