import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { parseInstant } from '../../../shared/dates';
import { VaultError } from '../../../shared/errors';
import { decodeUtf8Strictly } from '../input/strict-utf8';
import { IMPORT_LIMITS } from './import-limits';

/** One field of an entry: a standard one (Title, UserName, Password, URL, Notes) or a custom attribute. */
export interface KeepassField {
  key: string;
  value: string;
  /**
   * Marked protected in the file (Protected in a .kdbx, ProtectInMemory in an XML export) and not empty: a secret.
   * An empty protected attribute is an empty column, as kdbxweb reads it, not a token without a value.
   */
  secret: boolean;
}

export interface KeepassEntry {
  /** In the file's order; a key written twice is refused unless its first value is empty (then the second fills it). */
  fields: Map<string, KeepassField>;
  /** Set only when the entry's Expires flag is on: an ISO instant. */
  expiresAt: string | null;
}

export interface KeepassGroup {
  uuid: string;
  name: string;
  entries: KeepassEntry[];
  groups: KeepassGroup[];
}

/** The parts of a KeePass 2 XML document an import needs; entry history and everything else are left out. */
export interface KeepassDocument {
  groups: KeepassGroup[];
  recycleBinUuid: string | null;
}

export interface KeepassXmlOptions {
  /** How the file is named in sentences ("The KeePass database"). */
  what: string;
  /**
   * Decrypts the text of an element marked Protected="True" (a .kdbx's inner XML, where such values are encrypted
   * with the inner stream cipher). Called for every such element in document order, history and attachments
   * included, since the cipher's key stream runs through all of them in that order.
   */
  unprotect?: (base64: string) => Uint8Array;
}

/** Seconds from 0001-01-01 to 1970-01-01: KDBX 4 writes times as base64 of that many seconds since year 1. */
const SECONDS_BEFORE_UNIX_EPOCH = 62_135_596_800;
/** Deeper than any KeePass document (groups aside, which IMPORT_LIMITS bounds): a deeper one is not KeePass. */
const MAX_ELEMENT_DEPTH = IMPORT_LIMITS.maxJsonDepth + 16;
/**
 * Control characters XML 1.0 cannot hold. Some KeePass writers have left them in files and kdbxweb drops them
 * before parsing; dropping one would change a value (a password, a user name) without a word, so it is refused.
 */
// eslint-disable-next-line no-control-regex
const CHARACTER_XML_FORBIDS = /[\x00-\x08\x0B\x0C\x0E-\x1F]/;

