import { useEffect, useMemo, useRef, type Ref } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TokenMeta } from '../../../../shared/model';
import type { TokenState } from '../../../../shared/token-views';
import { TokenBadges } from './TokenBadges';

interface TokenListProps {
  tokens: TokenMeta[];
  /** Effective states (inactivity, expiry) by token id. */
  states: Map<number, TokenState>;
  selectedId: number | null;
  onSelect: (id: number) => void;
  /** Ctrl/Cmd+C on the list: copy the selected token's value. */
  onCopy: () => void;
  /** Account headings between the rows (the tokens come sorted by account then). */
  groupByAccount: boolean;
  /** When this changes (a new search or filter), the list scrolls back to the top. */
  resetKey: string;
  listRef?: Ref<HTMLDivElement>;
}

const ROW_HEIGHT = 56;
const HEADING_HEIGHT = 30;

type Row = { heading: string; accountId: number } | { token: TokenMeta; position: number };
type Heading = Extract<Row, { heading: string }>;

/** Virtualised: only the rows on screen exist in the DOM, so 10,000 tokens scroll as smoothly as 10. */
export function TokenList(props: TokenListProps) {
  const { tokens, states, selectedId, onSelect, onCopy, groupByAccount, resetKey, listRef } = props;
  const scroller = useRef<HTMLDivElement | null>(null);
  // Headings only when grouped; ungrouped, row i is token i and nothing is built per keystroke for 10,000 rows.
  const grouped = useMemo<Row[] | null>(() => {
    if (!groupByAccount) return null;
    const out: Row[] = [];
    let lastAccount: number | null = null;
    tokens.forEach((token, index) => {
      if (token.accountId !== lastAccount) {
        out.push({ heading: token.accountName, accountId: token.accountId });
        lastAccount = token.accountId;
      }
      out.push({ token, position: index + 1 });
    });
    return out;
  }, [tokens, groupByAccount]);
  const rowAt = (index: number): Row | Heading | undefined =>
    grouped ? grouped[index] : tokens[index] && { token: tokens[index], position: index + 1 };
  const virtualizer = useVirtualizer({
    count: grouped ? grouped.length : tokens.length,
    getScrollElement: () => scroller.current,
    estimateSize: (index) => (grouped && 'heading' in grouped[index]! ? HEADING_HEIGHT : ROW_HEIGHT),
    overscan: 8,
    initialRect: { width: 600, height: 600 },
  });
  const rowIndexOf = (tokenId: number | null) =>
    grouped
      ? grouped.findIndex((row) => 'token' in row && row.token.id === tokenId)
      : tokens.findIndex((token) => token.id === tokenId);
  const selectedIndex = tokens.findIndex((token) => token.id === selectedId);

  // A new search starts at the top of its results, not at the old scroll position.
  useEffect(() => {
    virtualizer.scrollToOffset(0);
  }, [resetKey, virtualizer]);

  const onKeyDown = (event: React.KeyboardEvent) => {
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'c') {
      event.preventDefault();
      onCopy();
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp' && event.key !== 'Home' && event.key !== 'End')
      return;
    event.preventDefault();
    const next =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? tokens.length - 1
          : Math.max(0, Math.min(tokens.length - 1, selectedIndex + (event.key === 'ArrowDown' ? 1 : -1)));
    const token = tokens[next];
    if (token) {
      onSelect(token.id);
      virtualizer.scrollToIndex(rowIndexOf(token.id));
    }
  };

  // Only a rendered row can be the active descendant: a virtualised row scrolled away is not in the DOM.
  const items = virtualizer.getVirtualItems();
  const selectedRendered = items.some((item) => {
    const row = rowAt(item.index);
    return row !== undefined && 'token' in row && row.token.id === selectedId;
  });

  return (
    <div
      ref={(element) => {
        scroller.current = element;
        if (typeof listRef === 'function') listRef(element);
        else if (listRef) listRef.current = element;
      }}
      className="token-list"
      role="listbox"
      aria-label="Tokens"
      tabIndex={0}
      data-focus-home
      aria-activedescendant={selectedRendered ? `token-row-${selectedId}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((item) => {
          const row = rowAt(item.index)!;
          const style = {
            position: 'absolute',
            top: 0,
            left: 0,
            right: 0,
            height: 'heading' in row ? HEADING_HEIGHT : ROW_HEIGHT,
            transform: `translateY(${item.start}px)`,
          } as const;
          if ('heading' in row) {
            // A visual heading only: each row already names its account, and a listbox holds options.
            return (
              <div
                key={`account-${row.accountId}`}
                className="token-group-heading"
                aria-hidden="true"
                style={style}
              >
                {row.heading}
              </div>
            );
          }
          const token = row.token;
          const selected = token.id === selectedId;
          return (
            <div
              key={token.id}
              id={`token-row-${token.id}`}
              role="option"
              aria-selected={selected}
              aria-setsize={tokens.length}
              aria-posinset={row.position}
              className={selected ? 'token-row selected' : 'token-row'}
              style={style}
              onClick={() => onSelect(token.id)}
            >
              <div className="token-row-main">
                <span className="token-name" title={token.name}>
                  {token.name}
                </span>
                <span className="token-sub">
                  {token.accountName}
                  {token.assignedTo ? ` · ${token.assignedTo}` : ''}
                  {token.application ? ` · ${token.application}` : ''}
                </span>
              </div>
              <TokenBadges token={token} state={states.get(token.id)} />
            </div>
          );
        })}
      </div>
    </div>
  );
}
