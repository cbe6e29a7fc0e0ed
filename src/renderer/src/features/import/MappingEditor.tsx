import {
  TOKEN_FIELDS,
  TOKEN_FIELD_LABELS,
  type FieldMapping,
  type TokenField,
} from '../../../../shared/import-views';

/**
 * Which column fills which token field. Secret columns are offered for the value only (core refuses them anywhere
 * else, src/main/core/import/import-mapping.ts); no cell of any column is shown here.
 */
export function MappingEditor({
  columns,
  mapping,
  onChange,
}: {
  columns: { name: string; secret: boolean }[];
  mapping: FieldMapping;
  onChange: (field: TokenField, column: string) => void;
}) {
  return (
    <details className="import-mapping">
      <summary>Columns: which column fills which field</summary>
      <div className="import-mapping-grid">
        {TOKEN_FIELDS.map((field) => {
          const id = `import-map-${field}`;
          const offered = columns.filter((c) => field === 'value' || !c.secret || c.name === mapping[field]);
          return (
            <div className="field" key={field}>
              <label htmlFor={id}>{TOKEN_FIELD_LABELS[field]}</label>
              <select id={id} value={mapping[field] ?? ''} onChange={(e) => onChange(field, e.target.value)}>
                <option value="">(none)</option>
                {offered.map((c) => (
                  <option key={c.name} value={c.name}>
                    {c.name}
                    {c.secret ? ' (secret)' : ''}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
      </div>
    </details>
  );
}
