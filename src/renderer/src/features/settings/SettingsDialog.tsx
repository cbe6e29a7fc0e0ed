import { useEffect, useState } from 'react';
import { settingsUpdateSchema, type SessionState } from '../../../../shared/api';
import { ApiError, call, messageOf } from '../../api';
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

type NumberSetting = 'autoLockMinutes' | 'clipboardSeconds' | 'rotationDays';

/** The range main accepts for a number setting, read from the schema it validates with (never restated here). */
function rangeOf(setting: NumberSetting): { min: number; max: number } {
  const schema = settingsUpdateSchema.shape[setting].unwrap();
  return { min: schema.minValue ?? 0, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER };
}

const NUMBER_SETTINGS: { setting: NumberSetting; id: string; what: string; unit: string }[] = [
  {
    setting: 'autoLockMinutes',
    id: 'settings-autolock',
    what: 'The idle time before locking',
    unit: 'minutes',
  },
  { setting: 'clipboardSeconds', id: 'settings-clipboard', what: 'The clipboard time', unit: 'seconds' },
  { setting: 'rotationDays', id: 'settings-rotation', what: 'The rotation reminder', unit: 'days' },
];

const formatNumber = (value: number) => value.toLocaleString('en-GB');

/** "7–3,650 days": the hint beside a number field. */
function rangeHint(setting: NumberSetting, unit: string): string {
  const { min, max } = rangeOf(setting);
  return `${formatNumber(min)}–${formatNumber(max)} ${unit}`;
}

/** The app's sentence for a value outside its range (or not a whole number); null when it is fine. */
function rangeError(setting: NumberSetting, value: number): string | null {
  const { min, max } = rangeOf(setting);
  if (Number.isInteger(value) && value >= min && value <= max) return null;
  const entry = NUMBER_SETTINGS.find((candidate) => candidate.setting === setting)!;
  return `${entry.what} must be a whole number from ${formatNumber(min)} to ${formatNumber(max)} ${entry.unit}.`;
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
  const [currentError, setCurrentError] = useState<string | null>(null);
  const [numberErrors, setNumberErrors] = useState<Partial<Record<NumberSetting, string>>>({});
  // The password form sits below the fold of a short window: its sentence is brought into view with the field.
  useEffect(() => {
    if (currentError) document.getElementById('settings-current-error')?.scrollIntoView({ block: 'nearest' });
  }, [currentError]);
  const values: Record<NumberSetting, number> = {
    autoLockMinutes: autoLock,
    clipboardSeconds: clipboard,
    rotationDays: rotation,
  };

  const clearNumberError = (setting: NumberSetting) =>
    setNumberErrors(({ [setting]: _cleared, ...rest }) => (void _cleared, rest));

  const save = async (event: React.FormEvent) => {
    event.preventDefault();
    setSettingsOutcome(null);
    setPasswordOutcome(null);
    const errors: Partial<Record<NumberSetting, string>> = {};
    for (const { setting } of NUMBER_SETTINGS) {
      const message = rangeError(setting, values[setting]);
      if (message) errors[setting] = message;
    }
    setNumberErrors(errors);
    const firstWrong = NUMBER_SETTINGS.find(({ setting }) => errors[setting]);
    if (firstWrong) {
      document.getElementById(firstWrong.id)?.focus();
      return;
    }
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
    setCurrentError(null);
    // "Settings saved." belongs to the other form: it must not seem to answer this one.
    setSettingsOutcome(null);
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
      if (err instanceof ApiError && err.code === 'WRONG_PASSWORD') {
        // Said at the Current field, which takes the focus: that scrolls it (and the sentence) into view.
        setCurrentError(messageOf(err));
        const field = document.getElementById('settings-current') as HTMLInputElement | null;
        field?.focus();
        field?.select();
        return;
      }
      setPasswordOutcome({ error: messageOf(err) });
    }
  };

  return (
    <Dialog title="Settings" onClose={onClose} wide>
      <form className="form grid-form" onSubmit={save} onChange={() => setPasswordOutcome(null)} noValidate>
        <label htmlFor="settings-operator">Operator name (recorded in the history)</label>
        <input id="settings-operator" value={operator} onChange={(e) => setOperator(e.target.value)} />
        <label htmlFor="settings-autolock">Lock after this many idle minutes</label>
        <input
          id="settings-autolock"
          type="number"
          min={1}
          max={240}
          value={autoLock}
          onChange={(e) => (setAutoLock(Number(e.target.value)), clearNumberError('autoLockMinutes'))}
          aria-invalid={numberErrors.autoLockMinutes ? true : undefined}
          aria-describedby={`settings-autolock-hint${numberErrors.autoLockMinutes ? ' settings-autolock-error' : ''}`}
        />
        <p className="hint" id="settings-autolock-hint">
          {rangeHint('autoLockMinutes', 'minutes')}
        </p>
        <FieldError id="settings-autolock" message={numberErrors.autoLockMinutes ?? null} />
        <label htmlFor="settings-clipboard">Clear a copied value after (seconds)</label>
        <input
          id="settings-clipboard"
          type="number"
          min={5}
          max={600}
          value={clipboard}
          onChange={(e) => (setClipboard(Number(e.target.value)), clearNumberError('clipboardSeconds'))}
          aria-invalid={numberErrors.clipboardSeconds ? true : undefined}
          aria-describedby={`settings-clipboard-hint${numberErrors.clipboardSeconds ? ' settings-clipboard-error' : ''}`}
        />
        <p className="hint" id="settings-clipboard-hint">
          {rangeHint('clipboardSeconds', 'seconds')}
        </p>
        <FieldError id="settings-clipboard" message={numberErrors.clipboardSeconds ?? null} />
        <label htmlFor="settings-rotation">Remind me to rotate a token after (days)</label>
        <input
          id="settings-rotation"
          type="number"
          min={7}
          max={3650}
          value={rotation}
          onChange={(e) => (setRotation(Number(e.target.value)), clearNumberError('rotationDays'))}
          aria-invalid={numberErrors.rotationDays ? true : undefined}
          aria-describedby={`settings-rotation-hint${numberErrors.rotationDays ? ' settings-rotation-error' : ''}`}
        />
        <p className="hint" id="settings-rotation-hint">
          {rangeHint('rotationDays', 'days')}
        </p>
        <FieldError id="settings-rotation" message={numberErrors.rotationDays ?? null} />
        <KeychainToggle />
        <div className="actions">
          <button type="submit" className="primary">
            Save settings
          </button>
        </div>
        <OutcomeText outcome={settingsOutcome} />
      </form>
      <form className="form grid-form" onSubmit={changePassword} onChange={() => setSettingsOutcome(null)}>
        <h3>Change the master password</h3>
        <label htmlFor="settings-current">Current master password</label>
        <input
          id="settings-current"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => (setCurrent(e.target.value), setCurrentError(null))}
          aria-invalid={currentError ? true : undefined}
          aria-describedby={currentError ? 'settings-current-error' : undefined}
        />
        <FieldError id="settings-current" message={currentError} />
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
