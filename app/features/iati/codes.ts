// IATI 2.03 codes the hub writes and reads, in one place for the export and the import.
// Codelists: https://iatistandard.org/en/iati-standard/203/codelists/
import type {
  IndicatorMeasure,
  ProjectRole,
  ProjectStatus,
  ResultType,
} from '../../../db/vocabulary';

/** Our own namespace for what IATI has no field for (date precision, milestone status). */
export const HUB_NS = 'https://iki-china-hub.example/ns/iati';
/** The prefix the export binds HUB_NS to; readers must match on the URI, not the prefix. */
export const HUB_PREFIX = 'hub';

export const IATI_VERSION = '2.03';
/** The IATI versions the reader understands. */
export const IATI_VERSIONS = ['2.02', '2.03'] as const;
export const isReadVersion = (version: string) =>
  (IATI_VERSIONS as readonly string[]).includes(version);

/** OrganisationRole codelist. */
export const IATI_ROLES = {
  funding: '1',
  accountable: '2',
  extending: '3',
  implementing: '4',
} as const;
export type IatiRole = (typeof IATI_ROLES)[keyof typeof IATI_ROLES];

/**
 * A project role as an IATI participating-org role. 'mentioned' has no IATI counterpart (the
 * record names the organisation without saying what it does), so it is not exported.
 * The agency (ZUG, organisations.kind 'agency') is exported as Extending whatever its role:
 * see AGENCY_IATI_ROLE.
 */
export const ROLE_TO_IATI: Record<ProjectRole, IatiRole | null> = {
  'commissioning-ministry': IATI_ROLES.funding,
  'political-partner': IATI_ROLES.accountable,
  'implementing-organisation': IATI_ROLES.implementing,
  'implementing-partner': IATI_ROLES.implementing,
  mentioned: null,
};

/**
 * Organisations exported as Extending (3) whatever their project role: ZUG manages IKI funding
 * on the ministries' behalf. Matched by slug, because organisations.kind 'agency' also holds
 * Chinese and German public agencies (NCSC, NEA, BfN…) that extend nothing.
 */
export const EXTENDING_ORGANISATION_SLUGS: readonly string[] = ['zug'];
export const AGENCY_IATI_ROLE: IatiRole = IATI_ROLES.extending;

/** OrganisationType 10 Government, for the organisation kinds that are ministries. */
export const GOVERNMENT_ORG_TYPE = '10';

/**
 * An IATI role as a project role. Implementing (4) reads back as the implementing organisation
 * (the hub cannot tell lead from partner in IATI); Extending (3) reads back as 'mentioned'
 * because the hub has no extending role (an agency keeps its kind on the organisation).
 */
export const IATI_ROLE_TO_PROJECT_ROLE: Record<IatiRole, ProjectRole> = {
  '1': 'commissioning-ministry',
  '2': 'political-partner',
  '3': 'mentioned',
  '4': 'implementing-organisation',
};

/** ActivityStatus codelist. */
export const IATI_STATUSES = {
  pipeline: '1',
  implementation: '2',
  finalisation: '3',
  closed: '4',
  cancelled: '5',
  suspended: '6',
} as const;
export type IatiStatus = (typeof IATI_STATUSES)[keyof typeof IATI_STATUSES];

/**
 * A resolved project status as an IATI activity status. 'completed' is Closed (4): the codelist
 * defines it as "physical activity is complete or the final disbursement has been made", which is
 * what an ended project is; Finalisation (3) adds "remains open pending financial sign off",
 * which the hub never knows. 'unknown' has no code: IATI requires a status, so an activity
 * without one is not exported (see app/features/iati/write.ts) rather than given a guessed code.
 */
export const STATUS_TO_IATI: Record<ProjectStatus, IatiStatus | null> = {
  planned: IATI_STATUSES.pipeline,
  ongoing: IATI_STATUSES.implementation,
  completed: IATI_STATUSES.closed,
  unknown: null,
};

