import { useEffect, useState } from 'react';
import type { TokenMeta } from '../../../../shared/model';
import { useAction } from '../../data/use-action';
import { ErrorText } from '../../ui/ErrorText';

export const REVEAL_SECONDS = 20;

interface SecretBoxProps {
  token: TokenMeta;
  /** The platform's word for the value ("Token secret" on ON24). */
  label: string;
  /** A sentence from the detail (a lifecycle step done) shown where the copy notice shows. */
  notice: string | null;
  onNotice: (notice: string | null) => void;
  /** Bumped when the value changed (regenerated, restored): a revealed old value hides. */
  valueVersion: number;
}

/** The token's value: masked, revealed for 20 s on request (recorded), or copied by main (recorded). */
export function SecretBox({ token, label, notice, onNotice, valueVersion }: SecretBoxProps) {
  const [revealed, setRevealed] = useState<{ value: string; version: number } | null>(null);
  const action = useAction();
  const shown = revealed !== null && revealed.version === valueVersion ? revealed.value : null;

  // A revealed value hides itself again: it never stays on screen by accident.
  useEffect(() => {
    if (revealed === null) return;
    const timer = window.setTimeout(() => setRevealed(null), REVEAL_SECONDS * 1000);
    return () => window.clearTimeout(timer);
  }, [revealed]);

  const reveal = async () => {
    if (shown !== null) return setRevealed(null);
    const answer = await action.run('revealToken', { id: token.id });
    if (answer) setRevealed({ value: answer.value, version: valueVersion });
  };
  const copy = async () => {
    const answer = await action.run('copyToken', { id: token.id });
    if (answer) onNotice(`Copied. The clipboard will be cleared in ${answer.clearsAfterSeconds} s.`);
  };

  return (
    <div className="secret-box">
      <span className="label" id="value-label">
        {label}
      </span>
      <code
        className={shown !== null ? 'secret revealed' : 'secret'}
        aria-labelledby="value-label"
        data-testid="token-value"
      >
        {shown ?? '•'.repeat(Math.min(24, Math.max(8, token.valueLength)))}
      </code>
      <div className="actions">
        <button type="button" onClick={reveal} aria-pressed={shown !== null}>
          {shown !== null ? 'Hide' : 'Reveal'}
        </button>
        <button type="button" className="primary" onClick={copy} title="Copy (Ctrl+C in the list)">
          Copy
        </button>
      </div>
      {shown !== null && (
        <p className="hint">Hides again in {REVEAL_SECONDS} s. Revealing is recorded in the history.</p>
      )}
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <ErrorText message={action.error} />
    </div>
  );
}
