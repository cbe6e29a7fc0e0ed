import { useEffect, useRef, useState } from 'react';
import { call, messageOf } from '../../api';
import { ErrorText } from '../../ui/ErrorText';
import { RevealToggle } from '../../ui/RevealToggle';

interface UnlockProps {
  path: string;
  retryAfterSeconds: number;
  onUnlocked: () => void;
  onOther: () => void;
}

/** Unlock with the master password or the recovery key. Wrong attempts back off in main; we show the wait. */
export function UnlockScreen({ path, retryAfterSeconds, onUnlocked, onOther }: UnlockProps) {
  const [mode, setMode] = useState<'password' | 'recovery'>('password');
  const [secret, setSecret] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Main makes the next attempt wait after a wrong one; the wait counts down here, second by second.
  const [waitUntil, setWaitUntil] = useState(() => Date.now() + retryAfterSeconds * 1000);
  const [now, setNow] = useState(() => Date.now());
  const waitSeconds = Math.max(0, Math.ceil((waitUntil - now) / 1000));
  useEffect(() => {
    if (waitSeconds === 0) return;
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, [waitSeconds]);
  const [shown, setShown] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const name =
    path
      .split(/[\\/]/)
      .pop()
      ?.replace(/\.tokenvault$/, '') ?? path;

  const [keychain, setKeychain] = useState(false);
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    call('listRecentVaults', {}).then(
      (recent) => setDemo(recent.some((vault) => vault.path === path && vault.demo)),
      () => setDemo(false),
    );
  }, [path]);

  useEffect(() => input.current?.focus(), [mode]);
  useEffect(() => {
    call('getKeychainStatus', {}).then(
      (result) => setKeychain(result.status === 'enabled'),
      () => setKeychain(false),
    );
  }, []);

  const unlockWithKeychain = async () => {
    setBusy(true);
    setError(null);
    try {
      await call('unlockVault', { path, keychain: true });
      onUnlocked();
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    // Inside the wait main would refuse the try (and count it): Enter does nothing until the count reaches 0.
    if (!secret || waitSeconds > 0) return;
    setBusy(true);
    setError(null);
    try {
      await call(
        'unlockVault',
        mode === 'password' ? { path, password: secret } : { path, recoveryKey: secret },
      );
      setSecret('');
      onUnlocked();
    } catch (err) {
      setError(messageOf(err));
      // The typed text stays (selected, so typing replaces it): a slip of one key is fixed, not retyped. The
      // button stays off until main's wait is known, so no try slips in between.
      const session = await call('getSession', {}).catch(() => null);
      if (session?.retryAfterSeconds) {
        setWaitUntil(Date.now() + session.retryAfterSeconds * 1000);
        setNow(Date.now());
      }
      setBusy(false);
      input.current?.focus();
      input.current?.select();
    }
  };

  return (
    <main className="centered">
      <form className="card form" onSubmit={submit} aria-labelledby="unlock-title">
        <h1 id="unlock-title">
          Unlock “{name}”{demo && <span className="badge badge-demo">DEMO</span>}
        </h1>
        <p className="muted small vault-path" title={path}>
          {path}
        </p>
        <label htmlFor="unlock-secret">{mode === 'password' ? 'Master password' : 'Recovery key'}</label>
        <div className="row secret-input">
          <input
            id="unlock-secret"
            ref={input}
            type={mode === 'password' && !shown ? 'password' : 'text'}
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            autoComplete={mode === 'password' ? 'current-password' : 'off'}
            spellCheck={false}
          />
          {mode === 'password' && <RevealToggle shown={shown} onToggle={setShown} controls="unlock-secret" />}
        </div>
        <ErrorText message={error} />
        {waitSeconds > 0 && (
          <p className="hint warn" role="status" id="unlock-wait">
            Wait {waitSeconds} s before trying again.
          </p>
        )}
        <div className="actions">
          <button type="button" onClick={() => setMode(mode === 'password' ? 'recovery' : 'password')}>
            {mode === 'password' ? 'Use the recovery key' : 'Use the master password'}
          </button>
          <button
            type="submit"
            className="primary"
            disabled={busy || !secret || waitSeconds > 0}
            aria-describedby={waitSeconds > 0 ? 'unlock-wait' : undefined}
          >
            {busy ? 'Unlocking…' : 'Unlock'}
          </button>
        </div>
        {keychain && (
          <button type="button" onClick={unlockWithKeychain} disabled={busy || waitSeconds > 0}>
            Unlock with the system keychain
          </button>
        )}
        <button type="button" className="link" onClick={onOther}>
          Open or create another vault
        </button>
      </form>
    </main>
  );
}
