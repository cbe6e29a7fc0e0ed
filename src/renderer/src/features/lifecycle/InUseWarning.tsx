import { FieldError } from '../../ui/FieldError';
import type { TokenUsage } from '../../../../shared/token-views';

/** The places a token is used, in plain words: what breaks if it is reset or deleted. */
export function usagePhrases(usage: TokenUsage): string[] {
  const phrases: string[] = [];
  for (const holder of usage.handedTo) phrases.push(`handed to ${holder.recipient}`);
  // A mapping switched off serves nothing: it is named as such, not as a use.
  for (const link of usage.mappedTo)
    phrases.push(`mapped to the primary “${link.primaryName}”${link.enabled ? '' : ' (mapping off)'}`);
  for (const link of usage.mappedFrom)
    phrases.push(`the primary of “${link.secondaryName}”${link.enabled ? '' : ' (mapping off)'}`);
  for (const place of usage.endpoints) phrases.push(`serves ${place.method} on ${place.endpoint}`);
  return phrases;
}

interface InUseWarningProps {
  usage: TokenUsage | null;
  action: 'regenerate' | 'delete';
  confirmed: boolean;
  onConfirm: (confirmed: boolean) => void;
  /** The checkbox's own error (a submit without it ticked), read out with it. */
  error?: string | null;
}

/** The confirmation checkbox's id, so a dialog can move focus to it when a submit needs it ticked. */
export const inUseConfirmId = (action: InUseWarningProps['action']) => `${action}-in-use-confirm`;

/** Resetting or deleting a token in use needs an explicit confirmation, so the warning carries the checkbox. */
export function InUseWarning({ usage, action, confirmed, onConfirm, error }: InUseWarningProps) {
  if (!usage?.inUse) return null;
  const id = inUseConfirmId(action);
  const verb = action === 'delete' ? 'Deleting' : 'Resetting';
  return (
    <div className="warning-box" role="alert">
      <p>
        <strong>This token is in use.</strong> {verb} it on its platform breaks the integrations that rely on
        it:
      </p>
      <ul>
        {usagePhrases(usage).map((phrase) => (
          <li key={phrase}>{phrase}</li>
        ))}
      </ul>
      <label className="check" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={confirmed}
          onChange={(e) => onConfirm(e.target.checked)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
        />
        {`I understand; record it ${action === 'delete' ? 'deleted' : 'with a new value'} anyway`}
      </label>
      <FieldError id={id} message={error ?? null} />
    </div>
  );
}
