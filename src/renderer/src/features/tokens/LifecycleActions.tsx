import type { MethodInput } from '../../../../shared/api';
import type { TokenMeta } from '../../../../shared/model';
import type { ProfileDefinition } from '../../../../shared/profiles';
import type { tokenActions } from '../../../../shared/token-questions';
import type { Action } from '../../data/use-action';

interface LifecycleActionsProps {
  token: TokenMeta;
  profile: ProfileDefinition;
  /** shared/token-questions.ts's answer: which of the steps apply to this token now. */
  actions: ReturnType<typeof tokenActions>;
  /** The detail's action: busy and error shown once for the whole detail. */
  action: Action;
  onDone: (message: string) => void;
  onOpen: (dialog: 'activity' | 'expiry') => void;
}

/** The lifecycle steps of one token: each records what the admin did on the platform. */
export function LifecycleActions({ token, profile, actions, action, onDone, onOpen }: LifecycleActionsProps) {
  const step = async (
    method: 'setTokenStatus' | 'setTokenEnabled' | 'purgePreviousValues',
    input:
      MethodInput<'setTokenStatus'> | MethodInput<'setTokenEnabled'> | MethodInput<'purgePreviousValues'>,
    message: string,
  ) => {
    // The three inputs are checked by main's schema; the union keeps the call sites readable here.
    if (await action.run(method, input as never)) onDone(message);
  };
  return (
    <div className="actions lifecycle-actions" role="group" aria-label="Lifecycle">
      {actions.validity === 'locked' ? (
        <span className="hint">
          {profile.label} does not let a manager validate or invalidate the primary; regenerate it to replace
          it.
        </span>
      ) : actions.validity === 'invalidate' ? (
        <button
          type="button"
          onClick={() =>
            step('setTokenStatus', { id: token.id, status: 'inactive' }, `“${token.name}” is invalidated.`)
          }
        >
          Invalidate
        </button>
      ) : (
        <button
          type="button"
          onClick={() =>
            step('setTokenStatus', { id: token.id, status: 'active' }, `“${token.name}” is valid again.`)
          }
        >
          Validate
        </button>
      )}
      {actions.switch === 'disable' ? (
        <button
          type="button"
          onClick={() =>
            step('setTokenEnabled', { id: token.id, enabled: false }, `“${token.name}” is disabled.`)
          }
        >
          Disable
        </button>
      ) : (
        <button
          type="button"
          onClick={() =>
            step(
              'setTokenEnabled',
              { id: token.id, enabled: true },
              actions.inactivity
                ? `“${token.name}” is enabled; the ${actions.inactivity.disableAfterDays}-day inactivity count starts again today.`
                : `“${token.name}” is enabled.`,
            )
          }
        >
          {actions.switch === 're-enable' ? 'Re-enable' : 'Enable'}
        </button>
      )}
      {actions.recordActivity && (
        <button type="button" onClick={() => onOpen('activity')}>
          Record activity…
        </button>
      )}
      <button type="button" onClick={() => onOpen('expiry')}>
        Expiry…
      </button>
      {token.previousValueCount > 0 && (
        <button
          type="button"
          onClick={() =>
            step(
              'purgePreviousValues',
              { id: token.id },
              `The earlier values of “${token.name}” are forgotten.`,
            )
          }
        >
          Forget {token.previousValueCount} earlier {token.previousValueCount === 1 ? 'value' : 'values'}
        </button>
      )}
    </div>
  );
}
