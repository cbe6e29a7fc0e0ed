import type { TokenRole } from '../../../shared/model';
import type { RotationOutcome, RotationReason } from '../../../shared/rotation-views';
import type { SqliteDatabase } from '../db/open-database';

export interface PlanRow {
  id: number;
  title: string;
  reason: RotationReason;
  recipientId: number | null;
  recipientName: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface StepRow {
  planId: number;
  position: number;
  tokenId: number;
  tokenName: string;
  accountName: string;
  profile: string;
  kind: string;
  role: TokenRole;
  outcome: RotationOutcome | null;
  doneAt: string | null;
}

export type NewStep = Omit<StepRow, 'planId' | 'position' | 'outcome' | 'doneAt'>;

const PLAN_COLUMNS = `id, title, reason, recipient_id AS recipientId, recipient_name AS recipientName,
  created_at AS createdAt, completed_at AS completedAt`;
const STEP_COLUMNS = `plan_id AS planId, position, token_id AS tokenId, token_name AS tokenName,
  account_name AS accountName, profile, kind, role, outcome, done_at AS doneAt`;

/**
 * The rows of rotation plans and their steps. Plain reads and writes: the use cases (rotation-plans.ts) wrap each
 * write in a transaction with its history event.
 */
export class RotationPlanStore {
  constructor(private readonly db: SqliteDatabase) {}

  insertPlan(plan: Omit<PlanRow, 'id' | 'completedAt'>, steps: NewStep[]): number {
    const result = this.db
      .prepare(
        `INSERT INTO rotation_plans (title, reason, recipient_id, recipient_name, created_at) VALUES (?, ?, ?, ?, ?)`,
      )
      .run(plan.title, plan.reason, plan.recipientId, plan.recipientName, plan.createdAt);
    const planId = Number(result.lastInsertRowid);
    const insert = this.db.prepare(
      `INSERT INTO rotation_steps (plan_id, position, token_id, token_name, account_name, profile, kind, role)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    steps.forEach((step, index) =>
      insert.run(
        planId,
        index + 1,
        step.tokenId,
        step.tokenName,
        step.accountName,
        step.profile,
        step.kind,
        step.role,
      ),
    );
    return planId;
  }

  plan(id: number): PlanRow | undefined {
    return this.db.prepare(`SELECT ${PLAN_COLUMNS} FROM rotation_plans WHERE id = ?`).get(id) as
      PlanRow | undefined;
  }

  /** Newest first. */
  plans(): PlanRow[] {
    return this.db.prepare(`SELECT ${PLAN_COLUMNS} FROM rotation_plans ORDER BY id DESC`).all() as PlanRow[];
  }

  unfinishedFor(recipientId: number): PlanRow | undefined {
    return this.db
      .prepare(
        `SELECT ${PLAN_COLUMNS} FROM rotation_plans WHERE recipient_id = ? AND completed_at IS NULL ORDER BY id LIMIT 1`,
      )
      .get(recipientId) as PlanRow | undefined;
  }

  steps(planId: number): StepRow[] {
    return this.db
      .prepare(`SELECT ${STEP_COLUMNS} FROM rotation_steps WHERE plan_id = ? ORDER BY position`)
      .all(planId) as StepRow[];
  }

  /** Done and total step counts of every plan, in one query. */
  counts(): Map<number, { done: number; total: number }> {
    const rows = this.db
      .prepare(
        `SELECT plan_id AS planId, count(outcome) AS done, count(*) AS total FROM rotation_steps GROUP BY plan_id`,
      )
      .all() as { planId: number; done: number; total: number }[];
    return new Map(rows.map((row) => [row.planId, { done: row.done, total: row.total }]));
  }

  markStep(planId: number, position: number, outcome: RotationOutcome, at: string): void {
    this.db
      .prepare(`UPDATE rotation_steps SET outcome = ?, done_at = ? WHERE plan_id = ? AND position = ?`)
      .run(outcome, at, planId, position);
  }

  markComplete(planId: number, at: string): void {
    this.db.prepare(`UPDATE rotation_plans SET completed_at = ? WHERE id = ?`).run(at, planId);
  }

  /** Token ids still in the vault, among `ids` (a step keeps its token's id after the token is deleted). */
  existingTokenIds(ids: number[]): Set<number> {
    if (ids.length === 0) return new Set();
    const rows = this.db
      .prepare(`SELECT id FROM tokens WHERE id IN (SELECT value FROM json_each(?))`)
      .all(JSON.stringify(ids)) as { id: number }[];
    return new Set(rows.map((row) => row.id));
  }
}
