import type * as Age from 'age-encryption';

let loading: Promise<typeof Age> | undefined;

/**
 * age-encryption, loaded on the first age bundle or identity: it brings post-quantum and curve code that costs a
 * process about 7 MiB, which a process that only unlocks, lists and searches (bench/vault-core.bench.ts) never needs.
 */
export function ageLibrary(): Promise<typeof Age> {
  loading ??= import('age-encryption');
  return loading;
}
