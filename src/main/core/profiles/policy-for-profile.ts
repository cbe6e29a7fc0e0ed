import type { Account } from '../../../shared/model';
import { permissivePolicy, type TokenPolicy } from '../tokens/token-policy';

/** The policy that enforces an account's profile. Only `generic` exists so far, and it allows everything. */
export function policyForAccount(_account: Account): TokenPolicy {
  return permissivePolicy;
}
