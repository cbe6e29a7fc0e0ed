import { useState } from 'react';
import type { SessionState } from '../../../../shared/api';
import { call, messageOf } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { FieldError } from '../../ui/FieldError';
import { PasswordMeter } from '../welcome/PasswordMeter';
import { KeychainToggle } from './KeychainToggle';

type Outcome = null | { notice: string } | { error: string };

function OutcomeText({ outcome }: { outcome: Outcome }) {
  if (!outcome) return null;
  if ('error' in outcome) return <ErrorText message={outcome.error} />;
  return (
    <p className="notice" role="status">
      {outcome.notice}
    </p>
  );
}

export function SettingsDialog({
  session,
  onClose,
  onSaved,
}: {
  session: SessionState;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [operator, setOperator] = useState(session.vault?.operator ?? '');
  const [autoLock, setAutoLock] = useState(session.settings.autoLockMinutes);
  const [clipboard, setClipboard] = useState(session.settings.clipboardSeconds);
  const [rotation, setRotation] = useState(session.settings.rotationDays);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  // Each form says its own outcome under itself: "Settings saved." never appears under the password section.
  const [settingsOutcome, setSettingsOutcome] = useState<Outcome>(null);
  const [passwordOutcome, setPasswordOutcome] = useState<Outcome>(null);
  const [repeatError, setRepeatError] = useState<string | null>(null);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setSettingsOutcome(null);
    try {
      await call('updateSettings', {
        operator,
        autoLockMinutes: autoLock,
        clipboardSeconds: clipboard,
        rotationDays: rotation,
      });
      setSettingsOutcome({ notice: 'Settings saved.' });
      onSaved();
    } catch (err) {
      setSettingsOutcome({ error: messageOf(err) });
    }
  };

  const changePassword = async (event: React.FormEvent) => {
    event.preventDefault();
    setPasswordOutcome(null);
    if (!repeat) {
      setRepeatError('Type the new password a second time.');
      document.getElementById('settings-repeat')?.focus();
      return;
    }
    if (repeat !== next) {
      setRepeatError('The two new passwords differ.');
      document.getElementById('settings-repeat')?.focus();
      return;
    }
    try {
      await call('changeMasterPassword', { currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setRepeat('');
      setPasswordOutcome({ notice: 'Master password changed.' });
    } catch (err) {
      setPasswordOutcome({ error: messageOf(err) });
    }
  };

  return (
    <Dialog title="Settings" onClose={onClose} wide>
      <form className="form grid-form" onSubmit={save}>
        <label htmlFor="settings-operator">Operator name (recorded in the history)</label>
        <input id="settings-operator" value={operator} onChange={(e) => setOperator(e.target.value)} />
        <label htmlFor="settings-autolock">Lock after this many idle minutes</label>
        <input
          id="settings-autolock"
          type="number"
          min={1}
          max={240}
          value={autoLock}
          onChange={(e) => setAutoLock(Number(e.target.value))}
        />
        <label htmlFor="settings-clipboard">Clear a copied value after (seconds)</label>
        <input
          id="settings-clipboard"
          type="number"
          min={5}
          max={600}
          value={clipboard}
          onChange={(e) => setClipboard(Number(e.target.value))}
        />
        <label htmlFor="settings-rotation">Remind me to rotate a token after (days)</label>
        <input
          id="settings-rotation"
          type="number"
          min={7}
          max={3650}
          value={rotation}
          onChange={(e) => setRotation(Number(e.target.value))}
        />
        <KeychainToggle />
        <div className="actions">
          <button type="submit" className="primary">
            Save settings
          </button>
        </div>
        <OutcomeText outcome={settingsOutcome} />
      </form>
      <form className="form grid-form" onSubmit={changePassword}>
        <h3>Change the master password</h3>
        <label htmlFor="settings-current">Current master password</label>
        <input
          id="settings-current"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
        <label htmlFor="settings-new">New master password</label>
        <input
          id="settings-new"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          aria-describedby="password-advice"
        />
        <PasswordMeter password={next} userInputs={[operator]} />
        <label htmlFor="settings-repeat">Repeat the new password</label>
        <input
          id="settings-repeat"
          type="password"
          autoComplete="new-password"
          value={repeat}
          onChange={(e) => (setRepeat(e.target.value), setRepeatError(null))}
          aria-invalid={repeatError ? true : undefined}
          aria-describedby={repeatError ? 'settings-repeat-error' : undefined}
        />
        <FieldError id="settings-repeat" message={repeatError} />
        <div className="actions">
          <button type="submit" disabled={!current || !next}>
            Change password
          </button>
        </div>
        <OutcomeText outcome={passwordOutcome} />
      </form>
    </Dialog>
  );
}
