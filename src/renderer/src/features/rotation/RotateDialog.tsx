import { useEffect, useState } from 'react';
import type { TokenMeta } from '../../../../shared/model';
import type { RotationPlanSummary } from '../../../../shared/rotation-views';
import { call, messageOf } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { formatDay } from '../../ui/format';
import { RotationPlanDialog } from './RotationPlanDialog';

interface RotateDialogProps {
  tokens: TokenMeta[];
  /** The token selected in the list, ticked to start with. */
  preselected: number | null;
  /** Open this plan at once (from health: an unfinished plan). */
  openPlanId?: number | null;
  onClose: () => void;
  onChanged: () => void;
}

/** "Rotate…": start a plan for chosen tokens, or resume one (every plan, unfinished first). */
export function RotateDialog({
  tokens,
  preselected,
  openPlanId = null,
  onClose,
  onChanged,
}: RotateDialogProps) {
  const [plans, setPlans] = useState<RotationPlanSummary[] | null>(null);
  const [chosen, setChosen] = useState<Set<number>>(new Set(preselected !== null ? [preselected] : []));
  const [open, setOpen] = useState<number | null>(openPlanId);
  const [error, setError] = useState<string | null>(null);

  const load = () => call('listRotationPlans', {}).then(setPlans, (err) => setError(messageOf(err)));
  useEffect(() => {
    void load();
  }, []);

  if (open !== null) {
    return (
      <RotationPlanDialog
        planId={open}
        onChanged={onChanged}
        onClose={() => {
          // Opened straight onto a plan (from health): closing it closes everything.
          if (openPlanId !== null) return onClose();
          setOpen(null);
          void load();
        }}
      />
    );
  }

  const start = async () => {
    setError(null);
    try {
      const plan = await call('startRotationPlan', { tokenIds: [...chosen] });
      setOpen(plan.id);
    } catch (err) {
      setError(messageOf(err));
    }
  };
  const toggle = (id: number, on: boolean) =>
    setChosen((previous) => {
      const next = new Set(previous);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const ordered = [...(plans ?? [])].sort(
    (a, b) => Number(a.completedAt !== null) - Number(b.completedAt !== null) || b.id - a.id,
  );

  return (
    <Dialog title="Rotate tokens" onClose={onClose} wide>
      <p>
        A rotation plan lists the chosen tokens with what to do on each platform. Token Vault changes no
        platform: you rotate each token there, then record it here, at your own pace.
      </p>
      {ordered.length > 0 && (
        <section aria-labelledby="plans-heading">
          <h3 id="plans-heading">Plans</h3>
          <ul className="plain-list" aria-labelledby="plans-heading">
            {ordered.map((plan) => (
              <li key={plan.id} className="row" style={{ justifyContent: 'space-between' }}>
                <span>
                  {plan.progress}{' '}
                  <span className="muted small">
                    (started {formatDay(plan.createdAt)}
                    {plan.completedAt ? `, complete ${formatDay(plan.completedAt)}` : ''})
                  </span>
                </span>
                <button type="button" onClick={() => setOpen(plan.id)}>
                  {plan.completedAt ? `View plan ${plan.id}` : `Resume plan ${plan.id}`}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
      <fieldset>
        <legend>Tokens to rotate ({chosen.size} chosen)</legend>
        <div className="check-list">
          {tokens.map((token) => (
            <label key={token.id} className="check">
              <input
                type="checkbox"
                checked={chosen.has(token.id)}
                onChange={(event) => toggle(token.id, event.target.checked)}
              />
              {token.name} <span className="muted small">({token.accountName})</span>
            </label>
          ))}
        </div>
      </fieldset>
      <ErrorText message={error} />
      <div className="actions">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button type="button" className="primary" disabled={chosen.size === 0} onClick={start}>
          Start the plan
        </button>
      </div>
    </Dialog>
  );
}
