import { VaultError } from '../shared/errors';

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. Returns rows of fields. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const input = text.replace(/^\uFEFF/, '');
  while (i < input.length) {
    const char = input[i]!;
    if (quoted) {
      if (char === '"') {
        if (input[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += char;
      }
      i++;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && input[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
    i++;
  }
  if (quoted) throw new VaultError('INVALID_INPUT', 'The CSV file ends inside a quoted field.');
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** Turn CSV with a header row into objects keyed by the header names; empty cells are left out. */
export function csvToRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header)
    throw new VaultError('INVALID_INPUT', 'The CSV file is empty: it needs a header row such as name,value.');
  const names = header.map((name) => name.trim());
  return rows.map((cells, index) => {
    if (cells.length !== names.length) {
      throw new VaultError(
        'INVALID_INPUT',
        `Row ${index + 1} of the CSV has ${cells.length} fields; the header has ${names.length}.`,
      );
    }
    const record: Record<string, string> = Object.create(null);
    names.forEach((name, column) => {
      const cell = cells[column] ?? '';
      if (cell !== '') record[name] = cell;
    });
    return { ...record };
  });
}
