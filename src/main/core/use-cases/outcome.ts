import type { SqliteDatabase } from '../db/open-database';
import type { EventLog } from '../events/event-log';

/** What a use case did: its result, and whether it changed anything (it changed the vault iff it wrote an event). */
export interface Outcome<T> {
  result: T;
  changed: boolean;
}

/**
 * Run a change in one transaction (nested ones join it as savepoints), so every write and its events land together
 * or not at all; `changed` is read from the history, which records every write and nothing else.
 */
export function runChange<T>(db: SqliteDatabase, events: EventLog, work: () => T): Outcome<T> {
  const before = events.appended;
  const result = db.transaction(work)();
  return { result, changed: events.appended !== before };
}

/** The same for a change that awaits (a bundle written to disk, the OS keychain) before its transaction. */
export async function runAsyncChange<T>(events: EventLog, work: () => Promise<T>): Promise<Outcome<T>> {
  const before = events.appended;
  const result = await work();
  return { result, changed: events.appended !== before };
}
