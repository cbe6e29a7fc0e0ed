import { useEffect, useState } from 'react';
import type { KeychainStatus } from '../../../../shared/api';
import { call, messageOf } from '../../api';
import { ErrorText } from '../../ui/ErrorText';

const EXPLAIN: Record<KeychainStatus, string> = {
  enabled: 'On: this computer’s keychain opens the vault without the master password.',
  disabled: 'Off: the vault opens with the master password or the recovery key.',
  stale: 'The keychain entry was removed outside Token Vault. Turn this off to remove the leftover key slot.',
  unavailable:
    'No system keychain is reachable right now (headless session or locked keyring). The master password still works.',
  'no-vault': '',
};

/** Opt-in quick unlock per vault; turning it off deletes the keychain entry and its key slot. */
export function KeychainToggle() {
  const [status, setStatus] = useState<KeychainStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    call('getKeychainStatus', {}).then(
      (result) => setStatus(result.status),
      (err) => setError(messageOf(err)),
    );
  }, []);

  const toggle = async (enabled: boolean) => {
    // Ignore clicks while busy instead of disabling the box, so keyboard focus stays on it.
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      setStatus((await call('setKeychainUnlock', { enabled })).status);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  if (status === null) return null;
  const on = status === 'enabled' || status === 'stale';
  return (
    <div className="keychain">
      <label className="check">
        <input
          type="checkbox"
          checked={on}
          disabled={status === 'unavailable' && !on}
          aria-busy={busy}
          onChange={(e) => toggle(e.target.checked)}
        />
        Unlock with the system keychain
      </label>
      <p className="hint">{EXPLAIN[status]}</p>
      <ErrorText message={error} />
    </div>
  );
}
