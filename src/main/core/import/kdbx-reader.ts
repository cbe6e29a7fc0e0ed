import * as kdbxweb from 'kdbxweb';
import { installKdbxArgon2 } from './kdbx-argon2';
import { isAllocationFailure, outOfMemoryError } from './allocation-failure';
import { assertKdfWithinBudget, type KdbxKdfCost } from './kdbx-kdf-budget';
import { decryptKdbxInnerXml } from './kdbx-inner-xml';
import { keepassError, keepassRecords } from './keepass-entries';
import { readKeepassXmlDocument } from './keepass-xml-document';
import { structuredSource, type ImportSource } from './import-source';

const WHAT = 'The KeePass database';

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function kdfNumber(value: unknown): number {
  return value instanceof kdbxweb.Int64 ? value.value : Number(value);
}

/** What the header asks the key derivation to cost (KDBX 3.1: AES-KDF rounds; KDBX 4: its KDF parameters). */
function kdfCost(header: kdbxweb.KdbxHeader): KdbxKdfCost | null {
  const params = header.kdfParameters;
  const uuid = params?.get('$UUID');
  if (!params || !(uuid instanceof ArrayBuffer))
    return header.keyEncryptionRounds === undefined
      ? null
      : { kdf: 'aes', rounds: header.keyEncryptionRounds };
  const id = kdbxweb.ByteUtils.bytesToBase64(uuid);
  if (id === kdbxweb.Consts.KdfId.Aes) return { kdf: 'aes', rounds: kdfNumber(params.get('R')) };
  if (id === kdbxweb.Consts.KdfId.Argon2d || id === kdbxweb.Consts.KdfId.Argon2id)
    return {
      kdf: 'argon2',
      // The header holds bytes; kdbxweb hands Argon2 KiB.
      memoryKiB: kdfNumber(params.get('M')) / 1024,
      iterations: kdfNumber(params.get('I')),
      parallelism: kdfNumber(params.get('P')),
    };
  return null;
}

/** Refuse, before any derivation, a key derivation costlier than IMPORT_LIMITS allows. */
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
  const cost = kdfCost(header);
  if (cost) assertKdfWithinBudget(cost, WHAT);
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
    if (isAllocationFailure(error)) throw outOfMemoryError(WHAT, error);
    keepassError(error, WHAT);
  }
}
