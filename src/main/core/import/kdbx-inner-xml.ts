import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, timingSafeEqual } from 'node:crypto';
import * as kdbxweb from 'kdbxweb';
import { VaultError } from '../../../shared/errors';

/** What kdbxweb's load hands to its XML parser, once every check before the XML has passed. */
class InnerXml {
  constructor(readonly xml: string) {}
}

const capturing = new AsyncLocalStorage<true>();
let parseHooked = false;

/**
 * kdbxweb.Kdbx.load decrypts and verifies a .kdbx (header hash and HMAC for KDBX 4, stream start bytes and block
 * hashes for 3.1), then parses the inner XML into an xmldom DOM, the slow part (about 5 MB/s). Its loader calls
 * the parser through the XmlUtils module object, so inside a capture (an AsyncLocalStorage scope, so a load
 * elsewhere in the process parses as usual) the XML string is taken at that point instead, and read by
 * src/main/core/import/keepass-xml-document.ts. docs/decisions/0007-keepass-xml-streaming.md says why.
 */
function hookParse(): void {
  if (parseHooked) return;
  parseHooked = true;
  const xmlUtils = kdbxweb.XmlUtils as { parse: (xml: string) => Document };
  const parse = xmlUtils.parse;
  xmlUtils.parse = (xml: string) => {
    if (capturing.getStore() && xml.includes('<KeePassFile')) throw new InnerXml(xml);
    return parse(xml);
  };
}

/**
 * KDBX 3.1 authenticates its header only by a hash kept in the XML's Meta (kdbxweb checks it after building the
 * DOM): checked here, before any protected value is decrypted with a stream cipher the header chose. Only the key's
 * holder can write the XML, so its first HeaderHash element is the one Meta holds.
 */
function checkHeaderHashV3(data: ArrayBuffer, header: kdbxweb.KdbxHeader, xml: string, what: string): void {
  const stored = /<HeaderHash>([^<]*)<\/HeaderHash>/.exec(xml)?.[1];
  if (stored === undefined || header.endPos === undefined) return;
  const actual = createHash('sha256')
    .update(new Uint8Array(data, 0, header.endPos))
    .digest();
  const expected = Buffer.from(stored.trim(), 'base64');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual))
    throw new VaultError('INVALID_INPUT', `${what} is damaged: its header does not match its contents.`);
}

export interface KdbxInnerXml {
  xml: string;
  /** XORs a Protected="True" value with the inner stream cipher's next bytes (call in document order). */
  unprotect: (base64: string) => Uint8Array;
}

/** Decrypts a .kdbx with kdbxweb and returns its inner XML, verified as far as kdbxweb verifies before parsing. */
export async function decryptKdbxInnerXml(
  data: ArrayBuffer,
  credentials: kdbxweb.KdbxCredentials,
  what: string,
): Promise<KdbxInnerXml> {
  hookParse();
  await credentials.ready;
  const kdbx = new kdbxweb.Kdbx();
  kdbx.credentials = credentials;
  let xml: string;
  try {
    await capturing.run(true, () => new kdbxweb.KdbxFormat(kdbx).load(data));
    throw new VaultError('INTERNAL', `${what} was loaded without its XML being read.`);
  } catch (error) {
    if (!(error instanceof InnerXml)) throw error;
    xml = error.xml;
  }
  const header = kdbx.header;
  if (!header.protectedStreamKey || !header.crsAlgorithm)
    throw new VaultError('INVALID_INPUT', `${what} is damaged or incomplete and cannot be read.`);
  if (header.versionMajor === 3) checkHeaderHashV3(data, header, xml, what);
  const salts = await kdbxweb.ProtectSaltGenerator.create(header.protectedStreamKey, header.crsAlgorithm);
  return {
    xml,
    unprotect(base64) {
      const bytes = Buffer.from(base64, 'base64');
      // kdbxweb draws no key stream for an empty value; neither may we, or every later value would be wrong.
      if (bytes.length === 0) return bytes;
      const salt = new Uint8Array(salts.getSalt(bytes.length));
      for (let i = 0; i < bytes.length; i++) bytes[i] = bytes[i]! ^ salt[i]!;
      return bytes;
    },
  };
}
