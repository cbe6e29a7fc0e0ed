import type { TokenMeta } from '../../../../shared/model';
import type { TokenState } from '../../../../shared/token-views';

/**
 * The badges of one row. One state badge only, the most severe that holds, so two never contradict ("active"
 * beside "disabled"); reminders give their full sentence as a tooltip.
 */
export function TokenBadges({ token, state }: { token: TokenMeta; state: TokenState | undefined }) {
  const off = state?.disabledForInactivity || !token.enabled || token.status !== 'active';
  const label = state?.disabledForInactivity
    ? 'disabled'
    : token.status !== 'active'
      ? 'invalidated'
      : !token.enabled
        ? 'disabled'
        : null;
  const reminders = state?.disabledForInactivity ? [] : (state?.attention ?? []);
  return (
    <div className="badges">
      {token.role === 'primary' && <span className="badge badge-primary">primary</span>}
      {label && <span className="badge badge-off">{label}</span>}
      {!off && reminders.length > 0 && (
        <span className="badge badge-warn" title={reminders.join('; ')}>
          {reminders[0]}
          {reminders.length > 1 ? ` +${reminders.length - 1}` : ''}
        </span>
      )}
    </div>
  );
}
