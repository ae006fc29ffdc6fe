import { sql } from 'drizzle-orm';
import {
  type AnySQLiteColumn,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

import {
  DATE_PRECISIONS,
  LOCATION_KINDS,
  MILESTONE_KINDS,
  MILESTONE_STATUSES,
  OPEN_MILESTONE_STATUSES,
  ORGANISATION_KINDS,
  PROJECT_ROLES,
  PROJECT_STATUSES,
  PROJECT_TYPES,
  USER_ROLES,
  AUDIT_ACTIONS,
  AUDIT_ENTITIES,
  PROJECT_ORIGINS,
  HUB_LANGUAGES,
  NOTIFICATION_KINDS,
  REPORT_STATES,
  ROUND_STATES,
  type ReportSection,
  type HubLanguage,
  INDICATOR_UNITS,
  INDICATOR_MEASURES,
  RESULT_TYPES,
  DISAGGREGATION_NAMES,
  KNOWLEDGE_KINDS,
  KNOWLEDGE_STATES,
  ANSWER_STATES,
  DOCUMENT_VISIBILITIES,
  DOCUMENT_TEXT_STATES,
  DOCUMENT_PART_KINDS,
  DOCUMENT_ORIGINS,
} from './vocabulary';

/** Key/value facts about the database itself, e.g. whether it holds synthetic data. */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const sources = sqliteTable(
  'sources',
  {
    id: integer('id').primaryKey(),
    slug: text('slug').notNull(),
    url: text('url').notNull(),
    title: text('title').notNull(),
    publisher: text('publisher'),
    /** The date the source itself gives ("Stand: März 2021" → 2021-03), when it gives one. */
    asOf: text('as_of'),
    asOfPrecision: text('as_of_precision', { enum: DATE_PRECISIONS }),
    retrievedOn: text('retrieved_on').notNull(),
    retrievedVia: text('retrieved_via'),
    note: text('note'),
  },
  (t) => [
    uniqueIndex('sources_slug_unique').on(t.slug),
    uniqueIndex('sources_url_unique').on(t.url),
  ],
);

export const countries = sqliteTable('countries', {
  /** ISO 3166-1 alpha-2; display names come from Intl.DisplayNames. */
  code: text('code').primaryKey(),
  alpha3: text('alpha3').notNull().unique(),
  numeric: text('numeric').notNull().unique(),
});

export const provinces = sqliteTable('provinces', {
  /** ISO 3166-2, e.g. CN-AH. */
  code: text('code').primaryKey(),
  adcode: text('adcode').notNull().unique(),
  nameEn: text('name_en').notNull(),
  nameZh: text('name_zh').notNull(),
  /** Natural Earth's label point: where a province-wide marker sits. */
  labelLat: real('label_lat').notNull(),
  labelLon: real('label_lon').notNull(),
});

export const places = sqliteTable(
  'places',
  {
    id: integer('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    nameEn: text('name_en').notNull(),
    nameZh: text('name_zh'),
    nameZhSource: text('name_zh_source'),
    gb2260Code: text('gb2260_code'),
    role: text('role'),
    provinceCode: text('province_code').references(() => provinces.code),
    countryCode: text('country_code')
      .notNull()
      .references(() => countries.code),
    lat: real('lat'),
    lon: real('lon'),
    coordinateSource: text('coordinate_source'),
    note: text('note'),
    sourceNote: text('source_note'),
  },
  (t) => [index('places_province_idx').on(t.provinceCode)],
);

export const organisations = sqliteTable(
  'organisations',
  {
    id: integer('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    name: text('name').notNull(),
    acronym: text('acronym'),
    nameZh: text('name_zh'),
    nameZhSourceId: integer('name_zh_source_id').references(() => sources.id),
    nameZhNote: text('name_zh_note'),
    /** Official German name, only where a source states it. */
    nameDe: text('name_de'),
    kind: text('kind', { enum: ORGANISATION_KINDS }).notNull(),
    countryCode: text('country_code').references(() => countries.code),
    isInternational: integer('is_international', { mode: 'boolean' }).notNull().default(false),
    /** The strings used for this organisation in project records, as written. */
    aliases: text('aliases', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    successorId: integer('successor_id').references((): AnySQLiteColumn => organisations.id),
    /** Year the successor took over (BMUB → BMU in 2018). */
    successionYear: integer('succession_year'),
    successionNote: text('succession_note'),
    sourceId: integer('source_id').references(() => sources.id),
    unverified: text('unverified', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    /** Bumped by every write; a form that saves a stale copy is refused (no lost updates). */
    version: integer('version').notNull().default(1),
    /** The organisation's IATI organisation identifier (e.g. XM-DAC-5-7), where known. */
    iatiRef: text('iati_ref'),
  },
  (t) => [
    index('organisations_kind_idx').on(t.kind),
    index('organisations_iati_ref_idx').on(t.iatiRef),
  ],
);

export const projects = sqliteTable(
  'projects',
  {
    id: integer('id').primaryKey(),
    /** The dataset id; it is the URL (/projects/clct) and never changes. */
    slug: text('slug').notNull().unique(),
    ikiProjectNumber: text('iki_project_number'),
    otherProjectNumbers: text('other_project_numbers', { mode: 'json' }).$type<
      Record<string, string>
    >(),
    title: text('title').notNull(),
    titleSourceId: integer('title_source_id').references(() => sources.id),
    titleDe: text('title_de'),
    titleDeSourceId: integer('title_de_source_id').references(() => sources.id),
    titleZh: text('title_zh'),
    titleZhSourceId: integer('title_zh_source_id').references(() => sources.id),
    titleZhNote: text('title_zh_note'),
    shortName: text('short_name'),
    /** Hub-written; its Chinese and German versions are the hub's own translations. */
    summary: text('summary'),
    summaryZh: text('summary_zh'),
    summaryDe: text('summary_de'),
    summaryTranslatedBy: text('summary_translated_by'),
    type: text('type', { enum: PROJECT_TYPES }).notNull().default('unknown'),
    scope: text('scope'),
    locationNotes: text('location_notes'),
    /** Status as a source states it; null means it is derived from the dates. */
    statusStated: text('status_stated', { enum: PROJECT_STATUSES }),
    /** The source's own words for the status. */
    statusSource: text('status_source'),
    startDate: text('start_date'),
    startPrecision: text('start_precision', { enum: DATE_PRECISIONS }),
    endDate: text('end_date'),
    endPrecision: text('end_precision', { enum: DATE_PRECISIONS }),
    /** First and last day of the published periods, for sorting and range queries. */
    startsOn: text('starts_on'),
    endsOn: text('ends_on'),
    durationNotes: text('duration_notes'),
    ikiFundingEur: real('iki_funding_eur'),
    fundingNotes: text('funding_notes'),
    programme: text('programme').notNull().default('IKI'),
    programmeNote: text('programme_note'),
    predecessorId: integer('predecessor_id').references((): AnySQLiteColumn => projects.id),
    successorId: integer('successor_id').references((): AnySQLiteColumn => projects.id),
    sourceId: integer('source_id').references(() => sources.id),
    unverified: text('unverified', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    /** Bumped by every write; a form that saves a stale copy is refused (no lost updates). */
    version: integer('version').notNull().default(1),
    /**
     * Where the record comes from: 'hub' (the IKI portfolio: seeded or entered here) or 'iati'
     * (imported from another publisher's IATI file; never counted as an IKI project).
     */
    origin: text('origin', { enum: PROJECT_ORIGINS }).notNull().default('hub'),
    /** The activity's IATI identifier, for imported activities (and stable across re-imports). */
    iatiIdentifier: text('iati_identifier'),
    /** The IATI reporting organisation of an imported activity: who published it. */
    publisherRef: text('publisher_ref'),
    publisherName: text('publisher_name'),
  },
  (t) => [
    uniqueIndex('projects_iati_identifier_unique').on(t.iatiIdentifier),
    index('projects_origin_idx').on(t.origin),
    index('projects_title_idx').on(t.title),
    index('projects_starts_on_idx').on(t.startsOn),
    index('projects_ends_on_idx').on(t.endsOn),
    index('projects_funding_idx').on(t.ikiFundingEur),
    index('projects_type_idx').on(t.type),
  ],
);

export const projectSources = sqliteTable(
  'project_sources',
  {
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.sourceId] })],
);

export const projectOrganisations = sqliteTable(
  'project_organisations',
  {
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    role: text('role', { enum: PROJECT_ROLES }).notNull(),
    /** The organisation's name as the project record writes it. */
    nameAsWritten: text('name_as_written'),
    /** Who says so, e.g. 'GIZ page 104145 ("Commissioned by")'. */
    asStatedBy: text('as_stated_by'),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.organisationId, t.role] }),
    index('project_organisations_org_idx').on(t.organisationId),
  ],
);

