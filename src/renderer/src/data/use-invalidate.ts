import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { MethodName } from '../../../shared/api';
import { CHANGES } from './invalidation';

/** For a dialog that made its own calls: mark stale what those methods change (invalidation.ts). */
export function useInvalidate() {
  const client = useQueryClient();
  return useCallback(
    (...methods: MethodName[]) => {
      const families = new Set(methods.flatMap((method) => CHANGES[method] ?? []));
      families.forEach((family) => void client.invalidateQueries({ queryKey: [family] }));
    },
    [client],
  );
}
