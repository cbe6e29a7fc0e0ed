import type { ProfileDefinition } from '../../../../shared/profiles';
import { mayRestoreEarlierValues } from '../../../../shared/token-questions';
import { useEffect, useState } from 'react';
import type { TokenMeta } from '../../../../shared/model';
import { useAction } from '../../data/use-action';
import { useEarlierValues, useTokenUsage } from '../../data/vault-queries';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorText } from '../../ui/ErrorText';
import { formatDate } from '../../ui/format';
import { InUseWarning } from '../lifecycle/InUseWarning';
import { REVEAL_SECONDS } from './SecretBox';

/**
 * The values a Regenerate kept: each can be revealed (recorded, hidden again after 20 s) or restored as the
 * current value, which is what "roll back" means. Restoring a token in use asks like Regenerate does.
 */
export function EarlierValues({
  token,
  profile,
  onRestored,
}: {
  token: TokenMeta;
  /** The token's platform rules: where it cannot bring a reset value back (Engaging Networks), none is restored. */
  profile: ProfileDefinition;
  onRestored: (message: string) => void;
}) {
  const restorable = mayRestoreEarlierValues(profile);
  const list = useEarlierValues(token.id, token.previousValueCount > 0);
  const usage = useTokenUsage(token.id);
  const action = useAction();
  const [revealed, setRevealed] = useState<{ id: number; value: string } | null>(null);
  const [restoring, setRestoring] = useState<number | null>(null);
  const [confirmed, setConfirmed] = useState(false);

  useEffect(() => {
    if (revealed === null) return;
    const timer = window.setTimeout(() => setRevealed(null), REVEAL_SECONDS * 1000);
    return () => window.clearTimeout(timer);
  }, [revealed]);

  if (token.previousValueCount === 0 || !list.data?.length) return null;
  const inUse = usage.data?.inUse ?? false;
  return (
    <section className="panel" aria-labelledby="earlier-title">
      <h3 id="earlier-title">Earlier values</h3>
      <ul className="plain-list" aria-labelledby="earlier-title">
        {list.data.map((earlier) => (
          <li key={earlier.id} className="mapping-row">
            <span>Replaced {formatDate(earlier.replacedAt)}</span>
            <code className={revealed?.id === earlier.id ? 'secret revealed' : 'secret'}>
              {revealed?.id === earlier.id ? revealed.value : '••••••••'}
            </code>
            <button
              type="button"
              aria-pressed={revealed?.id === earlier.id}
              aria-label={revealed?.id === earlier.id ? 'Hide' : 'Reveal'}
              onClick={async () => {
                if (revealed?.id === earlier.id) return setRevealed(null);
                const answer = await action.run('revealEarlierValue', { id: token.id, valueId: earlier.id });
                if (answer) setRevealed({ id: earlier.id, value: answer.value });
              }}
            >
              {revealed?.id === earlier.id ? 'Hide' : 'Reveal'}
            </button>
            {restorable && (
              <button type="button" onClick={() => (setConfirmed(false), setRestoring(earlier.id))}>
                Restore…
              </button>
            )}
          </li>
        ))}
      </ul>
      {!restorable && (
        <p className="hint">
          {profile.label} does not take back a value it reset: these are kept for your records, not to
          restore.
        </p>
      )}
      <ErrorText message={restoring === null ? action.error : null} />
      {restoring !== null && (
        <ConfirmDialog
          title={`Restore the earlier value of “${token.name}”?`}
          confirmLabel="Restore it"
          danger
          busy={action.busy || (inUse && !confirmed)}
          error={action.error}
          onCancel={() => setRestoring(null)}
          onConfirm={async () => {
            const restored = await action.run('restoreEarlierValue', {
              id: token.id,
              valueId: restoring,
              ...(confirmed ? { force: true } : {}),
            });
            if (restored) {
              setRestoring(null);
              setRevealed(null);
              onRestored(`“${token.name}” has its earlier value again; the value it replaces is kept.`);
            }
          }}
        >
          <p>
            The earlier value becomes the current one, and the current one is kept among the earlier values.
            Record the same change on the platform and in every integration.
          </p>
          <InUseWarning
            usage={usage.data ?? null}
            action="regenerate"
            confirmed={confirmed}
            onConfirm={setConfirmed}
          />
        </ConfirmDialog>
      )}
    </section>
  );
}