export const projectCountries = sqliteTable(
  'project_countries',
  {
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    countryCode: text('country_code')
      .notNull()
      .references(() => countries.code),
    note: text('note'),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.countryCode] })],
);

export const fundingAreas = sqliteTable('funding_areas', {
  id: integer('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
});

export const projectFundingAreas = sqliteTable(
  'project_funding_areas',
  {
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    fundingAreaId: integer('funding_area_id')
      .notNull()
      .references(() => fundingAreas.id),
    /** True when the area is our editorial reading of the description, not an IKI field. */
    isInferred: integer('is_inferred', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.fundingAreaId] })],
);

/** Editorial topic tags (db/seed/topic-tags.json): the hub's reading, not an IKI field. */
export const topics = sqliteTable('topics', {
  id: integer('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  nameZh: text('name_zh'),
  nameDe: text('name_de'),
});

export const projectTopics = sqliteTable(
  'project_topics',
  {
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id),
    /** Why the hub tagged the project so, in one sentence. */
    reason: text('reason'),
  },
  (t) => [
    primaryKey({ columns: [t.projectId, t.topicId] }),
    index('project_topics_topic_idx').on(t.topicId),
  ],
);

/** The data set's free-text topics, kept as searchable keywords. */
export const projectKeywords = sqliteTable(
  'project_keywords',
  {
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    keyword: text('keyword').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.keyword] })],
);

