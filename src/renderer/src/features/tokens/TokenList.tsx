import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { TokenMeta } from '../../../../shared/model';
import type { TokenState } from '../../../../shared/token-views';
import { describeTokenState, type StateTone } from '../../../../shared/token-state-vocabulary';

interface TokenListProps {
  tokens: TokenMeta[];
  /** Effective states (inactivity, expiry) by token id; badges are their words (shared/token-state-vocabulary). */
  states: Map<number, TokenState>;
  selectedId: number | null;
  onSelect: (id: number) => void;
}

const ROW_HEIGHT = 56;

const BADGE_TONE: Record<StateTone, string> = { ok: 'badge-ok', off: 'badge-off', warn: 'badge-warn' };

/** Virtualised: only the rows on screen exist in the DOM, so 10,000 tokens scroll as smoothly as 10. */
export function TokenList({ tokens, states, selectedId, onSelect }: TokenListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: tokens.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 600, height: 600 },
  });
  const selectedIndex = tokens.findIndex((token) => token.id === selectedId);

  const onKeyDown = (event: React.KeyboardEvent) => {
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
      virtualizer.scrollToIndex(next);
    }
  };

  return (
    <div
      ref={scroller}
      className="token-list"
      role="listbox"
      aria-label="Tokens"
      tabIndex={0}
      aria-activedescendant={
        selectedId !== null && selectedIndex >= 0 ? `token-row-${selectedId}` : undefined
      }
      onKeyDown={onKeyDown}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const token = tokens[item.index]!;
          const selected = token.id === selectedId;
          return (
            <div
              key={token.id}
              id={`token-row-${token.id}`}
              role="option"
              aria-selected={selected}
              className={selected ? 'token-row selected' : 'token-row'}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                right: 0,
                height: ROW_HEIGHT,
                transform: `translateY(${item.start}px)`,
              }}
              onClick={() => onSelect(token.id)}
            >
              <div className="token-row-main">
                <span className="token-name">{token.name}</span>
                <span className="token-sub">
                  {token.accountName}
                  {token.assignedTo ? ` · ${token.assignedTo}` : ''}
                  {token.application ? ` · ${token.application}` : ''}
                </span>
              </div>
              <div className="badges">
                {token.role === 'primary' && <span className="badge badge-primary">primary</span>}
                <span className="badge">{token.kind}</span>
                {describeTokenState(token, states.get(token.id)).badges.map((fact) => (
                  <span
                    key={fact.id}
                    className={`badge badge-attention ${BADGE_TONE[fact.tone]}`}
                    title={fact.text}
                  >
                    {fact.text}
                  </span>
                ))}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
