import { z } from 'zod';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS_OR_NEWLINE = /[\u0000-\u001F\u007F]/;

/** A one-line label (names, ids, users): no control characters, no broken Unicode, a sane length. */
export function singleLine(label: string, max = 200) {
  return z
    .string()
    .trim()
    .min(1, `${label} cannot be empty.`)
    .max(max, `${label} is longer than ${max} characters.`)
    .refine((s) => !CONTROL_CHARS_OR_NEWLINE.test(s), `${label} cannot contain control characters.`)
    .refine((s) => !LONE_SURROGATE.test(s), `${label} contains broken Unicode.`);
}

/** Free text (notes, descriptions): newlines and tabs allowed, other control characters refused. */
export function freeText(label: string, max = 10_000) {
  return z
    .string()
    .max(max, `${label} is longer than ${max} characters.`)
    .refine((s) => !CONTROL_CHARS.test(s), `${label} cannot contain control characters.`)
    .refine((s) => !LONE_SURROGATE.test(s), `${label} contains broken Unicode.`);
}

/** A secret value: printable, one line, at most 16 KiB. */
export const secretValueSchema = z
  .string()
  .min(1, 'The token value cannot be empty.')
  .max(16_384, 'The token value is longer than 16,384 characters.')
  .refine(
    (s) => !CONTROL_CHARS_OR_NEWLINE.test(s),
    'The token value cannot contain control characters or line breaks.',
  )
  .refine((s) => !LONE_SURROGATE.test(s), 'The token value contains broken Unicode.');

export const isoDateSchema = z
  .string()
  .refine(
    (s) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}/.test(s),
    'Use a date like 2026-12-31 or 2026-12-31T09:00:00Z.',
  );

// Right-to-left and left-to-right overrides, embeddings, isolates and marks: they reorder what a name shows.
const BIDI_CONTROL = /\p{Bidi_Control}/u;
// Characters that render as nothing (zero-width space and joiners, soft hyphen, variation selectors, fillers).
const DEFAULT_IGNORABLE = /\p{Default_Ignorable_Code_Point}/gu;
const WHITE_SPACE = /\p{White_Space}/gu;

/**
 * The key two names are compared on for uniqueness: invisible characters removed, NFKC, case-folded (upper then
 * lower case, so "ß" meets "SS" and final sigma meets sigma), NFKC again. "Main", "MAIN", "Main" + U+200D and
 * "Café" in NFC or NFD all have the key "main" / "café".
 */
export function foldedNameKey(name: string): string {
  return name
    .replace(DEFAULT_IGNORABLE, '')
    .normalize('NFKC')
    .toUpperCase()
    .toLowerCase()
    .normalize('NFKC')
    .trim();
}

/**
 * A name people pick things by (account, token, recipient): a one-line label stored in NFC, with no bidi control
 * (U+202E would make "txt.exe" read "exe.txt") and something visible once invisible characters are set aside.
 */
export function nameLine(label: string, max = 200) {
  return z
    .string()
    .transform((s) => s.normalize('NFC'))
    .pipe(
      singleLine(label, max)
        .refine(
          (s) => !BIDI_CONTROL.test(s),
          `${label} cannot contain right-to-left or left-to-right control characters.`,
        )
        .refine(
          (s) => s.replace(DEFAULT_IGNORABLE, '').replace(WHITE_SPACE, '') !== '',
          `${label} has no visible character.`,
        ),
    );
}

// Controls, format characters (bidi controls, zero-width joiners) and other invisible code points.
const NOT_SHOWN_RAW = /[\p{Cc}\p{Cf}\p{Default_Ignorable_Code_Point}\u2028\u2029]/gu;

/**
 * Text for a terminal table or a plain-text file: every control or invisible character is written as <U+XXXX>, so
 * a stored name (one from before these rules, or from a bundle) can neither reorder the line nor hide a difference.
 */
export function visibleText(text: string): string {
  return text.replace(
    NOT_SHOWN_RAW,
    (char) => `<U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`,
  );
}
