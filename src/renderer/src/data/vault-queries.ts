import { queryKeys } from './query-keys';
import { useVaultQuery } from './use-vault-query';

export const useAccounts = () => useVaultQuery(queryKeys.accounts, 'listAccounts', {});
/** Metadata of every token, once per change; searching and filtering run in the page (token-list-view.ts). */
export const useTokens = () => useVaultQuery(queryKeys.tokens, 'listTokens', {});
export const useTokenStates = () => useVaultQuery(queryKeys.tokenStates, 'tokenStates', {});
/** What "Hide unassigned" hides: core's answer, since it follows mappings as well as endpoints. */
export const useUnassignedTokenIds = () => useVaultQuery(queryKeys.unassigned, 'unassignedTokenIds', {});
export const useLinks = () => useVaultQuery(queryKeys.links, 'listLinks', {});
export const useTokenHistory = (id: number) => useVaultQuery(queryKeys.history(id), 'tokenHistory', { id });
export const useTokenUsage = (id: number) => useVaultQuery(queryKeys.usage(id), 'tokenUsage', { id });
export const useEarlierValues = (id: number, enabled: boolean) =>
  useVaultQuery(queryKeys.earlierValues(id), 'listEarlierValues', { id }, { enabled });
