import type { TokenMeta } from '../../../../shared/model';
import { describeTokenState, type StateTone } from '../../../../shared/token-state-vocabulary';
import type { TokenState } from '../../../../shared/token-views';

const BADGE_TONE: Record<StateTone, string> = { ok: 'badge-ok', off: 'badge-off', warn: 'badge-warn' };

/**
 * The badges of one row, in the words of shared/token-state-vocabulary.ts (never two that contradict). They
 * give way to the name: each ellipsises and carries its full words as a tooltip.
 */
export function TokenBadges({ token, state }: { token: TokenMeta; state: TokenState | undefined }) {
  return (
    <div className="badges">
      {token.role === 'primary' && <span className="badge badge-primary">primary</span>}
      {describeTokenState(token, state).badges.map((fact) => (
        <span key={fact.id} className={`badge badge-attention ${BADGE_TONE[fact.tone]}`} title={fact.text}>
          {fact.text}
        </span>
      ))}
    </div>
  );
}
