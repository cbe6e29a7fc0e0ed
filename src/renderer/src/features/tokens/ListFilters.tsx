import { TOKEN_STATE_FILTERS } from '../../../../shared/token-state-vocabulary';
import { TOKEN_SORT_LABELS, TOKEN_SORTS, type TokenSort } from '../../../../shared/token-sort';
import type { ListFiltersState, StatusFilter } from './use-token-list-view';

interface ListFiltersProps {
  filters: ListFiltersState;
  onChange: (change: Partial<ListFiltersState>) => void;
  kinds: string[];
  kindLabel: (kind: string) => string;
  /** The selected account has endpoints: "Hide unassigned" and the endpoints dialog apply. */
  endpoints: boolean;
  onOpenEndpoints: () => void;
  shown: number;
  searchesEveryAccount: boolean;
}

/** Status, kind, sort and grouping of the token list, with the count of what it shows. */
export function ListFilters(props: ListFiltersProps) {
  const { filters, onChange, kinds, kindLabel, endpoints, shown } = props;
  return (
    <div className="filters" role="group" aria-label="Filters">
      {/* Each label stays with its control when the bar wraps: one unbreakable pair. */}
      <span className="filter-pair">
        <label htmlFor="filter-status">Status</label>
        <select
          id="filter-status"
          value={filters.status}
          onChange={(e) => onChange({ status: e.target.value as StatusFilter })}
        >
          <option value="">Any</option>
          {TOKEN_STATE_FILTERS.map((filter) => (
            <option key={filter.id} value={filter.id}>
              {filter.label}
            </option>
          ))}
        </select>
      </span>
      <span className="filter-pair">
        <label htmlFor="filter-kind">Kind</label>
        <select id="filter-kind" value={filters.kind} onChange={(e) => onChange({ kind: e.target.value })}>
          <option value="">Any</option>
          {kinds.map((k) => (
            <option key={k} value={k}>
              {kindLabel(k)}
            </option>
          ))}
        </select>
      </span>
      <span className="filter-pair">
        <label htmlFor="filter-sort">Sort by</label>
        <select
          id="filter-sort"
          value={filters.sort}
          onChange={(e) => onChange({ sort: e.target.value as TokenSort })}
        >
          {TOKEN_SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {TOKEN_SORT_LABELS[sort]}
            </option>
          ))}
        </select>
      </span>
      <label className="check">
        <input
          type="checkbox"
          checked={filters.groupByAccount}
          onChange={(e) => onChange({ groupByAccount: e.target.checked })}
        />
        Group by account
      </label>
      {endpoints && (
        <>
          <label className="check">
            <input
              type="checkbox"
              checked={filters.hideUnassigned}
              onChange={(e) => onChange({ hideUnassigned: e.target.checked })}
            />
            Hide unassigned
          </label>
          <button type="button" onClick={props.onOpenEndpoints}>
            Endpoints…
          </button>
        </>
      )}
      <span className="muted small" aria-live="polite">
        {shown} {shown === 1 ? 'token' : 'tokens'}
        {props.searchesEveryAccount ? ' in every account' : ''}
      </span>
    </div>
  );
}
