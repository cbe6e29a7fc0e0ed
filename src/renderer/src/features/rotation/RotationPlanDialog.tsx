import { useCallback, useEffect, useState } from 'react';
import type { RotationOutcome, RotationPlanView } from '../../../../shared/rotation-views';
import { call, messageOf } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { RotationStep } from './RotationStep';

interface RotationPlanDialogProps {
  planId: number;
  onClose: () => void;
  /** After a step is recorded: tokens changed, the parent reloads. */
  onChanged: () => void;
}

/**
 * A rotation plan, worked through one token at a time. Token Vault changes no platform: each step says what to do
 * there, and the admin records it here when it is done. Progress is saved in the vault, so the plan resumes after
 * a lock or a restart.
 */
export function RotationPlanDialog({ planId, onClose, onChanged }: RotationPlanDialogProps) {
  const [plan, setPlan] = useState<RotationPlanView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    call('getRotationPlan', { id: planId }).then(setPlan, (err) => setError(messageOf(err)));
  }, [planId]);

  const record = useCallback(
    async (tokenId: number, outcome: RotationOutcome, value?: string): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        const next = await call('recordRotationStep', {
          planId,
          tokenId,
          outcome,
          ...(value !== undefined ? { value } : {}),
        });
        const step = next.steps.find((candidate) => candidate.tokenId === tokenId)!;
        setPlan(next);
        setNotice(
          `Recorded for “${step.tokenName}”. ${next.progress}${next.completedAt ? ': the plan is complete.' : '.'}`,
        );
        // Focus goes to the next step still to do (or the progress line once all are done), after React renders.
        const nextStep = next.steps.find((candidate) => candidate.outcome === null);
        window.requestAnimationFrame(() =>
          (
            document.getElementById(`rotation-step-${nextStep?.position ?? -1}`) ??
            document.getElementById('rotation-progress')
          )?.focus(),
        );
        onChanged();
        return true;
      } catch (err) {
        setError(messageOf(err));
        return false;
      } finally {
        setBusy(false);
      }
    },
    [planId, onChanged],
  );

  const save = async (format: 'md' | 'html') => {
    setError(null);
    try {
      const chosen = await call('chooseBundleFile', { suggestedName: `rotation-plan-${planId}.${format}` });
      if (!chosen) return;
      const written = await call('exportRotationPlan', { planId, outPath: chosen.path });
      setNotice(
        `Saved ${written.path}: ${written.format === 'html' ? 'a page to print' : 'a Markdown checklist'}, with no token value in it.`,
      );
    } catch (err) {
      setError(messageOf(err));
    }
  };

  return (
    <Dialog title={plan ? `Rotation plan: ${plan.title}` : 'Rotation plan'} onClose={onClose} wide>
      {plan === null ? (
        <p className="muted">{error ? '' : 'Loading the plan…'}</p>
      ) : (
        <>
          <p id="rotation-progress" tabIndex={-1} className={plan.completedAt ? 'notice' : ''}>
            <strong>{plan.progress}.</strong>{' '}
            {plan.completedAt
              ? 'Every token is rotated or switched off on its platform, and recorded here.'
              : 'Token Vault changes no platform: do each step there, then record it here. Your progress is saved.'}
          </p>
          <progress max={plan.stepCount} value={plan.doneCount} aria-label="Tokens rotated" />
          <ol className="plain-list rotation-steps" aria-label="Steps">
            {plan.steps.map((step) => (
              <RotationStep
                key={step.position}
                step={step}
                busy={busy}
                onRecord={(outcome, value) => record(step.tokenId, outcome, value)}
              />
            ))}
          </ol>
        </>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorText message={error} />
      <div className="actions">
        <button type="button" onClick={() => save('md')} disabled={plan === null}>
          Save checklist…
        </button>
        <button type="button" onClick={() => save('html')} disabled={plan === null}>
          Save page to print…
        </button>
        <button type="button" className="primary" onClick={onClose}>
          {plan?.completedAt ? 'Done' : 'Close (resume later)'}
        </button>
      </div>
    </Dialog>
  );
}
