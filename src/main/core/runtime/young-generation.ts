import { setFlagsFromString } from 'node:v8';

/**
 * Listing or searching a vault builds many short-lived objects at once (one per row, then one per token), and V8
 * answers by growing its young generation to its maximum (three 16 MiB semi-spaces) and keeping it: measured on
 * 10,000 tokens, 30 MiB of a 113 MiB process, with 16 MiB of live heap (bench/vault-core.bench.ts). Without
 * growth the same work takes a few more scavenges of the smaller space, and the process stays at about 83 MiB.
 * Called first thing by every process that holds an unlocked vault: the CLI, the Electron main process, the bench.
 */
export function keepYoungGenerationSmall(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}

/**
 * Lets V8 grow its old generation less eagerly and compact it more, for a process that holds an unlocked vault for
 * a whole session (the Electron main process; bench/vault-core.bench.ts's session stands for it). Measured on
 * 10,000 tokens after five unlocks: the old space committed 19 MiB for 13.4 used without it, 14 with it (RSS 82
 * against 76 MiB), searches as fast; a bulk import in the same process was about a quarter slower, so the CLI
 * (one command per process, imports included) does not set it.
 */
export function keepOldGenerationSmall(): void {
  setFlagsFromString('--optimize-for-size');
}
