import type { VaultEvent } from '../../../../shared/model';
import { formatDate } from '../../ui/format';

function describe(event: VaultEvent): string {
  const fields = Array.isArray(event.details.fields) ? (event.details.fields as string[]).join(', ') : '';
  switch (event.kind) {
    case 'Created':
      return event.details.imported
        ? 'Imported'
        : event.details.generated
          ? 'Created with a generated value'
          : 'Created';
    case 'Edited':
      return fields ? `Edited: ${fields}` : 'Edited';
    case 'Revealed':
      return 'Value revealed';
    case 'Copied':
      return 'Value copied to the clipboard';
    default:
      return event.kind.replace(/([a-z])([A-Z])/g, '$1 $2');
  }
}

export function HistoryTimeline({ events }: { events: VaultEvent[] }) {
  if (events.length === 0) return <p className="muted">No history yet.</p>;
  return (
    <ol className="timeline" aria-label="History">
      {[...events].reverse().map((event) => (
        <li key={event.seq}>
          <span className="timeline-kind">{describe(event)}</span>
          <span className="muted small">
            {formatDate(event.at)} · {event.actor}
          </span>
        </li>
      ))}
    </ol>
  );
}
