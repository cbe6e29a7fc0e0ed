import type { Holder, Holding } from '../../../shared/recipient-views';
import type { SqliteDatabase } from '../db/open-database';

export type { Holder, Holding };

interface PairRow {
  recipientId: number;
  tokenId: number;
  firstHandedAt: string;
  lastHandedAt: string;
  handoffCount: number;
  valueGiven: number;
  /** Event sequence number of the latest HandedOff that carried the value (0 when none was found). */
  valueSeq: number | null;
  lastSeq: number;
  handedName: string;
}

// The HandedOff event of a (token, handoff) pair: its sequence number orders the handoff among the token's other
// events without trusting clocks (lifecycle operations may be dated by the caller).
const HANDED_SEQ = `coalesce((SELECT max(e.seq) FROM events e WHERE e.token_id = ht.token_id AND e.kind = 'HandedOff'
                     AND json_extract(e.details, '$.handoffId') = h.id), 0)`;
const CARRIED_VALUE = `EXISTS (SELECT 1 FROM json_each(h.fields) f WHERE f.value = 'value')`;

const PAIRS = `
  SELECT h.recipient_id AS recipientId, ht.token_id AS tokenId,
         min(h.created_at) AS firstHandedAt, max(h.created_at) AS lastHandedAt, count(*) AS handoffCount,
         max(${CARRIED_VALUE}) AS valueGiven,
         max(CASE WHEN ${CARRIED_VALUE} THEN ${HANDED_SEQ} END) AS valueSeq,
         max(${HANDED_SEQ}) AS lastSeq,
         (SELECT ht2.token_name FROM handoff_tokens ht2 JOIN handoffs h2 ON h2.id = ht2.handoff_id
          WHERE ht2.token_id = ht.token_id AND h2.recipient_id = h.recipient_id ORDER BY h2.id DESC LIMIT 1) AS handedName
  FROM handoff_tokens ht JOIN handoffs h ON h.id = ht.handoff_id`;

/**
 * Who holds what, read from the handoff records and the history. Token ids are not foreign keys in
 * handoff_tokens (the record outlives a deleted token), so "still in the vault" also asks the history whether the
 * token was deleted after it was handed over: a later token that happened to get the same id is not the one held.
 */
export class HoldingsReader {
  constructor(private readonly db: SqliteDatabase) {}

  private changedAfter(tokenId: number, seq: number, handedAt: string, condition: string): boolean {
    // A pair with no HandedOff event (records written by hand) falls back to comparing times.
    return (
      (
        this.db
          .prepare(
            `SELECT EXISTS (SELECT 1 FROM events WHERE token_id = ? AND (${condition})
             AND ((? > 0 AND seq > ?) OR (? = 0 AND at > ?))) AS hit`,
          )
          .get(tokenId, seq, seq, seq, handedAt) as { hit: number }
      ).hit === 1
    );
  }

  private describe(row: PairRow) {
    const token = this.db
      .prepare(
        `SELECT t.name, t.status, t.enabled, a.name AS account FROM tokens t JOIN accounts a ON a.id = t.account_id
         WHERE t.id = ?`,
      )
      .get(row.tokenId) as
      { name: string; status: 'active' | 'inactive'; enabled: number; account: string } | undefined;
    const stillInVault =
      token !== undefined &&
      !this.changedAfter(row.tokenId, row.lastSeq, row.lastHandedAt, `kind = 'Deleted'`);
    const valueChanged =
      row.valueSeq !== null &&
      this.changedAfter(
        row.tokenId,
        row.valueSeq,
        row.lastHandedAt,
        `kind = 'Regenerated' OR (kind = 'Edited' AND EXISTS (SELECT 1 FROM json_each(details, '$.fields') WHERE value = 'value'))`,
      );
    return {
      token: stillInVault ? token : undefined,
      valueGiven: row.valueGiven === 1,
      holdsCurrentValue: row.valueGiven === 1 && stillInVault && !valueChanged,
    };
  }

  ofRecipient(recipientId: number): Holding[] {
    const rows = this.db
      .prepare(`${PAIRS} WHERE h.recipient_id = ? GROUP BY h.recipient_id, ht.token_id`)
      .all(recipientId) as PairRow[];
    return rows
      .map((row) => {
        const { token, valueGiven, holdsCurrentValue } = this.describe(row);
        return {
          tokenId: row.tokenId,
          name: token?.name ?? row.handedName,
          account: token?.account ?? null,
          firstHandedAt: row.firstHandedAt,
          lastHandedAt: row.lastHandedAt,
          handoffCount: row.handoffCount,
          valueGiven,
          stillInVault: token !== undefined,
          holdsCurrentValue,
          status: token?.status ?? null,
          enabled: token ? token.enabled === 1 : null,
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name) || a.tokenId - b.tokenId);
  }

  /** Recipients of a token that is in the vault now (an id reused after a deletion has no holders from before). */
  ofToken(tokenId: number): Holder[] {
    const rows = this.db
      .prepare(`${PAIRS} WHERE ht.token_id = ? GROUP BY h.recipient_id, ht.token_id`)
      .all(tokenId) as PairRow[];
    const recipient = this.db.prepare(
      'SELECT name, organisation, archived, deleted_at FROM recipients WHERE id = ?',
    );
    return rows
      .flatMap((row) => {
        const { token, valueGiven, holdsCurrentValue } = this.describe(row);
        if (!token) return [];
        const who = recipient.get(row.recipientId) as {
          name: string;
          organisation: string;
          archived: number;
          deleted_at: string | null;
        };
        return [
          {
            recipientId: row.recipientId,
            recipient: who.name,
            organisation: who.organisation,
            archived: who.archived === 1,
            deleted: who.deleted_at !== null,
            firstHandedAt: row.firstHandedAt,
            lastHandedAt: row.lastHandedAt,
            handoffCount: row.handoffCount,
            valueGiven,
            holdsCurrentValue,
          },
        ];
      })
      .sort((a, b) => a.recipient.localeCompare(b.recipient));
  }
}
