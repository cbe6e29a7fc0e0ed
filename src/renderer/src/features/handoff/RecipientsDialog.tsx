import { useCallback, useEffect, useState } from 'react';
import type { RecipientView } from '../../../../shared/api';
import { call, messageOf } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { Field } from '../../ui/Field';
import { EndEngagementDialog } from './EndEngagementDialog';
import { RecipientKeyPanel } from './RecipientKeyPanel';
import { formatDate } from '../../ui/format';
import { plural } from '../../../../shared/token-state-vocabulary';

type Holding = { tokenId: number; name: string; lastHandedAt: string; stillInVault: boolean };

/** Who holds what, per recipient; when an engagement ends, rotate everything they hold in one pass. */
export function RecipientsDialog({ onClose, onChanged }: { onClose: () => void; onChanged: () => void }) {
  const [recipients, setRecipients] = useState<RecipientView[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [holdings, setHoldings] = useState<Holding[]>([]);
  const [confirm, setConfirm] = useState(false);
  const [editing, setEditing] = useState<'new' | RecipientView | null>(null);
  const [deleting, setDeleting] = useState<RecipientView | null>(null);
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

  const select = (id: number) => {
    setSelected(id);
    setNotice(null);
    setError(null);
  };

  const archive = async (archived: boolean) => {
    setError(null);
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
        <p className="muted">No recipients yet. Add one here, or while handing tokens over (Hand over…).</p>
      ) : (
        <div className="recipients">
          <ul className="pick-list" aria-label="Recipients">
            {recipients.map((r) => (
              <li key={r.id}>
                <button
                  type="button"
                  className={r.id === selected ? 'nav-item active' : 'nav-item'}
                  aria-current={r.id === selected}
                  onClick={() => select(r.id)}
                >
                  <span>
                    {r.name}
                    {r.archived ? ' (archived)' : ''}
                  </span>
                  <span className="count" title="Handoffs">
                    {r.handoffCount}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          {recipient ? (
            <section aria-labelledby="recipient-title">
              <h3 id="recipient-title">{recipient.name}</h3>
              <p className="muted small">
                {[recipient.organisation, recipient.email, recipient.phone].filter(Boolean).join(' · ') ||
                  'No contact details'}
              </p>
              {recipient.notes && <p className="small">{recipient.notes}</p>}
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
              <div className="actions">
                <button type="button" onClick={() => setEditing(recipient)}>
                  Edit
                </button>
                <button type="button" onClick={() => archive(!recipient.archived)}>
                  {recipient.archived ? 'Unarchive' : 'Archive'}
                </button>
                <button type="button" className="danger" onClick={() => setDeleting(recipient)}>
                  Delete…
                </button>
              </div>
              <div className="actions">
                <button type="button" disabled={holdings.length === 0} onClick={() => setConfirm(true)}>
                  Engagement ended…
                </button>
              </div>
              <RecipientKeyPanel key={recipient.id} recipientId={recipient.id} name={recipient.name} />
            </section>
          ) : (
            <p className="muted">Select a recipient to see what they hold, edit or delete them.</p>
          )}
        </div>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorText message={error} />
      <div className="actions">
        <button type="button" onClick={() => (setEditing('new'), setNotice(null), setError(null))}>
          Add recipient…
        </button>
      </div>
      {confirm && recipient && (
        <EndEngagementDialog
          recipient={recipient}
          onClose={() => (setConfirm(false), load())}
          onChanged={onChanged}
        />
      )}
      {editing && (
        <RecipientForm
          recipient={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setSelected(saved.id);
            setNotice(editing === 'new' ? `Added ${saved.name}.` : `Saved the details of ${saved.name}.`);
            load();
            onChanged();
          }}
        />
      )}
      {deleting && (
        <DeleteRecipientDialog
          recipient={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={({ name, keptAs }) => {
            setDeleting(null);
            setSelected(null);
            setHoldings([]);
            setNotice(
              keptAs
                ? `Deleted ${name}: their contact details are erased, and their handoffs stay on record as “${keptAs}”.`
                : `Deleted ${name}.`,
            );
            load();
            onChanged();
          }}
        />
      )}
    </Dialog>
  );
}

/** Add a recipient, or edit one's name and contact details. */
function RecipientForm({
  recipient,
  onClose,
  onSaved,
}: {
  recipient: RecipientView | null;
  onClose: () => void;
  onSaved: (saved: RecipientView) => void;
}) {
  const [name, setName] = useState(recipient?.name ?? '');
  const [organisation, setOrganisation] = useState(recipient?.organisation ?? '');
  const [email, setEmail] = useState(recipient?.email ?? '');
  const [phone, setPhone] = useState(recipient?.phone ?? '');
  const [notes, setNotes] = useState(recipient?.notes ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!name.trim()) return setError('Type the recipient’s name.');
    const fields = { name: name.trim(), organisation, email, phone, notes };
    setBusy(true);
    try {
      const saved = recipient
        ? await call('updateRecipient', { id: recipient.id, ...fields })
        : await call('createRecipient', fields);
      onSaved(saved);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title={recipient ? `Edit ${recipient.name}` : 'Add a recipient'} onClose={onClose} wide>
      <form className="form" onSubmit={submit} noValidate>
        <div className="field-grid">
          <Field id="recipient-name" label="Name">
            <input id="recipient-name" value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field id="recipient-organisation" label="Organisation">
            <input
              id="recipient-organisation"
              value={organisation}
              onChange={(e) => setOrganisation(e.target.value)}
              autoComplete="organization"
            />
          </Field>
          <Field id="recipient-email" label="Email">
            <input
              id="recipient-email"
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              autoComplete="email"
            />
          </Field>
          <Field id="recipient-phone" label="Phone" hint="Where the bundle password can be sent.">
            <input
              id="recipient-phone"
              type="tel"
              value={phone}
              onChange={(e) => setPhone(e.target.value)}
              autoComplete="tel"
              aria-describedby="recipient-phone-hint"
            />
          </Field>
          <Field id="recipient-notes" label="Notes" wide>
            <textarea
              id="recipient-notes"
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
              rows={3}
            />
          </Field>
        </div>
        <ErrorText message={error} />
        <div className="actions">
          <button type="button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {recipient ? 'Save' : 'Add recipient'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Confirm before deleting; core refuses (with its sentence) while handoffs name a recipient not yet archived. */
function DeleteRecipientDialog({
  recipient,
  onClose,
  onDeleted,
}: {
  recipient: RecipientView;
  onClose: () => void;
  onDeleted: (result: { name: string; keptAs: string | null }) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const remove = async () => {
    setError(null);
    setBusy(true);
    try {
      onDeleted(await call('deleteRecipient', { id: recipient.id }));
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Delete ${recipient.name}?`} onClose={onClose}>
      {recipient.handoffCount === 0 ? (
        <p>
          {recipient.name} never received a handoff: the recipient and their contact details are removed from
          the vault.
        </p>
      ) : recipient.archived ? (
        <p>
          {recipient.name} received {plural(recipient.handoffCount, 'handoff')}. Their contact details are
          erased, and the handoffs stay on record under “{recipient.name} (deleted)”, so every token still
          shows who holds it.
        </p>
      ) : (
        <p>
          {recipient.name} received {plural(recipient.handoffCount, 'handoff')}, and is not archived.
        </p>
      )}
      <ErrorText message={error} />
      <div className="actions">
        <button type="button" onClick={onClose}>
          Keep {recipient.name}
        </button>
        <button type="button" className="danger-strong" onClick={remove} disabled={busy}>
          Delete recipient
        </button>
      </div>
    </Dialog>
  );
}