/** Where a project works: a place, a whole province, or a whole country (nation-wide). */
export const projectLocations = sqliteTable(
  'project_locations',
  {
    id: integer('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: LOCATION_KINDS }).notNull(),
    placeId: integer('place_id').references(() => places.id),
    provinceCode: text('province_code').references(() => provinces.code),
    countryCode: text('country_code').references(() => countries.code),
  },
  (t) => [
    index('project_locations_project_idx').on(t.projectId),
    index('project_locations_province_idx').on(t.provinceCode),
    index('project_locations_place_idx').on(t.placeId),
  ],
);

export const events = sqliteTable(
  'events',
  {
    id: integer('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    /** The hub's translations of the title (events publish English titles only). */
    titleZh: text('title_zh'),
    titleDe: text('title_de'),
    /** Who translated the title ('hub' for the seeded translations); null: not translated. */
    titleTranslatedBy: text('title_translated_by'),
    type: text('type').notNull(),
    startDate: text('start_date'),
    startPrecision: text('start_precision', { enum: DATE_PRECISIONS }),
    endDate: text('end_date'),
    endPrecision: text('end_precision', { enum: DATE_PRECISIONS }),
    /** How the source words the date, where it is not a plain date. */
    dateText: text('date_text'),
    isDateVerified: integer('is_date_verified', { mode: 'boolean' }).notNull(),
    isYearInferred: integer('is_year_inferred', { mode: 'boolean' }).notNull().default(false),
    dateNote: text('date_note'),
    city: text('city'),
    provinceCode: text('province_code').references(() => provinces.code),
    format: text('format'),
    organisers: text('organisers', { mode: 'json' }).$type<string[]>(),
    participants: text('participants'),
    description: text('description'),
    sourceId: integer('source_id').references(() => sources.id),
    unverified: text('unverified', { mode: 'json' })
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'`),
    /** Bumped by every write; a form that saves a stale copy is refused (no lost updates). */
    version: integer('version').notNull().default(1),
  },
  (t) => [index('events_start_idx').on(t.startDate)],
);

export const eventProjects = sqliteTable(
  'event_projects',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.projectId] }),
    index('event_projects_project_idx').on(t.projectId),
  ],
);

export const eventPlaces = sqliteTable(
  'event_places',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    placeId: integer('place_id')
      .notNull()
      .references(() => places.id),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.placeId] })],
);

export const eventSources = sqliteTable(
  'event_sources',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    sourceId: integer('source_id')
      .notNull()
      .references(() => sources.id),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.sourceId] })],
);

export const eventCountries = sqliteTable(
  'event_countries',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    countryCode: text('country_code')
      .notNull()
      .references(() => countries.code),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.countryCode] })],
);

/** The milestone register: planned vs revised vs actual, each date with its precision. */
/** The last day of a partial date's period as SQL text over two columns (see periodEnd()). */
function periodEndExpression(date: string, precision: string): string {
  return `CASE ${precision}
    WHEN 'year' THEN ${date} || '-12-31'
    WHEN 'month' THEN date(${date} || '-01', '+1 month', '-1 day')
    ELSE ${date} END`;
}

