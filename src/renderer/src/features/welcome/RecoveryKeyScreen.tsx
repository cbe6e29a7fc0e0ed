import { useState } from 'react';

/** The recovery key, shown once: the user confirms they saved it before going on. */
export function RecoveryKeyScreen({ recoveryKey, onDone }: { recoveryKey: string; onDone: () => void }) {
  const [saved, setSaved] = useState(false);
  return (
    <main className="centered">
      <section className="card form" aria-labelledby="recovery-title">
        <h1 id="recovery-title">Your recovery key</h1>
        <p>
          If you forget the master password, this key is the only way back into the vault. It is shown{' '}
          <strong>once</strong>: write it on paper or store it in another password manager, away from this
          computer.
        </p>
        <p className="recovery-key" aria-label="Recovery key" tabIndex={0}>
          {recoveryKey}
        </p>
        <label className="check">
          <input type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} />I have saved
          the recovery key somewhere safe
        </label>
        <div className="actions">
          <button type="button" className="primary" disabled={!saved} onClick={onDone}>
            Open the vault
          </button>
        </div>
      </section>
    </main>
  );
}
