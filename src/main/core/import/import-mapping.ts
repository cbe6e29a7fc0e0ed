import { VaultError } from '../../../shared/errors';
import { TOKEN_FIELDS, type FieldMapping, type ImportSource, type TokenField } from './import-source';

/** Parses "COLUMN=FIELD,COLUMN=FIELD" (the CLI's --map) into a mapping; an unknown field is refused. */
export function parseMappingPairs(text: string): FieldMapping {
  const mapping: FieldMapping = {};
  for (const pair of text.split(',')) {
    if (pair.trim() === '') continue;
    const at = pair.lastIndexOf('=');
    const column = pair.slice(0, at).trim();
    const field = pair.slice(at + 1).trim() as TokenField;
    if (at <= 0 || column === '')
      throw new VaultError(
        'INVALID_INPUT',
        `--map takes COLUMN=FIELD pairs separated by commas; "${pair.slice(0, 60)}" is not one.`,
      );
    if (!TOKEN_FIELDS.includes(field))
      throw new VaultError(
        'INVALID_INPUT',
        `"${field.slice(0, 40)}" is not a token field; use one of ${TOKEN_FIELDS.join(', ')}.`,
      );
    mapping[field] = column;
  }
  return mapping;
}

/**
 * The source's default mapping with the admin's changes over it (an empty column name unmaps a field), checked:
 * every column exists, the name and the value are mapped, and a secret column, or the column that fills the value,
 * fills nothing but the value.
 */
export function effectiveMapping(source: ImportSource, changes: FieldMapping = {}): FieldMapping {
  const mapping: FieldMapping = { ...source.defaultMapping };
  for (const field of TOKEN_FIELDS) {
    const column = changes[field];
    if (column === undefined) continue;
    if (column === '') delete mapping[field];
    else mapping[field] = column;
  }
  for (const field of TOKEN_FIELDS) {
    const column = mapping[field];
    if (column === undefined) continue;
    if (!source.columns.includes(column))
      throw new VaultError(
        'INVALID_INPUT',
        `There is no column "${column.slice(0, 60)}" in this file (columns: ${source.columns.slice(0, 20).join(', ')}).`,
      );
    if (field !== 'value' && source.secretColumns.includes(column))
      throw new VaultError(
        'INVALID_INPUT',
        `The column "${column}" holds secrets: it can fill the token's value, nothing else.`,
      );
    if (field !== 'value' && column === mapping.value)
      throw new VaultError(
        'INVALID_INPUT',
        `The column "${column}" fills the token's value, so it cannot fill the ${field} too: the value would be shown.`,
      );
  }
  if (!mapping.value)
    throw new VaultError(
      'INVALID_INPUT',
      'Choose the column that holds the token values (e.g. --map "API key=value").',
    );
  if (!mapping.name)
    throw new VaultError(
      'INVALID_INPUT',
      'Choose the column that names the tokens (e.g. --map "Title=name").',
    );
  return mapping;
}
