import { useEffect, useRef, useState } from 'react';
import type { MethodOutput } from '../../../../shared/api';
import { call, messageOf } from '../../api';
import { ErrorText } from '../../ui/ErrorText';
import { FieldError } from '../../ui/FieldError';
import { RevealToggle } from '../../ui/RevealToggle';
import { PasswordMeter } from './PasswordMeter';
import { usePasswordStrength } from './usePasswordStrength';

export interface CreatedDemo {
  vaultName: string;
  password: string;
  recoveryKey: string;
}

interface WelcomeProps {
  onCreated: (recoveryKey: string) => void;
  onOpen: (path: string) => void;
  /** A demo vault was created and left unlocked; its generated password is to be shown once. */
  onDemoCreated: (demo: CreatedDemo) => void;
}

/** First screen: create a vault, or open an existing or recent one. */
export function WelcomeScreen({ onCreated, onOpen, onDemoCreated }: WelcomeProps) {
  const [recent, setRecent] = useState<MethodOutput<'listRecentVaults'>>([]);
  const [mode, setMode] = useState<'choose' | 'create'>('choose');
  const [error, setError] = useState<string | null>(null);
  const [creatingDemo, setCreatingDemo] = useState(false);
  const createButton = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    call('listRecentVaults', {}).then(setRecent, () => setRecent([]));
  }, []);
  // The first screen starts on its first action, not on the page (and again after Cancel in the create form).
  useEffect(() => {
    if (mode === 'choose') createButton.current?.focus();
  }, [mode]);

  const openExisting = async () => {
    setError(null);
    try {
      const chosen = await call('chooseVaultFolder', { purpose: 'open' });
      if (chosen) onOpen(chosen.path);
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const tryDemo = async () => {
    setError(null);
    try {
      const chosen = await call('chooseVaultFolder', {
        purpose: 'create',
        suggestedName: 'Token Vault demo.tokenvault',
      });
      if (!chosen) return;
      setCreatingDemo(true);
      const demo = await call('createDemoVault', { path: chosen.path });
      onDemoCreated({ vaultName: demo.vault.name, password: demo.password, recoveryKey: demo.recoveryKey });
    } catch (err) {
      setError(messageOf(err));
      setCreatingDemo(false);
    }
  };

  if (mode === 'create') return <CreateVaultForm onCancel={() => setMode('choose')} onCreated={onCreated} />;

  return (
    <main className="centered">
      <section className="card welcome" aria-labelledby="welcome-title">
        <h1 id="welcome-title">Token Vault</h1>
        <p className="lead">
          Keep your platforms’ API tokens encrypted on this computer, and hand them to agencies safely.
        </p>
        <div className="actions">
          <button
            ref={createButton}
            type="button"
            className="primary"
            onClick={() => setMode('create')}
            disabled={creatingDemo}
          >
            Create a new vault
          </button>
          <button type="button" onClick={openExisting} disabled={creatingDemo}>
            Open a vault folder…
          </button>
        </div>
        <div className="row" style={{ marginTop: 16 }}>
          <button
            type="button"
            onClick={tryDemo}
            disabled={creatingDemo}
            aria-describedby="demo-hint"
            style={{ flexShrink: 0 }}
          >
            {creatingDemo ? 'Creating the demo vault…' : 'Try a demo vault'}
          </button>
          <p className="hint" id="demo-hint" role="status" aria-busy={creatingDemo} style={{ margin: 0 }}>
            {creatingDemo
              ? 'Deriving the key and adding fake tokens: this takes a few seconds.'
              : 'New here? A demo vault holds fake tokens in every state, to try everything safely.'}
          </p>
        </div>
        <ErrorText message={error} />
        {recent.length > 0 && (
          <nav aria-label="Recent vaults" className="recent">
            <h2>Recent vaults</h2>
            <ul>
              {recent.map((vault) => (
                <li key={vault.path}>
                  <button
                    type="button"
                    className="link-row"
                    disabled={!vault.exists || creatingDemo}
                    onClick={() => onOpen(vault.path)}
                  >
                    <strong>
                      {vault.name}
                      {vault.demo && <span className="badge badge-demo">DEMO</span>}
                    </strong>
                    <span className="muted">{vault.exists ? vault.path : `${vault.path} (missing)`}</span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </section>
    </main>
  );
}

const FIELD_IDS = { folder: 'vault-folder', operator: 'operator', confirm: 'confirm-password' } as const;

function CreateVaultForm({
  onCancel,
  onCreated,
}: {
  onCancel: () => void;
  onCreated: (recoveryKey: string) => void;
}) {
  const [path, setPath] = useState('');
  const [operator, setOperator] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Each check belongs to its field, and clears as soon as that field changes (a chosen folder, a typed name).
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<'folder' | 'operator' | 'confirm', string>>>(
    {},
  );
  const strength = usePasswordStrength();
  const acceptable = password && strength ? strength.assessPassword(password, [operator]).acceptable : false;
  const mismatch = confirm.length > 0 && confirm !== password;
  const [shown, setShown] = useState(false);
  const chooseButton = useRef<HTMLButtonElement>(null);
  // The form opens on its first step: choosing the folder.
  useEffect(() => chooseButton.current?.focus(), []);
  const clearField = (field: 'folder' | 'operator' | 'confirm') =>
    setFieldErrors(({ [field]: _cleared, ...rest }) => rest);

  const choose = async () => {
    try {
      const chosen = await call('chooseVaultFolder', { purpose: 'create', suggestedName: 'tokens' });
      if (chosen) {
        setPath(chosen.path);
        clearField('folder');
      }
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    const problems = {
      ...(path ? {} : { folder: 'Choose where to create the vault folder.' }),
      ...(operator.trim() ? {} : { operator: 'Type your name: it is recorded with every change.' }),
      ...(!confirm
        ? { confirm: 'Type the master password a second time.' }
        : password !== confirm
          ? { confirm: 'The two passwords differ.' }
          : {}),
    };
    setFieldErrors(problems);
    const first = (['folder', 'operator', 'confirm'] as const).find((field) => problems[field]);
    if (first) {
      document.getElementById(FIELD_IDS[first])?.focus();
      return;
    }
    if (!acceptable) {
      document.getElementById('new-password')?.focus();
      return setError('The master password is not strong enough yet; follow the advice under it.');
    }
    setBusy(true);
    try {
      const created = await call('createVault', { path, password, operator: operator.trim() });
      setPassword('');
      setConfirm('');
      onCreated(created.recoveryKey);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  return (
    <main className="centered">
      <form className="card form" onSubmit={submit} aria-labelledby="create-title" noValidate>
        <h1 id="create-title">Create a vault</h1>
        <label htmlFor="vault-folder">Vault folder</label>
        <div className="row">
          <input
            id="vault-folder"
            value={path}
            title={path || undefined}
            readOnly
            placeholder="Choose a folder…"
            aria-invalid={fieldErrors.folder ? true : undefined}
            aria-describedby={fieldErrors.folder ? 'vault-folder-error folder-hint' : 'folder-hint'}
          />
          <button type="button" onClick={choose} ref={chooseButton}>
            Choose…
          </button>
        </div>
        <FieldError id="vault-folder" message={fieldErrors.folder ?? null} />
        <p className="hint" id="folder-hint">
          One folder holds the whole vault: back it up or move it as one thing.
        </p>
        <label htmlFor="operator">Your name</label>
        <input
          id="operator"
          value={operator}
          onChange={(e) => (setOperator(e.target.value), clearField('operator'))}
          autoComplete="name"
          aria-invalid={fieldErrors.operator ? true : undefined}
          aria-describedby={fieldErrors.operator ? 'operator-error' : undefined}
        />
        <FieldError id="operator" message={fieldErrors.operator ?? null} />
        <label htmlFor="new-password">Master password</label>
        <div className="row secret-input">
          <input
            id="new-password"
            type={shown ? 'text' : 'password'}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="new-password"
            aria-describedby="password-advice"
          />
          <RevealToggle shown={shown} onToggle={setShown} controls="new-password confirm-password" />
        </div>
        <PasswordMeter password={password} userInputs={[operator]} />
        <label htmlFor="confirm-password">Repeat the master password</label>
        <input
          id="confirm-password"
          type={shown ? 'text' : 'password'}
          value={confirm}
          onChange={(e) => (setConfirm(e.target.value), clearField('confirm'))}
          autoComplete="new-password"
          aria-invalid={mismatch || fieldErrors.confirm ? true : undefined}
          aria-describedby={
            fieldErrors.confirm ? 'confirm-password-error' : mismatch ? 'confirm-mismatch' : undefined
          }
        />
        <FieldError id="confirm-password" message={fieldErrors.confirm ?? null} />
        {mismatch && !fieldErrors.confirm && (
          <p className="hint warn" id="confirm-mismatch">
            The two passwords differ.
          </p>
        )}
        <ErrorText message={error} />
        <div className="actions">
          <button type="button" onClick={onCancel} disabled={busy}>
            Back
          </button>
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Creating… (deriving the key)' : 'Create vault'}
          </button>
        </div>
      </form>
    </main>
  );
}
