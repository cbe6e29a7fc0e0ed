import type { TokenPolicy } from '../../src/main/core/tokens/token-policy';

/** A policy with no profile rule (any kind, no limits): for tests whose subject is not the profiles. */
export const permissivePolicy: TokenPolicy = {
  beforeSave(_account, draft) {
    return { ...draft, kind: draft.kind || 'api-token' };
  },
};
