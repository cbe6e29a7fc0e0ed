import type { HandoffDocument } from '../../../shared/handoff-format';

/**
 * tokens.env is read three ways by an agency: sourced by a POSIX shell (`set -a; . tokens.env` in bash or dash),
 * or parsed by a .env library (dotenv and its kin). It must be inert (nothing in a value runs or expands) and
 * every value must read back byte for byte in each. docs/handoff-format.md states the rules below;
 * test/property/bundle-env.property.test.ts sources and parses the file with hostile values.
 */

/** Why a value is left out of tokens.env (it stays in tokens.json and tokens.txt). */
export type EnvOmission = 'nul' | 'carriage-return' | 'trailing-backslash' | 'quotes-and-shell-characters';

export type EnvQuoting = { quoted: string } | { omitted: EnvOmission };

/**
 * Single quotes when the value has none: the shell takes everything literally up to the next `'` (newlines,
 * `$`, backticks and backslashes included), and dotenv does the same. A value with `'` cannot be single-quoted
 * for both (the shell's `'\''` is not dotenv's), so it is double-quoted when it holds nothing the shell expands
 * in double quotes ($, `, \, ") - dotenv keeps double-quoted text as it is, save `\n` sequences, which need a
 * backslash. Anything else cannot be written so that every reader agrees, and is left out:
 * NUL (no shell variable can hold it), CR (dotenv turns CR and CRLF into LF), a final backslash (dotenv reads
 * `\'` as an escaped quote and runs on to the next line's quote), and `'` together with $ ` \ ".
 */
export function quoteEnvValue(value: string): EnvQuoting {
  if (value.includes('\0')) return { omitted: 'nul' };
  if (value.includes('\r')) return { omitted: 'carriage-return' };
  if (value.endsWith('\\')) return { omitted: 'trailing-backslash' };
  if (!value.includes("'")) return { quoted: `'${value}'` };
  if (!/[$`\\"]/.test(value)) return { quoted: `"${value}"` };
  return { omitted: 'quotes-and-shell-characters' };
}

const OMISSION_REASON: Record<EnvOmission, string> = {
  nul: 'holds a NUL character, which no shell variable can carry',
  'carriage-return': 'holds a carriage return, which .env readers turn into a newline',
  'trailing-backslash': 'ends with a backslash, which .env readers take as escaping the closing quote',
  'quotes-and-shell-characters':
    'mixes a single quote with a dollar sign, backtick, backslash or double quote, which shells and .env readers do not read the same way',
};

/** A-Z, 0-9 and _ only, from any text: accents dropped, every other run of characters one `_`. */
function envWord(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/**
 * ACCOUNT_TOKEN names, so two accounts' "Salesforce" tokens never meet. Names that still collide after
 * sanitising get _2, _3, ... in the bundle's order (the same bundle always gives the same names), and a name is
 * taken only if neither it nor its _KEY_ID companion is already used.
 */
export function envNames(doc: HandoffDocument): string[] {
  const used = new Set<string>();
  return doc.tokens.map((token) => {
    const joined = [envWord(token.account), envWord(token.name)].filter(Boolean).join('_') || 'TOKEN';
    const base = /^[0-9]/.test(joined) ? `T_${joined}` : joined;
    let name = base;
    for (let n = 2; used.has(name) || used.has(`${name}_KEY_ID`); n++) name = `${base}_${n}`;
    used.add(name);
    used.add(`${name}_KEY_ID`);
    return name;
  });
}

function envLine(name: string, value: string): string {
  const quoting = quoteEnvValue(value);
  if ('quoted' in quoting) return `${name}=${quoting.quoted}`;
  return `# ${name} is not written here: its value ${OMISSION_REASON[quoting.omitted]}; copy it from tokens.json.`;
}

export function bundleEnv(doc: HandoffDocument): string {
  const names = envNames(doc);
  const lines: string[] = [];
  doc.tokens.forEach((token, i) => {
    if (token.keyId) lines.push(envLine(`${names[i]}_KEY_ID`, token.keyId));
    if (token.value !== undefined) lines.push(envLine(names[i]!, token.value));
  });
  return `${lines.join('\n')}\n`;
}