export const milestones = sqliteTable(
  'milestones',
  {
    id: integer('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    titleZh: text('title_zh'),
    kind: text('kind', { enum: MILESTONE_KINDS }).notNull(),
    plannedDate: text('planned_date'),
    plannedPrecision: text('planned_precision', { enum: DATE_PRECISIONS }),
    revisedDate: text('revised_date'),
    revisedPrecision: text('revised_precision', { enum: DATE_PRECISIONS }),
    actualDate: text('actual_date'),
    actualPrecision: text('actual_precision', { enum: DATE_PRECISIONS }),
    status: text('status', { enum: MILESTONE_STATUSES }).notNull().default('not-reported'),
    progress: integer('progress').notNull().default(0),
    responsibleOrganisationId: integer('responsible_organisation_id').references(
      () => organisations.id,
    ),
    /** The event that shows the milestone happened, when it comes from one. */
    eventId: integer('event_id').references(() => events.id),
    evidenceUrl: text('evidence_url'),
    note: text('note'),
    /** True when the hub derived it from published dates or events rather than someone entering it. */
    isDerived: integer('is_derived', { mode: 'boolean' }).notNull().default(false),
    sourceId: integer('source_id').references(() => sources.id),
    /** Bumped by every write; a form that saves a stale copy is refused (no lost updates). */
    version: integer('version').notNull().default(1),
    /**
     * The last day of the period the milestone is due in now: the revised date if any, else the
     * planned one (the same rule as dueDate() + periodEnd() in app/features/milestones/progress.ts). Generated by
     * SQLite so it can never disagree with the dates, and indexed for the portfolio review.
     */
    dueOn: text('due_on').generatedAlwaysAs(
      sql.raw(`coalesce(${periodEndExpression('revised_date', 'revised_precision')},
        ${periodEndExpression('planned_date', 'planned_precision')})`),
      { mode: 'virtual' },
    ),
    /** Open (planned, in progress, delayed): can fall due (OPEN_MILESTONE_STATUSES in progress.ts). */
    isOpen: integer('is_open', { mode: 'boolean' }).generatedAlwaysAs(
      sql.raw(`status IN (${OPEN_MILESTONE_STATUSES.map((s) => `'${s}'`).join(', ')})`),
      { mode: 'virtual' },
    ),
  },
  (t) => [
    index('milestones_project_idx').on(t.projectId),
    index('milestones_status_idx').on(t.status),
    // Walked in due order, so "overdue, most urgent first" reads 20 rows, not all of them.
    index('milestones_open_due_idx').on(t.isOpen, t.dueOn),
    index('milestones_status_due_idx').on(t.status, t.dueOn),
    index('milestones_status_actual_idx').on(t.status, t.actualDate),
  ],
);

/** Append-only log of each milestone's changes; written in the same transaction as the milestone. */
export const progressUpdates = sqliteTable(
  'progress_updates',
  {
    id: integer('id').primaryKey(),
    milestoneId: integer('milestone_id')
      .notNull()
      .references(() => milestones.id, { onDelete: 'cascade' }),
    recordedAt: text('recorded_at').notNull(),
    recordedBy: text('recorded_by').notNull(),
    fromStatus: text('from_status', { enum: MILESTONE_STATUSES }),
    toStatus: text('to_status', { enum: MILESTONE_STATUSES }).notNull(),
    fromProgress: integer('from_progress'),
    toProgress: integer('to_progress').notNull(),
    comment: text('comment'),
    /** Bumped when the entry's comment is corrected. */
    version: integer('version').notNull().default(1),
  },
  (t) => [index('progress_updates_milestone_idx').on(t.milestoneId)],
);

export type Project = typeof projects.$inferSelect;
export type NewProject = typeof projects.$inferInsert;
export type Organisation = typeof organisations.$inferSelect;
export type NewOrganisation = typeof organisations.$inferInsert;
export type Event = typeof events.$inferSelect;
export type NewEvent = typeof events.$inferInsert;
export type Source = typeof sources.$inferSelect;
export type NewSource = typeof sources.$inferInsert;
export type Place = typeof places.$inferSelect;
export type NewPlace = typeof places.$inferInsert;
export type Milestone = typeof milestones.$inferSelect;
export type NewMilestone = typeof milestones.$inferInsert;
export type ProgressUpdate = typeof progressUpdates.$inferSelect;

/** People who sign in. Passwords are argon2id hashes; there are no default accounts. */
export const users = sqliteTable('users', {
  id: integer('id').primaryKey(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  passwordHash: text('password_hash').notNull(),
  role: text('role', { enum: USER_ROLES }).notNull(),
  organisationId: integer('organisation_id').references(() => organisations.id),
  createdAt: text('created_at').notNull(),
  /** The language the hub writes to this person in (mails). */
  language: text('language', { enum: HUB_LANGUAGES }).notNull().default('en'),
  /** True once the person unsubscribed from reminder mails (other report mails still come). */
  remindersOff: integer('reminders_off', { mode: 'boolean' }).notNull().default(false),
});

/** Signed-in sessions; the cookie holds a random token, the table only its SHA-256. */
export const sessions = sqliteTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: text('created_at').notNull(),
    lastSeenAt: text('last_seen_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/**
 * Wrong passwords per limited key (one account from one address, one address, one account's
 * password change), for the limits of app/core/auth/auth.ts. `key` is a SHA-256, so what someone typed
 * as an email is not kept. An attempt takes its slot here before the password is checked.
 */
export const attemptLimits = sqliteTable(
  'attempt_limits',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull(),
    lastFailureAt: text('last_failure_at').notNull(),
    /** Until when the key is refused (429), once its free tries are used. */
    blockedUntil: text('blocked_until'),
    /** The audit entry counting these failed sign-ins (one account from one address). */
    auditId: integer('audit_id'),
  },
  (t) => [index('attempt_limits_last_failure_idx').on(t.lastFailureAt)],
);

export type User = typeof users.$inferSelect;

/**
 * Every write made through the hub, and every account event (sign-in, sign-out, password change,
 * account created): who, when, which record, and each changed field's value before and after.
 * Written in the same transaction as the change; never deleted, and never updated except a
 * failed-sign-in entry, whose count of attempts rises (one entry per account and address an hour,
 * so guessing cannot flood the log).
 * `projectId` ties a project's milestones, progress updates and links to its history, and is kept
 * without a foreign key so the history of a deleted project survives it.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey(),
    at: text('at').notNull(),
    userId: integer('user_id').references(() => users.id, { onDelete: 'set null' }),
    /** The name at the time of the write, so the entry reads the same after the account goes. */
    userName: text('user_name').notNull(),
    action: text('action', { enum: AUDIT_ACTIONS }).notNull(),
    entity: text('entity', { enum: AUDIT_ENTITIES }).notNull(),
    entityId: integer('entity_id').notNull(),
    /** The record's name at the time of the write (a deleted record has no other). */
    label: text('label').notNull(),
    projectId: integer('project_id'),
    /** { field: { from, to } } for each field the write changed. */
    changes: text('changes', { mode: 'json' })
      .$type<Record<string, { from: unknown; to: unknown }>>()
      .notNull(),
    /** Where the editor read the new value, when they gave it. */
    sourceUrl: text('source_url'),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entity, t.entityId),
    index('audit_log_project_idx').on(t.projectId),
    index('audit_log_at_idx').on(t.at),
    index('audit_log_user_idx').on(t.userId),
  ],
);

