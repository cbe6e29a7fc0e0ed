/** Each query is keyed by what it reads; a token's own reads carry its id. */
export const queryKeys = {
  accounts: ['accounts'] as const,
  tokens: ['tokens'] as const,
  tokenStates: ['token-states'] as const,
  endpoints: ['endpoints'] as const,
  unassigned: ['endpoints', 'unassigned'] as const,
  // Under 'links' too, so a mapping change refreshes it: core follows enabled mappings.
  links: ['links'] as const,
  recipients: ['recipients'] as const,
  history: (tokenId: number) => ['history', tokenId] as const,
  usage: (tokenId: number) => ['usage', tokenId] as const,
  earlierValues: (tokenId: number) => ['earlier-values', tokenId] as const,
};

export type QueryFamily =
  | 'accounts'
  | 'tokens'
  | 'token-states'
  | 'endpoints'
  | 'links'
  | 'recipients'
  | 'history'
  | 'usage'
  | 'earlier-values';
