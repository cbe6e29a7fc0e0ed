import { useState } from 'react';
import type { SessionState } from '../../../../shared/api';
import { call, messageOf } from '../../api';
import { Dialog } from '../../ui/Dialog';
import { ErrorText } from '../../ui/ErrorText';
import { PasswordMeter } from '../welcome/PasswordMeter';
import { KeychainToggle } from './KeychainToggle';

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
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await call('updateSettings', {
        operator,
        autoLockMinutes: autoLock,
        clipboardSeconds: clipboard,
        rotationDays: rotation,
      });
      setNotice('Settings saved.');
      onSaved();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const changePassword = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await call('changeMasterPassword', { currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      setNotice('Master password changed.');
    } catch (err) {
      setError(messageOf(err));
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
        <div className="actions">
          <button type="submit" disabled={!current || !next}>
            Change password
          </button>
        </div>
      </form>
      <ErrorText message={error} />
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
    </Dialog>
  );
}
