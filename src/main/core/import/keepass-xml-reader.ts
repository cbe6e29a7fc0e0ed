import * as kdbxweb from 'kdbxweb';
import { VaultError } from '../../../shared/errors';
import { keepassError, keepassRecords } from './keepass-entries';
import { structuredSource, type ImportSource } from './import-source';

const WHAT = 'The KeePass XML export';

/** A KeePass 2 XML export (what `keepassxc-cli export` writes by default), custom attributes included. */
export async function readKeepassXml(bytes: Uint8Array): Promise<ImportSource> {
  const xml = Buffer.from(bytes).toString('utf8');
  // A DTD could declare entities that expand without bound; KeePass XML never has one.
  if (/<!DOCTYPE|<!ENTITY/i.test(xml.slice(0, 4096)) || /<!ENTITY/i.test(xml))
    throw new VaultError(
      'INVALID_INPUT',
      `${WHAT} declares a DTD or entities; KeePass XML never does, so it is not read.`,
    );
  if (!/<KeePassFile[\s>]/.test(xml.slice(0, 4096)))
    throw new VaultError('INVALID_INPUT', `${WHAT} is not KeePass XML: it has no <KeePassFile> element.`);
  let db: kdbxweb.Kdbx;
  try {
    db = await kdbxweb.Kdbx.loadXml(xml, new kdbxweb.KdbxCredentials(null));
  } catch (error) {
    keepassError(error, WHAT);
  }
  const { records, notes } = keepassRecords(db);
  return structuredSource('keepass-xml', records, notes);
}
