import { visibleText } from '../shared/text-rules';

/** Machine-readable output: stable shapes documented in docs/cli.md. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function printLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}

/**
 * A plain aligned table for people; cells are metadata only. Controls and invisible characters are written as
 * <U+XXXX> (visibleText), so no stored name can reorder a line or pass for another.
 */
export function printTable(headers: string[], rows: (string | number | null | undefined)[][]): void {
  const cells = rows.map((row) =>
    row.map((cell) => (cell === null || cell === undefined ? '' : visibleText(String(cell)))),
  );
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...cells.map((row) => (row[column] ?? '').length)),
  );
  const format = (row: string[]) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  printLine(format(headers));
  for (const row of cells) printLine(format(row));
}