/**
 * An IATI activity status as a stated project status. Cancelled and suspended have no hub
 * status: null, so the importer keeps the words (statusSource) and the dates decide.
 */
export const IATI_STATUS_TO_STATUS: Record<IatiStatus, ProjectStatus | null> = {
  '1': 'planned',
  '2': 'ongoing',
  '3': 'completed',
  '4': 'completed',
  '5': null,
  '6': null,
};

/** ActivityDateType codelist. */
export const IATI_DATE_TYPES = {
  plannedStart: '1',
  actualStart: '2',
  plannedEnd: '3',
  actualEnd: '4',
} as const;

/**
 * RelatedActivityType codelist: 1 parent, 2 child, 3 sibling, 4 co-funded, 5 third party.
 * IATI has no predecessor/successor; phases of one programme are siblings (activities under a
 * common, unpublished parent). Which way the phase points is kept in a child element
 * <hub:relation>predecessor</hub:relation>: related-activity takes no foreign attributes.
 */
export const RELATED_SIBLING = '3';
export const HUB_RELATIONS = ['predecessor', 'successor'] as const;
export type HubRelation = (typeof HUB_RELATIONS)[number];

/** OrganisationType 90 "Other" (80 is "Academic, Training and Research"): the hub is none of the listed kinds. */
export const DEFAULT_REPORTING_ORG_TYPE = '90';

/**
 * Sector vocabularies maintained by the reporting organisation: 99 for the funding areas, 98
 * ("Reporting Organisation 2") for the topics, so that IATI tools see two vocabularies, not one.
 * Each sector also carries a vocabulary-uri under HUB_NS.
 */
export const SECTOR_VOCABULARIES = {
  fundingArea: { code: '99', uri: `${HUB_NS}/funding-areas` },
  topic: { code: '98', uri: `${HUB_NS}/topics` },
} as const;

/**
 * Locations. GeographicVocabulary has no ISO 3166-2 entry (A4 is ISO 3166-1 countries, G1 needs
 * GeoNames ids the hub does not store), so a province is a named location with the hub's ISO
 * 3166-2 code as location/@ref, LocationClass 1 (administrative region) and the GeoNames feature
 * code ADM1; a nation-wide location is an A4 administrative area at level 0.
 */
export const GEO_VOCABULARY_ISO_COUNTRY = 'A4';
export const LOCATION_CLASS_ADMINISTRATIVE = '1';
export const FEATURE_FIRST_ORDER_DIVISION = 'ADM1';
export const FEATURE_COUNTRY = 'PCLI';
export const WGS84 = 'http://www.opengis.net/def/crs/EPSG/0/4326';

/** OtherIdentifierType A9 "Other Activity Identifier": the IKI project number and others. */
export const OTHER_ACTIVITY_IDENTIFIER = 'A9';
/** hub:scheme of the IKI project number (otherProjectNumbers keep their own keys). */
export const IKI_NUMBER_SCHEME = 'iki';

/**
 * A milestone is a result of ResultType 1 (output) with one indicator. Its progress is a share of
 * 100, so the indicator is IndicatorMeasure 2 (percentage) with target 100; 5 (qualitative) would
 * ask for no value at all, and the progress would be lost.
 */
export const RESULT_TYPE_OUTPUT = '1';
export const INDICATOR_MEASURE_PERCENTAGE = '2';

/** IndicatorMeasure codelist, as the hub's measures (db/vocabulary.ts INDICATOR_MEASURES). */
export const MEASURE_TO_IATI: Record<IndicatorMeasure, string> = {
  unit: '1',
  percentage: '2',
  nominal: '3',
  ordinal: '4',
  qualitative: '5',
};
export const IATI_MEASURES: Record<string, IndicatorMeasure | undefined> = Object.fromEntries(
  Object.entries(MEASURE_TO_IATI).map(([k, v]) => [v, k as IndicatorMeasure]),
);

