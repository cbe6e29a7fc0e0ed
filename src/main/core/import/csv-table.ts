import { parse } from 'csv-parse/sync';
import { VaultError } from '../../../shared/errors';
import { IMPORT_LIMITS } from './import-limits';
import { newRecord, type SourceRecord } from './import-source';

export interface CsvTable {
  header: string[];
  /** Data rows as records keyed by the header; empty cells are kept as "". */
  records: SourceRecord[];
}

/** Thrown from inside csv-parse (its `cast` hook runs once per field, as the field ends) at the first field past the cap. */
class TooManyColumns extends Error {}

/**
 * Stops the parse at field IMPORT_LIMITS.maxColumns + 1 of any row: csv-parse gathers a row's fields until the row
 * ends, so a check after parsing comes only after a 60 MiB row of commas has become millions of strings. The price:
 * csv-parse builds a context object for every field it casts, so parsing takes about 7 times as long (100,000 rows
 * of 4 fields: 0.3 s -> 2.3 s on a 2-core machine; a whole 10,000-row dry run 0.8 s -> 1.1 s).
 */
function boundColumns(value: string, context: { index: number }): string {
  if (context.index >= IMPORT_LIMITS.maxColumns) throw new TooManyColumns();
  return value;
}

function nothingToImport(what: string): VaultError {
  return new VaultError('INVALID_INPUT', `${what} has a header row but no rows: there is nothing to import.`);
}

/**
 * The one CSV reader of the project (RFC 4180 through csv-parse: quoted commas, "" for a quote, line breaks in
 * quotes, a BOM, CRLF). A header is required and its names must be unique; every row has the header's width.
 */
export function readCsvTable(text: string, what = 'The CSV file'): CsvTable {
  const start = text.replace(/^\uFEFF/, '').trimStart();
  if (start.startsWith('{') || start.startsWith('[')) {
    throw new VaultError(
      'INVALID_INPUT',
      `${what} looks like JSON, not CSV: there is nothing to import as CSV (choose the JSON format instead).`,
    );
  }
  let rows: string[][];
  try {
    rows = parse(text, {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      cast: boundColumns,
      max_record_size: IMPORT_LIMITS.maxFieldBytes,
      to: IMPORT_LIMITS.maxRows + 2,
    }) as string[][];
  } catch (error) {
    if (error instanceof TooManyColumns)
      throw new VaultError('INVALID_INPUT', `${what} has more than ${IMPORT_LIMITS.maxColumns} columns.`);
    const code = (error as { code?: string }).code;
    const line = (error as { lines?: number }).lines;
    if (code === 'CSV_QUOTE_NOT_CLOSED')
      throw new VaultError('INVALID_INPUT', `${what} ends inside a quoted field.`);
    if (code === 'CSV_MAX_RECORD_SIZE')
      throw new VaultError('INVALID_INPUT', `${what} has a field longer than 1 MiB (line ${line ?? '?'}).`);
    throw new VaultError(
      'INVALID_INPUT',
      `${what} is not valid CSV${line ? ` (line ${line})` : ''}: check its quotes and commas.`,
    );
  }
  const [headerRow, ...data] = rows;
  if (!headerRow || (headerRow.length === 1 && headerRow[0]!.trim() === ''))
    throw new VaultError('INVALID_INPUT', `${what} is empty: it needs a header row such as name,value.`);
  if (data.length > IMPORT_LIMITS.maxRows)
    throw new VaultError('INVALID_INPUT', `${what} has more than ${IMPORT_LIMITS.maxRows} rows.`);
  if (headerRow.length > IMPORT_LIMITS.maxColumns)
    throw new VaultError('INVALID_INPUT', `${what} has more than ${IMPORT_LIMITS.maxColumns} columns.`);
  const header = headerRow.map((name) => name.trim());
  const seen = new Set<string>();
  for (const name of header) {
    const key = name.toLowerCase();
    if (seen.has(key)) {
      throw new VaultError(
        'INVALID_INPUT',
        `${what} has two columns named "${name.slice(0, 60)}": rename one so each column has its own name.`,
      );
    }
    seen.add(key);
  }
  if (data.length === 0) throw nothingToImport(what);
  const records = data.map((cells, index) => {
    if (cells.length !== header.length) {
      throw new VaultError(
        'INVALID_INPUT',
        `Row ${index + 1} of the CSV has ${cells.length} fields; the header has ${header.length}.`,
      );
    }
    const record = newRecord();
    header.forEach((name, column) => {
      record[name] = cells[column] ?? '';
    });
    return record;
  });
  return { header, records };
}

/** The rows of our own CSV shape (`token import`): empty cells are left out, as the JSON shape omits them. */
export function csvToImportRows(text: string): Record<string, string>[] {
  return readCsvTable(text).records.map((record) => {
    const row = newRecord();
    for (const [name, cell] of Object.entries(record)) if (cell !== '') row[name] = cell;
    // Spread into a plain object: a column named "__proto__" becomes an own key, never the prototype.
    return { ...row };
  });
}
