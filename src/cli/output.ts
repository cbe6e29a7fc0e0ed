import { visibleText } from '../shared/text-rules';

/**
 * Output is written in batches of lines: a table or a JSON array of 200,000 tokens is never built as one string
 * (V8 caps a string at about 512 MiB, and `Math.max(...cells)` over 150,000 cells overflows the call stack).
 * On Linux a write to a pipe or a file is synchronous, so a batch is out before the next is made.
 */
const BATCH_LINES = 1000;

/** Machine-readable output: stable shapes documented in docs/cli.md. */
export function printJson(value: unknown): void {
  if (!Array.isArray(value)) {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    return;
  }
  // The same text JSON.stringify(value, null, 2) gives, one element at a time.
  if (value.length === 0) {
    process.stdout.write('[]\n');
    return;
  }
  let batch: string[] = ['['];
  value.forEach((item, index) => {
    const element = (JSON.stringify(item, null, 2) ?? 'null').replace(/\n/g, '\n  ');
    batch.push(`  ${element}${index < value.length - 1 ? ',' : ''}`);
    if (batch.length >= BATCH_LINES) {
      process.stdout.write(`${batch.join('\n')}\n`);
      batch = [];
    }
  });
  batch.push(']');
  process.stdout.write(`${batch.join('\n')}\n`);
}

export function printLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}

/**
 * A plain aligned table for people; cells are metadata only. Controls and invisible characters are written as
 * <U+XXXX> (visibleText), so no stored name can reorder a line or pass for another.
 */
export function printTable(headers: string[], rows: (string | number | null | undefined)[][]): void {
  const shown = (cell: string | number | null | undefined) =>
    cell === null || cell === undefined ? '' : visibleText(String(cell));
  const widths = headers.map((header) => header.length);
  for (const row of rows) {
    row.forEach((cell, column) => {
      const length = shown(cell).length;
      if (length > (widths[column] ?? 0)) widths[column] = length;
    });
  }
  const format = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  let batch: string[] = [format(headers)];
  for (const row of rows) {
    batch.push(format(row.map(shown)));
    if (batch.length >= BATCH_LINES) {
      process.stdout.write(`${batch.join('\n')}\n`);
      batch = [];
    }
  }
  if (batch.length) process.stdout.write(`${batch.join('\n')}\n`);
}
