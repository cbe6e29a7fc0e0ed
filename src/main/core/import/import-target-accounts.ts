import { VaultError } from '../../../shared/errors';
import type { Account, TokenMeta } from '../../../shared/model';
import { foldedNameKey } from '../../../shared/text-rules';
import type { AccountStore } from '../accounts/account-store';
import type { SqliteDatabase } from '../db/open-database';
import { policyForAccount } from '../profiles/policy-for-profile';
import type { TokenStore } from '../tokens/token-store';

/** The account a row of an import goes to, as the preview shows it and the commit writes it. */
export interface TargetAccount {
  account: Account;
  isNew: boolean;
  policy: ReturnType<typeof policyForAccount>;
  /** The account's tokens, then the rows selected for it so far. */
  siblings: TokenMeta[];
  /** Why the account cannot be created (the account store's own refusal), or null. */
  problem: VaultError | null;
}

interface TargetOptions {
  defaultProfile: string;
  /** The profile of each new account, by its name as the preview shows it (or any look-alike spelling). */
  accountProfiles?: Record<string, string>;
}

/**
 * Resolves every account name of an import once, through the account store's own rules, so the preview promises
 * nothing that the commit's `accounts.create` refuses. A name finds an existing account as `--account` does (same
 * name ignoring case, else the same folded key). Other names that fold to one key become one new account, named
 * by the first spelling the name rules accept, whatever the order of the rows: `Café` in NFC and in NFD, or `Ops`
 * and `OPS`, are one account. A name the rules refuse (a bidi control, nothing visible), with no accepted spelling
 * of its key in the file, is a refused target carrying the store's sentence.
 */
export function resolveTargetAccounts(
  deps: { db: SqliteDatabase; accounts: AccountStore; tokens: TokenStore },
  names: Iterable<string>,
  options: TargetOptions,
): Map<string, TargetAccount> {
  const distinct = [...new Set(names)];
  const rules = deps.accounts.nameRules();
  const existingById = new Map<number, TargetAccount>();
  const existingByName = new Map<string, TargetAccount>();
  for (const name of distinct) {
    const found = rules.findByName(name);
    if (!found) continue;
    let target = existingById.get(found.id);
    if (!target) {
      target = {
        account: found,
        isNew: false,
        policy: policyForAccount(found, deps.db),
        siblings: deps.tokens.forAccount(found.id),
        problem: null,
      };
      existingById.set(found.id, target);
    }
    existingByName.set(name, target);
  }

  const profileByKey = new Map<string, string>();
  for (const [name, profile] of Object.entries(options.accountProfiles ?? {})) {
    const key = foldedNameKey(name);
    if (!profileByKey.has(key)) profileByKey.set(key, profile);
  }
  const newByKey = new Map<string, TargetAccount>();
  const refusals = new Map<string, VaultError>();
  for (const name of distinct) {
    if (existingByName.has(name)) continue;
    const key = foldedNameKey(name);
    if (newByKey.has(key)) continue;
    let stored: string;
    try {
      stored = rules.checkNewName(name);
    } catch (error) {
      if (!(error instanceof VaultError)) throw error;
      refusals.set(name, error);
      continue;
    }
    const profile = options.accountProfiles?.[stored] ?? profileByKey.get(key) ?? options.defaultProfile;
    newByKey.set(key, newTarget(stored, profile, null));
  }

  const targets = new Map<string, TargetAccount>();
  for (const name of distinct) {
    const target =
      existingByName.get(name) ??
      newByKey.get(foldedNameKey(name)) ??
      newTarget(name.trim(), options.defaultProfile, refusals.get(name)!);
    targets.set(name, target);
  }
  return targets;
}

function newTarget(name: string, profile: string, problem: VaultError | null): TargetAccount {
  const account: Account = {
    id: 0,
    name,
    profile,
    notes: '',
    allowDelete: false,
    createdAt: new Date(0).toISOString(),
    tokenCount: 0,
  };
  return { account, isNew: true, policy: policyForAccount(account), siblings: [], problem };
}
