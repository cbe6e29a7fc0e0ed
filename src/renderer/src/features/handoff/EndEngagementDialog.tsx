import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/api';
import { call, messageOf } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';

type Plan = MethodOutput<'planEngagementEnd'>;
type Result = MethodOutput<'endEngagement'>;

interface EndEngagementDialogProps {
  recipient: { id: number; name: string };
  action: 'regenerate' | 'invalidate';
  onClose: () => void;
  onDone: (result: Result) => void;
}

/**
 * Engagement ended: first the list of tokens whose current value the agency holds (and those a platform rule keeps
 * out, with the reason), then one transaction that rotates them all.
 */
export function EndEngagementDialog({ recipient, action, onClose, onDone }: EndEngagementDialogProps) {
  const [plan, setPlan] = useState<Plan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('planEngagementEnd', { id: recipient.id }).then(setPlan, (err) => setError(messageOf(err)));
  }, [recipient.id]);

  const changing = plan?.toRotate.filter((token) => token.blocked[action] === null) ?? [];
  const kept = plan?.toRotate.filter((token) => token.blocked[action] !== null) ?? [];

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      onDone(await call('endEngagement', { id: recipient.id, action }));
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={`${action === 'regenerate' ? 'Regenerate' : 'Invalidate'} every token ${recipient.name} holds?`}
      onClose={onClose}
    >
      {plan === null ? (
        <p className="muted">{error ? '' : 'Finding the tokens…'}</p>
      ) : (
        <>
          <p>
            {changing.length === 0
              ? `${recipient.name} holds no current value that can be ${action === 'regenerate' ? 'regenerated' : 'invalidated'} here.`
              : `${changing.length} token(s) will be ${
                  action === 'regenerate'
                    ? 'given new generated values (the old ones are kept for rollback); enter each new value on its platform'
                    : 'marked inactive'
                } in one step. Integrations that still use the old values stop working.`}
          </p>
          {changing.length > 0 && (
            <ul aria-label="Tokens to rotate">
              {changing.map((token) => (
                <li key={token.tokenId}>{token.name}</li>
              ))}
            </ul>
          )}
          {kept.length > 0 && (
            <>
              <p>Left as they are:</p>
              <ul aria-label="Tokens left as they are">
                {kept.map((token) => (
                  <li key={token.tokenId}>
                    {token.name}: {token.blocked[action]}
                  </li>
                ))}
              </ul>
            </>
          )}
          {plan.othersCount > 0 && (
            <p className="hint">
              {plan.othersCount} other token(s) they were given need nothing: rotated since, deleted, or
              handed over without the value.
            </p>
          )}
        </>
      )}
      <ErrorText message={error} />
      <div className="actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="danger" onClick={run} disabled={busy || changing.length === 0}>
          {action === 'regenerate' ? 'Regenerate all' : 'Invalidate all'}
        </button>
      </div>
    </Dialog>
  );
}
