import * as kdbxweb from 'kdbxweb';
import { installKdbxArgon2 } from '../../src/main/core/import/kdbx-argon2';

/**
 * The benchmark's reference KeePass database, written by kdbxweb (the maintained library the importer reads KDBX
 * with). keepassxc-cli can only be given a target decryption time, not the KDF's parameters, so the bench writes the
 * file with exactly the vault's Argon2id parameters; keepassxc-cli then opens it, which also proves it well formed.
 */

export interface KdbxEntry {
  title: string;
  userName: string;
  password: string;
  url: string;
  notes: string;
}

export interface KdbxGroup {
  name: string;
  entries: KdbxEntry[];
}

export interface Argon2Params {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

async function build(groups: KdbxGroup[], databaseName: string, password: string, params?: Argon2Params) {
  installKdbxArgon2();
  const credentials = new kdbxweb.KdbxCredentials(kdbxweb.ProtectedValue.fromString(password));
  await credentials.ready;
  const db = kdbxweb.Kdbx.create(credentials, databaseName);
  db.setVersion(4);
  db.setKdf(kdbxweb.Consts.KdfId.Argon2id);
  if (params) {
    const kdf = db.header.kdfParameters!;
    kdf.set('M', kdbxweb.VarDictionary.ValueType.UInt64, new kdbxweb.Int64(params.memoryKiB * 1024));
    kdf.set('I', kdbxweb.VarDictionary.ValueType.UInt64, new kdbxweb.Int64(params.iterations));
    kdf.set('P', kdbxweb.VarDictionary.ValueType.UInt32, params.parallelism);
  }
  const root = db.getDefaultGroup();
  for (const group of groups) {
    const folder = db.createGroup(root, group.name);
    for (const entry of group.entries) {
      const item = db.createEntry(folder);
      item.fields.set('Title', entry.title);
      item.fields.set('UserName', entry.userName);
      item.fields.set('Password', kdbxweb.ProtectedValue.fromString(entry.password));
      item.fields.set('URL', entry.url);
      item.fields.set('Notes', entry.notes);
    }
  }
  return db;
}

/** A KDBX 4.0 file (AES-256, Argon2id with exactly `params`). */
export async function writeKdbx4(
  groups: KdbxGroup[],
  databaseName: string,
  password: string,
  params: Argon2Params,
): Promise<Uint8Array> {
  return new Uint8Array(await (await build(groups, databaseName, password, params)).save());
}

/** The same database as a KeePass 2 XML export (what `keepassxc-cli import` reads). */
export async function keepassXml(groups: KdbxGroup[], databaseName: string): Promise<string> {
  return (await build(groups, databaseName, 'not used: XML is written in the clear')).saveXml(true);
}
