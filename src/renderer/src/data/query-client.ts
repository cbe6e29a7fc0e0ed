import { QueryClient } from '@tanstack/react-query';

/**
 * Answers from main stay fresh until a change says otherwise (see invalidation.ts): main is the only writer, so
 * there is nothing to poll or refetch on focus, and a failed read is shown rather than retried behind the user.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: Infinity, retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false },
      mutations: { retry: false },
    },
  });
}
