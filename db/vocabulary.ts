// The domain's fixed vocabularies, shared by the schema, the seed validator and the pages.
export const DATE_PRECISIONS = ['year', 'month', 'day'] as const;
export const PROJECT_TYPES = ['bilateral', 'regional', 'global', 'unknown'] as const;
/** 'hub': the IKI portfolio (seeded or entered here); 'iati': imported from another publisher. */
export const PROJECT_ORIGINS = ['hub', 'iati'] as const;
export type ProjectOrigin = (typeof PROJECT_ORIGINS)[number];
export const PROJECT_STATUSES = ['planned', 'ongoing', 'completed', 'unknown'] as const;
export const ORGANISATION_KINDS = [
  'german-ministry',
  'chinese-ministry',
  'agency',
  'implementing-organisation',
  'partner',
  'other',
] as const;
/** Organisation kinds that are ministries (the `ministry` filter and the review's sections). */
export const MINISTRY_KINDS = ['german-ministry', 'chinese-ministry'] as const;
export const PROJECT_ROLES = [
  'commissioning-ministry',
  'political-partner',
  'implementing-organisation',
  'implementing-partner',
  'mentioned',
] as const;
/** What an event is, as the published records call it (the events form offers these). */
export const EVENT_TYPES = [
  'workshop',
  'conference',
  'forum',
  'seminar',
  'symposium',
  'roundtable',
  'training',
  'study tour',
  'site visit',
  'delegation visit',
  'ministerial visit',
  'political dialogue',
  'meeting',
  'networking event',
  'launch',
  'ceremony',
  'report',
  'milestone',
] as const;
export const LOCATION_KINDS = ['place', 'province', 'country'] as const;
export const MILESTONE_KINDS = [
  'start',
  'kick-off',
  'mid-term-review',
  'extension',
  'closure',
  'deliverable',
] as const;
export const MILESTONE_STATUSES = [
  'planned',
  'in-progress',
  'achieved',
  'delayed',
  'cancelled',
  'not-reported',
] as const;

/** Open milestones (see app/features/milestones/progress.ts): the ones that can fall due. */
export const OPEN_MILESTONE_STATUSES = ['planned', 'in-progress', 'delayed'] as const;

/**
 * The milestones a progress report asks about: the open ones and the ones nobody has reported yet
 * (everything not achieved or cancelled) — bringing in the unreported is what reports are for.
 */
export const REPORTED_MILESTONE_STATUSES = [...OPEN_MILESTONE_STATUSES, 'not-reported'] as const;

/** admin: everything and users; editor: all content; implementer: its projects' milestones. */
export const USER_ROLES = ['admin', 'editor', 'implementer', 'viewer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** What the audit log records. */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'sign-in',
  'sign-in-failed',
  'sign-out',
  'password-change',
  // A reporting round or report changing state (opened, closed, submitted, returned, approved).
  'state-change',
] as const;
export const AUDIT_ENTITIES = [
  'project',
  'milestone',
  'progress-update',
  'event',
  'organisation',
  'project-organisation',
  'project-topic',
  'project-location',
  'account',
  'reporting-round',
  'report',
  'indicator',
  'indicator-period',
  'standard-indicator',
  'knowledge-entry',
  'knowledge-answer',
  'event-session',
  'document',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export type DatePrecision = (typeof DATE_PRECISIONS)[number];
export type ProjectType = (typeof PROJECT_TYPES)[number];
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];
export type ProjectRole = (typeof PROJECT_ROLES)[number];
export type LocationKind = (typeof LOCATION_KINDS)[number];
export type MilestoneKind = (typeof MILESTONE_KINDS)[number];
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

/** A reporting round: prepared (draft), asking its projects (open), over (closed). */
export const ROUND_STATES = ['draft', 'open', 'closed'] as const;
export type RoundState = (typeof ROUND_STATES)[number];

/**
 * A project's report in a round. Only an approved report is public; the others are seen by its
 * authors (the project's implementers) and the hub team.
 */
