import { plural } from '../../../shared/plural';
import type { z } from 'zod';
import { VaultError } from '../../../shared/errors';
import {
  recipientCreateSchema,
  type Recipient,
  type RecipientDeletion,
} from '../../../shared/recipient-views';
import { visibleText } from '../../../shared/text-rules';
import { describeTaken, findByFoldedName, findLookAlike, type NamedRow } from '../names/folded-names';
import type { SqliteDatabase } from '../db/open-database';
import type { EventLog } from '../events/event-log';
import { parseInput } from '../validate';
import { HoldingsReader, type Holder, type Holding } from './holdings';

export type { Recipient, RecipientDeletion };
export { recipientCreateSchema };

interface RecipientRow {
  id: number;
  name: string;
  organisation: string;
  email: string;
  phone: string;
  notes: string;
  archived: number;
  created_at: string;
  updated_at: string;
  handoff_count: number;
}

// Deleted recipients (deleted_at set) are kept only as the subject of their handoffs: no command sees them.
const SELECT = `SELECT r.*, (SELECT count(*) FROM handoffs h WHERE h.recipient_id = r.id) AS handoff_count
  FROM recipients r WHERE r.deleted_at IS NULL`;

export type RecipientFields = Partial<z.input<typeof recipientCreateSchema>>;

/** The recipient's own fields (no secret among them): what an edit records as from/to. */
const EDITABLE = ['name', 'organisation', 'email', 'phone', 'notes'] as const;

