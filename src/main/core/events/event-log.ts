import { createHmac } from 'node:crypto';
import type { EventKind, VaultEvent } from '../../../shared/model';
import { VaultError } from '../../../shared/errors';
import type { SqliteDatabase } from '../db/open-database';

const GENESIS = '0'.repeat(64);
const HEAD_KEY = 'event_head';

export interface AppendEventInput {
  kind: EventKind;
  accountId?: number | null;
  tokenId?: number | null;
  /** Names, ids and reasons only; never a secret value. */
  details?: Record<string, unknown>;
  at?: string;
}

interface EventRow {
  seq: number;
  at: string;
  actor: string;
  kind: string;
  account_id: number | null;
  token_id: number | null;
  details: string;
  prev_hash: string;
  hash: string;
}

/**
 * The columns an event's hash covers, in the order they are hashed and inserted: one list, so a column can never be
 * stored without being chained (docs/vault-format.md describes the same order).
 */
function chainedFields(row: Omit<EventRow, 'hash'>) {
  return [
    row.seq,
    row.at,
    row.actor,
    row.kind,
    row.account_id,
    row.token_id,
    row.details,
    row.prev_hash,
  ] as const;
}

/**
 * The append-only history. Each row's hash is an HMAC (keyed from the vault's data key) over its fields and the
 * previous row's hash, and the newest hash is kept in `meta`, so an edited, inserted or deleted row breaks `verify`.
 */
export class EventLog {
  private readonly insert;
  private readonly readHead;
  private readonly writeHead;
  /** Events appended since this log was opened: a use case compares it before and after to know if it changed. */
  private appendedCount = 0;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly chainKey: Buffer,
    private readonly actor: () => string,
  ) {
    this.insert = db.prepare(
      'INSERT INTO events (seq, at, actor, kind, account_id, token_id, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.readHead = db.prepare<[], { value: string }>(`SELECT value FROM meta WHERE key = '${HEAD_KEY}'`);
    this.writeHead = db.prepare(
      `INSERT INTO meta (key, value) VALUES ('${HEAD_KEY}', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    );
  }

  private hashRow(row: Omit<EventRow, 'hash'>): string {
    return createHmac('sha256', this.chainKey)
      .update(JSON.stringify(chainedFields(row)))
      .digest('hex');
  }

  private head(): { seq: number; hash: string } {
    const value = this.readHead.get()?.value;
    if (!value) return { seq: 0, hash: GENESIS };
    const [seq, hash] = value.split(':');
    return { seq: Number(seq), hash: hash ?? GENESIS };
  }

  /**
   * Call inside the transaction that makes the change, so the change and its event land together. Outside one it
   * is refused: an event written apart from its change could survive a change that failed, or be lost after one
   * that succeeded.
   */
  append(input: AppendEventInput): VaultEvent {
    const [event] = this.appendRows([input]);
    return toEvent(event!);
  }

  /**
   * Appends events in order with one read and one write of the chain's head: what a bulk change (an import of
   * thousands of tokens) writes. Same rule as append: inside the change's transaction.
   */
  appendMany(inputs: readonly AppendEventInput[]): void {
    this.appendRows(inputs);
  }

  private appendRows(inputs: readonly AppendEventInput[]): EventRow[] {
    if (!this.db.inTransaction)
      throw new VaultError('INTERNAL', 'A history event must be written in the transaction of its change.');
    if (inputs.length === 0) return [];
    let head = this.head();
    const actor = this.actor();
    const rows: EventRow[] = [];
    for (const input of inputs) {
      const row: Omit<EventRow, 'hash'> = {
        seq: head.seq + 1,
        at: input.at ?? new Date().toISOString(),
        actor,
        kind: input.kind,
        account_id: input.accountId ?? null,
        token_id: input.tokenId ?? null,
        details: JSON.stringify(input.details ?? {}),
        prev_hash: head.hash,
      };
      const hash = this.hashRow(row);
      this.insert.run(...chainedFields(row), hash);
      rows.push({ ...row, hash });
      head = { seq: row.seq, hash };
    }
    this.appendedCount += rows.length;
    this.writeHead.run(`${head.seq}:${head.hash}`);
    return rows;
  }

  /** The number of the newest event (0 for an empty history): it changes with every change to the vault. */
  headSeq(): number {
    return this.head().seq;
  }

  get appended(): number {
    return this.appendedCount;
  }

  forToken(tokenId: number): VaultEvent[] {
    return this.db
      .prepare<[number], EventRow>('SELECT * FROM events WHERE token_id = ? ORDER BY seq')
      .all(tokenId)
      .map(toEvent);
  }

  forAccount(accountId: number): VaultEvent[] {
    return this.db
      .prepare<[number], EventRow>('SELECT * FROM events WHERE account_id = ? ORDER BY seq')
      .all(accountId)
      .map(toEvent);
  }

  /** The whole history, oldest first; narrowed to one account's events, one token's, or both. */
  query(filter: { accountId?: number; tokenId?: number } = {}): VaultEvent[] {
    const where: string[] = [];
    const params: number[] = [];
    if (filter.accountId !== undefined) {
      where.push('account_id = ?');
      params.push(filter.accountId);
    }
    if (filter.tokenId !== undefined) {
      where.push('token_id = ?');
      params.push(filter.tokenId);
    }
    return this.db
      .prepare<number[], EventRow>(
        `SELECT * FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq`,
      )
      .all(...params)
      .map(toEvent);
  }

  recent(limit = 200): VaultEvent[] {
    return this.db
      .prepare<[number], EventRow>('SELECT * FROM events ORDER BY seq DESC LIMIT ?')
      .all(limit)
      .map(toEvent);
  }

  count(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  }

  /** Walk the whole chain; returns the problems found (empty when intact). */
  verifyChain(): { count: number; problems: string[] } {
    const problems: string[] = [];
    let expectedPrev = GENESIS;
    let expectedSeq = 1;
    let count = 0;
    for (const row of this.db.prepare<[], EventRow>('SELECT * FROM events ORDER BY seq').iterate()) {
      count++;
      if (row.seq !== expectedSeq) problems.push(`event ${expectedSeq} is missing (next is ${row.seq})`);
      if (row.prev_hash !== expectedPrev)
        problems.push(`event ${row.seq} does not follow the event before it`);
      const { hash, ...rest } = row;
      if (this.hashRow(rest) !== hash) problems.push(`event ${row.seq} was altered`);
      expectedPrev = hash;
      expectedSeq = row.seq + 1;
    }
    const head = this.head();
    if (head.seq !== expectedSeq - 1 || head.hash !== expectedPrev) {
      problems.push(`the newest events are missing (history should end at event ${head.seq})`);
    }
    return { count, problems };
  }
}

function toEvent(row: EventRow): VaultEvent {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    kind: row.kind as EventKind,
    accountId: row.account_id,
    tokenId: row.token_id,
    details: JSON.parse(row.details) as Record<string, unknown>,
  };
}
