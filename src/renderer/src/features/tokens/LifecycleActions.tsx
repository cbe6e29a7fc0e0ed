import type { TokenMeta } from '../../../../shared/model';
import { guideSentence } from '../../../../shared/platform-guides';
import type { PlatformStep } from '../lifecycle/platform-steps';
import type { ProfileDefinition } from '../../../../shared/profiles';
import type { tokenActions } from '../../../../shared/token-questions';
import type { Action } from '../../data/use-action';
import { ForgetEarlierValues } from './ForgetEarlierValues';

interface LifecycleActionsProps {
  token: TokenMeta;
  profile: ProfileDefinition;
  /** shared/token-questions.ts's answer: which of the steps apply to this token now. */
  actions: ReturnType<typeof tokenActions>;
  /** The detail's action: busy and error shown once for the whole detail. */
  action: Action;
  onDone: (message: string) => void;
  onOpen: (dialog: 'activity' | 'expiry' | 'regenerate' | PlatformStep) => void;
}

/** The lifecycle steps of one token: each opens the platform's steps first, then records what the admin did there. */
export function LifecycleActions({ token, profile, actions, action, onDone, onOpen }: LifecycleActionsProps) {
  // The tooltip repeats the platform's step; the dialog each button opens shows it in full before recording.
  const says = (step: Parameters<typeof guideSentence>[1]) => guideSentence(profile.id, step, token.role);
  return (
    <div className="actions lifecycle-actions" role="group" aria-label="Lifecycle">
      {actions.validity === 'locked' ? (
        <span className="hint">
          {profile.label} does not let a manager validate or invalidate the primary; regenerate it to replace
          it.
        </span>
      ) : actions.validity === 'new-value' ? (
        // The platform cannot turn this token back on; it works again only with the value it issues instead.
        <button type="button" title={says('validate')} onClick={() => onOpen('regenerate')}>
          Record its new value…
        </button>
      ) : actions.validity === 'invalidate' ? (
        <button type="button" title={says('invalidate')} onClick={() => onOpen('invalidate')}>
          Invalidate…
        </button>
      ) : (
        <button type="button" title={says('validate')} onClick={() => onOpen('validate')}>
          Validate…
        </button>
      )}
      {actions.switch === null ? null : actions.switch === 'disable' ? (
        <button type="button" title={says('invalidate')} onClick={() => onOpen('disable')}>
          Disable…
        </button>
      ) : (
        <button type="button" title={says('validate')} onClick={() => onOpen('enable')}>
          {actions.switch === 're-enable' ? 'Re-enable…' : 'Enable…'}
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
      {token.previousValueCount > 0 && <ForgetEarlierValues token={token} action={action} onDone={onDone} />}
    </div>
  );
}
