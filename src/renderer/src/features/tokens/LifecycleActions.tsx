import type { MethodInput } from '../../../../shared/api';
import type { TokenMeta } from '../../../../shared/model';
import { guideSentence, platformName } from '../../../../shared/platform-guides';
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
  onOpen: (dialog: 'activity' | 'expiry' | 'invalidate') => void;
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
  // Each action records what the admin did on the platform; its tooltip says where that is done.
  const platform = platformName(profile.id);
  const says = (step: Parameters<typeof guideSentence>[1]) => guideSentence(profile.id, step, token.role);
  return (
    <div className="actions lifecycle-actions" role="group" aria-label="Lifecycle">
      {actions.validity === 'locked' ? (
        <span className="hint">
          {profile.label} does not let a manager validate or invalidate the primary; regenerate it to replace
          it.
        </span>
      ) : actions.validity === 'invalidate' ? (
        <button type="button" title={says('invalidate')} onClick={() => onOpen('invalidate')}>
          Invalidate…
        </button>
      ) : (
        <button
          type="button"
          title={says('validate')}
          onClick={() =>
            step(
              'setTokenStatus',
              { id: token.id, status: 'active' },
              `Recorded: “${token.name}” is valid again on ${platform}.`,
            )
          }
        >
          Validate
        </button>
      )}
      {actions.switch === 'disable' ? (
        <button
          type="button"
          title={says('invalidate')}
          onClick={() =>
            step(
              'setTokenEnabled',
              { id: token.id, enabled: false },
              `Recorded: “${token.name}” is disabled on ${platform}.`,
            )
          }
        >
          Disable
        </button>
      ) : (
        <button
          type="button"
          title={says('validate')}
          onClick={() =>
            step(
              'setTokenEnabled',
              { id: token.id, enabled: true },
              actions.inactivity
                ? `Recorded: “${token.name}” is enabled on ${platform}; the ${actions.inactivity.disableAfterDays}-day inactivity count starts again today.`
                : `Recorded: “${token.name}” is enabled on ${platform}.`,
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
