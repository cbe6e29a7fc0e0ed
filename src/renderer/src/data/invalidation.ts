import type { MethodName } from '../../../shared/api';
import type { QueryFamily } from './query-keys';

const TOKEN_FACTS: QueryFamily[] = ['tokens', 'token-states', 'history', 'usage'];

/**
 * What each change makes stale, by query family. A token's history and usage are one family each, keyed by id
 * below it: only the ones on screen refetch. Reads and calls that change nothing shown are absent.
 */
export const CHANGES: Partial<Record<MethodName, readonly QueryFamily[]>> = {
  createAccount: ['accounts'],
  updateAccount: ['accounts', 'tokens'],
  deleteAccount: ['accounts', 'tokens', 'token-states', 'endpoints', 'links'],
  createToken: ['accounts', 'endpoints', ...TOKEN_FACTS],
  updateToken: ['endpoints', ...TOKEN_FACTS],
  deleteToken: ['accounts', 'endpoints', 'links', ...TOKEN_FACTS],
  regenerateToken: [...TOKEN_FACTS, 'earlier-values'],
  restoreEarlierValue: [...TOKEN_FACTS, 'earlier-values'],
  purgePreviousValues: [...TOKEN_FACTS, 'earlier-values'],
  setTokenStatus: TOKEN_FACTS,
  setTokenEnabled: TOKEN_FACTS,
  recordTokenActivity: TOKEN_FACTS,
  setTokenExpiry: TOKEN_FACTS,
  // A reveal or a copy is recorded in the token's history.
  revealToken: ['history'],
  revealEarlierValue: ['history'],
  copyToken: ['history'],
  mapToken: ['links', 'endpoints', 'history', 'usage'],
  unmapToken: ['links', 'endpoints', 'history', 'usage'],
  setMappingEnabled: ['links', 'endpoints', 'history', 'usage'],
  addEndpoint: ['endpoints'],
  assignEndpoint: ['endpoints', 'history', 'usage'],
  unassignEndpoint: ['endpoints', 'history', 'usage'],
  createRecipient: ['recipients'],
  updateRecipient: ['recipients', 'usage'],
  deleteRecipient: ['recipients', 'usage'],
  setRecipientArchived: ['recipients'],
  exportHandoff: ['recipients', 'history', 'usage'],
  openBundle: ['accounts', ...TOKEN_FACTS],
  commitImport: ['accounts', 'endpoints', ...TOKEN_FACTS],
  removeEndpoint: ['endpoints', 'history', 'usage'],
  // A rotation step changes a token (new value, invalidated, deleted) through the lifecycle.
  startRotationPlan: ['history'],
  recordRotationStep: ['accounts', 'endpoints', 'links', 'earlier-values', ...TOKEN_FACTS],
  setRecipientKey: ['recipients'],
  removeRecipientKey: ['recipients'],
  exportHandoffToKey: ['recipients', 'history', 'usage'],
};
