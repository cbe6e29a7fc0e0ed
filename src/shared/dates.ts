/**
 * One date model. Two kinds of date cross the app:
 * - an instant (a moment: created, last activity, the `--now` of a what-if) is an ISO 8601 string in UTC;
 * - a calendar day the user picks (an expiry date, the day a token was last used) is YYYY-MM-DD in the user's own
 *   time zone, converted to an instant once, here, as the start of that day where the user is.
 * Every schema and every option reads dates through `parseInstant`, the one strict parser: a day that does not exist
 * (2026-02-31) or a text that is not a date is refused, never rolled over.
 */

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

function existingDay(year: number, month: number, day: number): boolean {
  const check = new Date(Date.UTC(year, month - 1, day));
  return check.getUTCFullYear() === year && check.getUTCMonth() === month - 1 && check.getUTCDate() === day;
}

/** True for a YYYY-MM-DD day that exists on the calendar. */
export function isCalendarDay(text: string): boolean {
  const match = DAY.exec(text);
  return match !== null && existingDay(Number(match[1]), Number(match[2]), Number(match[3]));
}

/** The start of a calendar day in the user's time zone, as an instant (ISO UTC); null for a day that does not exist. */
export function startOfLocalDay(day: string): string | null {
  if (!isCalendarDay(day)) return null;
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year!, month! - 1, date!).toISOString();
}

/** The calendar day (YYYY-MM-DD) an instant falls on in the user's time zone: what a date field shows. */
export function localDayOf(instant: string | Date): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * A date as text, strictly: YYYY-MM-DD (a calendar day: the start of that day in the user's time zone) or a full
 * ISO 8601 instant with seconds optional and an explicit zone (Z or +01:00). Returns the instant in ISO UTC, or null
 * when the text is not one of these or names a day or time that does not exist.
 */
export function parseInstant(text: string): string | null {
  if (text.length > 40) return null;
  if (DAY.test(text)) return startOfLocalDay(text);
  const match = INSTANT.exec(text);
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match.map((part) =>
    part === undefined ? 0 : Number(part),
  );
  if (!existingDay(year!, month!, day!) || hour! > 23 || minute! > 59 || second! > 59) return null;
  const time = Date.parse(text);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** The sentence every refusal of a date uses. */
export const DATE_FORMAT_HINT = 'Use a date like 2026-12-31 or 2026-12-31T09:00:00Z.';
