import { FIELD_TYPE_LABELS, FIELD_TYPES, type FieldType } from "@waymark/domain";

export interface ColumnChoice {
  target: string | null; // "EMAIL", a field name, "__new__", or null to skip
  newName: string;
  newType: FieldType;
}

interface Props {
  columns: string[];
  sample: string[];
  fieldNames: string[];
  /** FBOPTIN_XXX fields: a column of PSIDs finds the Messenger subscribers to merge. */
  matchFields?: string[];
  choices: ColumnChoice[];
  onChange(index: number, choice: ColumnChoice): void;
}

/** One row per CSV column: which data field it fills, or a new field to create. */
export function ColumnMapping(props: Props) {
  const { columns, sample, fieldNames, choices, onChange } = props;
  return (
    <table className="table">
      <caption>Map columns to data fields (EMAIL is required)</caption>
      <thead>
        <tr>
          <th scope="col">Column</th>
          <th scope="col">First row</th>
          <th scope="col">Data field</th>
        </tr>
      </thead>
      <tbody>
        {columns.map((column, i) => {
          const choice = choices[i]!;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: columns are positional; header names may repeat.
            <tr key={i}>
              <td>{column}</td>
              <td className="muted">{sample[i] ?? ""}</td>
              <td>
                <div className="row">
                  <label>
                    <span className="visually-hidden">Data field for {column}</span>
                    <select
                      value={choice.target ?? ""}
                      onChange={(e) => onChange(i, { ...choice, target: e.target.value || null })}
                    >
                      <option value="">Don't import</option>
                      <option value="EMAIL">EMAIL</option>
                      {fieldNames.map((n) => (
                        <option key={n} value={n}>
                          {n}
                        </option>
                      ))}
                      {(props.matchFields ?? []).length > 0 && (
                        <optgroup label="Merge with the Messenger subscriber who has this id">
                          {props.matchFields!.map((n) => (
                            <option key={n} value={n}>
                              {n}
                            </option>
                          ))}
                        </optgroup>
                      )}
                      <option value="__new__">New field…</option>
                    </select>
                  </label>
                  {choice.target === "__new__" && (
                    <>
                      <label>
                        <span className="visually-hidden">New field name for {column}</span>
                        <input
                          value={choice.newName}
                          onChange={(e) =>
                            onChange(i, { ...choice, newName: e.target.value.toUpperCase() })
                          }
                        />
                      </label>
                      <label>
                        <span className="visually-hidden">New field type for {column}</span>
                        <select
                          value={choice.newType}
                          onChange={(e) =>
                            onChange(i, { ...choice, newType: e.target.value as FieldType })
                          }
                        >
                          {FIELD_TYPES.map((t) => (
                            <option key={t} value={t}>
                              {FIELD_TYPE_LABELS[t]}
                            </option>
                          ))}
                        </select>
                      </label>
                    </>
                  )}
                </div>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
