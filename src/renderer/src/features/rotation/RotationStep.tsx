import { useState } from 'react';
import {
  ROTATION_OUTCOME_LABELS,
  type RotationOutcome,
  type RotationStepView,
} from '../../../../shared/rotation-views';
import { insteadOfRotatingSentence } from '../../../../shared/platform-guides';
import { SecretInput } from '../../ui/SecretInput';
import { GuideSteps } from '../lifecycle/PlatformGuideText';
import { formatDate } from '../../ui/format';

interface RotationStepProps {
  step: RotationStepView;
  busy: boolean;
  onRecord: (outcome: RotationOutcome, value?: string) => Promise<boolean>;
}

/**
 * One token of a rotation plan: what to do on its platform first (where, who, what breaks meanwhile, the steps),
 * then the ways to record what was done there.
 */
export function RotationStep({ step, busy, onRecord }: RotationStepProps) {
  const [value, setValue] = useState('');
  // Recording a deletion deletes the token here too: a second, explicit click.
  const [confirmDelete, setConfirmDelete] = useState(false);
  const headingId = `rotation-step-${step.position}`;
  const guide = step.guides.regenerate;
  const title = `${step.tokenName} (${step.accountName}, ${step.platform})`;

  if (step.outcome) {
    return (
      <li className="panel rotation-step done" aria-labelledby={headingId}>
        <h3 id={headingId} tabIndex={-1}>
          <span aria-hidden="true">☑ </span>
          {title}
        </h3>
        <p className="muted small">
          Done {formatDate(step.doneAt)}: {ROTATION_OUTCOME_LABELS[step.outcome]}.
        </p>
      </li>
    );
  }

  const paste = async (event: React.FormEvent) => {
    event.preventDefault();
    if (await onRecord('new-value', value)) setValue('');
  };
  return (
    <li className="panel rotation-step" aria-labelledby={headingId}>
      <h3 id={headingId} tabIndex={-1}>
        <span aria-hidden="true">☐ </span>
        {title}
      </h3>
      {!step.stillInVault ? (
        <p>
          This token is no longer in the vault. Once it is deleted on {step.platform} too, record that here.
        </p>
      ) : (
        <>
          <GuideSteps guide={guide} platform={step.platform} />
          {step.offOperation !== null && (
            <p className="small muted">{insteadOfRotatingSentence(step.profileId, step.role)}</p>
          )}
          <form className="form" onSubmit={paste} aria-label={`New value for ${step.tokenName}`}>
            <SecretInput
              id={`rotation-value-${step.position}`}
              label={`New value ${step.platform} issued`}
              value={value}
              onChange={setValue}
            />
            <div className="actions">
              <button type="submit" className="primary" disabled={busy || !value}>
                Record the new value
              </button>
            </div>
          </form>
        </>
      )}
      <div className="actions" role="group" aria-label={`Other ways to record ${step.tokenName}`}>
        {step.stillInVault && step.canGenerate && (
          <button type="button" disabled={busy} onClick={() => onRecord('generated')}>
            Generate one here (to set there)
          </button>
        )}
        {step.stillInVault && step.offOperation !== null && (
          <button type="button" disabled={busy} onClick={() => onRecord('invalidated')}>
            {step.offOperation === 'disable' ? 'Disabled there' : 'Invalidated there'}
          </button>
        )}
        {confirmDelete ? (
          <>
            <span className="small" role="alert">
              “{step.tokenName}” and its earlier values go from the vault too.
            </span>
            <button
              type="button"
              className="danger-strong"
              disabled={busy}
              onClick={() => onRecord('deleted')}
            >
              Yes, record it deleted
            </button>
            <button type="button" onClick={() => setConfirmDelete(false)}>
              Keep it
            </button>
          </>
        ) : (
          <button
            type="button"
            className="danger"
            disabled={busy}
            onClick={() => (step.stillInVault ? setConfirmDelete(true) : void onRecord('deleted'))}
          >
            Deleted there
          </button>
        )}
      </div>
    </li>
  );
}
