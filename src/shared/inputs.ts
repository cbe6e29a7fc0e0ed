import { z } from 'zod';
import { TOKEN_ROLES } from './model';
import { freeText, isoDateSchema, nameLine, secretValueSchema, singleLine } from './text-rules';

export const idSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const kindSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{0,39}$/,
    'A kind is a short lower-case word such as api-token, public or key-secret.',
  );

export const accountCreateSchema = z.strictObject({
  name: nameLine('The account name'),
  profile: z.string().min(1).max(40).default('generic'),
  notes: freeText('Notes').default(''),
  allowDelete: z.boolean().default(false),
});
export type AccountCreateInput = z.input<typeof accountCreateSchema>;

export const accountUpdateSchema = z.strictObject({
  id: idSchema,
  name: nameLine('The account name').optional(),
  notes: freeText('Notes').optional(),
  allowDelete: z.boolean().optional(),
});
export type AccountUpdateInput = z.input<typeof accountUpdateSchema>;

export const generateSpecSchema = z.strictObject({
  length: z.number().int().min(8).max(4096).default(64),
  alphabet: z.string().min(2).max(256).optional(),
});

const tokenFields = {
  name: nameLine('The token name'),
  kind: kindSchema.optional(),
  role: z.enum(TOKEN_ROLES).default('standalone'),
  description: freeText('The description', 4000).default(''),
  keyId: singleLine('The key id', 500).nullable().optional(),
  assignedTo: singleLine('The assigned user').nullable().optional(),
  application: singleLine('The application').nullable().optional(),
  expiresAt: isoDateSchema.nullable().optional(),
};

export const tokenCreateSchema = z
  .strictObject({
    accountId: idSchema,
    ...tokenFields,
    value: secretValueSchema.optional(),
    generate: generateSpecSchema.optional(),
  })
  .refine((input) => (input.value === undefined) !== (input.generate === undefined), {
    message: 'Give the token a value or ask for one to be generated (one of the two).',
  });
export type TokenCreateInput = z.input<typeof tokenCreateSchema>;

export const tokenUpdateSchema = z.strictObject({
  id: idSchema,
  name: tokenFields.name.optional(),
  kind: kindSchema.optional(),
  role: z.enum(TOKEN_ROLES).optional(),
  description: tokenFields.description.optional(),
  keyId: tokenFields.keyId,
  assignedTo: tokenFields.assignedTo,
  application: tokenFields.application,
  expiresAt: tokenFields.expiresAt,
  value: secretValueSchema.optional(),
});
export type TokenUpdateInput = z.input<typeof tokenUpdateSchema>;

/** One row of a bulk import (JSON array item or CSV row). */
export const tokenImportRowSchema = z.strictObject({
  name: nameLine('The token name'),
  value: secretValueSchema,
  kind: kindSchema.optional(),
  role: z.enum(TOKEN_ROLES).optional(),
  description: freeText('The description', 4000).optional(),
  assignedTo: singleLine('The assigned user').optional(),
  keyId: singleLine('The key id', 500).optional(),
  application: singleLine('The application').optional(),
  expiresAt: isoDateSchema.optional(),
});
export type TokenImportRow = z.input<typeof tokenImportRowSchema>;

export const tokenListQuerySchema = z.strictObject({
  accountId: idSchema.optional(),
  search: z.string().max(500).optional(),
  kind: kindSchema.optional(),
  status: z.enum(['active', 'inactive']).optional(),
});
export type TokenListQuery = z.input<typeof tokenListQuerySchema>;

/** Turn a zod failure into one sentence a user can act on. */
export function describeZodError(error: z.ZodError): string {
  const first = error.issues[0];
  if (!first) return 'The input is not valid.';
  const where = first.path.length ? ` (${first.path.join('.')})` : '';
  return `${first.message}${where}`;
}
