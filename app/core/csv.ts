import Papa from 'papaparse';

// The one CSV writer of the hub: every CSV it serves (the exports, the dashboard's charts) is
// written here, so the rules below hold for all of them.

/** A cell: text, a number (written as one, never escaped), or empty. */
export type CsvCell = string | number | null | undefined;

/**
 * OWASP's rule against CSV injection: text that starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is a formula to Excel, LibreOffice and Google Sheets (`=HYPERLINK(…)` sends the sheet's
 * cells away), so such a cell is written with a leading `'`, which they show as text. papaparse's
 * own `escapeFormulae: true` misses a value with a line break after the first character (its
 * pattern ends in `.*$` without the `s` flag), hence this pattern. Only text is escaped: papaparse
 * leaves numbers alone, so -3 stays a number and the text "-3" becomes '-3.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * RFC 4180 text with CRLF line ends, after a UTF-8 byte-order mark (so that spreadsheet programs
 * read Chinese correctly). A cell is quoted when it holds a comma, a quote, a line break, a
 * leading or trailing space (papaparse's rules), a semicolon (Excel in German locales splits on
 * it), or when it was escaped as a formula.
 */
export function csvText(rows: readonly (readonly CsvCell[])[]): string {
  const body = Papa.unparse(
    rows.map((row) => [...row]),
    {
      newline: '\r\n',
      escapeFormulae: FORMULA_START,
      quotes: (value: unknown) => typeof value === 'string' && value.includes(';'),
    },
  );
  return `\uFEFF${body}\r\n`;
}

/** A CSV download. */
export function csvResponse(rows: readonly (readonly CsvCell[])[], filename: string): Response {
  return new Response(csvText(rows), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
    },
  });
}
