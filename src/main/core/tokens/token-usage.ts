import type { HttpMethod } from '../../../shared/profiles';
import type { SqliteDatabase } from '../db/open-database';
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
    const handedTo = this.hasHandoffs()
      ? (this.db
          .prepare(
            `SELECT r.name AS recipient, max(h.created_at) AS lastHandedAt
             FROM handoff_tokens ht JOIN handoffs h ON h.id = ht.handoff_id JOIN recipients r ON r.id = h.recipient_id
             WHERE ht.token_id = ? GROUP BY r.id ORDER BY r.name`,
          )
          .all(tokenId) as { recipient: string; lastHandedAt: string }[])
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
