import { useEffect, useState } from 'react';
import type { TokenMeta } from '../../../../shared/model';
import { profileOrGeneric, worksAgainOnlyWithNewValue } from '../../../../shared/token-questions';
import type { TokenUsage } from '../../../../shared/token-views';
import { call, messageOf } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { SecretInput } from '../../ui/SecretInput';
import { ValueSourceChoice } from '../../ui/ValueSourceChoice';
import { inUseConfirmId, InUseWarning } from './InUseWarning';
import { PlatformGuideText } from './PlatformGuideText';

interface RegenerateDialogProps {
  token: TokenMeta;
  /** The token's profile, whose platform guide comes first. */
  profileId: string;
  /** The platform issues this token's values (Engaging Networks, ON24, Emplifi): pasting is the only way. */
  platformIssuesValues: boolean;
  onClose: () => void;
  onDone: (message: string) => void;
}

/**
 * Record a token's new value: the one the platform issued, or (where the platform takes a value we set) one
 * generated here to set there. The platform's steps come first; the old value is kept.
 */
export function RegenerateDialog(props: RegenerateDialogProps) {
  const { token, profileId, platformIssuesValues, onClose, onDone } = props;
  const [mode, setMode] = useState<'generate' | 'paste'>(platformIssuesValues ? 'paste' : 'generate');
  const [value, setValue] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Read when the dialog opens, so the warning reflects the token's ties now; the action waits for it.
  const [usage, setUsage] = useState<TokenUsage | null>(null);
  useEffect(() => {
    call('tokenUsage', { id: token.id }).then(setUsage, (err) => setError(messageOf(err)));
  }, [token.id]);
  const [busy, setBusy] = useState(false);
  // The button stays on: a submit that lacks something says what, at the field, and focus goes there.
  const [fieldErrors, setFieldErrors] = useState<{ value?: string; confirm?: string }>({});
  // Invalidated where the platform cannot turn it back on: the new value it issued makes the token valid again.
  const validAgain = worksAgainOnlyWithNewValue(profileOrGeneric(profileId), token);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const missing = {
      ...(mode === 'paste' && !value
        ? { value: platformIssuesValues ? 'Paste the value the platform issued.' : 'Paste the new value.' }
        : {}),
      ...(usage?.inUse && !confirmed
        ? { confirm: 'Tick this first: the places above stop working until they have the new value.' }
        : {}),
    };
    setFieldErrors(missing);
    if (missing.value || missing.confirm) {
      document.getElementById(missing.value ? 'regen-value' : inUseConfirmId('regenerate'))?.focus();
      return;
    }
    // The token's ties are read when the dialog opens; until they are known the warning cannot be shown.
    if (usage === null) return;
    setBusy(true);
    setError(null);
    try {
      await call('regenerateToken', {
        id: token.id,
        ...(mode === 'paste' ? { value } : {}),
        ...(confirmed ? { force: true } : {}),
      });
      setValue('');
      onDone(
        mode === 'paste'
          ? `Recorded: “${token.name}” has the new value from its platform${validAgain ? ' and is valid again' : ''}; the previous one is kept (up to five) until you forget it.`
          : `“${token.name}” has a new value generated here: set it on its platform and in what uses it. The previous one is kept (up to five).`,
      );
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={validAgain ? `Record the new value of “${token.name}”` : `Regenerate “${token.name}”?`}
      onClose={onClose}
    >
      <form className="form" onSubmit={submit}>
        <PlatformGuideText
          profileId={profileId}
          action={validAgain ? 'validate' : 'regenerate'}
          role={token.role}
        />
        <p>
          Done there? Record the new value here. The current value is kept as an earlier value, so you can
          roll back until you forget it.
        </p>
        {platformIssuesValues ? (
          // The platform accepts no value it did not issue: only what it issued can be recorded.
          <SecretInput
            id="regen-value"
            label="New value the platform issued"
            value={value}
            onChange={(next) => (setValue(next), setFieldErrors({ ...fieldErrors, value: undefined }))}
            error={fieldErrors.value ?? null}
          />
        ) : (
          <fieldset className="value-mode">
            <legend>New value</legend>
            <ValueSourceChoice
              name="regen-mode"
              value={mode}
              onChange={setMode}
              generateLabel="Generate one here (to set there)"
            />
            {mode === 'paste' && (
              <SecretInput
                id="regen-value"
                label="New token value"
                value={value}
                onChange={(next) => (setValue(next), setFieldErrors({ ...fieldErrors, value: undefined }))}
                error={fieldErrors.value ?? null}
              />
            )}
          </fieldset>
        )}
        <InUseWarning
          usage={usage}
          action="regenerate"
          confirmed={confirmed}
          onConfirm={(ticked) => (
            setConfirmed(ticked),
            setFieldErrors({ ...fieldErrors, confirm: undefined })
          )}
          error={fieldErrors.confirm ?? null}
        />
        <ErrorText message={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          {/* Never disabled for a missing answer: the submit names it at its field (a disabled button says nothing). */}
          <button
            type="submit"
            // The old value is already refused where it comes back only with a new one: nothing more breaks.
            className={validAgain ? 'primary' : 'danger-strong'}
            aria-disabled={busy || usage === null || undefined}
          >
            Record the new value
          </button>
        </div>
      </form>
    </Dialog>
  );
}
