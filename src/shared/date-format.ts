// Days picked by the user and instants are converted by src/shared/dates.ts; this file only writes them.
// One way to write a time everywhere: "5 Oct 2026" for a day, "5 Oct 2026, 19:03" for a moment. Made per call,
// so they follow the time zone in force (a formatter keeps the zone it was made in).
const day = (date: Date) =>
  date.toLocaleDateString('en-GB', { year: 'numeric', month: 'short', day: 'numeric' });
const time = (date: Date) => date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/** A moment, in the user's time zone; one at local midnight is a day someone picked, written as the day. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const midnight = date.getHours() === 0 && date.getMinutes() === 0 && date.getSeconds() === 0;
  return midnight ? day(date) : `${day(date)}, ${time(date)}`;
}

export function formatDay(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return day(date);
}
