import { useCallback, useEffect, useState } from 'react';
import type { TokenMeta, VaultEvent } from '../../../../shared/model';
import { call, messageOf } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { formatDate, formatDay } from '../../ui/format';
import { HistoryTimeline } from './HistoryTimeline';

export const REVEAL_SECONDS = 20;

interface TokenDetailProps {
  token: TokenMeta;
  onEdit: () => void;
  onDeleted: () => void;
  /** Bumped by the parent after any change, so the history reloads. */
  version: number;
}

export function TokenDetail({ token, onEdit, onDeleted, version }: TokenDetailProps) {
  const [revealed, setRevealed] = useState<string | null>(null);
  const [history, setHistory] = useState<VaultEvent[]>([]);
  const [holders, setHolders] = useState<{ recipient: string; lastHandedAt: string }[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const loadHistory = useCallback(() => {
    call('tokenHistory', { id: token.id }).then(setHistory, (err) => setError(messageOf(err)));
    call('tokenHolders', { id: token.id }).then(setHolders, () => setHolders([]));
  }, [token.id]);

  // The parent keys this component by token id, so switching tokens starts from a clean (hidden) state.
  useEffect(() => {
    loadHistory();
  }, [version, loadHistory]);

  // A revealed value hides itself again: it never stays on screen by accident.
  useEffect(() => {
    if (revealed === null) return;
    const timer = window.setTimeout(() => setRevealed(null), REVEAL_SECONDS * 1000);
    return () => window.clearTimeout(timer);
  }, [revealed]);

  const reveal = async () => {
    if (revealed !== null) return setRevealed(null);
    try {
      setRevealed((await call('revealToken', { id: token.id })).value);
      loadHistory();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const copy = async () => {
    try {
      const { clearsAfterSeconds } = await call('copyToken', { id: token.id });
      setNotice(`Copied. The clipboard will be cleared in ${clearsAfterSeconds} s.`);
      loadHistory();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const remove = async () => {
    try {
      await call('deleteToken', { id: token.id });
      setConfirmDelete(false);
      onDeleted();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const fields: [string, string][] = [
    ['Account', token.accountName],
    ['Kind', token.kind],
    ['Role', token.role],
    ['Status', `${token.status}${token.enabled ? '' : ', disabled'}`],
    ['Key id', token.keyId ?? '—'],
    ['Assigned to', token.assignedTo ?? '—'],
    ['Application', token.application ?? '—'],
    ['Created', formatDate(token.createdAt)],
    ['Updated', formatDate(token.updatedAt)],
    ['Generated', formatDate(token.generatedAt)],
    ['Last activity', formatDate(token.lastActivityAt)],
    ['Expires', formatDay(token.expiresAt)],
    ['Earlier values kept', String(token.previousValueCount)],
    [
      'Handed to',
      holders.length
        ? holders.map((h) => `${h.recipient} (${formatDay(h.lastHandedAt)})`).join(', ')
        : 'nobody',
    ],
  ];

  return (
    <section className="detail" aria-labelledby="detail-title">
      <header className="detail-header">
        <h2 id="detail-title">{token.name}</h2>
        <div className="actions">
          <button type="button" onClick={onEdit}>
            Edit
          </button>
          <button type="button" className="danger" onClick={() => setConfirmDelete(true)}>
            Delete
          </button>
        </div>
      </header>
      {token.description && <p className="description">{token.description}</p>}
      <div className="secret-box">
        <span className="label" id="value-label">
          Value
        </span>
        <code
          className={revealed !== null ? 'secret revealed' : 'secret'}
          aria-labelledby="value-label"
          data-testid="token-value"
        >
          {revealed ?? '•'.repeat(Math.min(24, Math.max(8, token.valueLength)))}
        </code>
        <div className="actions">
          <button type="button" onClick={reveal} aria-pressed={revealed !== null}>
            {revealed !== null ? 'Hide' : 'Reveal'}
          </button>
          <button type="button" className="primary" onClick={copy}>
            Copy
          </button>
        </div>
        {revealed !== null && (
          <p className="hint">Hides again in {REVEAL_SECONDS} s. Revealing is recorded in the history.</p>
        )}
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
      </div>
      <ErrorText message={error} />
      <dl className="fields">
        {fields.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <h3>History</h3>
      <HistoryTimeline events={history} />
      {confirmDelete && (
        <Dialog title="Delete this token?" onClose={() => setConfirmDelete(false)}>
          <p>
            “{token.name}” and its earlier values will be removed from the vault. Integrations that still use
            it on the platform keep working until you delete it there too. The history keeps a record of the
            deletion.
          </p>
          <div className="actions">
            <button type="button" onClick={() => setConfirmDelete(false)}>
              Keep it
            </button>
            <button type="button" className="danger-strong" onClick={remove}>
              Delete token
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
