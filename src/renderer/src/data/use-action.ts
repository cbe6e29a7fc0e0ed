import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useRef, useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api';
import { call, messageOf } from '../api';
import { CHANGES } from './invalidation';

export interface Action {
  /** Calls main; on success invalidates what the method changed and resolves with its answer, else undefined. */
  run: <M extends MethodName>(method: M, input: MethodInput<M>) => Promise<MethodOutput<M> | undefined>;
  busy: boolean;
  /** main's sentence for the last failure, cleared by the next run or by clearError. */
  error: string | null;
  clearError: () => void;
  setError: (message: string | null) => void;
}

/** The busy and error state of one user action (a form's submit, a button), for every screen the same way. */
export function useAction(): Action {
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const running = useRef(0);
  const run = useCallback(
    async <M extends MethodName>(method: M, input: MethodInput<M>) => {
      running.current++;
      setBusy(true);
      setError(null);
      try {
        const answer = await call(method, input);
        await Promise.all(
          (CHANGES[method] ?? []).map((family) => client.invalidateQueries({ queryKey: [family] })),
        );
        return answer;
      } catch (err) {
        setError(messageOf(err));
        return undefined;
      } finally {
        running.current--;
        if (running.current === 0) setBusy(false);
      }
    },
    [client],
  );
  const clearError = useCallback(() => setError(null), []);
  return { run, busy, error, clearError, setError };
}
