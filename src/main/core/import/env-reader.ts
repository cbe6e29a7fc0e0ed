import { parse } from 'dotenv';
import { VaultError } from '../../../shared/errors';
import { IMPORT_LIMITS } from './import-limits';
import { COLUMN, newRecord, structuredSource, type ImportSource } from './import-source';

/**
 * dotenv 17's own line pattern (node_modules/dotenv/lib/main.js, `LINE`), with the separator captured and the `d`
 * flag for positions: matching is unchanged, so each match is exactly one assignment dotenv's parse reads, and we
 * learn where it is. dotenv's parse gives no positions and keeps the last of two assignments silently.
 */
const ASSIGNMENT =
  /(?:^|^)\s*(?:export\s+)?([\w.-]+)((?:\s*=\s*?|:\s+?))(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm;

interface Assignment {
  name: string;
  value: string;
  line: number;
  /** The reader's refusal of this one row, if any. */
  problem: string | null;
}

/** Line numbers of positions asked in increasing order, counted once over the text (a file may hold 100,000 lines). */
function lineCounter(text: string): (index: number) => number {
  let line = 1;
  let next = text.indexOf('\n');
  return (index) => {
    while (next !== -1 && next < index) {
      line++;
      next = text.indexOf('\n', next + 1);
    }
    return line;
  };
}

/** Text between two assignments must be blank lines and comments: anything else is a line dotenv skips unread. */
function checkSkipped(text: string, from: number, to: number, lineAt: (index: number) => number): void {
  let at = from;
  for (const line of text.slice(from, to).split('\n')) {
    const shown = line.trim();
    if (shown !== '' && !shown.startsWith('#'))
      throw new VaultError(
        'INVALID_INPUT',
        `Line ${lineAt(at)} of the .env file is not KEY=value, a comment or blank: dotenv would skip it unread, so fix or remove it and import again.`,
      );
    at += line.length + 1;
  }
}

/** A name as a sentence shows it: a hostile file may hold a name of megabytes. */
function shown(name: string): string {
  return name.length > 60 ? `${name.slice(0, 60)}...` : name;
}

/** At most this many line numbers in one sentence; a name set 100,000 times must not make a 600 KB sentence. */
const LINES_NAMED = 5;

function listed(lines: number[]): string {
  if (lines.length > LINES_NAMED)
    return `${lines.slice(0, LINES_NAMED).join(', ')} and ${(lines.length - LINES_NAMED).toLocaleString('en-US')} more`;
  return lines.length === 2
    ? `${lines[0]} and ${lines[1]}`
    : `${lines.slice(0, -1).join(', ')} and ${lines.at(-1)}`;
}

/** Every assignment in file order, each read by dotenv's parse, with its line and any problem of its own. */
function readAssignments(text: string): Assignment[] {
  const assignments: Assignment[] = [];
  const lineAt = lineCounter(text);
  let end = 0;
  ASSIGNMENT.lastIndex = 0;
  for (let match = ASSIGNMENT.exec(text); match; match = ASSIGNMENT.exec(text)) {
    if (assignments.length >= IMPORT_LIMITS.maxRows)
      throw new VaultError(
        'INVALID_INPUT',
        `The .env file has more than ${IMPORT_LIMITS.maxRows} variables.`,
      );
    const indices = match.indices!;
    checkSkipped(text, end, match.index, lineAt);
    end = match.index + match[0].length;
    const name = match[1]!;
    // Where dotenv stopped reading the value: a "#" right after it (no space before) is read as a comment, where a
    // shell keeps it in the value (`KEY=abc#1` is "abc#1" to bash, "abc" to dotenv).
    const valueEnd = indices[3]?.[1] ?? indices[2]![1];
    const cut = text[valueEnd] === '#' && !/\s/.test(text[valueEnd - 1] ?? ' ');
    // A value that opens a quote and does not end with it (`KEY="abc`, `KEY="a"b`): dotenv keeps the quote in the
    // value, where a shell refuses the line or drops the quotes.
    const raw = match[3]?.trim() ?? '';
    const quote = /^['"`]/.test(raw) ? raw[0]! : null;
    const unclosed = quote !== null && (raw.length < 2 || !raw.endsWith(quote));
    const parsed = parse(match[0]);
    // dotenv stores into a plain object, so `__proto__=...` sets nothing: there is no value to read.
    const unreadable = !Object.hasOwn(parsed, name);
    assignments.push({
      name,
      value: unreadable ? '' : parsed[name]!,
      line: lineAt(indices[1]![0]),
      problem: unreadable
        ? `dotenv cannot read a variable named ${shown(name)}; rename it to import it.`
        : unclosed
          ? `The value of ${shown(name)} opens a ${quote} quote that does not close at its end, so dotenv would keep the quote in the value; close it or remove it.`
          : cut
            ? `The value of ${shown(name)} stops at a "#" that dotenv reads as a comment; put the value in quotes (${shown(name)}="...") to keep the "#".`
            : null,
    });
  }
  checkSkipped(text, end, text.length, lineAt);
  return assignments;
}

/**
 * A .env file through dotenv's own parser (KEY=value, quoted values, `export` prefixes, comments): one token per
 * variable, named after it, in an account named after the file unless the admin picks one. Checked, not repaired:
 * a variable set twice makes each of its rows refused (dotenv would keep the last silently), so does a value
 * dotenv would cut at a "#" or keep an unclosed quote in, and a line dotenv would skip refuses the file.
 */
export function readEnvFile(text: string, accountName: string): ImportSource {
  // dotenv reads CRLF and lone CR as line breaks; so do the line numbers.
  const assignments = readAssignments(text.replace(/\r\n?/g, '\n'));
  if (assignments.length === 0)
    throw new VaultError(
      'INVALID_INPUT',
      'The .env file has no KEY=value lines: there is nothing to import.',
    );
  const linesOf = new Map<string, number[]>();
  for (const { name, line } of assignments) {
    const lines = linesOf.get(name);
    if (lines) lines.push(line);
    else linesOf.set(name, [line]);
  }
  // One sentence per repeated name, shared by its rows.
  const sentences = new Map<string, string>();
  const problems = new Map<number, string>();
  const records = assignments.map(({ name, value, problem }, index) => {
    const lines = linesOf.get(name)!;
    if (lines.length > 1) {
      let sentence = sentences.get(name);
      if (sentence === undefined) {
        sentence = `${shown(name)} appears ${lines.length === 2 ? 'twice' : `${lines.length.toLocaleString('en-US')} times`} in the file (lines ${listed(lines)}); keep one and import again.`;
        sentences.set(name, sentence);
      }
      problems.set(index, sentence);
    } else if (problem) problems.set(index, problem);
    const row = newRecord();
    row[COLUMN.group] = accountName;
    row[COLUMN.title] = name;
    row[COLUMN.secretName] = name;
    row[COLUMN.secret] = value;
    row[COLUMN.username] = '';
    row[COLUMN.url] = '';
    row[COLUMN.notes] = '';
    row[COLUMN.expires] = '';
    row[COLUMN.type] = 'variable';
    return row;
  });
  return { ...structuredSource('env', records), rowProblems: problems };
}
