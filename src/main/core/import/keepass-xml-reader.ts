import { VaultError } from '../../../shared/errors';
import { decodeUtf8Strictly } from '../input/strict-utf8';
import { keepassRecords } from './keepass-entries';
import { structuredSource, type ImportSource } from './import-source';
import { readKeepassXmlDocument } from './keepass-xml-document';

const WHAT = 'The KeePass XML export';

/** A KeePass 2 XML export (what `keepassxc-cli export` writes by default), custom attributes included. */
export function readKeepassXml(bytes: Uint8Array): ImportSource {
  const xml = decodeUtf8Strictly(bytes, WHAT);
  // A DTD could declare entities that expand without bound; KeePass XML never has one. The parser refuses a DTD
  // too; this says which sentence before any parsing.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml.slice(0, 4096)) || /<!ENTITY/i.test(xml))
    throw new VaultError(
      'INVALID_INPUT',
      `${WHAT} declares a DTD or entities; KeePass XML never does, so it is not read.`,
    );
  if (!/<KeePassFile[\s>]/.test(xml.slice(0, 4096)))
    throw new VaultError('INVALID_INPUT', `${WHAT} is not KeePass XML: it has no <KeePassFile> element.`);
  const { records, notes } = keepassRecords(readKeepassXmlDocument(xml, { what: WHAT }));
  return structuredSource('keepass-xml', records, notes);
}