/** Agencies and developers who receive tokens. Every change is in the history, in the transaction that makes it. */
export class RecipientStore {
  private readonly holdingsReader: HoldingsReader;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly events: EventLog,
  ) {
    this.holdingsReader = new HoldingsReader(db);
  }

  /** Active recipients first, then archived ones, each by name. */
  list(): Recipient[] {
    return this.db
      .prepare<[], RecipientRow>(`${SELECT} ORDER BY r.archived, r.name COLLATE NOCASE`)
      .all()
      .map(toRecipient);
  }

  resolve(nameOrId: string | number): Recipient {
    const row =
      typeof nameOrId === 'number' || /^\d+$/.test(nameOrId)
        ? this.db.prepare<[number], RecipientRow>(`${SELECT} AND r.id = ?`).get(Number(nameOrId))
        : undefined;
    const found =
      row ??
      this.db
        .prepare<[string], RecipientRow>(`${SELECT} AND r.name = ? COLLATE NOCASE`)
        .get(String(nameOrId)) ??
      this.resolveFolded(String(nameOrId));
    if (!found)
      throw new VaultError('NOT_FOUND', `There is no recipient named "${String(nameOrId).slice(0, 60)}".`);
    return toRecipient(found);
  }

  create(input: z.input<typeof recipientCreateSchema>): Recipient {
    const data = parseInput(recipientCreateSchema, input);
    this.refuseTakenName(data.name);
    const now = new Date().toISOString();
    const id = this.db.transaction(() => {
      const result = this.db
        .prepare(
          'INSERT INTO recipients (name, organisation, email, phone, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(data.name, data.organisation, data.email, data.phone, data.notes, now, now);
      const recipientId = Number(result.lastInsertRowid);
      this.events.append({ kind: 'RecipientAdded', details: { recipientId, name: data.name }, at: now });
      return recipientId;
    })();
    return this.resolve(id);
  }

  /** "Café" typed in NFD, or with a stray zero-width space, still finds the recipient. */
  private resolveFolded(name: string): RecipientRow | undefined {
    const active = this.db
      .prepare<[], NamedRow>('SELECT id, name FROM recipients WHERE deleted_at IS NULL')
      .all();
    const match = findByFoldedName(active, name);
    return match
      ? this.db.prepare<[number], RecipientRow>(`${SELECT} AND r.id = ?`).get(match.id)
      : undefined;
  }

  /** Names are unique on their folded key (src/shared/text-rules.ts), deleted recipients' names included. */
  private refuseTakenName(name: string, exceptId?: number): void {
    const rows = this.db
      .prepare<[], NamedRow & { deleted_at: string | null }>('SELECT id, name, deleted_at FROM recipients')
      .all();
    const holder = findLookAlike(rows, name, exceptId);
    if (!holder) return;
    throw new VaultError(
      'ALREADY_EXISTS',
      holder.deleted_at
        ? `"${visibleText(name)}" names a deleted recipient in the handoff records; choose another name.`
        : describeTaken('A recipient', name, holder),
    );
  }

  /**
   * A recipient that never received a handoff is removed. One with handoffs must be archived first (two deliberate
   * steps); then its contact details are erased and the row stays, renamed "NAME (deleted)", as the subject of its
   * handoffs, so every token it was given still says who holds it.
   */
  delete(id: number): RecipientDeletion {
    const recipient = this.resolve(id);
    if (recipient.handoffCount === 0) {
      this.db.transaction(() => {
        this.db.prepare('DELETE FROM recipients WHERE id = ?').run(id);
        this.events.append({ kind: 'RecipientDeleted', details: { recipientId: id, name: recipient.name } });
      })();
      return { name: recipient.name, keptAs: null, handoffCount: 0 };
    }
    if (!recipient.archived) {
      throw new VaultError(
        'POLICY',
        `${recipient.name} received ${plural(recipient.handoffCount, 'handoff')}; archive the recipient first. An archived recipient can be deleted, and its handoffs stay on record.`,
      );
    }
    const taken = this.db.prepare('SELECT 1 FROM recipients WHERE name = ? COLLATE NOCASE AND id <> ?');
    let keptAs = `${recipient.name} (deleted)`;
    if (taken.get(keptAs, id)) keptAs = `${recipient.name} (deleted #${id})`;
    const now = new Date().toISOString();
    this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE recipients SET name = ?, organisation = '', email = '', phone = '', notes = '', deleted_at = ?,
             updated_at = ? WHERE id = ?`,
        )
        .run(keptAs, now, now, id);
      this.events.append({
        kind: 'RecipientDeleted',
        details: { recipientId: id, name: recipient.name, keptAs, handoffCount: recipient.handoffCount },
        at: now,
      });
    })();
    return { name: recipient.name, keptAs, handoffCount: recipient.handoffCount };
  }

  /** Change fields; a save that changes nothing records nothing. */
  update(id: number, input: RecipientFields): Recipient {
    return this.edit(id, input);
  }

  /**
   * Change fields and, when `archived` is given, archive or restore, all in one transaction: a refused change (a
   * taken name, a bad email) leaves the archive flag alone too. Each part is its own event, with old and new values.
   */
  edit(id: number, input: RecipientFields, archived?: boolean): Recipient {
    const before = this.resolve(id);
    const merged = { ...before, ...input };
    const data = parseInput(recipientCreateSchema, {
      name: merged.name,
      organisation: merged.organisation,
      email: merged.email,
      phone: merged.phone,
      notes: merged.notes,
    });
    const changed = EDITABLE.filter((key) => data[key] !== before[key]);
    if (changed.includes('name')) this.refuseTakenName(data.name, id);
    const archiving = archived !== undefined && archived !== before.archived;
    if (changed.length === 0 && !archiving) return before;
    const now = new Date().toISOString();
    this.db.transaction(() => {
      if (changed.length) {
        this.db
          .prepare(
            'UPDATE recipients SET name = ?, organisation = ?, email = ?, phone = ?, notes = ?, updated_at = ? WHERE id = ?',
          )
          .run(data.name, data.organisation, data.email, data.phone, data.notes, now, id);
        this.events.append({
          kind: 'RecipientEdited',
          details: {
            recipientId: id,
            name: data.name,
            fields: changed,
            changes: Object.fromEntries(changed.map((key) => [key, { from: before[key], to: data[key] }])),
          },
          at: now,
        });
      }
      if (archiving) {
        this.db
          .prepare('UPDATE recipients SET archived = ?, updated_at = ? WHERE id = ?')
          .run(archived ? 1 : 0, now, id);
        this.events.append({
          kind: archived ? 'RecipientArchived' : 'RecipientUnarchived',
          details: { recipientId: id, name: data.name },
          at: now,
        });
      }
    })();
    return this.resolve(id);
  }

  /** The tokens a recipient was given: when, how often, and whether it still holds the value in the vault. */
  holdings(id: number): Holding[] {
    return this.holdingsReader.ofRecipient(this.resolve(id).id);
  }

  /** Who was given a token, and when (deleted recipients included, under their kept name). */
  holdersOf(tokenId: number): Holder[] {
    return this.holdingsReader.ofToken(tokenId);
  }
}

function toRecipient(row: RecipientRow): Recipient {
  return {
    id: row.id,
    name: row.name,
    organisation: row.organisation,
    email: row.email,
    phone: row.phone,
    notes: row.notes,
    archived: row.archived === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    handoffCount: row.handoff_count,
  };
}
