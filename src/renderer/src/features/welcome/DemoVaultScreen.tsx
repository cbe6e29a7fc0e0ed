interface DemoVaultScreenProps {
  vaultName: string;
  /** Generated in main for this demo vault and shown here once; dropped when the user continues. */
  password: string;
  recoveryKey: string;
  onContinue: () => void;
}

/**
 * Shown once after "Try a demo vault": the generated password (needed to open the demo again after it locks) and
 * the recovery key, with a plain word that every token inside is fake.
 */
export function DemoVaultScreen({ vaultName, password, recoveryKey, onContinue }: DemoVaultScreenProps) {
  return (
    <main className="centered">
      <section className="card" aria-labelledby="demo-title" style={{ width: 'min(640px, 100%)' }}>
        <h1 id="demo-title" className="row">
          Your demo vault is ready <span className="badge badge-demo">DEMO</span>
        </h1>
        <p>
          <strong>{vaultName}</strong> is a demo: its accounts and tokens are fake, made up so you can try
          everything (reveal, regenerate, hand over, delete) without touching a real platform.
        </p>
        <p>
          The vault is open now. When it locks, or the next time you start Token Vault, you need this password
          to open it again. Write it down: it is shown only here.
        </p>
        <dl style={{ margin: 0 }}>
          <dt className="small muted" style={{ fontWeight: 600 }}>
            Demo vault password
          </dt>
          <dd className="bundle-password-box" style={{ margin: '4px 0 12px' }}>
            <span
              className="bundle-password"
              data-testid="demo-password"
              style={{ fontSize: 26, letterSpacing: '0.02em' }}
            >
              {password}
            </span>
          </dd>
          <dt className="small muted" style={{ fontWeight: 600 }}>
            Recovery key (opens the vault if the password is lost)
          </dt>
          <dd className="recovery-key" style={{ margin: '4px 0 0', fontSize: 14 }}>
            {recoveryKey}
          </dd>
        </dl>
        <p className="hint">
          A real vault gets a master password you choose. To start one, lock this demo and choose “Open or
          create another vault”.
        </p>
        <div className="actions">
          <button type="button" className="primary" onClick={onContinue}>
            Continue to the demo vault
          </button>
        </div>
      </section>
    </main>
  );
}
