/**
 * Output is written in batches of lines: a table or a JSON array of 200,000 tokens is never built as one string
 * (V8 caps a string at about 512 MiB, and `Math.max(...cells)` over 150,000 cells overflows the call stack).
 * On Linux a write to a pipe or a file is synchronous, so a batch is out before the next is made.
 */
const BATCH_LINES = 1000;

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

/** A plain aligned table for people; cells are metadata only. */
export function printTable(headers: string[], rows: (string | number | null | undefined)[][]): void {
  const widths = headers.map((header) => header.length);
  for (const row of rows) {
    row.forEach((cell, column) => {
      const length = cell === null || cell === undefined ? 0 : String(cell).length;
      if (length > (widths[column] ?? 0)) widths[column] = length;
    });
  }
  const format = (row: (string | number | null | undefined)[]) =>
    row
      .map((cell, column) =>
        (cell === null || cell === undefined ? '' : String(cell)).padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd();
  let batch: string[] = [format(headers)];
  for (const row of rows) {
    batch.push(format(row));
    if (batch.length >= BATCH_LINES) {
      process.stdout.write(`${batch.join('\n')}\n`);
      batch = [];
    }
  }
  if (batch.length) process.stdout.write(`${batch.join('\n')}\n`);
}
