import { useQuery } from '@tanstack/react-query';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api';
import { call } from '../api';

/** One read of main, cached under `key` until a change invalidates it (invalidation.ts). */
export function useVaultQuery<M extends MethodName>(
  key: readonly unknown[],
  method: M,
  input: MethodInput<M>,
  options: { enabled?: boolean } = {},
) {
  return useQuery<MethodOutput<M>>({
    queryKey: key,
    queryFn: () => call(method, input),
    ...(options.enabled === false ? { enabled: false } : {}),
  });
}