export const REPORT_STATES = ['not-started', 'draft', 'submitted', 'returned', 'approved'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** The written sections of a report, each per language the author writes in. */
export const REPORT_SECTIONS = [
  'achievements',
  'challenges',
  'nextSteps',
  'supportNeeded',
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/** The mails the hub sends about reports (one per report, kind, recipient and day). */
export const NOTIFICATION_KINDS = [
  'round-opened',
  'reminder',
  'overdue',
  'report-returned',
  'report-approved',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The languages the hub speaks (pages, mails). */
export const HUB_LANGUAGES = ['en', 'zh', 'de'] as const;
export type HubLanguage = (typeof HUB_LANGUAGES)[number];

/**
 * What an indicator counts in. The hub's own short codes, shown through the translations
 * (units.<code>); 'count' is a plain number of things the title names.
 */
export const INDICATOR_UNITS = [
  'tCO2e',
  'ha',
  'km',
  'people',
  'organisations',
  'policies',
  'EUR',
  'USD',
  'CNY',
  'MW',
  'MWh',
  'percent',
  'count',
] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

/**
 * How an indicator is measured, as IATI's IndicatorMeasure codelist (1 unit, 2 percentage,
 * 3 nominal, 4 ordinal, 5 qualitative). Only 'unit' and 'percentage' carry numbers the hub may
 * do arithmetic with.
 */
export const INDICATOR_MEASURES = ['unit', 'percentage', 'nominal', 'ordinal', 'qualitative'] as const;
export type IndicatorMeasure = (typeof INDICATOR_MEASURES)[number];
export const QUANTITATIVE_MEASURES = ['unit', 'percentage'] as const;

/**
 * How an indicator's values may be split (IATI's <dimension>): the dimension's name and the values
 * it takes. 'sex' is IATI's own usage for people counts by gender.
 */
export const INDICATOR_DISAGGREGATIONS = {
  sex: ['female', 'male', 'other'],
} as const;
export type IndicatorDisaggregation = keyof typeof INDICATOR_DISAGGREGATIONS;
export const DISAGGREGATION_NAMES = Object.keys(INDICATOR_DISAGGREGATIONS) as [
  IndicatorDisaggregation,
];

/** IATI's ResultType codelist, for the result an indicator belongs to. */
export const RESULT_TYPES = ['output', 'outcome', 'impact', 'other'] as const;
export type ResultType = (typeof RESULT_TYPES)[number];

/**
 * What a knowledge entry is (issue #30): a lesson learned, an instrument or good practice (a tool
 * or method that worked), a challenge (an open question other projects may answer), a case study.
 */
export const KNOWLEDGE_KINDS = ['lesson', 'instrument', 'challenge', 'case-study'] as const;
export type KnowledgeKind = (typeof KNOWLEDGE_KINDS)[number];

/** draft (its author's) → in-review (submitted to the hub team) → published (public). */
export const KNOWLEDGE_STATES = ['draft', 'in-review', 'published'] as const;
export type KnowledgeState = (typeof KNOWLEDGE_STATES)[number];

/**
 * The template's sections, in order (weADAPT's case-study template: context, barriers, enabling
 * factors, outcomes, lessons learnt, resources). Every one is optional; a kind shows those it has.
 */
export const KNOWLEDGE_SECTIONS = [
  'context',
  'barriers',
  'enablingFactors',
  'outcomes',
  'lessons',
  'resources',
] as const;
export type KnowledgeSection = (typeof KNOWLEDGE_SECTIONS)[number];

/** An answer to a challenge waits for a moderator: pending → published or rejected. */
export const ANSWER_STATES = ['pending', 'published', 'rejected'] as const;
export type AnswerState = (typeof ANSWER_STATES)[number];

/** Who may see a document: everyone, any account, or the hub team (admins and editors). */
export const DOCUMENT_VISIBILITIES = ['public', 'signed-in', 'hub-team'] as const;
export type DocumentVisibility = (typeof DOCUMENT_VISIBILITIES)[number];

/**
 * The file types the hub stores, by media type, decided from the content (never the name), with
 * the extension a download gets. Anything else is refused.
 */
export const DOCUMENT_MEDIA_TYPES = {
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
} as const;
export type DocumentMediaType = keyof typeof DOCUMENT_MEDIA_TYPES;
export const DOCUMENT_MEDIA_TYPE_NAMES = Object.keys(DOCUMENT_MEDIA_TYPES) as [
  DocumentMediaType,
  ...DocumentMediaType[],
];

/**
 * What became of a document's text: none (a link, or not extracted yet), extracted, failed (the
 * message says why), not-applicable (an image or spreadsheet: nothing to index).
 */
export const DOCUMENT_TEXT_STATES = ['none', 'extracted', 'failed', 'not-applicable'] as const;
export type DocumentTextState = (typeof DOCUMENT_TEXT_STATES)[number];

/** How a document's text is divided: pages of a PDF, slides of a deck, paragraphs of a text. */
export const DOCUMENT_PART_KINDS = ['page', 'slide', 'paragraph'] as const;
export type DocumentPartKind = (typeof DOCUMENT_PART_KINDS)[number];

/** Where a document came from. */
export const DOCUMENT_ORIGINS = ['upload', 'link', 'iati'] as const;
export type DocumentOrigin = (typeof DOCUMENT_ORIGINS)[number];

/**
 * IATI's DocumentCategory codelist (version 2.03): A = activity documents, B = organisation
 * documents. Names come from the translations (documentCategory.<code>).
 */
export const DOCUMENT_CATEGORIES = [
  'A01',
  'A02',
  'A03',
  'A04',
  'A05',
  'A06',
  'A07',
  'A08',
  'A09',
  'A10',
  'A11',
  'A12',
  'B01',
  'B02',
  'B03',
  'B04',
  'B05',
  'B06',
  'B07',
  'B08',
  'B09',
  'B10',
  'B11',
  'B12',
  'B13',
  'B14',
  'B15',
  'B16',
  'B17',
  'B18',
] as const;
export type DocumentCategory = (typeof DOCUMENT_CATEGORIES)[number];
