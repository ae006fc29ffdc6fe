import type {
  DatePrecision,
  IndicatorDisaggregation,
  IndicatorMeasure,
  IndicatorUnit,
  ResultType,
  LocationKind,
  MilestoneKind,
  MilestoneStatus,
  OrganisationKind,
  ProjectOrigin,
  ProjectRole,
  ProjectStatus,
  ProjectType,
} from '../../../db/vocabulary';
import type { HubRelation } from './codes';
import type { PeriodValues } from '../indicators/indicator-writes.server';

// The data the IATI export needs, as plain values: export.server.ts loads them, write.ts writes
// them.

export interface IatiOrganisationLink {
  slug: string;
  acronym: string | null;
  name: string;
  nameZh: string | null;
  nameDe: string | null;
  kind: OrganisationKind;
  iatiRef: string | null;
  role: ProjectRole;
}

export type IatiLocation =
  | {
      kind: Extract<LocationKind, 'place'>;
      slug: string;
      nameEn: string;
      nameZh: string | null;
      lat: number | null;
      lon: number | null;
      provinceCode: string | null;
      countryCode: string;
    }
  | { kind: Extract<LocationKind, 'province'>; code: string; nameEn: string; nameZh: string | null }
  | { kind: Extract<LocationKind, 'country'>; code: string };

export interface IatiMilestone {
  id: number;
  title: string;
  titleZh: string | null;
  kind: MilestoneKind;
  plannedDate: string | null;
  plannedPrecision: DatePrecision | null;
  revisedDate: string | null;
  revisedPrecision: DatePrecision | null;
  actualDate: string | null;
  actualPrecision: DatePrecision | null;
  status: MilestoneStatus;
  progress: number;
  isDerived: boolean;
}

/** One period of an indicator as stored: target and actual, with comments and values by sex. */
export type IatiIndicatorPeriod = PeriodValues;

/** A project's indicator as the export writes it (a <result>'s <indicator>). */
export interface IatiIndicatorOut {
  title: string;
  titleZh: string | null;
  titleDe: string | null;
  description: string | null;
  unit: IndicatorUnit | null;
  measure: IndicatorMeasure;
  isAscending: boolean;
  disaggregation: IndicatorDisaggregation | null;
  resultType: ResultType | null;
  resultTitle: string | null;
  baselineValue: number | null;
  baselineYear: number | null;
  baselineDate: string | null;
  baselineComment: string | null;
  position: number;
  /** The code of the standard indicator it is linked to, if any. */
  standardCode: string | null;
  periods: IatiIndicatorPeriod[];
}

/** A public document of a project as a <document-link> (decision 0072). */
export interface IatiDocumentOut {
  /** The link's address, or an uploaded file's absolute download address. */
  url: string;
  title: string;
  description: string | null;
  language: string | null;
  category: string | null;
  documentDate: string | null;
  documentDatePrecision: DatePrecision | null;
  mediaType: string | null;
}

/** A project's own columns that an activity carries (an import writes them back). */
export interface IatiProjectColumns {
  origin: ProjectOrigin;
  iatiIdentifier: string | null;
  publisherRef: string | null;
  publisherName: string | null;
  title: string;
  titleZh: string | null;
  titleDe: string | null;
  summary: string | null;
  summaryZh: string | null;
  summaryDe: string | null;
  ikiProjectNumber: string | null;
  otherProjectNumbers: Record<string, string> | null;
  type: ProjectType;
  programme: string;
  statusStated: ProjectStatus | null;
  statusSource: string | null;
  startDate: string | null;
  startPrecision: DatePrecision | null;
  endDate: string | null;
  endPrecision: DatePrecision | null;
  ikiFundingEur: number | null;
}

/** One project with everything the activity shows (see listIatiExportProjects). */
export interface IatiProject extends IatiProjectColumns {
  slug: string;
  /** ISO 8601 date-time of the last change the hub knows of, if any. */
  lastUpdated: string | null;
  organisations: IatiOrganisationLink[];
  countries: string[];
  locations: IatiLocation[];
  fundingAreas: { slug: string; name: string; isInferred: boolean }[];
  topics: { slug: string; name: string; nameZh: string | null; nameDe: string | null }[];
  related: { relation: HubRelation; slug: string; iatiIdentifier: string | null }[];
  milestones: IatiMilestone[];
  indicators: IatiIndicatorOut[];
  /** Its public documents, oldest first. */
  documents: IatiDocumentOut[];
}

export interface IatiSettings {
  /** The hub's own reporting-org (HUB_IATI_REPORTING_ORG_*). */
  reportingOrg: { ref: string; name: string; type: string };
  today: string;
  /** ISO 8601 date-time the file is written at. */
  generatedAt: string;
}
