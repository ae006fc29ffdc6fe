/** The files /export/:file serves (app/features/exports/export-file.ts), in the order the hub lists them. */
export const EXPORT_FILES = [
  'projects.csv',
  'milestones.csv',
  'indicators.csv',
  'projects.geojson',
  'milestones.ics',
  'events.ics',
  'iati.xml',
] as const;
