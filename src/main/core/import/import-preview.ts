import { DATE_FORMAT_HINT, parseInstant } from '../../../shared/dates';
import { VaultError, type ErrorCode } from '../../../shared/errors';
import { tokenImportRowSchema, type TokenImportRow } from '../../../shared/inputs';
import type { TokenRole } from '../../../shared/model';
import { findProfile } from '../../../shared/profiles';
import type { policyForAccount } from '../profiles/policy-for-profile';
import type { TokenDraft } from '../tokens/token-policy';
import { parseInput } from '../validate';
import type { AccountStore } from '../accounts/account-store';
import type { EventLog } from '../events/event-log';
import type { SqliteDatabase } from '../db/open-database';
import type { TokenStore } from '../tokens/token-store';
import { effectiveMapping } from './import-mapping';
import {
  IMPORT_FORMAT_LABELS,
  type FieldMapping,
  type ImportPlan,
  type ImportPreview,
  type ImportPreviewAccount,
  type ImportPreviewRow,
} from '../../../shared/import-views';
import type { ImportSource } from './import-source';
import { resolveTargetAccounts, type TargetAccount } from './import-target-accounts';

export type { ImportPlan, ImportPreview, ImportPreviewRow } from '../../../shared/import-views';
import { ValueFingerprints } from './value-fingerprints';
import { selectedByDefault } from './import-selection';
import { placeholderMeta } from '../tokens/placeholder-meta';

/** A preview row with what commit needs; never handed out of core. */
export interface PlannedRow extends ImportPreviewRow {
  token: TokenImportRow | null;
  refusalCode: ErrorCode | null;
}

export const DEFAULT_IMPORT_ACCOUNT = 'Imported';

/** What planning and writing an import needs of an unlocked vault (a Vault, or the use cases' dependencies). */
export interface ImportDependencies {
  db: SqliteDatabase;
  accounts: AccountStore;
  tokens: TokenStore;
  events: Pick<EventLog, 'headSeq'>;
}