/** ResultType codelist: 1 output, 2 outcome, 3 impact, 9 other. */
export const RESULT_TYPE_TO_IATI: Record<ResultType, string> = {
  output: '1',
  outcome: '2',
  impact: '3',
  other: '9',
};
export const IATI_RESULT_TYPES: Record<string, ResultType | undefined> = Object.fromEntries(
  Object.entries(RESULT_TYPE_TO_IATI).map(([k, v]) => [v, k as ResultType]),
);

/**
 * An indicator's standard indicator is an indicator <reference> of vocabulary 99 (the reporting
 * organisation's own) with the standard indicator's code, and this indicator-uri (IATI's rules ask
 * for one with vocabulary 99): the importer links only references carrying it, because another
 * publisher's vocabulary 99 codes are its own.
 */
export const STANDARD_INDICATOR_URI = `${HUB_NS}/standard-indicators`;
export const REFERENCE_VOCABULARY_OWN = '99';

/** BudgetType 1 Original. */
export const BUDGET_TYPE_ORIGINAL = '1';

/**
 * The attributes the export writes in HUB_NS (hub:<name>), for what IATI has no field for.
 * Dates: precision + value on every activity-date, budget and indicator period boundary.
 */
export const HUB_ATTRIBUTES = {
  /** 'year' | 'month' | 'day': how precise the date behind an iso-date is. */
  precision: 'precision',
  /** The date as the hub stores it ("2021", "2021-03", "2021-03-04"). */
  value: 'value',
  /** activity-status: 'stated' (a source says so) or 'derived' (from the dates); words: the source's. */
  statusBasis: 'basis',
  statusWords: 'words',
  /** participating-org: the project role (IATI's 4 is both implementing roles). */
  role: 'role',
  /** location: 'place' | 'province' | 'country'. */
  locationKind: 'kind',
  /** recipient-country: 'even-split' when the percentages are 100 shared out, not stated. */
  percentageBasis: 'percentage-basis',
  /** sector (funding area): 'true' when the area is the hub's reading, not an IKI field. */
  inferred: 'inferred',
  /** other-identifier: whose number it is ('iki', 'giz', …). */
  scheme: 'scheme',
  /** result (milestone): kind, status, progress, each date with its precision, derived. */
  milestoneKind: 'kind',
  milestoneStatus: 'status',
  progress: 'progress',
  plannedDate: 'planned-date',
  plannedPrecision: 'planned-precision',
  revisedDate: 'revised-date',
  revisedPrecision: 'revised-precision',
  actualDate: 'actual-date',
  actualPrecision: 'actual-precision',
  derived: 'derived',
  /** iati-activity: the hub's project type and programme (IATI has no field for either). */
  projectType: 'type',
  programme: 'programme',
  /** participating-org: the organisation's slug, acronym and kind in the hub. */
  slug: 'slug',
  acronym: 'acronym',
  organisationKind: 'kind',
  /** location (place): the province and country the place lies in. */
  province: 'province',
  country: 'country',
  /** result (indicators): 'true' when the hub stores no result type / title (IATI requires both). */
  untyped: 'untyped',
  untitled: 'untitled',
  /** indicator: unit (IATI has none), order on the page, disaggregation. */
  unit: 'unit',
  position: 'position',
  disaggregation: 'disaggregation',
  /** indicator: a baseline without a year (IATI requires one) cannot be a <baseline>. */
  baselineValue: 'baseline-value',
  baselineComment: 'baseline-comment',
  /** baseline: 'true' when the year was taken from the date; number: a qualitative value. */
  yearDerived: 'year-derived',
  number: 'number',
  /** period: numbers of a qualitative indicator (IATI forbids a value), evidence, reporter. */
  targetNumber: 'target-number',
  actualNumber: 'actual-number',
  evidenceUrl: 'evidence-url',
  reportedBy: 'reported-by',
} as const;

/** Elements the export writes in HUB_NS where IATI allows no foreign attribute. */
export const HUB_ELEMENTS = {
  /** related-activity: 'predecessor' | 'successor' (see HUB_RELATIONS), as text. */
  relation: 'relation',
} as const;
