import { createHash } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { VaultError } from '../../../shared/errors';
import {
  HANDOFF_FIELDS,
  HANDOFF_FORMAT,
  HANDOFF_VERSION,
  type HandoffDocument,
  type HandoffField,
  type HandoffToken,
} from '../../../shared/handoff-format';
import {
  PASSWORD_CHANNELS,
  type EngagementPlanSummary,
  type HandoffRecord,
  type PasswordChannel,
} from '../../../shared/handoff-views';
import { writeFileAtomic } from '../fs/atomic-write';
import type { AccountStore } from '../accounts/account-store';
import type { SqliteDatabase } from '../db/open-database';
import type { EndpointStore } from '../endpoints/endpoint-store';
import type { EventLog } from '../events/event-log';
import type { RecipientStore } from '../recipients/recipient-store';
import type { RecipientKeys } from '../recipients/recipient-keys';
import type { TokenStore } from '../tokens/token-store';
import { bundleTokensToImportRows } from './bundle-import';
import {
  planProtection,
  type BundleFormat,
  type ProtectionRequest,
  type RecordedChannel,
} from './bundle-protection';
import {
  endEngagement as endEngagementFor,
  planEngagementEnd,
  type EngagementAction,
  type EngagementDependencies,
  type EngagementPlan,
  type EngagementResult,
} from './engagement-end';

export interface HandoffDependencies extends EngagementDependencies {
  db: SqliteDatabase;
  events: EventLog;
  accounts: AccountStore;
  tokens: TokenStore;
  endpoints: EndpointStore;
  recipients: RecipientStore;
  /** Who makes the bundle (the vault's operator), written into tokens.json as `from`. */
  operator: () => string;
  /** Recipients' age keys (an export to a key). */
  recipientKeys: RecipientKeys;
}

export { PASSWORD_CHANNELS };
export type { HandoffRecord, PasswordChannel };
export const MAX_TOKENS_PER_BUNDLE = 10_000;

/** The bundle is protected by a password or by the recipient's age key: see ProtectionRequest. */
export interface ExportRequest extends ProtectionRequest {
  recipient: string | number;
  tokenIds: number[];
  fields: HandoffField[];
  outPath: string;
}

interface HandoffRow {
  id: number;
  recipient_id: number;
  recipient: string;
  created_at: string;
  file_name: string;
  sha256: string;
  password_channel: RecordedChannel;
  fields: string;
  token_count: number;
  format: BundleFormat;
  key_fingerprint: string | null;
}

function checkedFields(fields: readonly string[]): HandoffField[] {
  const unknown = fields.filter((field) => !(HANDOFF_FIELDS as readonly string[]).includes(field));
  if (unknown.length || fields.length === 0)
    throw new VaultError(
      'INVALID_INPUT',
      `Choose the fields to include among: ${HANDOFF_FIELDS.join(', ')}.`,
    );
  // Canonical order, so the same choice always reads the same in tokens.json and in the record.
  return HANDOFF_FIELDS.filter((field) => fields.includes(field));
}

/** Handoff bundles: export to a recipient, the record of what went where, opening and importing a bundle. */
export class HandoffService {
  private readonly recipients: RecipientStore;

  constructor(private readonly deps: HandoffDependencies) {
    this.recipients = deps.recipients;
  }

