import type Database from 'better-sqlite3-multiple-ciphers';
import type { TokenMeta } from '../../../shared/model';
import { TokenSearchIndex } from '../../../shared/token-search-index';
import type { SqliteDatabase } from '../db/open-database';
import { fitOldGeneration } from '../runtime/old-generation';

/** Reads of token metadata the index is kept from (src/main/core/tokens/token-store.ts). */
export interface TokenMetaReader {
  all(): TokenMeta[];
  one(id: number): TokenMeta | undefined;
  ofAccount(accountId: number): TokenMeta[];
}

/**
 * Past this many events since the index was brought up to date (a bulk import), or this many tokens in one
 * account that changed (a rename), loading everything again is cheaper than replaying the changes one by one.
 */
const MAX_REPLAYED = 2000;

/**
 * The search index of an open vault, kept up to date from the history rather than rebuilt after each write.
 * Every write appends an event in its own transaction (src/main/core/use-cases/outcome.ts), naming its token or
 * its account: after a write, only the tokens those events name are read again and moved in the index. At
 * 200,000 tokens a rebuild (read every row, sort by name with the collator) takes seconds; one token, a
 * fraction of a millisecond.
 */
export class SyncedTokenIndex {
  private readonly index = new TokenSearchIndex();
  /** The newest event the index reflects; null until loaded. */
  private through: number | null = null;
  /** A write was announced (TokenStore.invalidate): one that left no event still gets a full load. */
  private announced = false;
  /**
   * Tokens read inside a transaction, which may yet roll back: read again once it has ended. 'all' after an
   * account's tokens were.
   */
  private readInTransaction: Set<number> | 'all' = new Set();
  private readonly statements: {
    head: Database.Statement<[], { seq: number | null }>;
    count: Database.Statement<[], { n: number }>;
    since: Database.Statement<[number], { token_id: number | null; account_id: number | null }>;
  };

  constructor(
    private readonly db: SqliteDatabase,
    private readonly read: TokenMetaReader,
  ) {
    this.statements = {
      head: db.prepare<[], { seq: number | null }>('SELECT max(seq) AS seq FROM events'),
      count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM tokens'),
      since: db.prepare<[number], { token_id: number | null; account_id: number | null }>(
        'SELECT token_id, account_id FROM events WHERE seq > ? ORDER BY seq',
      ),
    };
  }

  announceWrite(): void {
    this.announced = true;
  }

  /** Whether searches are answered from the sets yet (src/shared/token-search-index.ts; built in the background). */
  get searchSetsReady(): boolean {
    return this.index.setsReady;
  }

  /** The vault locked: a build of the sets under way stops. */
  close(): void {
    this.index.stopBuilding();
  }

  current(): TokenSearchIndex {
    const head = this.statements.head.get()?.seq ?? 0;
    const inTransaction = this.db.inTransaction;
    const pending = this.readInTransaction;
    const upToDate = head === this.through && pending !== 'all' && pending.size === 0;
    if (upToDate && !this.announced) return this.index;
    if (
      this.through === null ||
      pending === 'all' ||
      head - this.through > MAX_REPLAYED ||
      (upToDate && this.announced)
    ) {
      this.loadAll();
      this.settle(head, inTransaction);
      return this.index;
    }

    const tokens = new Set<number>(pending);
    const accounts = new Set<number>();
    for (const event of this.statements.since.iterate(this.through)) {
      if (event.token_id !== null) tokens.add(event.token_id);
      else if (event.account_id !== null) accounts.add(event.account_id);
    }
    for (const accountId of accounts) {
      const held = this.read.ofAccount(accountId);
      if (held.length > MAX_REPLAYED) {
        this.loadAll();
        this.settle(head, inTransaction);
        return this.index;
      }
      for (const id of this.index.idsOfAccount(accountId)) tokens.add(id);
      for (const meta of held) tokens.add(meta.id);
    }
    for (const id of tokens) {
      const meta = this.read.one(id);
      if (meta) this.index.upsert(meta);
      else this.index.remove(id);
    }
    if (inTransaction) {
      // The events stay unreplayed (through is not advanced) and the tokens are read again after the
      // transaction: if it rolls back, its events are gone but its tokens are back as they were.
      if (accounts.size > 0) this.readInTransaction = 'all';
      else for (const id of tokens) (this.readInTransaction as Set<number>).add(id);
    } else {
      this.settle(head, false);
    }
    return this.index;
  }

  private loadAll(): void {
    // Before reading: the rows and the index are most of what the heap will hold.
    fitOldGeneration(this.statements.count.get()!.n);
    this.index.load(this.read.all());
  }

  private settle(head: number, inTransaction: boolean): void {
    this.announced = false;
    this.through = inTransaction ? null : head;
    this.readInTransaction = new Set();
  }
}
