import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionState } from '../../shared/api';
import { call, onVaultLocked } from './api';
import { MainScreen } from './features/tokens/MainScreen';
import { UnlockScreen } from './features/unlock/UnlockScreen';
import { DemoVaultScreen } from './features/welcome/DemoVaultScreen';
import { RecoveryKeyScreen } from './features/welcome/RecoveryKeyScreen';
import { WelcomeScreen, type CreatedDemo } from './features/welcome/WelcomeScreen';
import { useTabWrap } from './ui/use-tab-wrap';

const SESSION_POLL_MS = 5000;
const ACTIVITY_THROTTLE_MS = 15_000;

type View =
  | { name: 'loading' }
  | { name: 'welcome' }
  | { name: 'recovery'; key: string }
  | ({ name: 'demo' } & CreatedDemo)
  | { name: 'unlock'; path: string }
  | { name: 'main' };

/**
 * The screen follows main's session. Locking (button, shortcut, idle, suspend) unmounts the main screen, so no
 * revealed value or token list survives in React state or the DOM.
 */
export function App() {
  const [session, setSession] = useState<SessionState | null>(null);
  const [view, setView] = useState<View>({ name: 'loading' });
  const lastActivity = useRef(0);
  useTabWrap();

  const refresh = useCallback(async () => {
    const next = await call('getSession', {});
    setSession(next);
    setView((current) => {
      // The recovery key and the demo password stay on screen until the user goes on, whatever the session does.
      if (current.name === 'recovery' || current.name === 'demo') return current;
      if (next.state === 'unlocked') return { name: 'main' };
      if (current.name === 'main' || current.name === 'loading') {
        return next.path ? { name: 'unlock', path: next.path } : { name: 'welcome' };
      }
      return current;
    });
  }, []);

  useEffect(() => {
    // refresh() sets state only after main answers (asynchronously), which is what an effect is for.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void refresh();
    const timer = window.setInterval(() => void refresh().catch(() => undefined), SESSION_POLL_MS);
    const stop = onVaultLocked(() => void refresh());
    return () => {
      window.clearInterval(timer);
      stop();
    };
  }, [refresh]);

  // Any key or click counts as activity for auto-lock; reported at most every 15 s.
  useEffect(() => {
    const onActivity = () => {
      const now = Date.now();
      if (now - lastActivity.current < ACTIVITY_THROTTLE_MS) return;
      lastActivity.current = now;
      void call('reportActivity', {}).catch(() => undefined);
    };
    window.addEventListener('keydown', onActivity, true);
    window.addEventListener('pointerdown', onActivity, true);
    return () => {
      window.removeEventListener('keydown', onActivity, true);
      window.removeEventListener('pointerdown', onActivity, true);
    };
  }, []);

  const lock = useCallback(async () => {
    await call('lockVault', {});
    await refresh();
  }, [refresh]);

  switch (view.name) {
    case 'loading':
      return <main className="centered" aria-busy="true" />;
    case 'welcome':
      return (
        <WelcomeScreen
          onCreated={(key) => {
            setView({ name: 'recovery', key });
          }}
          onOpen={(path) => setView({ name: 'unlock', path })}
          onDemoCreated={(demo) => setView({ name: 'demo', ...demo })}
        />
      );
    case 'recovery':
      return (
        <RecoveryKeyScreen
          recoveryKey={view.key}
          onDone={() => {
            setView({ name: 'main' });
            void refresh();
          }}
        />
      );
    case 'demo':
      return (
        <DemoVaultScreen
          vaultName={view.vaultName}
          password={view.password}
          recoveryKey={view.recoveryKey}
          onContinue={() => {
            setView({ name: 'main' });
            void refresh();
          }}
        />
      );
    case 'unlock':
      return (
        <UnlockScreen
          key={view.path}
          path={view.path}
          retryAfterSeconds={session?.retryAfterSeconds ?? 0}
          onUnlocked={() => {
            setView({ name: 'main' });
            void refresh();
          }}
          onOther={() => setView({ name: 'welcome' })}
        />
      );
    case 'main':
      return session?.state === 'unlocked' ? (
        <MainScreen session={session} onLock={() => void lock()} onSessionChanged={() => void refresh()} />
      ) : (
        <main className="centered" aria-busy="true" />
      );
  }
}
