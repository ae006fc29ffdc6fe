// A save refused with 409 shows, side by side, each field where what the person sent differs from
// what is saved now, so they can merge by hand instead of overwriting blindly.

export interface ConflictRow {
  field: string;
  yours: string;
  saved: string;
}

export interface Conflict {
  /** The version saved now: sending the form again with it overwrites on purpose. */
  version: number;
  rows: ConflictRow[];
}

const text = (value: unknown) =>
  value === undefined || value === null
    ? ''
    : Array.isArray(value)
      ? value.join(', ')
      : String(value);

/** The fields (in form order) whose sent value is not the saved one. */
export function conflictRows(
  sent: Record<string, unknown>,
  saved: Record<string, unknown>,
  fields: readonly string[] = Object.keys(saved),
): ConflictRow[] {
  return fields
    .map((field) => ({ field, yours: text(sent[field]).trim(), saved: text(saved[field]).trim() }))
    .filter((row) => row.yours !== row.saved);
}

/**
 * A route's shouldRevalidate: after a 409 the page reloads the record, so the form carries the
 * saved version (and sending again overwrites on purpose).
 */
export function revalidateAfterConflict({
  actionStatus,
  defaultShouldRevalidate,
}: {
  actionStatus?: number;
  defaultShouldRevalidate: boolean;
}): boolean {
  return actionStatus === 409 || defaultShouldRevalidate;
}
