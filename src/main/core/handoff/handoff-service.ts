import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { VaultError } from '../../../shared/errors';
import {
  HANDOFF_FORMAT,
  HANDOFF_VERSION,
  type HandoffDocument,
  type HandoffField,
} from '../../../shared/handoff-format';
import { writeFileAtomic } from '../fs/atomic-write';
import type { Vault } from '../vault/vault';
import type { RecipientStore } from '../recipients/recipient-store';
import { writeBundle } from './bundle-zip';

export const PASSWORD_CHANNELS = ['sms', 'whatsapp', 'phone', 'other'] as const;
export type PasswordChannel = (typeof PASSWORD_CHANNELS)[number];

export interface ExportRequest {
  recipient: string | number;
  tokenIds: number[];
  fields: HandoffField[];
  outPath: string;
  password: string;
  channel: PasswordChannel;
}

export interface HandoffRecord {
  id: number;
  recipient: string;
  createdAt: string;
  fileName: string;
  sha256: string;
  passwordChannel: PasswordChannel;
  fields: HandoffField[];
  tokens: { id: number; name: string }[];
}

/**
 * Build the bundle, write it atomically (mode 0600, never over an existing file), then record the handoff and a
 * HandedOff event per token in one transaction. The record holds the file's SHA-256, never the password.
 */
export async function exportHandoff(
  vault: Vault,
  recipients: RecipientStore,
  request: ExportRequest,
): Promise<HandoffRecord> {
  const recipient = recipients.resolve(request.recipient);
  if (recipient.archived)
    throw new VaultError(
      'POLICY',
      `${recipient.name} is archived; restore the recipient before handing over tokens.`,
    );
  const ids = [...new Set(request.tokenIds)];
  if (ids.length === 0) throw new VaultError('INVALID_INPUT', 'Choose at least one token to hand over.');
  if (!PASSWORD_CHANNELS.includes(request.channel))
    throw new VaultError('INVALID_INPUT', 'The password channel is sms, whatsapp, phone or other.');
  const fields = [...new Set(request.fields)];
  const createdAt = new Date().toISOString();
  const tokens = ids.map((id) => {
    const meta = vault.tokens.get(id);
    const account = vault.accounts.get(meta.accountId);
    return {
      name: meta.name,
      account: meta.accountName,
      platform: account.profile,
      kind: meta.kind,
      role: meta.role,
      ...(fields.includes('value') ? { value: vault.tokens.reveal(id, 'export') } : {}),
      ...(fields.includes('key-id') ? { keyId: meta.keyId } : {}),
      ...(fields.includes('description') ? { description: meta.description } : {}),
      ...(fields.includes('endpoints') ? { endpoints: [] } : {}),
      expiresAt: meta.expiresAt,
    };
  });
  const doc: HandoffDocument = {
    format: HANDOFF_FORMAT,
    version: HANDOFF_VERSION,
    createdAt,
    from: vault.operator(),
    recipient: recipient.name,
    fields,
    tokens,
  };
  const bytes = await writeBundle(doc, request.password);
  const outPath = resolve(request.outPath);
  writeFileAtomic(outPath, bytes, { exclusive: true });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const id = vault.db.transaction(() => {
    const handoffId = Number(
      vault.db
        .prepare(
          'INSERT INTO handoffs (recipient_id, created_at, file_name, sha256, password_channel, fields, token_count) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          recipient.id,
          createdAt,
          basename(outPath),
          sha256,
          request.channel,
          JSON.stringify(fields),
          ids.length,
        ).lastInsertRowid,
    );
    const link = vault.db.prepare(
      'INSERT INTO handoff_tokens (handoff_id, token_id, token_name) VALUES (?, ?, ?)',
    );
    ids.forEach((tokenId, index) => {
      link.run(handoffId, tokenId, tokens[index]!.name);
      vault.events.append({
        kind: 'HandedOff',
        tokenId,
        accountId: vault.tokens.get(tokenId).accountId,
        details: { recipient: recipient.name, handoffId, file: basename(outPath), channel: request.channel },
      });
    });
    return handoffId;
  })();
  return listHandoffs(vault).find((record) => record.id === id)!;
}

export function listHandoffs(vault: Vault): HandoffRecord[] {
  const rows = vault.db
    .prepare(
      `SELECT h.id, r.name AS recipient, h.created_at, h.file_name, h.sha256, h.password_channel, h.fields
       FROM handoffs h JOIN recipients r ON r.id = h.recipient_id ORDER BY h.id DESC`,
    )
    .all() as {
    id: number;
    recipient: string;
    created_at: string;
    file_name: string;
    sha256: string;
    password_channel: string;
    fields: string;
  }[];
  const tokens = vault.db.prepare(
    'SELECT token_id AS id, token_name AS name FROM handoff_tokens WHERE handoff_id = ? ORDER BY token_id',
  );
  return rows.map((row) => ({
    id: row.id,
    recipient: row.recipient,
    createdAt: row.created_at,
    fileName: row.file_name,
    sha256: row.sha256,
    passwordChannel: row.password_channel as PasswordChannel,
    fields: JSON.parse(row.fields) as HandoffField[],
    tokens: tokens.all(row.id) as { id: number; name: string }[],
  }));
}
