import { z } from 'zod';

/** tokens.json inside a handoff bundle (docs/handoff-format.md). Readers refuse any other `format` or `version`. */
export const HANDOFF_FORMAT = 'tokenvault-handoff';
export const HANDOFF_VERSION = 1;

export const HANDOFF_FIELDS = ['value', 'key-id', 'description', 'endpoints'] as const;
export type HandoffField = (typeof HANDOFF_FIELDS)[number];

export const handoffTokenSchema = z.strictObject({
  name: z.string().min(1).max(200),
  account: z.string().max(200),
  platform: z.string().max(40),
  kind: z.string().max(40),
  role: z.enum(['primary', 'secondary', 'standalone']),
  value: z.string().max(16_384).optional(),
  keyId: z.string().max(500).nullable().optional(),
  description: z.string().max(4000).optional(),
  endpoints: z
    .array(z.strictObject({ endpoint: z.string().max(200), method: z.string().max(10) }))
    .optional(),
  expiresAt: z.string().nullable(),
});

export const handoffDocumentSchema = z.strictObject({
  format: z.literal(HANDOFF_FORMAT),
  version: z.literal(HANDOFF_VERSION),
  createdAt: z.string(),
  from: z.string().max(200),
  recipient: z.string().max(200),
  fields: z.array(z.enum(HANDOFF_FIELDS)),
  tokens: z.array(handoffTokenSchema).max(10_000),
});

export type HandoffToken = z.infer<typeof handoffTokenSchema>;
export type HandoffDocument = z.infer<typeof handoffDocumentSchema>;
