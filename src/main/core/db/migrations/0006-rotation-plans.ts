import type { Migration } from '../migration';

/**
 * Rotation plans: one row per plan, one per step (a token to rotate on its platform). A step keeps the token's
 * name, account and profile as they were, so the plan still reads right after the token is deleted; token_id has
 * no foreign key for the same reason. `outcome` stays NULL until the admin records what was done there.
 */
export const migration0006RotationPlans: Migration = {
  version: 6,
  name: 'rotation-plans',
  up(db) {
    db.exec(`
      CREATE TABLE rotation_plans (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        reason TEXT NOT NULL CHECK (reason IN ('engagement-ended', 'selection')),
        recipient_id INTEGER,
        recipient_name TEXT,
        created_at TEXT NOT NULL,
        completed_at TEXT
      ) STRICT;
      CREATE TABLE rotation_steps (
        plan_id INTEGER NOT NULL REFERENCES rotation_plans(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        token_id INTEGER NOT NULL,
        token_name TEXT NOT NULL,
        account_name TEXT NOT NULL,
        profile TEXT NOT NULL,
        kind TEXT NOT NULL,
        role TEXT NOT NULL,
        outcome TEXT CHECK (outcome IN ('new-value', 'generated', 'invalidated', 'deleted')),
        done_at TEXT,
        PRIMARY KEY (plan_id, position),
        UNIQUE (plan_id, token_id)
      ) STRICT;
      CREATE INDEX rotation_plans_unfinished ON rotation_plans(completed_at);
    `);
  },
};
