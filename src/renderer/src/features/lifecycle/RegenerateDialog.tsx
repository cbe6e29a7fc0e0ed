import { useEffect, useState } from 'react';
import type { TokenMeta } from '../../../../shared/model';
import type { TokenUsage } from '../../../../shared/token-views';
import { call, messageOf } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { SecretInput } from '../../ui/SecretInput';
import { ValueSourceChoice } from '../../ui/ValueSourceChoice';
import { InUseWarning } from './InUseWarning';

interface RegenerateDialogProps {
  token: TokenMeta;
  /** The platform issues this token's values (Engaging Networks, ON24, Emplifi): pasting is the usual way. */
  platformIssuesValues: boolean;
  onClose: () => void;
  onDone: (message: string) => void;
}

/** Rotate a token: a generated value in the platform's shape, or the one the platform issued; the old value is kept. */
export function RegenerateDialog({ token, platformIssuesValues, onClose, onDone }: RegenerateDialogProps) {
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
  const blocked = usage === null || (usage.inUse && !confirmed);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await call('regenerateToken', {
        id: token.id,
        ...(mode === 'paste' ? { value } : {}),
        ...(confirmed ? { force: true } : {}),
      });
      setValue('');
      onDone(`“${token.name}” has a new value; the previous one is kept (up to five) until you forget it.`);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <Dialog title={`Regenerate “${token.name}”?`} onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <p>
          The current value is kept as an earlier value, so you can roll back until you forget it. Update the
          platform and every integration with the new value.
        </p>
        <fieldset className="value-mode">
          <legend>New value</legend>
          <ValueSourceChoice
            name="regen-mode"
            value={mode}
            onChange={setMode}
            generateLabel="Generate one here"
          />
          {mode === 'paste' && (
            <SecretInput id="regen-value" label="New token value" value={value} onChange={setValue} />
          )}
        </fieldset>
        <InUseWarning usage={usage} action="regenerate" confirmed={confirmed} onConfirm={setConfirmed} />
        <ErrorText message={error} />
        <div className="actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="danger-strong"
            disabled={busy || blocked || (mode === 'paste' && !value)}
          >
            Regenerate
          </button>
        </div>
      </form>
    </Dialog>
  );
}
