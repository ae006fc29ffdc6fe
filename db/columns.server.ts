import { sql } from 'drizzle-orm';

import {
  events,
  milestones,
  organisations,
  places,
  projectLocations,
  projects,
  sources,
  topics,
} from './schema';

// The columns that queries across the hub select for a record, written once per record: a query
// spreads the list it needs and adds its own (a join's, a count). Lists used by one query module
// only stay in that module.

/** How a project is named and linked to: its slug and its title in each language. */
export const projectNameColumns = {
  slug: projects.slug,
  title: projects.title,
  titleZh: projects.titleZh,
  titleDe: projects.titleDe,
};

/** A project's published period, each date with its precision. */
export const projectPeriodColumns = {
  startDate: projects.startDate,
  startPrecision: projects.startPrecision,
  endDate: projects.endDate,
  endPrecision: projects.endPrecision,
};

/** What a project's status is resolved from (resolveStatus): the stated status and the period. */
export const projectStatusColumns = {
  statusStated: projects.statusStated,
  statusSource: projects.statusSource,
  ...projectPeriodColumns,
};

/** What a line in a list of projects shows (and what its status needs). */
export const projectSummaryColumns = {
  id: projects.id,
  ...projectNameColumns,
  shortName: projects.shortName,
  type: projects.type,
  ...projectStatusColumns,
  ikiFundingEur: projects.ikiFundingEur,
};

/** Projects in title order, whatever the case. */
export const projectTitleOrder = sql`${projects.title} COLLATE NOCASE`;

/**
 * What names an event and dates it: slug, title (with the hub's translations), type and its dates
 * with their precision.
 */
export const eventColumns = {
  slug: events.slug,
  title: events.title,
  titleZh: events.titleZh,
  titleDe: events.titleDe,
  type: events.type,
  startDate: events.startDate,
  startPrecision: events.startPrecision,
  endDate: events.endDate,
  endPrecision: events.endPrecision,
};

/** How an organisation is named: its slug, its names and its acronym. */
export const organisationNameColumns = {
  slug: organisations.slug,
  name: organisations.name,
  acronym: organisations.acronym,
  nameZh: organisations.nameZh,
  nameDe: organisations.nameDe,
};

/** What an organisation is called for short: its acronym, else its name. */
export const organisationShortName = sql<string>`coalesce(${organisations.acronym}, ${organisations.name})`;

/** An organisation's name with its acronym before it ("BMUV — Federal Ministry for …"). */
export const organisationLabel = sql<string>`coalesce(${organisations.acronym} || ' — ', '') || ${organisations.name}`;

/** Organisations in the order of their short names, whatever the case. */
export const organisationOrder = sql`${organisationShortName} COLLATE NOCASE`;

/** How a topic is named: its slug and its name in each language. */
export const topicNameColumns = {
  slug: topics.slug,
  name: topics.name,
  nameZh: topics.nameZh,
  nameDe: topics.nameDe,
};

/** What a milestone is: its title in English and Chinese, and its kind. */
export const milestoneNameColumns = {
  title: milestones.title,
  titleZh: milestones.titleZh,
  kind: milestones.kind,
};

/** When a milestone is due: planned, and revised since, each date with its precision. */
export const milestonePlanColumns = {
  plannedDate: milestones.plannedDate,
  plannedPrecision: milestones.plannedPrecision,
  revisedDate: milestones.revisedDate,
  revisedPrecision: milestones.revisedPrecision,
};

/** A milestone's dates (planned, revised, actual), each with its precision. */
export const milestoneDateColumns = {
  ...milestonePlanColumns,
  actualDate: milestones.actualDate,
  actualPrecision: milestones.actualPrecision,
};

/** What a milestone row shows: dates with precision, status and progress. */
export const milestoneColumns = {
  id: milestones.id,
  ...milestoneNameColumns,
  ...milestoneDateColumns,
  status: milestones.status,
  progress: milestones.progress,
  isDerived: milestones.isDerived,
  version: milestones.version,
};

/** Where a record was read: its source's URL and title (with the record's source joined). */
export const sourceColumns = { sourceUrl: sources.url, sourceTitle: sources.title };

/** The province a location is in: the one it names, or its place's. */
export const locationProvinceCode = sql<
  string | null
>`coalesce(${projectLocations.provinceCode}, ${places.provinceCode})`;
