import type { TokenMeta } from './model';
import { byName, compareTokens } from './token-order';

export const TOKEN_SORTS = ['name', 'account', 'last-activity', 'created'] as const;
export type TokenSort = (typeof TOKEN_SORTS)[number];

export const TOKEN_SORT_LABELS: Record<TokenSort, string> = {
  name: 'Name',
  account: 'Account',
  'last-activity': 'Last activity (recent first)',
  created: 'Created (newest first)',
};

/** Newest first; a token with no date goes last. ISO instants compare as text. */
function newestFirst(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? 1 : -1;
}

const COMPARATORS: Record<TokenSort, (a: TokenMeta, b: TokenMeta) => number> = {
  name: compareTokens,
  account: (a, b) => byName.compare(a.accountName, b.accountName) || compareTokens(a, b),
  'last-activity': (a, b) => newestFirst(a.lastActivityAt, b.lastActivityAt) || compareTokens(a, b),
  created: (a, b) => newestFirst(a.createdAt, b.createdAt) || compareTokens(a, b),
};

/**
 * The tokens in the chosen order; grouped by account, accounts come first (by name) and the order applies inside
 * each. `tokens` is in list order already (compareTokens), so sorting by name is free.
 */
export function sortTokens(tokens: TokenMeta[], sort: TokenSort, groupByAccount: boolean): TokenMeta[] {
  if (sort === 'name' && !groupByAccount) return tokens;
  const within = COMPARATORS[sort];
  const compare = groupByAccount
    ? (a: TokenMeta, b: TokenMeta) =>
        byName.compare(a.accountName, b.accountName) || a.accountId - b.accountId || within(a, b)
    : within;
  return [...tokens].sort(compare);
}
