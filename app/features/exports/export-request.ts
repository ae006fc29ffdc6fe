import type { TFunction } from 'i18next';

import type { CsvCell } from '../../core/csv';
import type { Lang } from '../../core/i18n/config';
import type { ApiRequest } from '../../core/filter/api-request.server';

/** What every export file is built from: the filtered request, its language and the site. */
export interface ExportRequest {
  api: ApiRequest;
  /** Labels in the language asked for (`lang=`). */
  t: TFunction<'translation'>;
  /** The language asked for: labels, official names where sourced, and the pages linked to. */
  lang: Lang;
  /** This site's origin, for the links in a file. */
  origin: string;
  /** `project=<slug>` narrows a calendar to one project. */
  project: { slug: string } | undefined;
}

/** At most this many rows go into one file. */
export const MAX_ROWS = 100_000;

/** A file column: its header and how a row fills it. */
export type Column<Row> = [header: string, value: (row: Row) => CsvCell];

/** The header row and the data rows of a table, from one list of columns (so they never drift). */
export const table = <Row>(columns: Column<Row>[], rows: Row[]): CsvCell[][] => [
  columns.map(([header]) => header),
  ...rows.map((row) => columns.map(([, value]) => value(row))),
];
