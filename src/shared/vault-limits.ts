/**
 * The most tokens one vault holds. Every command streams its output, so the limit comes from what is held in
 * memory per token (the list and the search index, in the main process and in the renderer) and from search as
 * you type, measured at 200,000 tokens in bench/vault-core.bench.ts; 250,000 leaves room above that.
 */
export const MAX_TOKENS_PER_VAULT = 250_000;
