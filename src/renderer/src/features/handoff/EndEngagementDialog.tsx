import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/api';
import { call, messageOf } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { RotationPlanDialog } from '../rotation/RotationPlanDialog';

type Holdings = MethodOutput<'planEngagementEnd'>;

interface EndEngagementDialogProps {
  recipient: { id: number; name: string };
  onClose: () => void;
  /** Tokens changed (a step was recorded): the parent reloads. */
  onChanged: () => void;
}

/**
 * Engagement ended: the tokens whose current value the agency holds, then a rotation plan for them, one step per
 * token with what to do on its platform. Nothing changes on any platform from here; each step is recorded once the
 * admin did it there. An unfinished plan for the same agency is resumed rather than started twice.
 */
export function EndEngagementDialog({ recipient, onClose, onChanged }: EndEngagementDialogProps) {
  const [holdings, setHoldings] = useState<Holdings | null>(null);
  const [planId, setPlanId] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('planEngagementEnd', { id: recipient.id }).then(setHoldings, (err) => setError(messageOf(err)));
  }, [recipient.id]);
  // Core answers which plan is this recipient's (by id, so a renamed recipient still finds it).
  const unfinished = holdings?.unfinishedPlan ?? null;

  if (planId !== null) return <RotationPlanDialog planId={planId} onClose={onClose} onChanged={onChanged} />;

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      setPlanId((await call('startRotationPlan', { recipientId: recipient.id })).id);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  const held = holdings?.toRotate ?? [];
  return (
    <Dialog title={`Engagement ended: rotate what ${recipient.name} holds`} onClose={onClose}>
      {holdings === null ? (
        <p className="muted">{error ? '' : 'Finding the tokens…'}</p>
      ) : (
        <>
          <p>
            {held.length === 0
              ? `${recipient.name} holds no current value of any token: there is nothing to rotate.`
              : `${recipient.name} holds the current value of ${held.length} token(s). A rotation plan takes you through them one by one: rotate or switch off each one on its platform, then record it here. The plan is saved, so you can stop and resume.`}
          </p>
          {held.length > 0 && (
            <ul aria-label="Tokens to rotate">
              {held.map((token) => (
                <li key={token.tokenId}>{token.name}</li>
              ))}
            </ul>
          )}
          {holdings.othersCount > 0 && (
            <p className="hint">
              {holdings.othersCount} other token(s) they were given need nothing: rotated since, deleted, or
              handed over without the value.
            </p>
          )}
          {unfinished && <p className="notice">{unfinished.progress}: this plan is not finished yet.</p>}
        </>
      )}
      <ErrorText message={error} />
      <div className="actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        {unfinished ? (
          <button type="button" className="primary" onClick={() => setPlanId(unfinished.id)}>
            Resume the plan
          </button>
        ) : (
          <button type="button" className="primary" onClick={start} disabled={busy || held.length === 0}>
            Start the rotation plan
          </button>
        )}
      </div>
    </Dialog>
  );
}