/** Refuses the document at its first control character XML forbids, naming it and its line. */
function refuseForbiddenCharacters(xml: string, what: string, where: string): void {
  const found = CHARACTER_XML_FORBIDS.exec(xml);
  if (!found) return;
  let line = 1;
  for (let at = xml.indexOf('\n'); at !== -1 && at < found.index; at = xml.indexOf('\n', at + 1)) line++;
  const code = found[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  throw new VaultError(
    'INVALID_INPUT',
    `${what} holds a control character XML does not allow (U+${code}, line ${line}${where}); it is refused rather than read with the character dropped.`,
  );
}

function isTrue(text: string | undefined): boolean {
  return text !== undefined && text.trim().toLowerCase() === 'true';
}

function kdbxTime(text: string, what: string): string {
  const trimmed = text.trim();
  let date: Date;
  // Through the one strict parser: a time without its zone would otherwise be taken in this machine's zone.
  if (trimmed.includes(':')) date = new Date(parseInstant(trimmed) ?? NaN);
  else {
    const bytes = Buffer.from(trimmed, 'base64');
    if (bytes.length !== 8) date = new Date(NaN);
    else date = new Date((Number(bytes.readBigInt64LE(0)) - SECONDS_BEFORE_UNIX_EPOCH) * 1000);
  }
  if (Number.isNaN(date.getTime()))
    throw new VaultError(
      'INVALID_INPUT',
      `${what} has an expiry time that cannot be read ("${trimmed.slice(0, 40)}"); KeePass writes a time with its zone, such as 2027-03-01T10:00:00Z.`,
    );
  return date.toISOString();
}

interface EntryDraft {
  entry: KeepassEntry;
  expires: boolean;
  expiryTime: string | null;
  key: string;
  value: string;
  secret: boolean;
}

/**
 * Reads a KeePass 2 XML document (an XML export, or a .kdbx's decrypted inner XML) in one streaming pass with saxes,
 * a strict XML parser: the DOM kdbxweb builds with xmldom took about 80% of a 10,000-entry import (see
 * docs/decisions/0007-keepass-xml-streaming.md). A DTD, an unknown entity or malformed XML is refused.
 */
export function readKeepassXmlDocument(xml: string, options: KeepassXmlOptions): KeepassDocument {
  const { what, unprotect } = options;
  const document: KeepassDocument = { groups: [], recycleBinUuid: null };
  let recycleBinEnabled = false;
  let recycleBinUuid: string | null = null;
  const path: string[] = [];
  const groups: KeepassGroup[] = [];
  let entry: EntryDraft | null = null;
  let historyDepth = 0;
  let text = '';
  /** The element being read is Protected="True": its text is ciphertext until unprotect() has run over it. */
  let encrypted = false;

  const parser = new SaxesParser({ position: false, xmlns: false });
  parser.on('doctype', () => {
    throw new VaultError(
      'INVALID_INPUT',
      `${what} declares a DTD; KeePass XML never does, so it is not read.`,
    );
  });
  parser.on('text', (chunk) => {
    text += chunk;
  });
  parser.on('cdata', (chunk) => {
    text += chunk;
  });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    const parent = path[path.length - 1];
    path.push(tag.name);
    text = '';
    encrypted = unprotect !== undefined && isTrue(tag.attributes.Protected);
    if (path.length === 1 && tag.name !== 'KeePassFile')
      throw new VaultError('INVALID_INPUT', `${what} is not KeePass XML: it has no <KeePassFile> element.`);
    if (path.length > MAX_ELEMENT_DEPTH)
      throw new VaultError('INVALID_INPUT', `${what} nests its elements too deeply to be read.`);
    if (tag.name === 'History') historyDepth++;
    if (historyDepth > 0) return;
    if (tag.name === 'Group' && (parent === 'Root' || parent === 'Group')) {
      if (groups.length >= IMPORT_LIMITS.maxJsonDepth)
        throw new VaultError('INVALID_INPUT', `${what} nests its groups too deeply to be read.`);
      const group: KeepassGroup = { uuid: '', name: '', entries: [], groups: [] };
      (groups[groups.length - 1]?.groups ?? document.groups).push(group);
      groups.push(group);
    } else if (tag.name === 'Entry' && parent === 'Group' && groups.length > 0) {
      entry = {
        entry: { fields: new Map(), expiresAt: null },
        expires: false,
        expiryTime: null,
        key: '',
        value: '',
        secret: false,
      };
    } else if (tag.name === 'Value' && parent === 'String' && entry) {
      entry.secret = isTrue(tag.attributes.Protected) || isTrue(tag.attributes.ProtectInMemory);
    }
  });
  parser.on('closetag', (tag) => {
    const name = tag.name;
    path.pop();
    const parent = path[path.length - 1];
    const plain = encrypted && unprotect ? unprotect(text) : null;
    encrypted = false;
    const content = text;
    text = '';
    if (name === 'History') {
      historyDepth--;
      return;
    }
    if (historyDepth > 0) return;
    if (parent === 'Meta') {
      if (name === 'RecycleBinEnabled') recycleBinEnabled = isTrue(content);
      else if (name === 'RecycleBinUUID') recycleBinUuid = content.trim();
      return;
    }
    const group = groups[groups.length - 1];
    if (!group) return;
    if (entry) {
      if (name === 'Key' && parent === 'String') entry.key = content;
      else if (name === 'Value' && parent === 'String')
        entry.value = plain ? decodeUtf8Strictly(plain, `A protected value in ${what}`) : content;
      else if (name === 'String' && parent === 'Entry') {
        const field = { key: entry.key, value: entry.value, secret: entry.secret && entry.value !== '' };
        const before = entry.entry.fields.get(entry.key);
        // Two values for one field: the reader cannot tell which is meant (KeePassXC refuses such a file too,
        // unless the first is empty, which loses nothing).
        if (before && before.value !== '')
          throw new VaultError(
            'INVALID_INPUT',
            `${what} has an entry with two fields named "${entry.key.slice(0, 60)}", so which value is meant cannot be told; it is refused.`,
          );
        if (before) Object.assign(before, field);
        else entry.entry.fields.set(entry.key, field);
        Object.assign(entry, { key: '', value: '', secret: false });
      } else if (name === 'Expires' && parent === 'Times') entry.expires = isTrue(content);
      else if (name === 'ExpiryTime' && parent === 'Times') entry.expiryTime = content;
      else if (name === 'Entry' && parent === 'Group') {
        if (entry.expires && entry.expiryTime) entry.entry.expiresAt = kdbxTime(entry.expiryTime, what);
        group.entries.push(entry.entry);
        entry = null;
      }
      return;
    }
    if (parent === 'Group' && name === 'UUID') group.uuid = content.trim();
    else if (parent === 'Group' && name === 'Name') group.name = content;
    else if (name === 'Group') groups.pop();
  });

  try {
    refuseForbiddenCharacters(xml, what, unprotect ? ' of its XML' : '');
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof VaultError) throw error;
    throw new VaultError('INVALID_INPUT', `${what} is damaged or incomplete and cannot be read.`);
  }
  document.recycleBinUuid = recycleBinEnabled ? recycleBinUuid : null;
  return document;
}
