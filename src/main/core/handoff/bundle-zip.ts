import {
  configure,
  TextReader,
  TextWriter,
  Uint8ArrayReader,
  Uint8ArrayWriter,
  ZipReader,
  ZipWriter,
} from '@zip.js/zip.js';
import { VaultError } from '../../../shared/errors';
import {
  handoffDocumentSchema,
  HANDOFF_FORMAT,
  HANDOFF_VERSION,
  type HandoffDocument,
} from '../../../shared/handoff-format';
import { bundleEntryContents, BUNDLE_ENTRIES } from './bundle-files';
import { applySeal, checkSeal, sealPlaceholder } from './bundle-seal';

// In Node there are no web workers to hand compression to; everything runs inline.
configure({ useWebWorkers: false });

/** An AES-256 ZIP (WinZip AE-2: no CRC stored, each entry authenticated by HMAC-SHA1), built in memory. */
export async function writeBundle(doc: HandoffDocument, password: string): Promise<Uint8Array> {
  const writer = new ZipWriter(new Uint8ArrayWriter(), {
    password,
    encryptionStrength: 3,
    zipCrypto: false,
    useWebWorkers: false,
    lastModDate: new Date(doc.createdAt),
  });
  const contents = bundleEntryContents(doc, 'aes-zip');
  for (const name of BUNDLE_ENTRIES) await writer.add(name, new TextReader(contents[name]));
  return applySeal(await writer.close(sealPlaceholder()), password);
}

/** 10,000 tokens of 16 KiB each, in four entries, stay well below this; a bigger file is not a bundle. */
export const MAX_BUNDLE_BYTES = 256 * 1024 * 1024;

function isWrongPassword(error: unknown): boolean {
  return /invalid password|password/i.test(String((error as Error)?.message ?? ''));
}

/**
 * Open a bundle. Wrong password -> WRONG_PASSWORD; anything else wrong (a flipped bit fails the entry's HMAC, a
 * zip that is not a bundle, an unknown schema version) -> BUNDLE_INVALID. Nothing is written anywhere.
 */
export async function readBundle(bytes: Uint8Array, password: string): Promise<HandoffDocument> {
  if (bytes.byteLength > MAX_BUNDLE_BYTES) {
    throw new VaultError(
      'BUNDLE_INVALID',
      `This file is ${Math.round(bytes.byteLength / 1024 / 1024)} MiB: far larger than any handoff bundle, so it is not one.`,
    );
  }
  let reader: ZipReader<unknown> | undefined;
  try {
    reader = new ZipReader(new Uint8ArrayReader(bytes), { password, useWebWorkers: false });
    const entries = await reader.getEntries();
    const json = entries.find((entry) => entry.filename === 'tokens.json');
    if (!json || json.directory || !('getData' in json)) {
      throw new VaultError(
        'BUNDLE_INVALID',
        'This ZIP is not a Token Vault handoff bundle (it has no tokens.json).',
      );
    }
    if (!json.encrypted)
      throw new VaultError(
        'BUNDLE_INVALID',
        'This bundle is not encrypted, so it was not made by Token Vault.',
      );
    // Every entry is read, so a flipped bit in any entry's data fails its authentication. A wrong password fails
    // every entry's password check; a flip in one entry's check bytes fails only that one.
    let text = '';
    let passwordFailures = 0;
    let files = 0;
    for (const entry of entries) {
      if (entry.directory || !('getData' in entry)) continue;
      files++;
      try {
        const content = await entry.getData!(new TextWriter(), { password, checkSignature: true });
        if (entry.filename === 'tokens.json') text = content;
      } catch (error) {
        if (!isWrongPassword(error)) throw error;
        passwordFailures++;
      }
    }
    if (passwordFailures === files) throw new VaultError('WRONG_PASSWORD', 'Wrong bundle password.');
    if (passwordFailures > 0 || checkSeal(bytes, password) !== 'valid') {
      throw new VaultError(
        'BUNDLE_INVALID',
        'This file is damaged or was altered after it was made (its integrity check failed).',
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new VaultError('BUNDLE_INVALID', 'tokens.json in this bundle is not valid JSON.');
    }
    const header = parsed as { format?: unknown; version?: unknown };
    if (header?.format !== HANDOFF_FORMAT)
      throw new VaultError('BUNDLE_INVALID', 'This ZIP is not a Token Vault handoff bundle.');
    if (header.version !== HANDOFF_VERSION) {
      throw new VaultError(
        'BUNDLE_INVALID',
        `This bundle uses format version ${String(header.version)}, which this app does not know; update Token Vault.`,
      );
    }
    const result = handoffDocumentSchema.safeParse(parsed);
    if (!result.success)
      throw new VaultError(
        'BUNDLE_INVALID',
        'tokens.json in this bundle does not follow the handoff format.',
      );
    return result.data;
  } catch (error) {
    if (error instanceof VaultError) throw error;
    if (isWrongPassword(error)) throw new VaultError('WRONG_PASSWORD', 'Wrong bundle password.');
    throw new VaultError(
      'BUNDLE_INVALID',
      'This file is damaged or was altered after it was made (its integrity check failed).',
    );
  } finally {
    await reader?.close().catch(() => undefined);
  }
}