export type AuditEntry = typeof auditLog.$inferSelect;

/**
 * An IATI import being checked: each activity of the file as parsed (with its line), written
 * here first so the dry run can compare it with the database and the apply step can write it all
 * in one transaction. Rows of an import are removed when it is applied or discarded.
 */
export const iatiStaging = sqliteTable(
  'iati_staging',
  {
    id: integer('id').primaryKey(),
    importId: text('import_id').notNull(),
    line: integer('line').notNull(),
    iatiIdentifier: text('iati_identifier').notNull(),
    /** The activity as the importer will store it (JSON). */
    activity: text('activity', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('iati_staging_import_idx').on(t.importId, t.iatiIdentifier)],
);

/**
 * A reporting round: the hub asks a set of projects for their progress over a period, due on a
 * date, optionally to prepare an event (e.g. the Interface Workshop). draft → open → closed.
 */
export const reportingRounds = sqliteTable(
  'reporting_rounds',
  {
    id: integer('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    titleZh: text('title_zh'),
    titleDe: text('title_de'),
    /** The period the reports cover, first and last day (YYYY-MM-DD). */
    periodStart: text('period_start').notNull(),
    periodEnd: text('period_end').notNull(),
    /** The day reports are due (YYYY-MM-DD). */
    dueOn: text('due_on').notNull(),
    /** The event the round prepares. */
    eventId: integer('event_id').references(() => events.id, { onDelete: 'set null' }),
    state: text('state', { enum: ROUND_STATES }).notNull().default('draft'),
    openedAt: text('opened_at'),
    closedAt: text('closed_at'),
    createdAt: text('created_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('reporting_rounds_state_idx').on(t.state, t.dueOn)],
);

/** One language's text of a report's written sections. */
export type ReportText = Partial<Record<ReportSection, string>>;

/**
 * A milestone update inside a report (applied to the milestone only on approval): either an
 * existing milestone's new state, or a new milestone (milestoneId null, with its plan).
 */
export interface ReportMilestoneUpdate {
  milestoneId: number | null;
  /** The milestone's version when the author read it (for the record; approval applies anyway). */
  milestoneVersion?: number;
  /** A new milestone's plan. */
  title?: string;
  titleZh?: string | null;
  kind?: string;
  plannedDate?: string | null;
  plannedPrecision?: string | null;
  responsibleOrganisationId?: number | null;
  note?: string | null;
  status: string;
  progress: number;
  actualDate?: string | null;
  actualPrecision?: string | null;
  revisedDate?: string | null;
  revisedPrecision?: string | null;
  comment?: string | null;
  evidenceUrl?: string | null;
}

/**
 * An indicator's actual inside a report, for the round's period (applied only on approval, into
 * the indicator's period with the round's start and end; the period is created if missing).
 */
export interface ReportIndicatorUpdate {
  indicatorId: number;
  /** The indicator's version when the author read it (for the record; approval applies anyway). */
  indicatorVersion?: number;
  /** Null for "no value this period" (qualitative indicators report a comment only). */
  actualValue: number | null;
  /** Per disaggregation value (e.g. { female: 40, male: 60 }), when the indicator is split. */
  actualDimensions?: Record<string, number> | null;
  comment?: string | null;
  evidenceUrl?: string | null;
}

/**
 * A project's report in a round. Its content is private until approved; approval writes the
 * milestone updates through the progress log and the audit log in the same transaction.
 */
export const reports = sqliteTable(
  'reports',
  {
    id: integer('id').primaryKey(),
    roundId: integer('round_id')
      .notNull()
      .references(() => reportingRounds.id, { onDelete: 'cascade' }),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    state: text('state', { enum: REPORT_STATES }).notNull().default('not-started'),
    /** The language the author writes in (their original). */
    language: text('language', { enum: HUB_LANGUAGES }),
    /** The written sections per language: the author's original and optional translations. */
    texts: text('texts', { mode: 'json' })
      .$type<Partial<Record<HubLanguage, ReportText>>>()
      .notNull()
      .default(sql`'{}'`),
    milestoneUpdates: text('milestone_updates', { mode: 'json' })
      .$type<ReportMilestoneUpdate[]>()
      .notNull()
      .default(sql`'[]'`),
    /** Each indicator's actual for the round's period (written to indicator_periods on approval). */
    indicatorUpdates: text('indicator_updates', { mode: 'json' })
      .$type<ReportIndicatorUpdate[]>()
      .notNull()
      .default(sql`'[]'`),
    /** The reviewer's comment per section (and 'milestones', 'general') when returned. */
    reviewComments: text('review_comments', { mode: 'json' })
      .$type<Record<string, string>>()
      .notNull()
      .default(sql`'{}'`),
    /** When and by whom the content or state last changed. */
    updatedAt: text('updated_at'),
    updatedBy: integer('updated_by').references(() => users.id, { onDelete: 'set null' }),
    /** When the state last changed (what the board and the mails follow). */
    stateChangedAt: text('state_changed_at'),
    submittedAt: text('submitted_at'),
    approvedAt: text('approved_at'),
    approvedBy: integer('approved_by').references(() => users.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('reports_round_project_idx').on(t.roundId, t.projectId),
    index('reports_project_state_idx').on(t.projectId, t.state, t.approvedAt),
    index('reports_round_state_idx').on(t.roundId, t.state),
  ],
);

/**
 * Every mail the hub sent (or is sending): the unique key makes a notification happen once per
 * report, kind, recipient and day, whichever process or restart tries again.
 */
export const notifications = sqliteTable(
  'notifications',
  {
    id: integer('id').primaryKey(),
    reportId: integer('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The day (YYYY-MM-DD) the notification belongs to. */
    day: text('day').notNull(),
    createdAt: text('created_at').notNull(),
    /** Set once the transport accepted the mail; null while sending or after a failure. */
    sentAt: text('sent_at'),
    error: text('error'),
    messageId: text('message_id'),
  },
  (t) => [
    uniqueIndex('notifications_once_idx').on(t.reportId, t.kind, t.userId, t.day),
    index('notifications_created_idx').on(t.createdAt),
  ],
);

export type ReportingRound = typeof reportingRounds.$inferSelect;
export type Report = typeof reports.$inferSelect;
export type Notification = typeof notifications.$inferSelect;

/**
 * The portfolio's standard indicators: a vocabulary the hub team manages (the seed loads only what
 * IKI itself publishes, with its source). Values of projects' indicators linked to one are summed
 * across projects only when it says they are additive and the units match.
 */
export const standardIndicators = sqliteTable(
  'standard_indicators',
  {
    id: integer('id').primaryKey(),
    /** The publisher's own code, e.g. 'SI 1'. */
    code: text('code').notNull().unique(),
    title: text('title').notNull(),
    titleZh: text('title_zh'),
    titleDe: text('title_de'),
    /** The definition as published (in the source's language). */
    definition: text('definition'),
    unit: text('unit', { enum: INDICATOR_UNITS }),
    /** Whether values of different projects may be added up (same unit required as well). */
    isAdditive: integer('is_additive', { mode: 'boolean' }).notNull().default(false),
    sourceId: integer('source_id').references(() => sources.id, { onDelete: 'set null' }),
    position: integer('position').notNull().default(0),
    version: integer('version').notNull().default(1),
  },
);

/**
 * A project's indicator: what it measures, in which unit, in which direction, from which baseline.
 * Its targets and actuals are indicator_periods. Everything stored here is public: a report's
 * actuals only arrive on approval.
 */
export const indicators = sqliteTable(
  'indicators',
  {
    id: integer('id').primaryKey(),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    titleZh: text('title_zh'),
    titleDe: text('title_de'),
    description: text('description'),
    /** Null: not stated (imported indicators often give none). */
    unit: text('unit', { enum: INDICATOR_UNITS }),
    measure: text('measure', { enum: INDICATOR_MEASURES }).notNull().default('unit'),
    /** True: higher is better (IATI's ascending="1", its default). */
    isAscending: integer('is_ascending', { mode: 'boolean' }).notNull().default(true),
    standardIndicatorId: integer('standard_indicator_id').references(() => standardIndicators.id, {
      onDelete: 'set null',
    }),
    /** How values are split (a key of INDICATOR_DISAGGREGATIONS), null when not split. */
    disaggregation: text('disaggregation', { enum: DISAGGREGATION_NAMES }),
    /** The IATI result the indicator belongs to (kept for imports and written back on export). */
    resultType: text('result_type', { enum: RESULT_TYPES }),
    resultTitle: text('result_title'),
    baselineValue: real('baseline_value'),
    baselineYear: integer('baseline_year'),
    /** The baseline's exact date, when known (YYYY-MM-DD). */
    baselineDate: text('baseline_date'),
    baselineComment: text('baseline_comment'),
    /** Order on the project page (then id). */
    position: integer('position').notNull().default(0),
    sourceId: integer('source_id').references(() => sources.id, { onDelete: 'set null' }),
    createdAt: text('created_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('indicators_project_idx').on(t.projectId, t.position),
    index('indicators_standard_idx').on(t.standardIndicatorId),
  ],
);

/**
 * One period of an indicator: its target and (once reported and approved, or entered by an editor)
 * its actual. A period without an actual value is "not reported", never zero.
 */
export const indicatorPeriods = sqliteTable(
  'indicator_periods',
  {
    id: integer('id').primaryKey(),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id, { onDelete: 'cascade' }),
    periodStart: text('period_start').notNull(),
    periodStartPrecision: text('period_start_precision', { enum: DATE_PRECISIONS })
      .notNull()
      .default('day'),
    periodEnd: text('period_end').notNull(),
    periodEndPrecision: text('period_end_precision', { enum: DATE_PRECISIONS })
      .notNull()
      .default('day'),
    targetValue: real('target_value'),
    targetComment: text('target_comment'),
    targetDimensions: text('target_dimensions', { mode: 'json' }).$type<Record<
      string,
      number
    > | null>(),
    actualValue: real('actual_value'),
    actualComment: text('actual_comment'),
    actualDimensions: text('actual_dimensions', { mode: 'json' }).$type<Record<
      string,
      number
    > | null>(),
    /** Where the actual can be checked (a report, a publication). */
    evidenceUrl: text('evidence_url'),
    /** Who reported the actual (a person or organisation, as the form or the report says). */
    reportedBy: text('reported_by'),
    /** The approved report that brought the actual, when it came through a reporting round. */
    reportId: integer('report_id').references(() => reports.id, { onDelete: 'set null' }),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    uniqueIndex('indicator_periods_unique_idx').on(t.indicatorId, t.periodStart, t.periodEnd),
  ],
);

export type StandardIndicator = typeof standardIndicators.$inferSelect;
export type Indicator = typeof indicators.$inferSelect;
export type NewIndicator = typeof indicators.$inferInsert;
export type IndicatorPeriod = typeof indicatorPeriods.$inferSelect;
export type NewIndicatorPeriod = typeof indicatorPeriods.$inferInsert;

/**
 * An open-space session (or any break-out group) held at an event: its topic, who took part, and
 * its outcomes where they are published (null: not published). Entries written from it point here.
 */
export const eventSessions = sqliteTable(
  'event_sessions',
  {
    id: integer('id').primaryKey(),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    titleZh: text('title_zh'),
    titleDe: text('title_de'),
    /** Who translated the title ('hub' for the seeded translations); null: not translated. */
    titleTranslatedBy: text('title_translated_by'),
    topicId: integer('topic_id').references(() => topics.id, { onDelete: 'set null' }),
    /** What the session found or agreed, as published; null: not published. */
    outcomes: text('outcomes'),
    sourceId: integer('source_id').references(() => sources.id, { onDelete: 'set null' }),
    position: integer('position').notNull().default(0),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('event_sessions_event_idx').on(t.eventId, t.position),
    index('event_sessions_topic_idx').on(t.topicId),
  ],
);

export const eventSessionOrganisations = sqliteTable(
  'event_session_organisations',
  {
    sessionId: integer('session_id')
      .notNull()
      .references(() => eventSessions.id, { onDelete: 'cascade' }),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.organisationId] })],
);

export const eventSessionProjects = sqliteTable(
  'event_session_projects',
  {
    sessionId: integer('session_id')
      .notNull()
      .references(() => eventSessions.id, { onDelete: 'cascade' }),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.projectId] })],
);

