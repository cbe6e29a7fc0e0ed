import type { Account, TokenMeta, TokenRole } from '../../../shared/model';

/** What a profile's rules get to see when a token is created or changed. */
export interface TokenDraft {
  accountId: number;
  name: string;
  kind: string;
  role: TokenRole;
  description: string;
  assignedTo: string | null;
  keyId: string | null;
}

/** The one place profile rules are enforced; each method throws a POLICY VaultError with a plain sentence. */
export interface TokenPolicy {
  /** Fill profile defaults (kind) and refuse what the profile forbids. `siblings` are the account's other tokens. */
  beforeSave(account: Account, draft: TokenDraft, siblings: TokenMeta[], existing?: TokenMeta): TokenDraft;
  /** Refuse a secret value whose shape the platform would never issue (checked in memory, never echoed). */
  checkValue?(account: Account, draft: TokenDraft, value: string): void;
  /** Refuse a value made here for a token whose platform issues its values itself. */
  checkValueSetHere?(token: Pick<TokenMeta, 'kind' | 'role' | 'name'>): void;
}
