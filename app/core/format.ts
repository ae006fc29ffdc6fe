import type { DatePrecision } from '../../db/vocabulary';

const UTC = { timeZone: 'UTC' } as const;

// Building an Intl formatter costs far more than using one (a review page formats hundreds of
// dates), so each locale and style gets one, kept for the life of the process.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function cachedFormatter<T extends Intl.DateTimeFormat | Intl.NumberFormat>(
  key: string,
  create: () => T,
): T {
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = create();
    formatters.set(key, formatter);
  }
  return formatter;
}

/** A date shown with exactly the precision it has: "2020", "November 2020", "28 August 2024". */
export function formatPartialDate(
  value: string | null,
  precision: DatePrecision | null,
  locale = 'en',
): string | null {
  if (!value || !precision) return null;
  if (precision === 'year') return value.slice(0, 4);
  const [y, m, d] = value.split('-').map(Number) as [number, number, number?];
  const date = new Date(Date.UTC(y, m - 1, d ?? 1));
  if (precision === 'month') {
    return cachedFormatter(
      `month:${locale}`,
      () => new Intl.DateTimeFormat(locale, { ...UTC, year: 'numeric', month: 'long' }),
    ).format(date);
  }
  return cachedFormatter(
    `day:${locale}`,
    () => new Intl.DateTimeFormat(locale, { ...UTC, dateStyle: 'long' }),
  ).format(date);
}

/**
 * "November 2020 – September 2025", "2020–2026" for two years; a missing side reads `unknown`.
 */
export function formatPeriod(
  start: { value: string | null; precision: DatePrecision | null },
  end: { value: string | null; precision: DatePrecision | null },
  locale = 'en',
  unknown = 'not published',
): string | null {
  const from = formatPartialDate(start.value, start.precision, locale);
  const to = formatPartialDate(end.value, end.precision, locale);
  if (!from && !to) return null;
  if (from && to && from === to) return from;
  if (from && to && start.precision === 'year' && end.precision === 'year') return `${from}–${to}`;
  return `${from ?? unknown} – ${to ?? unknown}`;
}

export function formatEur(amount: number, locale = 'en'): string {
  return cachedFormatter(
    `eur:${locale}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: 'EUR',
        maximumFractionDigits: 0,
      }),
  ).format(amount);
}

export function formatCount(n: number, locale = 'en'): string {
  return cachedFormatter(`count:${locale}`, () => new Intl.NumberFormat(locale)).format(n);
}

const regionNames = new Map<string, Intl.DisplayNames>();

/** Country names come from Intl, keyed by ISO alpha-2. */
export function countryName(code: string, locale = 'en'): string {
  let names = regionNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'region' });
    regionNames.set(locale, names);
  }
  return names.of(code) ?? code;
}

/** A moment (ISO 8601) as a date and a time of day in UTC, e.g. "1 December 2026, 21:40 UTC". */
export function formatMoment(iso: string, locale = 'en'): string {
  const formatter = cachedFormatter(
    `moment:${locale}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        ...UTC,
        dateStyle: 'long',
        timeStyle: 'short',
      }),
  );
  return `${formatter.format(new Date(iso))} UTC`;
}
