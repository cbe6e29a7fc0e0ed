import type { Vault } from '../../src/main/core/vault/vault';

/**
 * Waits (turns of the event loop) until the vault's search sets, built in the background from the first search
 * (src/shared/token-search-index.ts), are ready; fails after `timeoutMs`.
 */
export async function searchSetsBuilt(vault: Vault, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!vault.tokens.searchSetsReady()) {
    if (Date.now() > until) throw new Error(`the search sets were not built within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
