// One rule for each kind of URL parameter value: how to read it, and what it must look like in
// words, so that a malformed value is answered with what was expected ("year must be a year from
// 1900 to 2200; “abc” is not"), never with a message about the data ("no events for this value").
// A well-formed value that matches no record is no error: the answer is simply empty.
//
// Plain functions, not zod: the filter (filter.ts) is parsed in the browser too.

export interface ParamRule<T> {
  /** The value, or undefined when it is not of the expected form. */
  read: (raw: string) => T | undefined;
  /** What the value must be, completing "<name> must be …". */
  expected: string;
}

export const pattern = (re: RegExp, expected: string): ParamRule<string> => ({
  read: (raw) => (re.test(raw) ? raw : undefined),
  expected,
});

export const oneOf = <T extends string>(values: readonly T[]): ParamRule<T> => ({
  read: (raw) => ((values as readonly string[]).includes(raw) ? (raw as T) : undefined),
  expected: `one of ${values.join(', ')}`,
});

export const numberIn = (
  min: number,
  max: number,
  integer: boolean,
  expected: string,
): ParamRule<number> => ({
  read: (raw) => {
    // Decimal digits only: Number() would also take "0x7E8", "1e3" and " 2024 ".
    if (!(integer ? /^\d+$/ : /^\d+(?:\.\d+)?$/).test(raw)) return undefined;
    const n = Number(raw);
    return n >= min && n <= max ? n : undefined;
  },
  expected,
});

export const SLUG = pattern(
  /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
  'a slug (lower-case letters and digits, joined by single hyphens)',
);
export const YEAR = numberIn(1900, 2200, true, 'a year from 1900 to 2200, such as 2024');
export const AMOUNT = numberIn(0, 1e12, false, 'an amount in euros from 0 to 1000000000000');

/** The message for a malformed value: what the parameter must be, and what it was. */
export function malformedMessage(name: string, expected: string, raw: string): string {
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  return `${name} must be ${expected}; “${shown}” is not`;
}
