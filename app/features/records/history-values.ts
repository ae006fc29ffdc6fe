import type { AuditEntity, DatePrecision } from '../../../db/vocabulary';

// How a history or audit entry shows a field's stored value to a reader: a code by its label in
// the page's language, a date with the precision it has, a moment with its time, an amount in
// euros, a yes/no for a flag, a list and a map as text. What has no label stays as stored.

/** What the page's language gives the history: labels by key and its number and date formats. */
export interface ValueReaders {
  /** The translation of a key, or null where the locale has none. */
  label: (key: string) => string | null;
  date: (value: string, precision: DatePrecision) => string;
  dateTime: (iso: string) => string;
  eur: (amount: number) => string;
  country: (code: string) => string;
  yes: string;
  no: string;
}

type Vocabulary = string | Partial<Record<AuditEntity, string>>;

/** The locale section that labels a field's codes, for every record or per kind of record. */
const VOCABULARY: Record<string, Vocabulary> = {
  type: { project: 'type', event: 'eventType' },
  kind: { organisation: 'organisationForm.kinds', milestone: 'milestone.kind' },
  status: { milestone: 'milestoneStatus', 'progress-update': 'milestoneStatus' },
  state: { 'reporting-round': 'reporting.roundState', report: 'reporting.reportState' },
  fromStatus: 'milestoneStatus',
  toStatus: 'milestoneStatus',
  statusStated: 'status',
  role: 'role',
  fundingArea: 'fundingArea',
  fundingAreas: 'fundingArea',
  startPrecision: 'precision',
  endPrecision: 'precision',
  plannedPrecision: 'precision',
  revisedPrecision: 'precision',
  actualPrecision: 'precision',
  periodStartPrecision: 'precision',
  periodEndPrecision: 'precision',
  unit: 'indicators.units',
  measure: 'indicators.measures',
  disaggregation: 'indicators.disaggregations',
  resultType: 'indicators.resultTypes',
};

/**
 * Records whose fields are named in their own locale section (before historyField), and where a
 * flat per-language field (titleZh, contextDe) finds the language's name.
 */
const FIELD_SECTIONS: Partial<Record<AuditEntity, { fields: string; languages: string }>> = {
  'knowledge-entry': { fields: 'knowledge.field', languages: 'knowledge.languageName' },
};

/** A field's name in the page's language from its record's own section, or null. */
export function ownFieldLabel(
  entity: AuditEntity,
  field: string,
  label: (key: string) => string | null,
): string | null {
  const section = FIELD_SECTIONS[entity];
  if (!section) return null;
  const own = label(`${section.fields}.${field}`);
  if (own) return own;
  const perLanguage = /^(.+)(En|Zh|De)$/.exec(field);
  if (!perLanguage) return null;
  const base = label(`${section.fields}.${perLanguage[1]}`);
  const language = label(`${section.languages}.${perLanguage[2]!.toLowerCase()}`);
  return base && language ? `${base} (${language})` : null;
}

/** Fields holding values split by group: their keys are the groups (female, male …). */
const DIMENSION_FIELDS = new Set(['targetDimensions', 'actualDimensions']);

const PARTIAL_DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;
const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const PRECISION_OF_LENGTH: Record<number, DatePrecision> = { 4: 'year', 7: 'month', 10: 'day' };

function vocabularyOf(entity: AuditEntity, field: string): string | undefined {
  const v = VOCABULARY[field];
  return typeof v === 'string' ? v : v?.[entity];
}

function text(entity: AuditEntity, field: string, value: string, r: ValueReaders): string {
  const section = vocabularyOf(entity, field);
  if (section) return r.label(`${section}.${value}`) ?? value;
  if (MOMENT.test(value)) return r.dateTime(value);
  // A date field ("startDate", "plannedDate", "startsOn") holds a year, a month or a day.
  if (/(?:Date|On|^periodStart|^periodEnd)$/.test(field) && PARTIAL_DATE.test(value)) {
    return r.date(value, PRECISION_OF_LENGTH[value.length]!);
  }
  if (field === 'countryCode' && /^[A-Z]{2}$/.test(value)) return r.country(value);
  return value;
}

/** A stored value as a reader reads it; null for an empty value (the page shows a dash). */
export function readableValue(
  entity: AuditEntity,
  field: string,
  value: unknown,
  r: ValueReaders,
): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'boolean') return value ? r.yes : r.no;
  if (typeof value === 'number') {
    if (field === 'ikiFundingEur') return r.eur(value);
    if (/^(?:progress|fromProgress|toProgress)$/.test(field)) return `${value} %`;
    return String(value);
  }
  if (typeof value === 'string') return text(entity, field, value, r);
  if (Array.isArray(value)) {
    const items = value.map((v) => readableValue(entity, field, v, r)).filter((v) => v !== null);
    return items.length ? items.join('; ') : null;
  }
  if (typeof value === 'object') {
    const keyLabel = (k: string) =>
      DIMENSION_FIELDS.has(field) ? (r.label(`indicators.dimensionValues.${k}`) ?? k) : k;
    const pairs = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => [keyLabel(k), readableValue(entity, k, v, r)] as const)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `${k}: ${v}`);
    return pairs.length ? pairs.join('; ') : null;
  }
  return String(value);
}
