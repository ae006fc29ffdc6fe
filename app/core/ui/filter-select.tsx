/** One choice of a list's filter form: its value in the URL and what the reader sees. */
export interface FilterChoice {
  value: string | number;
  label: string;
}

/**
 * A labelled drop-down of a GET filter form (the events and documents lists): "any" first (the
 * parameter left empty), then the choices, the current one selected.
 */
export function FilterSelect({
  label,
  name,
  value,
  anyLabel,
  choices,
}: {
  label: string;
  name: string;
  value: string | number | null | undefined;
  anyLabel: string;
  choices: readonly FilterChoice[];
}) {
  return (
    <label>
      {label}{' '}
      <select name={name} defaultValue={value ?? ''}>
        <option value="">{anyLabel}</option>
        {choices.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  );
}
