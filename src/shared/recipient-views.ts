/**
 * Recipients (agencies and developers who receive tokens) as core keeps them and as they cross IPC: one declaration
 * and one schema, used by src/main/core/recipients/ and by the contract in src/shared/api.ts.
 */
import { z } from 'zod';
import { freeText, nameLine, singleLine } from './text-rules';

export interface Recipient {
  id: number;
  name: string;
  organisation: string;
  email: string;
  phone: string;
  notes: string;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  handoffCount: number;
}

/** What deleting did: removed the row, or (for an archived recipient with handoffs) erased its details. */
export interface RecipientDeletion {
  name: string;
  /** The recipient's handoffs stay on record under this name (null when the row itself was removed). */
  keptAs: string | null;
  handoffCount: number;
}

/** One token as one recipient holds it. */
export interface Holding {
  tokenId: number;
  /** The token's name now, or the name it had when handed over if it has left the vault. */
  name: string;
  account: string | null;
  firstHandedAt: string;
  lastHandedAt: string;
  handoffCount: number;
  /** At least one handoff carried the secret value (a bundle may hold only key ids or descriptions). */
  valueGiven: boolean;
  stillInVault: boolean;
  /** The recipient holds the value the vault holds now: given, not regenerated or edited since, not deleted. */
  holdsCurrentValue: boolean;
  status: 'active' | 'inactive' | null;
  enabled: boolean | null;
}

/** One recipient of a token. */
export interface Holder {
  recipientId: number;
  recipient: string;
  organisation: string;
  archived: boolean;
  deleted: boolean;
  firstHandedAt: string;
  lastHandedAt: string;
  handoffCount: number;
  valueGiven: boolean;
  holdsCurrentValue: boolean;
}

const optionalLine = (label: string) => z.union([z.literal(''), singleLine(label)]);

/** A recipient's own fields, with their limits; every field but the name may be empty. */
export const recipientFieldSchemas = {
  name: nameLine('The recipient name'),
  organisation: optionalLine('The organisation'),
  email: z.union([z.literal(''), z.email('That email address is not valid.')]),
  phone: z.union([
    z.literal(''),
    z.string().regex(/^\+?[0-9 ().-]{4,30}$/, 'Use digits, spaces and + ( ) - . in a phone number.'),
  ]),
  notes: freeText('Notes'),
};

export const recipientCreateSchema = z.strictObject({
  name: recipientFieldSchemas.name,
  organisation: recipientFieldSchemas.organisation.default(''),
  email: recipientFieldSchemas.email.default(''),
  phone: recipientFieldSchemas.phone.default(''),
  notes: recipientFieldSchemas.notes.default(''),
});

/** A change: any of the fields, none required. */
export const recipientPatchSchema = z.strictObject({
  name: recipientFieldSchemas.name.optional(),
  organisation: recipientFieldSchemas.organisation.optional(),
  email: recipientFieldSchemas.email.optional(),
  phone: recipientFieldSchemas.phone.optional(),
  notes: recipientFieldSchemas.notes.optional(),
});
