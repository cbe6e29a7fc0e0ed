import { useRef, useState } from 'react';
import { plural } from '../../../../shared/plural';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { ImportPreviewRow } from '../../../../shared/import-views';

const ROW_HEIGHT = 44;
const COLUMNS = ['Import', 'Row', 'Account', 'Kind', 'Role', 'Name', 'Key id', 'Value', 'Expires', 'Problem'];

function accountCell(row: ImportPreviewRow): string {
  return row.accountId === null ? `${row.account} (new, ${row.profile})` : row.account;
}

/**
 * The preview, virtualised (only the rows on screen exist in the DOM, so 10,000 rows scroll freely). Keyboard: the
 * grid is one tab stop; arrows, Home and End move the current row, Space toggles whether it is imported.
 */
export function ImportPreviewTable({
  rows,
  onToggle,
}: {
  rows: ImportPreviewRow[];
  onToggle: (row: number) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
    initialRect: { width: 900, height: 320 },
  });

  const onKeyDown = (event: React.KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 8, PageUp: -8 };
    if (event.key === ' ' || event.key === 'Enter') {
      event.preventDefault();
      const row = rows[active];
      if (row) onToggle(row.row);
      return;
    }
    let next: number;
    if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = rows.length - 1;
    else if (moves[event.key] !== undefined)
      next = Math.max(0, Math.min(rows.length - 1, active + moves[event.key]!));
    else return;
    event.preventDefault();
    setActive(next);
    virtualizer.scrollToIndex(next);
  };

  return (
    <div
      ref={scroller}
      className="import-table"
      role="grid"
      aria-label="Rows to import: Space switches the current row on or off"
      aria-rowcount={rows.length + 1}
      aria-colcount={COLUMNS.length}
      tabIndex={0}
      aria-activedescendant={rows[active] ? `import-row-${rows[active]!.row}` : undefined}
      onKeyDown={onKeyDown}
    >
      <div className="import-table-head" role="row" aria-rowindex={1}>
        {COLUMNS.map((name) => (
          <span key={name} role="columnheader">
            {name}
          </span>
        ))}
      </div>
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index]!;
          const problem = row.refusal ?? row.duplicate;
          const classes = ['import-table-row'];
          if (item.index === active) classes.push('active');
          if (row.refusal) classes.push('refused');
          else if (row.duplicate) classes.push('duplicate');
          return (
            <div
              key={row.row}
              id={`import-row-${row.row}`}
              role="row"
              aria-rowindex={item.index + 2}
              aria-selected={row.selected}
              className={classes.join(' ')}
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              onClick={() => setActive(item.index)}
            >
              <span role="gridcell">
                <input
                  type="checkbox"
                  tabIndex={-1}
                  checked={row.selected}
                  aria-label={`Import row ${row.row}, ${row.name || 'without a name'}`}
                  onChange={() => onToggle(row.row)}
                />
              </span>
              <span role="gridcell">{row.row}</span>
              <span role="gridcell" title={accountCell(row)}>
                {accountCell(row)}
              </span>
              <span role="gridcell">{row.kind}</span>
              <span role="gridcell">{row.role}</span>
              <span role="gridcell" title={row.name}>
                {row.name}
              </span>
              <span role="gridcell" title={row.keyId ?? ''}>
                {row.keyId ?? ''}
              </span>
              <span role="gridcell" aria-label={`hidden, ${plural(row.valueLength, 'character')}`}>
                <span aria-hidden="true">{row.valueMask.slice(0, 8) || '(empty)'}</span>{' '}
                <span className="muted small" aria-hidden="true">
                  {row.valueLength}
                </span>
              </span>
              <span role="gridcell">{row.expiresAt?.slice(0, 10) ?? ''}</span>
              <span role="gridcell" className="import-problem" title={problem ?? ''}>
                {problem ?? ''}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
