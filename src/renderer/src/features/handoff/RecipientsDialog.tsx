import { useCallback, useEffect, useState } from 'react';
import type { RecipientView } from '../../../../shared/api';
import { call, messageOf } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { formatDate } from '../../ui/format';

type Holding = { tokenId: number; name: string; lastHandedAt: string; stillInVault: boolean };

/** Who holds what, per recipient; when an engagement ends, rotate everything they hold in one pass. */
export function RecipientsDialog({ onClose, onChanged }: { onClose: () => void; onChanged: () => void }) {
  const [recipients, setRecipients] = useState<RecipientView[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [holdings, setHoldings] = useState<Holding[]>([]);
  const [confirm, setConfirm] = useState<'regenerate' | 'invalidate' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    call('listRecipients', {}).then(setRecipients, (err) => setError(messageOf(err)));
  }, []);
  useEffect(() => load(), [load]);
  useEffect(() => {
    if (selected === null) return;
    call('recipientHoldings', { id: selected }).then(setHoldings, (err) => setError(messageOf(err)));
  }, [selected, notice]);

  const recipient = recipients.find((r) => r.id === selected) ?? null;

  const end = async (action: 'regenerate' | 'invalidate') => {
    try {
      const result = await call('endEngagement', { id: selected!, action });
      setConfirm(null);
      setNotice(
        `${action === 'regenerate' ? 'Regenerated' : 'Invalidated'} ${result.tokens.length} token(s). Update the platforms that use them.`,
      );
      onChanged();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const archive = async (archived: boolean) => {
    try {
      await call('setRecipientArchived', { id: selected!, archived });
      load();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <Dialog title="Recipients: who holds what" onClose={onClose} wide>
      {recipients.length === 0 ? (
        <p className="muted">No recipients yet. They are added when you hand tokens over (Hand over…).</p>
      ) : (
        <div className="recipients">
          <ul className="pick-list" aria-label="Recipients">
            {recipients.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  className={r.id === selected ? 'nav-item active' : 'nav-item'}
                  aria-current={r.id === selected}
                  onClick={() => (setSelected(r.id), setNotice(null))}
                >
                  <span>
                    {r.name}
                    {r.archived ? ' (archived)' : ''}
                  </span>
                  <span className="count">{r.handoffCount}</span>
                </button>
              </li>
            ))}
          </ul>
          {recipient && (
            <section aria-labelledby="recipient-title">
              <h3 id="recipient-title">{recipient.name}</h3>
              <p className="muted small">
                {[recipient.organisation, recipient.email, recipient.phone].filter(Boolean).join(' · ') ||
                  'No contact details'}
              </p>
              {holdings.length === 0 ? (
                <p>Holds no tokens.</p>
              ) : (
                <ul className="timeline" aria-label="Tokens held">
                  {holdings.map((h) => (
                    <li key={h.tokenId}>
                      <span className="timeline-kind">
                        {h.name}
                        {h.stillInVault ? '' : ' (deleted from the vault)'}
                      </span>
                      <span className="muted small">handed over {formatDate(h.lastHandedAt)}</span>
                    </li>
                  ))}
                </ul>
              )}
              {notice && (
                <p className="notice" role="status">
                  {notice}
                </p>
              )}
              <div className="actions">
                <button type="button" onClick={() => archive(!recipient.archived)}>
                  {recipient.archived ? 'Unarchive' : 'Archive'}
                </button>
                <button
                  type="button"
                  disabled={holdings.length === 0}
                  onClick={() => setConfirm('invalidate')}
                >
                  Engagement ended: invalidate
                </button>
                <button
                  type="button"
                  className="danger"
                  disabled={holdings.length === 0}
                  onClick={() => setConfirm('regenerate')}
                >
                  Engagement ended: regenerate
                </button>
              </div>
            </section>
          )}
        </div>
      )}
      <ErrorText message={error} />
      {confirm && recipient && (
        <Dialog
          title={`${confirm === 'regenerate' ? 'Regenerate' : 'Invalidate'} every token ${recipient.name} holds?`}
          onClose={() => setConfirm(null)}
        >
          <p>
            {holdings.filter((h) => h.stillInVault).length} token(s) will be{' '}
            {confirm === 'regenerate'
              ? 'given new values (the old ones are kept for rollback)'
              : 'marked inactive'}{' '}
            in one step. Integrations that still use the old values stop working until you update them.
          </p>
          <div className="actions">
            <button type="button" onClick={() => setConfirm(null)}>
              Cancel
            </button>
            <button type="button" className="danger" onClick={() => end(confirm)}>
              {confirm === 'regenerate' ? 'Regenerate all' : 'Invalidate all'}
            </button>
          </div>
        </Dialog>
      )}
    </Dialog>
  );
}
