import { useCallback, useRef, useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api';
import { call, messageOf } from '../api';

export interface Action {
  /** Calls main; resolves with its answer, or undefined after a failure (then `error` holds main's sentence). */
  run: <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M> | undefined>;
  busy: boolean;
  /** main's sentence for the last failure, cleared by the next run or by clearError. */
  error: string | null;
  clearError: () => void;
  setError: (message: string | null) => void;
}

/** The busy and error state of one user action (a form's submit, a button), for every screen the same way. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(0);
  const run = useCallback(async <M extends MethodName>(method: M, input: MethodInput<M>) => {
    running.current++;
    setBusy(true);
    setError(null);
    try {
      // What the method changed is marked stale by the data layer itself (follow-changes.ts).
      return await call(method, input);
    } catch (err) {
      setError(messageOf(err));
      return undefined;
    } finally {
      running.current--;
      if (running.current === 0) setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { run, busy, error, clearError, setError };
}