/**
 * A knowledge entry: a lesson learned, an instrument, a challenge or a case study. Its texts (the
 * author's original and any translations) are knowledge_entry_texts. Only published entries are
 * public; a draft is its author's and the hub team's.
 */
export const knowledgeEntries = sqliteTable(
  'knowledge_entries',
  {
    id: integer('id').primaryKey(),
    slug: text('slug').notNull().unique(),
    kind: text('kind', { enum: KNOWLEDGE_KINDS }).notNull(),
    state: text('state', { enum: KNOWLEDGE_STATES }).notNull().default('draft'),
    /** The language the author wrote in: its text is the original, the others translations. */
    language: text('language', { enum: HUB_LANGUAGES }).notNull(),
    /** A challenge stays open until someone marks it solved. */
    isResolved: integer('is_resolved', { mode: 'boolean' }).notNull().default(false),
    /** The session it was written from, if any. */
    sessionId: integer('session_id').references(() => eventSessions.id, { onDelete: 'set null' }),
    authorUserId: integer('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** The author's name at the time of writing (the entry reads the same after the account goes). */
    authorName: text('author_name').notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    publishedAt: text('published_at'),
    /** The reviewer's word when an entry goes back to its author. */
    reviewComment: text('review_comment'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('knowledge_entries_state_idx').on(t.state, t.publishedAt),
    index('knowledge_entries_session_idx').on(t.sessionId),
  ],
);

/** An entry's text in one language: the original (translatedBy null) or a labelled translation. */
export const knowledgeEntryTexts = sqliteTable(
  'knowledge_entry_texts',
  {
    entryId: integer('entry_id')
      .notNull()
      .references(() => knowledgeEntries.id, { onDelete: 'cascade' }),
    language: text('language', { enum: HUB_LANGUAGES }).notNull(),
    title: text('title').notNull(),
    summary: text('summary'),
    context: text('context'),
    barriers: text('barriers'),
    enablingFactors: text('enabling_factors'),
    outcomes: text('outcomes'),
    lessons: text('lessons'),
    resources: text('resources'),
    /** Null: the author's original. Otherwise who translated it ('hub' for the hub team). */
    translatedBy: text('translated_by'),
  },
  (t) => [primaryKey({ columns: [t.entryId, t.language] })],
);

export const knowledgeEntryTopics = sqliteTable(
  'knowledge_entry_topics',
  {
    entryId: integer('entry_id')
      .notNull()
      .references(() => knowledgeEntries.id, { onDelete: 'cascade' }),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.entryId, t.topicId] }),
    index('knowledge_entry_topics_topic_idx').on(t.topicId),
  ],
);

