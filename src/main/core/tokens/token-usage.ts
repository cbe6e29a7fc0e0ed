import type { HttpMethod } from '../../../shared/profiles';
import type { SqliteDatabase } from '../db/open-database';
import { HoldingsReader } from '../recipients/holdings';
import type { TokenUsage } from '../../../shared/token-views';
export type { TokenUsage };

/**
 * Reads a token's ties. The handoff tables come from another migration, so their presence is checked in
 * sqlite_master rather than assumed: a vault without them simply has no handoffs.
 */
export class TokenUsageReader {
  constructor(private readonly db: SqliteDatabase) {}

  hasHandoffs(): boolean {
    return (
      (
        this.db
          .prepare(
            `SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('handoff_tokens', 'handoffs', 'recipients')`,
          )
          .get() as { n: number }
      ).n === 3
    );
  }

  of(tokenId: number): TokenUsage {
    // Only agencies that hold the value the vault holds now make a token "in use": once it was rotated (say when
    // an engagement ended) nothing they have breaks. An archived or deleted agency with the current value still
    // counts: it really has a working secret, and the warning says so.
    const handedTo = this.hasHandoffs()
      ? new HoldingsReader(this.db)
          .ofToken(tokenId)
          .filter((holder) => holder.holdsCurrentValue)
          .map(({ recipient, lastHandedAt }) => ({ recipient, lastHandedAt }))
      : [];
    const mappedTo = (
      this.db
        .prepare(
          `SELECT l.primary_id AS primaryId, t.name AS primaryName, l.enabled FROM token_links l
           JOIN tokens t ON t.id = l.primary_id WHERE l.secondary_id = ? ORDER BY t.name, t.id`,
        )
        .all(tokenId) as { primaryId: number; primaryName: string; enabled: number }[]
    ).map((row) => ({ ...row, enabled: row.enabled === 1 }));
    const mappedFrom = (
      this.db
        .prepare(
          `SELECT l.secondary_id AS secondaryId, t.name AS secondaryName, l.enabled FROM token_links l
           JOIN tokens t ON t.id = l.secondary_id WHERE l.primary_id = ? ORDER BY t.name, t.id`,
        )
        .all(tokenId) as { secondaryId: number; secondaryName: string; enabled: number }[]
    ).map((row) => ({ ...row, enabled: row.enabled === 1 }));
    const endpoints = this.db
      .prepare(
        `SELECT e.id AS endpointId, e.name AS endpoint, te.method FROM token_endpoints te
         JOIN endpoints e ON e.id = te.endpoint_id WHERE te.token_id = ?
         ORDER BY e.name, CASE te.method WHEN 'POST' THEN 0 WHEN 'GET' THEN 1 ELSE 2 END`,
      )
      .all(tokenId) as { endpointId: number; endpoint: string; method: HttpMethod }[];
    return {
      tokenId,
      handedTo,
      mappedTo,
      mappedFrom,
      endpoints,
      inUse: handedTo.length + mappedTo.length + mappedFrom.length + endpoints.length > 0,
    };
  }
}

/** "handed to Acme; mapped to primary "Orders POST"; serves POST on /orders": names only, never a value. */
export function describeUsage(usage: TokenUsage): string {
  const parts: string[] = [];
  if (usage.handedTo.length) parts.push(`handed to ${usage.handedTo.map((h) => h.recipient).join(', ')}`);
  if (usage.mappedTo.length)
    parts.push(`mapped to ${usage.mappedTo.map((m) => `primary "${m.primaryName}"`).join(', ')}`);
  if (usage.mappedFrom.length)
    parts.push(
      `${usage.mappedFrom.length === 1 ? 'a secondary is' : `${usage.mappedFrom.length} secondaries are`} mapped to it (${usage.mappedFrom.map((m) => `"${m.secondaryName}"`).join(', ')})`,
    );
  if (usage.endpoints.length)
    parts.push(`serves ${usage.endpoints.map((e) => `${e.method} on "${e.endpoint}"`).join(', ')}`);
  return parts.join('; ');
}
