import type { SqliteDatabase } from './open-database';

/** One numbered step of the schema. `up` runs inside a transaction with the version bump. */
export interface Migration {
  version: number;
  name: string;
  up(db: SqliteDatabase): void;
}
