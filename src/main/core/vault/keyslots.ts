import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { VaultError } from '../../../shared/errors';
import { openAesGcm, sealAesGcm, type SealedBox } from '../crypto/aes-gcm';
import { writeFileAtomic } from '../fs/atomic-write';
import { readBoundedFile } from '../fs/read-bounded';
import { assertKeySlotsWithinBounds, keySlotsAltered, KEYSLOTS_FILE_MAX_BYTES } from './keyslot-bounds';
import { writeKeySlotsCopy } from './keyslots-copy';

export const KEYSLOTS_FILE_NAME = 'keyslots.json';
export const KEYSLOTS_FORMAT = 'tokenvault-keyslots';
export const KEYSLOTS_VERSION = 1;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

const wrapSchema = z.object({ alg: z.literal('A256GCM'), nonce: base64, ciphertext: base64, tag: base64 });

const passwordSlotSchema = z.object({
  id: z.string().min(1),
  type: z.literal('password'),
  createdAt: z.string(),
  kdf: z.object({
    name: z.literal('argon2id'),
    version: z.literal(19),
    memoryKiB: z.number().int().positive(),
    iterations: z.number().int().positive(),
    parallelism: z.number().int().positive(),
    salt: base64,
    normalisation: z.literal('NFKC'),
  }),
  wrap: wrapSchema,
});

const recoverySlotSchema = z.object({
  id: z.string().min(1),
  type: z.literal('recovery'),
  createdAt: z.string(),
  kdf: z.object({ name: z.literal('hkdf-sha256'), salt: base64, info: z.string() }),
  wrap: wrapSchema,
});

const keychainSlotSchema = z.object({
  id: z.string().min(1),
  type: z.literal('keychain'),
  createdAt: z.string(),
  keychain: z.object({ service: z.string(), account: z.string() }),
  wrap: wrapSchema,
});

const slotSchema = z.discriminatedUnion('type', [passwordSlotSchema, recoverySlotSchema, keychainSlotSchema]);

const keyslotsSchema = z.object({
  format: z.literal(KEYSLOTS_FORMAT),
  version: z.number().int(),
  vaultId: z.string().uuid(),
  createdAt: z.string(),
  database: z.object({
    file: z.literal('vault.db'),
    cipher: z.literal('sqlcipher'),
    legacy: z.literal(4),
    key: z.literal('raw-256'),
  }),
  slots: z.array(slotSchema).min(1),
});

export type PasswordSlot = z.infer<typeof passwordSlotSchema>;
export type RecoverySlot = z.infer<typeof recoverySlotSchema>;
export type KeychainSlot = z.infer<typeof keychainSlotSchema>;
export type KeySlot = z.infer<typeof slotSchema>;
export type KeySlotsFile = z.infer<typeof keyslotsSchema>;
export type WrappedKey = z.infer<typeof wrapSchema>;

export function newSlotId(type: KeySlot['type']): string {
  return `${type}-${randomBytes(4).toString('hex')}`;
}

function slotAad(vaultId: string, slotId: string): Buffer {
  return Buffer.from(`tokenvault:${vaultId}:${slotId}`, 'utf8');
}

export function wrapDataKey(dataKey: Buffer, kek: Buffer, vaultId: string, slotId: string): WrappedKey {
  const box = sealAesGcm(kek, dataKey, slotAad(vaultId, slotId));
  return {
    alg: 'A256GCM',
    nonce: box.nonce.toString('base64'),
    ciphertext: box.ciphertext.toString('base64'),
    tag: box.tag.toString('base64'),
  };
}

/** Returns null when the KEK does not open this slot (wrong password) or the slot was altered. */
export function unwrapDataKey(wrap: WrappedKey, kek: Buffer, vaultId: string, slotId: string): Buffer | null {
  const box: SealedBox = {
    nonce: Buffer.from(wrap.nonce, 'base64'),
    ciphertext: Buffer.from(wrap.ciphertext, 'base64'),
    tag: Buffer.from(wrap.tag, 'base64'),
  };
  const key = openAesGcm(kek, box, slotAad(vaultId, slotId));
  return key && key.length === 32 ? key : null;
}

export function keyslotsPath(vaultDir: string): string {
  return join(vaultDir, KEYSLOTS_FILE_NAME);
}

export function readKeySlots(vaultDir: string): KeySlotsFile {
  const path = keyslotsPath(vaultDir);
  if (!existsSync(path)) {
    throw new VaultError('VAULT_CORRUPT', 'This folder is not a Token Vault: keyslots.json is missing.');
  }
  let bytes: Buffer;
  try {
    bytes = readBoundedFile(path, {
      maxBytes: KEYSLOTS_FILE_MAX_BYTES,
      what: 'it',
      refusedCode: 'VAULT_CORRUPT',
    });
  } catch (error) {
    if (!(error instanceof VaultError) || error.code !== 'VAULT_CORRUPT') throw error;
    throw keySlotsAltered(error.message.replace(/\.$/, ''));
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new VaultError(
      'VAULT_CORRUPT',
      'keyslots.json is damaged (it is not valid JSON); put back its copy from backups/ with tokenvault restore.',
    );
  }
  const version = (parsed as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > KEYSLOTS_VERSION) {
    throw new VaultError(
      'VAULT_TOO_NEW',
      'This vault was written by a newer Token Vault; update the app to open it.',
    );
  }
  const result = keyslotsSchema.safeParse(parsed);
  if (!result.success) {
    throw new VaultError(
      'VAULT_CORRUPT',
      'keyslots.json is damaged (its structure is not valid); put back its copy from backups/ with tokenvault restore.',
    );
  }
  assertKeySlotsWithinBounds(result.data);
  return result.data;
}

export function writeKeySlots(
  vaultDir: string,
  file: KeySlotsFile,
  options: { exclusive?: boolean } = {},
): void {
  const text = `${JSON.stringify(file, null, 2)}\n`;
  writeFileAtomic(keyslotsPath(vaultDir), text, options);
  writeKeySlotsCopy(vaultDir, text, KEYSLOTS_FILE_NAME);
}
