import * as kdbxweb from 'kdbxweb';
import { VaultError } from '../../../shared/errors';
import { installKdbxArgon2 } from './kdbx-argon2';
import { IMPORT_LIMITS } from './import-limits';
import { decryptKdbxInnerXml } from './kdbx-inner-xml';
import { keepassError, keepassRecords } from './keepass-entries';
import { readKeepassXmlDocument } from './keepass-xml-document';
import { structuredSource, type ImportSource } from './import-source';

const WHAT = 'The KeePass database';

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

/** Refuse, before any derivation, a key derivation costlier than IMPORT_LIMITS allows (AES-KDF rounds here). */
function checkKdfCost(data: ArrayBuffer): void {
  let header: kdbxweb.KdbxHeader;
  try {
    header = kdbxweb.KdbxHeader.read(
      new kdbxweb.BinaryStream(data),
      new kdbxweb.KdbxContext({ kdbx: new kdbxweb.Kdbx() }),
    );
  } catch (error) {
    keepassError(error, WHAT);
  }
  let rounds: number | undefined = header.keyEncryptionRounds;
  const params = header.kdfParameters;
  if (params && params.get('$UUID') !== undefined) {
    const uuid = kdbxweb.ByteUtils.bytesToBase64(params.get('$UUID') as ArrayBuffer);
    if (uuid === kdbxweb.Consts.KdfId.Aes) {
      const r = params.get('R');
      rounds = r instanceof kdbxweb.Int64 ? r.value : Number(r);
    }
  }
  if (rounds !== undefined && rounds > IMPORT_LIMITS.maxAesKdfRounds) {
    throw new VaultError(
      'INVALID_INPUT',
      `${WHAT} asks for ${rounds} AES-KDF rounds, more than the ${IMPORT_LIMITS.maxAesKdfRounds} accepted.`,
    );
  }
}

/** A .kdbx (KDBX 3.1 or 4; AES-KDF, Argon2d or Argon2id) opened with its password and optional key file. */
export async function readKdbx(
  bytes: Uint8Array,
  credentials: { password: string | null; keyFile?: Uint8Array | null },
): Promise<ImportSource> {
  installKdbxArgon2();
  const data = toArrayBuffer(bytes);
  checkKdfCost(data);
  try {
    const creds = new kdbxweb.KdbxCredentials(
      credentials.password === null ? null : kdbxweb.ProtectedValue.fromString(credentials.password),
      credentials.keyFile ?? null,
    );
    const inner = await decryptKdbxInnerXml(data, creds, WHAT);
    const document = readKeepassXmlDocument(inner.xml, { what: WHAT, unprotect: inner.unprotect });
    const { records, notes } = keepassRecords(document);
    return structuredSource('kdbx', records, notes);
  } catch (error) {
    keepassError(error, WHAT);
  }
}
