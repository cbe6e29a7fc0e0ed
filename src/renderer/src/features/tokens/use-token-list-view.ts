import { useEffect, useMemo, useState } from 'react';
import type { Account, TokenMeta } from '../../../../shared/model';
import { findProfile } from '../../../../shared/profiles';
import { TokenSearchIndex } from '../../../../shared/token-search-index';
import { sortTokens, type TokenSort } from '../../../../shared/token-sort';
import {
  describeTokenState,
  matchesStateFilter,
  type TokenStateFilter,
} from '../../../../shared/token-state-vocabulary';
import type { TokenState } from '../../../../shared/token-views';

export type StatusFilter = '' | TokenStateFilter;

export interface ListFiltersState {
  search: string;
  status: StatusFilter;
  kind: string;
  hideUnassigned: boolean;
  sort: TokenSort;
  groupByAccount: boolean;
}

const NO_FILTERS: ListFiltersState = {
  search: '',
  status: '',
  kind: '',
  hideUnassigned: false,
  sort: 'name',
  groupByAccount: false,
};

/**
 * The token list as filtered and sorted here, in memory, with the index core uses: a keystroke never waits for a
 * round trip to main. A search looks in every account (a match elsewhere is still a match); the account choice
 * narrows only the unsearched list.
 */
export function useTokenListView(input: {
  allTokens: TokenMeta[];
  accounts: Account[];
  accountId: number | null;
  states: Map<number, TokenState>;
  /** What "Hide unassigned" hides, as core answers it. */
  unassignedIds: Set<number>;
}) {
  const { allTokens, accounts, accountId, states, unassignedIds } = input;
  const [filters, setFilters] = useState<ListFiltersState>(NO_FILTERS);
  const index = useMemo(() => {
    const built = new TokenSearchIndex();
    built.load(allTokens);
    return built;
  }, [allTokens]);
  // The search box is right there: build the sets from load, in slices between keystrokes and renders (until
  // then a search tests every token, with the same answers); a list replaced drops its build.
  useEffect(() => {
    index.startBuilding();
    return () => index.stopBuilding();
  }, [index]);
  const selectedAccount = accounts.find((account) => account.id === accountId);
  const endpointAccount =
    selectedAccount && findProfile(selectedAccount.profile)?.endpoints ? selectedAccount : null;
  const searching = filters.search.trim() !== '';
  const searchesEveryAccount = searching && accountId !== null;
  const filtered = useMemo(() => {
    const found = index.query({
      ...(accountId !== null && !searching ? { accountId } : {}),
      ...(searching ? { search: filters.search } : {}),
      ...(filters.kind ? { kind: filters.kind } : {}),
    });
    // The state filter reads the same words as the badges (shared/token-state-vocabulary).
    const status = filters.status;
    const inState = status
      ? found.filter((token) => matchesStateFilter(describeTokenState(token, states.get(token.id)), status))
      : found;
    return filters.hideUnassigned && endpointAccount
      ? inState.filter((token) => !unassignedIds.has(token.id))
      : inState;
  }, [
    index,
    accountId,
    searching,
    filters.search,
    filters.status,
    filters.kind,
    filters.hideUnassigned,
    endpointAccount,
    states,
    unassignedIds,
  ]);
  const tokens = useMemo(
    () => sortTokens(filtered, filters.sort, filters.groupByAccount),
    [filtered, filters.sort, filters.groupByAccount],
  );
  const kinds = useMemo(() => [...new Set(allTokens.map((t) => t.kind))].sort(), [allTokens]);
  const update = (change: Partial<ListFiltersState>) => setFilters((current) => ({ ...current, ...change }));
  const narrowed = searching || filters.status !== '' || filters.kind !== '';
  return {
    filters,
    update,
    clear: () => update({ search: '', status: '', kind: '' }),
    tokens,
    kinds,
    endpointAccount,
    narrowed,
    searchesEveryAccount,
  };
}
