import { readBoundedFile } from '../fs/read-bounded';
import { decodeUtf8Strictly } from './strict-utf8';

/** A regular file of outside text, at most `maxBytes`, strictly UTF-8 (see strict-utf8.ts). */
export function readBoundedTextFile(path: string, options: { maxBytes: number; what: string }): string {
  return decodeUtf8Strictly(readBoundedFile(path, options), options.what);
}

/** The first line of a secret's file (value, password, recovery key), without its line ending. */
export function firstLineOf(text: string): string {
  return text.split(/\r?\n/, 1)[0] ?? '';
}