  /**
   * Build the bundle in memory, write it atomically (mode 0600, never over an existing file), then record the
   * handoff and a HandedOff event per token in one transaction. Values are read with the 'export' purpose: the
   * HandedOff event is their record, not a Revealed one. If the record cannot be written, the file is removed, so
   * no bundle exists that the vault does not know about.
   */
  async export(request: ExportRequest): Promise<HandoffRecord> {
    const recipient = this.recipients.resolve(request.recipient);
    if (recipient.archived)
      throw new VaultError(
        'POLICY',
        `${recipient.name} is archived; restore the recipient before handing over tokens.`,
      );
    const ids = [...new Set(request.tokenIds)];
    if (ids.length === 0) throw new VaultError('INVALID_INPUT', 'Choose at least one token to hand over.');
    if (ids.length > MAX_TOKENS_PER_BUNDLE)
      throw new VaultError('INVALID_INPUT', `A bundle holds at most ${MAX_TOKENS_PER_BUNDLE} tokens.`);
    const protection = planProtection(request, recipient, this.deps.recipientKeys.current(recipient.id));
    const channel = protection.channel;
    const fields = checkedFields(request.fields);
    const outPath = resolve(request.outPath);
    const fileName = basename(outPath);
    if (existsSync(outPath))
      throw new VaultError('ALREADY_EXISTS', `${fileName} already exists; it was not overwritten.`);

    const metas = ids.map((id) => this.deps.tokens.get(id));
    const createdAt = new Date().toISOString();
    // One query for the endpoints and one lookup per account, not per token: a handoff is timed (bench/handoff.bench.ts).
    const servedBy = fields.includes('endpoints') ? this.deps.endpoints.servedBy(ids) : new Map();
    const profiles = new Map<number, string>();
    const profileOf = (accountId: number) => {
      if (!profiles.has(accountId)) profiles.set(accountId, this.deps.accounts.get(accountId).profile);
      return profiles.get(accountId)!;
    };
    const tokens: HandoffToken[] = metas.map((meta) => ({
      name: meta.name,
      account: meta.accountName,
      platform: profileOf(meta.accountId),
      kind: meta.kind,
      role: meta.role,
      ...(fields.includes('value') ? { value: this.deps.tokens.reveal(meta.id, 'export') } : {}),
      ...(fields.includes('key-id') ? { keyId: meta.keyId } : {}),
      ...(fields.includes('description') ? { description: meta.description } : {}),
      ...(fields.includes('endpoints') ? { endpoints: servedBy.get(meta.id) ?? [] } : {}),
      expiresAt: meta.expiresAt,
    }));
    const doc: HandoffDocument = {
      format: HANDOFF_FORMAT,
      version: HANDOFF_VERSION,
      createdAt,
      from: this.deps.operator(),
      recipient: recipient.name,
      fields,
      tokens,
    };
    const bytes = await protection.seal(doc);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    writeFileAtomic(outPath, bytes, { exclusive: true });
    let handoffId: number;
    try {
      handoffId = this.deps.db.transaction(() => {
        const id = Number(
          this.deps.db
            .prepare(
              `INSERT INTO handoffs (recipient_id, created_at, file_name, sha256, password_channel, fields, token_count,
                 format, key_fingerprint)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            )
            .run(
              recipient.id,
              createdAt,
              fileName,
              sha256,
              channel,
              JSON.stringify(fields),
              ids.length,
              protection.format,
              protection.keyFingerprint,
            ).lastInsertRowid,
        );
        const link = this.deps.db.prepare(
          'INSERT INTO handoff_tokens (handoff_id, token_id, token_name) VALUES (?, ?, ?)',
        );
        for (const meta of metas) {
          link.run(id, meta.id, meta.name);
          this.deps.events.append({
            kind: 'HandedOff',
            tokenId: meta.id,
            accountId: meta.accountId,
            details: {
              recipient: recipient.name,
              handoffId: id,
              file: fileName,
              channel,
              fields,
              ...(protection.keyFingerprint
                ? { format: protection.format, keyFingerprint: protection.keyFingerprint }
                : {}),
            },
            at: createdAt,
          });
        }
        return id;
      })();
    } catch (error) {
      rmSync(outPath, { force: true });
      throw error;
    }
    return this.get(handoffId);
  }

  /** Every handoff, newest first; or one recipient's. */
  list(filter: { recipient?: string | number } = {}): HandoffRecord[] {
    const recipientId =
      filter.recipient === undefined ? undefined : this.recipients.resolve(filter.recipient).id;
    const rows = this.deps.db
      .prepare(
        `SELECT h.*, r.name AS recipient FROM handoffs h JOIN recipients r ON r.id = h.recipient_id
         ${recipientId === undefined ? '' : 'WHERE h.recipient_id = ?'} ORDER BY h.id DESC`,
      )
      .all(...(recipientId === undefined ? [] : [recipientId])) as HandoffRow[];
    return rows.map((row) => this.toRecord(row));
  }

  get(id: number): HandoffRecord {
    const row = this.deps.db
      .prepare(
        'SELECT h.*, r.name AS recipient FROM handoffs h JOIN recipients r ON r.id = h.recipient_id WHERE h.id = ?',
      )
      .get(id) as HandoffRow | undefined;
    if (!row) throw new VaultError('NOT_FOUND', `There is no handoff with id ${id}.`);
    return this.toRecord(row);
  }

  private toRecord(row: HandoffRow): HandoffRecord {
    const tokens = this.deps.db
      .prepare(
        'SELECT token_id AS id, token_name AS name FROM handoff_tokens WHERE handoff_id = ? ORDER BY token_id',
      )
      .all(row.id) as { id: number; name: string }[];
    return {
      id: row.id,
      recipientId: row.recipient_id,
      recipient: row.recipient,
      createdAt: row.created_at,
      fileName: row.file_name,
      sha256: row.sha256,
      passwordChannel: row.password_channel,
      fields: JSON.parse(row.fields) as HandoffField[],
      tokenCount: row.token_count,
      tokens,
      format: row.format,
      keyFingerprint: row.key_fingerprint,
    };
  }

  /** Import a bundle's tokens into one account: all of them or none (the bundle must carry values). */
  importBundle(doc: HandoffDocument, account: string | number): number {
    const target = this.deps.accounts.resolve(account);
    return this.deps.tokens.importMany(target.id, bundleTokensToImportRows(doc));
  }

  engagementPlan(recipient: string | number): EngagementPlan {
    return planEngagementEnd(this.deps, recipient);
  }

  /**
   * The plan as the app shows it before asking: exactly the tokens the rotation plan will hold, the held ones it
   * leaves out because they are already switched off (and why), and how many need nothing.
   */
  engagementPlanSummary(recipient: string | number): EngagementPlanSummary {
    const plan = this.engagementPlan(recipient);
    return {
      toRotate: plan.toRotate.map(({ tokenId, name, blocked }) => ({ tokenId, name, blocked })),
      othersCount: plan.others.length,
      alreadyOff: plan.alreadyOff.map(({ tokenId, name, state }) => ({ tokenId, name, state })),
    };
  }

  endEngagement(recipient: string | number, action: EngagementAction): EngagementResult {
    return endEngagementFor(this.deps, recipient, action);
  }
}
