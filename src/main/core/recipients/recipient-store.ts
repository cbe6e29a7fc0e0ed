import { z } from 'zod';
import { VaultError } from '../../../shared/errors';
import { freeText, singleLine } from '../../../shared/text-rules';
import type { SqliteDatabase } from '../db/open-database';
import { parseInput } from '../validate';

export interface Recipient {
  id: number;
  name: string;
  organisation: string;
  email: string;
  phone: string;
  notes: string;
  archived: boolean;
  createdAt: string;
  handoffCount: number;
}

const optionalLine = (label: string) => z.union([z.literal(''), singleLine(label)]).default('');

export const recipientCreateSchema = z.strictObject({
  name: singleLine('The recipient name'),
  organisation: optionalLine('The organisation'),
  email: z.union([z.literal(''), z.email('That email address is not valid.')]).default(''),
  phone: z
    .union([
      z.literal(''),
      z.string().regex(/^\+?[0-9 ().-]{4,30}$/, 'Use digits, spaces and + ( ) - . in a phone number.'),
    ])
    .default(''),
  notes: freeText('Notes').default(''),
});

interface RecipientRow {
  id: number;
  name: string;
  organisation: string;
  email: string;
  phone: string;
  notes: string;
  archived: number;
  created_at: string;
  handoff_count: number;
}

const SELECT = `SELECT r.*, (SELECT count(*) FROM handoffs h WHERE h.recipient_id = r.id) AS handoff_count FROM recipients r`;

/** Agencies and developers who receive tokens. */
export class RecipientStore {
  constructor(private readonly db: SqliteDatabase) {}

  list(): Recipient[] {
    return this.db.prepare<[], RecipientRow>(`${SELECT} ORDER BY r.archived, r.name`).all().map(toRecipient);
  }

  resolve(nameOrId: string | number): Recipient {
    const row =
      typeof nameOrId === 'number' || /^\d+$/.test(nameOrId)
        ? this.db.prepare<[number], RecipientRow>(`${SELECT} WHERE r.id = ?`).get(Number(nameOrId))
        : undefined;
    const found =
      row ??
      this.db
        .prepare<[string], RecipientRow>(`${SELECT} WHERE r.name = ? COLLATE NOCASE`)
        .get(String(nameOrId));
    if (!found)
      throw new VaultError('NOT_FOUND', `There is no recipient named "${String(nameOrId).slice(0, 60)}".`);
    return toRecipient(found);
  }

  create(input: z.input<typeof recipientCreateSchema>): Recipient {
    const data = parseInput(recipientCreateSchema, input);
    if (this.db.prepare('SELECT 1 FROM recipients WHERE name = ? COLLATE NOCASE').get(data.name)) {
      throw new VaultError('ALREADY_EXISTS', `A recipient named "${data.name}" already exists.`);
    }
    const now = new Date().toISOString();
    const result = this.db
      .prepare(
        'INSERT INTO recipients (name, organisation, email, phone, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(data.name, data.organisation, data.email, data.phone, data.notes, now, now);
    return this.resolve(Number(result.lastInsertRowid));
  }

  /** Refused while handoffs reference the recipient: the record of who holds what must keep its subject. */
  delete(id: number): void {
    const recipient = this.resolve(id);
    if (recipient.handoffCount > 0) {
      throw new VaultError(
        'POLICY',
        `${recipient.name} received ${recipient.handoffCount} handoff(s), which stay on record; archive the recipient to hide it instead.`,
      );
    }
    this.db.prepare('DELETE FROM recipients WHERE id = ?').run(id);
  }

  update(id: number, input: Partial<z.input<typeof recipientCreateSchema>>): Recipient {
    const before = this.resolve(id);
    const { name, organisation, email, phone, notes } = { ...before, ...input };
    const data = parseInput(recipientCreateSchema, { name, organisation, email, phone, notes });
    if (
      data.name.toLowerCase() !== before.name.toLowerCase() &&
      this.db.prepare('SELECT 1 FROM recipients WHERE name = ? COLLATE NOCASE').get(data.name)
    ) {
      throw new VaultError('ALREADY_EXISTS', `A recipient named "${data.name}" already exists.`);
    }
    this.db
      .prepare(
        'UPDATE recipients SET name = ?, organisation = ?, email = ?, phone = ?, notes = ?, updated_at = ? WHERE id = ?',
      )
      .run(data.name, data.organisation, data.email, data.phone, data.notes, new Date().toISOString(), id);
    return this.resolve(id);
  }

  /** Tokens a recipient holds: every token in any of its handoffs, with the last time it was handed over. */
  holdings(id: number): { tokenId: number; name: string; lastHandedAt: string; stillInVault: boolean }[] {
    return (
      this.db
        .prepare(
          `SELECT ht.token_id AS tokenId, ht.token_name AS name, max(h.created_at) AS lastHandedAt,
                  EXISTS (SELECT 1 FROM tokens t WHERE t.id = ht.token_id) AS stillInVault
           FROM handoff_tokens ht JOIN handoffs h ON h.id = ht.handoff_id
           WHERE h.recipient_id = ? GROUP BY ht.token_id ORDER BY ht.token_name`,
        )
        .all(id) as { tokenId: number; name: string; lastHandedAt: string; stillInVault: number }[]
    ).map((row) => ({ ...row, stillInVault: row.stillInVault === 1 }));
  }

  /** Who was given a token, and when last. */
  holdersOf(tokenId: number): { recipient: string; lastHandedAt: string }[] {
    return this.db
      .prepare(
        `SELECT r.name AS recipient, max(h.created_at) AS lastHandedAt
         FROM handoff_tokens ht JOIN handoffs h ON h.id = ht.handoff_id JOIN recipients r ON r.id = h.recipient_id
         WHERE ht.token_id = ? GROUP BY r.id ORDER BY r.name`,
      )
      .all(tokenId) as { recipient: string; lastHandedAt: string }[];
  }

  setArchived(id: number, archived: boolean): Recipient {
    this.resolve(id);
    this.db
      .prepare('UPDATE recipients SET archived = ?, updated_at = ? WHERE id = ?')
      .run(archived ? 1 : 0, new Date().toISOString(), id);
    return this.resolve(id);
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
    handoffCount: row.handoff_count,
  };
}
