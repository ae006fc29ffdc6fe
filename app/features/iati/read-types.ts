import type { PartialDate } from '../../../db/dates';

// What the IATI reader hands on: each activity as plain JSON (ready for the staging table), the
// problems found with their line, and the summary at the end.

export type Severity = 'error' | 'warning';

export interface IatiProblem {
  severity: Severity;
  line: number;
  message: string;
  /** The activity the problem is in, when it is in one. */
  identifier?: string;
}

/** A text in the hub's three languages; `other` is the first narrative in any other language. */
export interface Texts {
  en: string | null;
  zh: string | null;
  de: string | null;
  other: string | null;
}

export interface IatiOrg {
  ref: string | null;
  name: Texts;
  /** OrganisationRole code (participating-org only). */
  role: string | null;
  /** OrganisationType code. */
  type: string | null;
  hub: Record<string, string>;
}

export interface IatiLocation {
  ref: string | null;
  name: Texts;
  description: Texts;
  lat: number | null;
  lon: number | null;
  administrative: { vocabulary: string | null; level: string | null; code: string }[];
  hub: Record<string, string>;
}

/** A dimension of a baseline, target or actual (IATI's <dimension name value>). */
export interface IatiDimension {
  line: number;
  name: string | null;
  value: string | null;
}

/** A target or actual as written: the value as text and as a number (null: none or not one). */
export interface IatiValue {
  line: number;
  /** The value attribute as written, null when there is none. */
  text: string | null;
  value: number | null;
  comment: Texts;
  dimensions: IatiDimension[];
  /** document-link urls (evidence). */
  documentUrls: string[];
}

export interface IatiBaseline {
  line: number;
  year: string | null;
  isoDate: string | null;
  text: string | null;
  value: number | null;
  comment: Texts;
  dimensions: IatiDimension[];
  hub: Record<string, string>;
}

export interface IatiPeriod {
  line: number;
  start: PartialDate | null;
  end: PartialDate | null;
  /** The first target and actual without a dimension, as numbers (what a milestone reads). */
  target: number | null;
  actual: number | null;
  targets: IatiValue[];
  actuals: IatiValue[];
  hub: Record<string, string>;
}

export interface IatiIndicator {
  line: number;
  /** IndicatorMeasure code (1 unit, 2 percentage, 3 nominal, 4 ordinal, 5 qualitative). */
  measure: string | null;
  /** The ascending attribute as written ('1', '0', 'true', 'false'), null when absent. */
  ascending: string | null;
  aggregationStatus: string | null;
  title: Texts;
  description: Texts;
  references: {
    line: number;
    vocabulary: string | null;
    code: string | null;
    uri: string | null;
  }[];
  baselines: IatiBaseline[];
  periods: IatiPeriod[];
  hub: Record<string, string>;
}

export interface IatiResult {
  line: number;
  type: string | null;
  aggregationStatus: string | null;
  title: Texts;
  description: Texts;
  indicators: IatiIndicator[];
  hub: Record<string, string>;
}

export interface IatiBudget {
  type: string | null;
  value: number | null;
  currency: string | null;
}

/**
 * An activity's <document-link> as the hub keeps it: one title (the English narrative, else the
 * first), one description, every category and language code as written (the importer keeps the
 * first of each), the document-date's day. Links without a usable http(s) url are not handed on.
 */
export interface IatiDocumentLink {
  line: number;
  url: string;
  /** @format, lower-cased (an IANA media type); null when missing or not one. */
  format: string | null;
  title: string;
  description: string | null;
  /** category/@code, upper-cased, in file order (known DocumentCategory codes only). */
  categories: string[];
  /** language/@code, lower-cased, in file order (two-letter codes only). */
  languages: string[];
  /** document-date: its iso-date's day, or the month or year our own export marks (hub:value). */
  date: PartialDate | null;
}

export type IatiDateType = 'plannedStart' | 'actualStart' | 'plannedEnd' | 'actualEnd';

/** One activity as the hub reads it: plain JSON, ready for the staging table. */
export interface IatiActivity {
  identifier: string;
  line: number;
  version: string;
  /** d-portal's dstore:dataset (the IATI Registry dataset), when the file comes from d-portal. */
  dataset: string | null;
  defaultCurrency: string | null;
  reportingOrg: { ref: string | null; name: Texts; type: string | null };
  title: Texts;
  description: Texts;
  /** ActivityStatus code, with our own attributes on it (hub:basis, hub:words). */
  status: string | null;
  statusHub: Record<string, string>;
  otherIdentifiers: { ref: string; type: string | null; hub: Record<string, string> }[];
  dates: Partial<Record<IatiDateType, PartialDate>>;
  /** line: of the <recipient-country> element. */
  countries: { code: string; percentage: number | null; line?: number }[];
  regions: { code: string; vocabulary: string | null }[];
  organisations: IatiOrg[];
  locations: IatiLocation[];
  /** Sectors of vocabularies 98 and 99 (the reporting organisation's own), with their URI. */
  sectors: {
    vocabulary: string;
    vocabularyUri: string | null;
    code: string;
    name: Texts;
    hub: Record<string, string>;
  }[];
  related: { ref: string; type: string | null; hub: Record<string, string> }[];
  results: IatiResult[];
  budgets: IatiBudget[];
  /** The activity's own <document-link>s (not those of results), in file order. */
  documents: IatiDocumentLink[];
  /** Attributes of our own namespace (HUB_NS) on <iati-activity>. */
  hub: Record<string, string>;
}

export type ReadItem =
  | { kind: 'activity'; activity: IatiActivity }
  | { kind: 'problem'; problem: IatiProblem }
  | { kind: 'end'; summary: ReadSummary };

export interface ReadSummary {
  /** Activities of the chosen countries handed on. */
  activities: number;
  /** Activities for other countries (or duplicates), not handed on. */
  skipped: number;
  errors: number;
  warnings: number;
  bytesRead: number;
}

/** The hub's name for something: English, else German, Chinese, or whatever language is given. */
export function anyText(texts: Texts): string | null {
  return texts.en ?? texts.other ?? texts.de ?? texts.zh;
}
