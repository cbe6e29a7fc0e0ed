import { z } from 'zod';
import { DATE_FORMAT_HINT, parseInstant } from './dates';

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

/**
 * A date through the one strict parser (src/shared/dates.ts), given back as an ISO UTC instant: schemas that take
 * a date hand core a normalised instant, so the same moment always compares equal.
 */
export const isoDateSchema = z
  .string()
  .max(40, DATE_FORMAT_HINT)
  .transform((text, context) => {
    const instant = parseInstant(text);
    if (instant === null) {
      context.addIssue({ code: 'custom', message: DATE_FORMAT_HINT });
      return z.NEVER;
    }
    return instant;
  });
