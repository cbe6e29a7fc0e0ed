import type { VaultEvent } from '../../../../shared/model';
import { formatDate, formatDay } from '../../ui/format';

/** The words for the field names core records in an Edited event. */
const FIELD_WORDS: Record<string, string> = {
  name: 'name',
  kind: 'kind',
  role: 'role',
  description: 'description',
  keyId: 'key id',
  assignedTo: 'assigned user',
  application: 'application',
  expiresAt: 'expiry date',
  value: 'value',
  status: 'status',
  enabled: 'enabled',
};

/** Event details are recorded by core; only names and dates are read here, never a value. */
const text = (value: unknown) => (typeof value === 'string' ? value : '');

type Change = { from: string | null; to: string | null };

/** "Edited: description “CRM sync” → “CRM nightly sync”": old and new as core recorded them (never a value). */
function editedSentence(event: VaultEvent, fields: string): string {
  const changes = (event.details.changes ?? {}) as Record<string, Change>;
  const parts = Object.entries(changes).map(([field, change]) => {
    const show = (text: string | null) =>
      text === null || text === '' ? 'nothing' : field === 'expiresAt' ? formatDay(text) : `“${text}”`;
    return `${FIELD_WORDS[field] ?? field} ${show(change.from)} → ${show(change.to)}`;
  });
  if (Array.isArray(event.details.fields) && (event.details.fields as string[]).includes('value'))
    parts.push('value');
  if (parts.length) return `Edited: ${parts.join('; ')}`;
  return fields ? `Edited: ${fields}` : 'Edited';
}

function describe(event: VaultEvent): string {
  const fields = Array.isArray(event.details.fields)
    ? (event.details.fields as string[]).map((field) => FIELD_WORDS[field] ?? field).join(', ')
    : '';
  switch (event.kind) {
    case 'Created':
      return event.details.imported
        ? 'Imported'
        : event.details.generated
          ? 'Created with a generated value'
          : 'Created';
    case 'Edited':
      return editedSentence(event, fields);
    case 'Copied':
      return 'Value copied to the clipboard';
    case 'Regenerated':
      if (typeof event.details.restoredFrom === 'string')
        return `Earlier value restored (the one replaced ${formatDate(event.details.restoredFrom)})`;
      return event.details.generated
        ? 'Regenerated (new value generated)'
        : event.details.validAgain
          ? 'Regenerated (value from the platform; valid again)'
          : 'Regenerated (value from the platform)';
    case 'Revealed':
      return typeof event.details.earlierValue === 'string'
        ? `Earlier value revealed (the one replaced ${formatDate(event.details.earlierValue)})`
        : 'Value revealed';
    case 'Mapped':
    case 'Unmapped':
      return `${event.kind === 'Mapped' ? 'Mapped to' : 'Unmapped from'} ${text(event.details.primaryName)}`;
    case 'EndpointAssigned':
    case 'EndpointUnassigned':
      return `${event.kind === 'EndpointAssigned' ? 'Assigned to' : 'Removed from'} ${text(event.details.method)} on ${text(event.details.endpoint)}`;
    case 'Enabled':
    case 'Disabled':
      if (event.details.mapping)
        return `Mapping to ${text(event.details.primaryName)} ${event.kind.toLowerCase()}`;
      return event.details.inactivityCountReset ? `${event.kind}; inactivity count restarted` : event.kind;
    case 'ActivityRecorded':
      return `Activity recorded (${formatDay(text(event.details.activityAt))})`;
    case 'HandedOff':
      return `Handed off to ${text(event.details.recipient)}`;
    case 'ValuesPurged':
      return 'Earlier values forgotten';
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
