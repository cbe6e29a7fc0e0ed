import { VaultError } from '../../../shared/errors';
import type { Account } from '../../../shared/model';
import { findProfile } from '../../../shared/profiles';
import type { SqliteDatabase } from '../db/open-database';
import { ProfilePolicy, type TokenTies } from './profile-policy';

/** Ties read straight from the database, so a role change cannot orphan a mapping or an endpoint assignment. */
export function databaseTies(db: SqliteDatabase): TokenTies {
  return {
    linkCount: (tokenId) =>
      (
        db
          .prepare('SELECT count(*) AS n FROM token_links WHERE secondary_id = ? OR primary_id = ?')
          .get(tokenId, tokenId) as { n: number }
      ).n,
    endpointAssignmentCount: (tokenId) =>
      (
        db.prepare('SELECT count(*) AS n FROM token_endpoints WHERE token_id = ?').get(tokenId) as {
          n: number;
        }
      ).n,
    valueIsAlphanumeric: (tokenId, length) =>
      (
        db
          .prepare(
            `SELECT length(value) = ? AND value NOT GLOB '*[^A-Za-z0-9]*' AS ok FROM tokens WHERE id = ?`,
          )
          .get(length, tokenId) as { ok: number } | undefined
      )?.ok === 1,
  };
}

/** The policy that enforces an account's profile (src/shared/profiles.ts). */
export function policyForAccount(account: Account, db?: SqliteDatabase): ProfilePolicy {
  const profile = findProfile(account.profile);
  if (!profile) {
    throw new VaultError(
      'VAULT_TOO_NEW',
      `The account "${account.name}" uses a profile this app does not know ("${account.profile}"); update Token Vault.`,
    );
  }
  return new ProfilePolicy(profile, db ? databaseTies(db) : undefined);
}