function optionalText(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * An expiry from a file, read by the one strict date parser (src/shared/dates.ts): a calendar day is the start of
 * that day in the admin's time zone (as the Expiry dialog and `token expires` set it), an instant needs its zone. A
 * day that does not exist (2026-02-31), a time without a zone or a spreadsheet's "03/04/2027" (ambiguous) makes the
 * row refused, never rolled over or guessed.
 */
function expiryOf(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  if (!trimmed) return undefined;
  const instant = parseInstant(trimmed);
  if (instant === null) {
    throw new VaultError(
      'INVALID_INPUT',
      `The expiry "${trimmed.slice(0, 40)}" is not a day that exists or a time with its zone. ${DATE_FORMAT_HINT}`,
    );
  }
  return instant;
}

/**
 * Plans an import without writing: each row's target account (existing, or new with its profile), the token it
 * would become, the profile's refusal if any (asked of the same policy every save uses), and duplicates of values
 * already in the vault or earlier in the file. Rows are checked in order against the account's tokens plus the
 * rows selected before them, exactly as commit will write them.
 */
export function planImport(
  vault: ImportDependencies,
  source: ImportSource,
  plan: ImportPlan = {},
): PlanResult {
  // Every change to the vault appends a history event, so an unchanged head means an unchanged vault: the plan the
  // preview made stands for the commit that follows it (which plans again inside its transaction) on the same day.
  const key = `${new Date().toISOString().slice(0, 10)} ${JSON.stringify(plan)}`;
  const head = vault.events.headSeq();
  const known = lastPlans.get(source);
  if (known && known.key === key && known.head === head) return known.result;
  const result = computePlan(vault, source, plan);
  lastPlans.set(source, { key, head, result });
  return result;
}

type PlanResult = { preview: ImportPreview; rows: PlannedRow[] };
/** The last plan made of each source (released with the source). */
const lastPlans = new WeakMap<ImportSource, { key: string; head: number; result: PlanResult }>();

function computePlan(vault: ImportDependencies, source: ImportSource, plan: ImportPlan): PlanResult {
  const mapping = effectiveMapping(source, plan.mapping);
  const fixedAccount =
    plan.account !== undefined && /^\d+$/.test(plan.account.trim())
      ? (vault.accounts.list().find((a) => String(a.id) === plan.account!.trim()) ?? null)
      : null;
  const defaultProfile = plan.newAccountProfile ?? 'generic';
  if (!findProfile(defaultProfile))
    throw new VaultError('INVALID_INPUT', `Unknown profile "${defaultProfile}".`);
  for (const [name, profile] of Object.entries(plan.accountProfiles ?? {}))
    if (!findProfile(profile))
      throw new VaultError('INVALID_INPUT', `Unknown profile "${profile}" for "${name}".`);
  let nextPlaceholderId = -1;

  const fieldOf = (record: Record<string, string>, field: keyof FieldMapping) =>
    mapping[field] ? record[mapping[field]] : undefined;
  const accountNameOf = (record: Record<string, string>) =>
    fixedAccount?.name ??
    (optionalText(plan.account) || optionalText(fieldOf(record, 'account')) || DEFAULT_IMPORT_ACCOUNT);
  const targets = resolveTargetAccounts(vault, source.records.map(accountNameOf), {
    defaultProfile,
    ...(plan.accountProfiles ? { accountProfiles: plan.accountProfiles } : {}),
  });
  const rowsOf = new Map<TargetAccount, PlannedRow[]>();

  const fingerprints = new ValueFingerprints(vault.db);
  const seenInFile = new Map<string, number>();
  const chosen = plan.selection ? new Set(plan.selection) : null;
  const rows: PlannedRow[] = [];
  try {
    source.records.forEach((record, index) => {
      const rowNumber = index + 1;
      const get = (field: keyof FieldMapping) => fieldOf(record, field);
      const target = targets.get(accountNameOf(record))!;
      const value = get('value') ?? '';
      const readerProblem = source.rowProblems?.get(index) ?? null;
      let refusal: string | null = readerProblem ?? target.problem?.message ?? null;
      let refusalCode: PlannedRow['refusalCode'] = readerProblem
        ? 'INVALID_INPUT'
        : (target.problem?.code ?? null);
      let token: TokenImportRow | null = null;
      let draft: TokenDraft = {
        accountId: target.account.id,
        name: (get('name') ?? '').trim(),
        kind: (get('kind') ?? '').trim().toLowerCase(),
        role: 'standalone',
        description: get('description') ?? '',
        assignedTo: optionalText(get('assignedTo')) ?? null,
        keyId: optionalText(get('keyId')) ?? null,
      };
      let expiresAt: string | null = null;
      if (!refusal) {
        try {
          const role = optionalText(get('role'))?.toLowerCase();
          const expiry = expiryOf(get('expiresAt'));
          expiresAt = expiry ?? null;
          token = parseInput(tokenImportRowSchema, {
            name: draft.name,
            value,
            ...(draft.kind ? { kind: draft.kind } : {}),
            ...(role ? { role } : {}),
            ...(draft.description ? { description: draft.description } : {}),
            ...(draft.assignedTo ? { assignedTo: draft.assignedTo } : {}),
            ...(draft.keyId ? { keyId: draft.keyId } : {}),
            ...(optionalText(get('application')) ? { application: optionalText(get('application')) } : {}),
            ...(expiry ? { expiresAt: expiry } : {}),
          }) as TokenImportRow;
          // The name as the write stores it (NFC, trimmed), so the profile checks and the preview see that one.
          draft = { ...draft, name: token.name, role: (token.role ?? 'standalone') as TokenRole };
          draft = target.policy.beforeSave(target.account, draft, target.siblings);
          target.policy.checkValue(target.account, draft, value);
        } catch (error) {
          if (!(error instanceof VaultError)) throw error;
          refusal = error.message;
          refusalCode = error.code;
          token = null;
        }
      }
      let duplicate: string | null = null;
      if (value !== '') {
        const print = fingerprints.of(value);
        const owner = fingerprints.storedOwner(print);
        const earlier = seenInFile.get(print);
        if (owner) duplicate = `Same value as "${owner.name}" (id ${owner.id}) in ${owner.account}.`;
        else if (earlier !== undefined) duplicate = `Same value as row ${earlier} of this file.`;
        // Only a row that can be imported stands for its value: a refused one leaves the next row free to go in.
        else if (refusal === null) seenInFile.set(print, rowNumber);
      }
      const selected = chosen ? chosen.has(rowNumber) : selectedByDefault({ refusal, duplicate }, plan);
      if (selected && token)
        target.siblings.push(
          placeholderMeta(nextPlaceholderId--, draft, target.account.name, new Date(0).toISOString()),
        );
      const planned: PlannedRow = {
        row: rowNumber,
        selected,
        account: target.account.name,
        accountId: target.isNew ? null : target.account.id,
        profile: target.account.profile,
        kind: draft.kind || target.policy.profile.defaultKind,
        role: shownRole(target.policy, draft),
        name: draft.name,
        keyId: draft.keyId,
        assignedTo: draft.assignedTo,
        description: draft.description,
        expiresAt,
        valueMask: '•'.repeat(Math.min(value.length, 16)),
        valueLength: value.length,
        refusal,
        duplicate,
        token,
        refusalCode,
      };
      rows.push(planned);
      const mine = rowsOf.get(target);
      if (mine) mine.push(planned);
      else rowsOf.set(target, [planned]);
    });
  } finally {
    fingerprints.dispose();
  }

  const accounts: ImportPreviewAccount[] = [...rowsOf].map(([target, mine]) => {
    return {
      name: target.account.name,
      id: target.isNew ? null : target.account.id,
      profile: target.account.profile,
      isNew: target.isNew,
      rows: mine.length,
      selected: mine.filter((row) => row.selected).length,
    };
  });
  const preview: ImportPreview = {
    format: source.format,
    formatLabel: IMPORT_FORMAT_LABELS[source.format],
    columns: source.columns.map((name) => ({
      name,
      secret: source.secretColumns.includes(name) || name === mapping.value,
    })),
    mapping,
    accounts,
    rows: rows.map(publicRow),
    counts: {
      rows: rows.length,
      selected: rows.filter((row) => row.selected).length,
      refused: rows.filter((row) => row.refusal !== null).length,
      duplicates: rows.filter((row) => row.duplicate !== null).length,
    },
    notes: source.notes,
  };
  return { preview, rows };
}

/** A refused row keeps the role its kind would give it, so the preview does not show "standalone" for it. */
function shownRole(policy: ReturnType<typeof policyForAccount>, draft: TokenDraft): TokenRole {
  const rule = policy.kindRuleFor(draft.kind || policy.profile.defaultKind);
  if (rule && !rule.roles.includes(draft.role)) return rule.roles[0] ?? draft.role;
  return draft.role;
}

/** The preview row alone: the planned token (with its value) is dropped. */
function publicRow(row: PlannedRow): ImportPreviewRow {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const { token, refusalCode, ...shown } = row;
  return shown;
}

/** The preview of an import: nothing is written, and no value is in it. */
export function previewImport(
  vault: ImportDependencies,
  source: ImportSource,
  plan: ImportPlan = {},
): ImportPreview {
  return planImport(vault, source, plan).preview;
}
