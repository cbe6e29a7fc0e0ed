import type { TokenMeta } from './model';
import type { TokenListQuery } from './inputs';
import { compareTokens } from './token-order';

interface IndexedToken {
  meta: TokenMeta;
  haystack: string;
}

/**
 * Search-as-you-type over metadata held in memory (never values): one sorted array with a precomputed lower-case
 * haystack per token, so a keystroke over 10,000 tokens is a linear scan of short strings, well under 5 ms.
 */
export class TokenSearchIndex {
  private entries: IndexedToken[] = [];

  load(tokens: TokenMeta[]): void {
    this.entries = [...tokens].sort(compareTokens).map((meta) => ({
      meta,
      haystack: [
        meta.name,
        meta.description,
        meta.assignedTo,
        meta.application,
        meta.keyId,
        meta.kind,
        meta.accountName,
      ]
        .filter(Boolean)
        .join('\u0001')
        .toLowerCase(),
    }));
  }

  query(query: TokenListQuery): TokenMeta[] {
    const terms = (query.search ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const out: TokenMeta[] = [];
    for (const entry of this.entries) {
      const meta = entry.meta;
      if (query.accountId !== undefined && meta.accountId !== query.accountId) continue;
      if (query.kind !== undefined && meta.kind !== query.kind) continue;
      if (query.status !== undefined && meta.status !== query.status) continue;
      if (terms.length && !terms.every((term) => entry.haystack.includes(term))) continue;
      out.push(meta);
    }
    return out;
  }
}
