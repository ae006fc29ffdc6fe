// Which recipient countries an import reads: China by default (the hub's portfolio), a list of
// ISO 3166-1 codes, or every activity of the file. The same rule for `npm run import --countries`
// and the /import page.

/** `all`: every activity, whatever its recipient country (or none). */
export type CountryChoice = readonly string[] | 'all';

export const DEFAULT_COUNTRIES: CountryChoice = ['CN'];

// The code must name a region the ICU data knows (ISO 3166-1 alpha-2 and the few user-assigned
// codes IATI's codelist uses, such as XK Kosovo): a typo is refused before a file is read.
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
const isCountryCode = (code: string) =>
  /^[A-Z]{2}$/.test(code) && code !== 'ZZ' && regionNames.of(code) !== undefined;

export type ParsedCountries =
  { ok: true; countries: CountryChoice } | { ok: false; unknown: string[] };

/** "CN", "ET,PH,BD" (any case, spaces allowed) or "all"; empty text is the default. */
export function parseCountryChoice(text: string | null | undefined): ParsedCountries {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return { ok: true, countries: DEFAULT_COUNTRIES };
  if (trimmed.toLowerCase() === 'all') return { ok: true, countries: 'all' };
  const codes = trimmed
    .split(/[\s,;]+/)
    .filter(Boolean)
    .map((c) => c.toUpperCase());
  const unknown = codes.filter((c) => !isCountryCode(c));
  if (unknown.length || codes.length === 0) return { ok: false, unknown };
  return { ok: true, countries: [...new Set(codes)] };
}

/** The choice as written back ("CN", "ET,PH", "all"). */
export const countryChoiceText = (choice: CountryChoice) =>
  choice === 'all' ? 'all' : choice.join(',');
