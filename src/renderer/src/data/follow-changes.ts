import type { QueryClient } from '@tanstack/react-query';
import { onCallSucceeded } from '../api';
import { CHANGES } from './invalidation';

/**
 * Every successful call, whichever screen made it, marks stale what its method changed (invalidation.ts); only
 * the queries on screen refetch. Returns the unsubscribe.
 */
export function followChanges(client: QueryClient): () => void {
  return onCallSucceeded((method) => {
    for (const family of CHANGES[method] ?? []) void client.invalidateQueries({ queryKey: [family] });
  });
}