export const knowledgeEntryProjects = sqliteTable(
  'knowledge_entry_projects',
  {
    entryId: integer('entry_id')
      .notNull()
      .references(() => knowledgeEntries.id, { onDelete: 'cascade' }),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.entryId, t.projectId] }),
    index('knowledge_entry_projects_project_idx').on(t.projectId),
  ],
);

export const knowledgeEntryOrganisations = sqliteTable(
  'knowledge_entry_organisations',
  {
    entryId: integer('entry_id')
      .notNull()
      .references(() => knowledgeEntries.id, { onDelete: 'cascade' }),
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.entryId, t.organisationId] }),
    index('knowledge_entry_organisations_org_idx').on(t.organisationId),
  ],
);

export const knowledgeEntryEvents = sqliteTable(
  'knowledge_entry_events',
  {
    entryId: integer('entry_id')
      .notNull()
      .references(() => knowledgeEntries.id, { onDelete: 'cascade' }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.entryId, t.eventId] }),
    index('knowledge_entry_events_event_idx').on(t.eventId),
  ],
);

/** A short answer to a challenge, from another project's people; public once a moderator agrees. */
export const knowledgeAnswers = sqliteTable(
  'knowledge_answers',
  {
    id: integer('id').primaryKey(),
    entryId: integer('entry_id')
      .notNull()
      .references(() => knowledgeEntries.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    language: text('language', { enum: HUB_LANGUAGES }).notNull(),
    state: text('state', { enum: ANSWER_STATES }).notNull().default('pending'),
    authorUserId: integer('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    authorName: text('author_name').notNull(),
    /** The organisation the author answers for, when they name one. */
    organisationId: integer('organisation_id').references(() => organisations.id, {
      onDelete: 'set null',
    }),
    createdAt: text('created_at').notNull(),
    moderatedAt: text('moderated_at'),
    moderatedBy: text('moderated_by'),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('knowledge_answers_entry_idx').on(t.entryId, t.state)],
);

/**
 * A document: an uploaded file (stored once per content under db/data/files/, by its SHA-256) or a
 * link. Its visibility decides who sees it anywhere: lists, search, topic pages, downloads.
 */
export const documents = sqliteTable(
  'documents',
  {
    id: integer('id').primaryKey(),
    title: text('title').notNull(),
    /** ISO 639-1 code of the document's language; null: not stated. */
    language: text('language'),
    /** IATI DocumentCategory code (DOCUMENT_CATEGORIES); null: not stated. */
    category: text('category'),
    documentDate: text('document_date'),
    documentDatePrecision: text('document_date_precision', { enum: DATE_PRECISIONS }),
    origin: text('origin', { enum: DOCUMENT_ORIGINS }).notNull(),
    /** A link's address (origin link or iati); null for an uploaded file. */
    url: text('url'),
    /** An uploaded file's SHA-256 (hex): its name in the file store. */
    fileHash: text('file_hash'),
    fileSize: integer('file_size'),
    /** Decided from the content for uploads; as stated for links (IATI's @format). */
    mediaType: text('media_type'),
    /** The name the file was uploaded with (only used for the download's suggested name). */
    fileName: text('file_name'),
    visibility: text('visibility', { enum: DOCUMENT_VISIBILITIES }).notNull().default('public'),
    textState: text('text_state', { enum: DOCUMENT_TEXT_STATES }).notNull().default('none'),
    /** Why extraction failed, in words a reader understands. */
    textError: text('text_error'),
    textPartKind: text('text_part_kind', { enum: DOCUMENT_PART_KINDS }),
    description: text('description'),
    createdAt: text('created_at').notNull(),
    createdByUserId: integer('created_by_user_id').references(() => users.id, {
      onDelete: 'set null',
    }),
    createdByName: text('created_by_name').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('documents_hash_idx').on(t.fileHash),
    index('documents_visibility_idx').on(t.visibility, t.documentDate),
  ],
);

/** A document's extracted text, one row per page (PDF), slide (PPTX) or paragraph block (DOCX). */
export const documentTexts = sqliteTable(
  'document_texts',
  {
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    /** 1-based page, slide or block number. */
    part: integer('part').notNull(),
    text: text('text').notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.part] })],
);

