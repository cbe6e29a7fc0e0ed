import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../shared/api';
import { plural } from '../../../../shared/token-state-vocabulary';
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

  // Core answers what the plan will hold (toRotate) and which held tokens it leaves out, already switched off.
  const held = holdings?.toRotate ?? [];
  const alreadyOff = holdings?.alreadyOff ?? [];
  const othersCount = holdings?.othersCount ?? 0;
  return (
    <Dialog title={`Engagement ended: rotate what ${recipient.name} holds`} onClose={onClose}>
      {holdings === null ? (
        <p className="muted">{error ? '' : 'Finding the tokens…'}</p>
      ) : (
        <>
          <p>
            {held.length > 0
              ? `${recipient.name} holds the current value of ${plural(held.length, 'token')} still switched on. A rotation plan takes you through ${held.length === 1 ? 'it' : 'them one by one'}: rotate or switch off each one on its platform, then record it here. The plan is saved, so you can stop and resume.`
              : alreadyOff.length > 0
                ? `Every token whose current value ${recipient.name} holds is already switched off: there is nothing to rotate.`
                : `${recipient.name} holds no current value of any token: there is nothing to rotate.`}
          </p>
          {held.length > 0 && (
            <ul aria-label="Tokens to rotate">
              {held.map((token) => (
                <li key={token.tokenId}>{token.name}</li>
              ))}
            </ul>
          )}
          {alreadyOff.length > 0 && (
            <ul className="hint" aria-label="Not in the plan">
              {alreadyOff.map((token) => (
                <li key={token.tokenId}>
                  “{token.name}” is already recorded as {token.state}, so it is not in the plan: while it
                  stays switched off there, the value {recipient.name} holds does not work. Rotate it before
                  you switch it back on.
                </li>
              ))}
            </ul>
          )}
          {othersCount > 0 && (
            <p className="hint">
              {othersCount === 1
                ? '1 other token they were given needs nothing: rotated since, deleted, or handed over without the value.'
                : `${othersCount} other tokens they were given need nothing: rotated since, deleted, or handed over without the value.`}
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
