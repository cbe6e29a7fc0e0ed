import { useEffect, useRef, useState } from 'react';
import { call, messageOf } from '../../api';
import { ErrorText } from '../../ui/ErrorText';

/**
 * The recovery key, shown once: copy it (main clears the clipboard later), print the emergency kit (a page with the
 * key and what to do with it), or save the kit as a text file. The user confirms before going on.
 */
export function RecoveryKeyScreen({
  recoveryKey,
  vaultPath,
  onDone,
}: {
  recoveryKey: string;
  vaultPath?: string;
  onDone: () => void;
}) {
  const [saved, setSaved] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Focus starts on the key itself: it is what this screen is for, and a screen reader reads it first.
  const keyBox = useRef<HTMLParagraphElement>(null);
  useEffect(() => keyBox.current?.focus(), []);
  const copy = async () => {
    try {
      const { clearsAfterSeconds } = await call('copyRecoveryKey', { recoveryKey });
      setNotice(`Copied. The clipboard will be cleared in ${clearsAfterSeconds} s.`);
    } catch (err) {
      setError(messageOf(err));
    }
  };
  const save = async () => {
    setError(null);
    try {
      const saved = await call('saveRecoveryKit', { recoveryKey, ...(vaultPath ? { vaultPath } : {}) });
      if (saved)
        setNotice(
          `Saved the emergency kit to ${saved.path}. Move it off this computer (print it and delete it, or keep it on a drive in a safe).`,
        );
    } catch (err) {
      setError(messageOf(err));
    }
  };
  return (
    <main className="centered">
      <section className="card form emergency-kit" aria-labelledby="recovery-title">
        <h1 id="recovery-title">Your recovery key</h1>
        <p>
          If you forget the master password, this key is the only way back into the vault. It is shown{' '}
          <strong>once</strong>: write it on paper or store it in another password manager, away from this
          computer.
        </p>
        <p ref={keyBox} className="recovery-key" aria-label="Recovery key" tabIndex={0}>
          {recoveryKey}
        </p>
        <p className="print-only">
          Token Vault emergency kit{vaultPath ? ` for ${vaultPath}` : ''}. To get in without the master
          password: open the vault, choose “Use the recovery key” and type the key above. Keep this page
          locked away.
        </p>
        <div className="actions no-print">
          <button type="button" onClick={copy}>
            Copy
          </button>
          <button type="button" onClick={() => window.print()}>
            Print the emergency kit…
          </button>
          <button type="button" onClick={save}>
            Save the emergency kit…
          </button>
        </div>
        {notice && (
          <p className="notice no-print" role="status">
            {notice}
          </p>
        )}
        <ErrorText message={error} />
        <label className="check no-print">
          <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} />I have saved
          the recovery key somewhere safe
        </label>
        <div className="actions no-print">
          <button type="button" className="primary" disabled={!saved} onClick={onDone}>
            Open the vault
          </button>
        </div>
      </section>
    </main>
  );
}
