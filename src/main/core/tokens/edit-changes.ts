import type { TokenMeta } from '../../../shared/model';

/** Metadata an edit may change whose old and new text the history keeps: none of it is secret. */
const TEXT_FIELDS = [
  'name',
  'kind',
  'role',
  'description',
  'keyId',
  'assignedTo',
  'application',
  'expiresAt',
] as const;

export type EditChanges = Partial<
  Record<(typeof TEXT_FIELDS)[number], { from: string | null; to: string | null }>
>;

/**
 * Old and new of each changed metadata field, for the Edited event, so the history can say "description:
 * “CRM sync” → “CRM nightly sync”". The value is never among them: the history says only that it changed.
 */
export function editChanges(
  before: TokenMeta,
  changed: readonly string[],
  after: Partial<TokenMeta>,
): EditChanges {
  const changes: EditChanges = {};
  for (const field of TEXT_FIELDS) {
    if (!changed.includes(field)) continue;
    const to = after[field];
    changes[field] = { from: before[field] ?? null, to: to === undefined ? null : (to as string | null) };
  }
  return changes;
}