export const documentProjects = sqliteTable(
  'document_projects',
  {
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    projectId: integer('project_id')
      .notNull()
      .references(() => projects.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.projectId] }),
    index('document_projects_project_idx').on(t.projectId),
  ],
);

export const documentTopics = sqliteTable(
  'document_topics',
  {
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    topicId: integer('topic_id')
      .notNull()
      .references(() => topics.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.topicId] }),
    index('document_topics_topic_idx').on(t.topicId),
  ],
);

export const documentEvents = sqliteTable(
  'document_events',
  {
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.eventId] }),
    index('document_events_event_idx').on(t.eventId),
  ],
);

export const documentEntries = sqliteTable(
  'document_entries',
  {
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    entryId: integer('entry_id')
      .notNull()
      .references(() => knowledgeEntries.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.documentId, t.entryId] }),
    index('document_entries_entry_idx').on(t.entryId),
  ],
);

export type EventSession = typeof eventSessions.$inferSelect;
export type KnowledgeEntry = typeof knowledgeEntries.$inferSelect;
export type KnowledgeEntryText = typeof knowledgeEntryTexts.$inferSelect;
export type KnowledgeAnswer = typeof knowledgeAnswers.$inferSelect;
export type Document = typeof documents.$inferSelect;
export type NewDocument = typeof documents.$inferInsert;
