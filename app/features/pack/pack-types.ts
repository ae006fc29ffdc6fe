import type { ProjectFilter } from '../../core/filter/filter';
import type { Lang } from '../../core/i18n/config';
import type { DatePrecision, ReportSection, ReportState, RoundState } from '../../../db/vocabulary';

// The Interface Workshop pack (issue #31, decision 0074): what the print view, the slide deck and
// the Word document show, gathered once as plain data (JSON-safe: it crosses a worker thread).
// Every renderer reads only this. Unknown stays null ("not published"), never a guess; every fact
// that comes from a source names it (`sourceIds` into `PackData.sources`).

/** The languages of a pack: one, or English and Chinese side by side (the workshop is Sino-German). */
export type PackLanguages = readonly [Lang] | readonly ['en', 'zh'];

/** A name in each language; null where nothing is published in that language. */
export interface Named {
  en: string;
  zh: string | null;
  de: string | null;
}

/** What a pack is asked for: a round (its period) or a period, with the shared project filter. */
export interface PackRequest {
  /** The round's slug, or null for a period pack. */
  round: string | null;
  /** The period, first and last day (YYYY-MM-DD); a round's own period when `round` is set. */
  start: string;
  end: string;
  filter: ProjectFilter;
  languages: PackLanguages;
}

export interface SourceRef {
  id: number;
  title: string;
  url: string;
  publisher: string | null;
}

/** A category count (type, status, funding area, report state…). */
export interface CountRow {
  /** The vocabulary key or slug. */
  key: string;
  /** Its label per language (vocabulary translated; official names as sourced). */
  label: Named;
  value: number;
}

export interface PackOrganisation {
  slug: string;
  name: Named;
  acronym: string | null;
  kind: string;
}

export interface PackMilestone {
  id: number;
  title: Named;
  status: string;
  /** Actual date (reached) or due date (next), with its precision; null: not published. */
  date: string | null;
  precision: DatePrecision | null;
  progress: number;
  sourceIds: number[];
}

export interface PackIndicatorPoint {
  /** The period's label: its last day (YYYY-MM-DD). */
  periodEnd: string;
  target: number | null;
  actual: number | null;
}

export interface PackIndicator {
  id: number;
  title: Named;
  /** The standard indicator's code (SI 1…), when linked. */
  standardCode: string | null;
  unit: string | null;
  measure: string;
  baseline: number | null;
  /** The latest period with an actual: its target, actual and share of the target (0…1) or why none. */
  latestTarget: number | null;
  latestActual: number | null;
  share: number | null;
  noShareReason: string | null;
  /** Actual reported for the pack's period (from the approved report / periods inside it). */
  periodActual: number | null;
  /** Every period in time order, for the small chart. */
  points: PackIndicatorPoint[];
}

export interface PackEvent {
  slug: string;
  title: Named;
  type: string;
  startDate: string | null;
  startPrecision: DatePrecision | null;
  endDate: string | null;
  endPrecision: DatePrecision | null;
  city: string | null;
  sourceIds: number[];
}

export interface PackEntry {
  slug: string;
  kind: string;
  /** The title in each language it was written or translated in (null: not translated). */
  title: Named;
  /** The language the author wrote in. */
  language: Lang;
  publishedAt: string;
  isResolved: boolean;
}

/**
 * A project's report in the pack: its approved text, or why there is none ("not reported": the
 * report was not approved — its draft is never shown).
 */
export type PackReport =
  | {
      state: 'approved';
      roundSlug: string;
      roundTitle: Named;
      approvedAt: string;
      language: Lang | null;
      /** The sections per language written (original and translations). */
      texts: Partial<Record<Lang, Partial<Record<ReportSection, string>>>>;
    }
  | {
      state: 'not-reported';
      /**
       * A round pack (signed-in, like the round's board) names the report's state or 'not-asked'
       * (the project is not in the round); a period pack is public and says only 'none-approved'.
       */
      reportState: Exclude<ReportState, 'approved'> | 'not-asked' | 'none-approved';
    };

export interface PackProject {
  id: number;
  slug: string;
  /** The official names as sourced (never the hub's translation): null where none is published. */
  title: Named;
  shortName: string | null;
  type: string;
  status: string;
  startDate: string | null;
  startPrecision: DatePrecision | null;
  endDate: string | null;
  endPrecision: DatePrecision | null;
  fundingEur: number | null;
  ministries: PackOrganisation[];
  implementers: PackOrganisation[];
  partners: PackOrganisation[];
  topics: { slug: string; name: Named }[];
  report: PackReport;
  /** Milestones achieved in the period (by actual date). */
  milestonesReached: PackMilestone[];
  /** The next open milestones by due date (at most PACK_NEXT_MILESTONES). */
  milestonesNext: PackMilestone[];
  /** Open milestones whose due date passed (before the period's end or today, whichever first). */
  milestonesOverdue: number;
  indicators: PackIndicator[];
  events: PackEvent[];
  entries: PackEntry[];
  sourceIds: number[];
}

export interface PackIndicatorTotal {
  code: string;
  name: Named;
  unit: string | null;
  /** The sum, only where the dashboard's rule allows a total; else null and `reason` says why. */
  total: number | null;
  reason: string | null;
  linkedProjects: number;
  reportingProjects: number;
  sourceIds: number[];
}

export interface PackOverview {
  projects: number;
  active: number;
  /** Known IKI funding and how many projects publish it (unknown is never counted as zero). */
  fundingKnownEur: number;
  projectsWithFunding: number;
  byType: CountRow[];
  byStatus: CountRow[];
  byFundingArea: CountRow[];
  milestones: {
    /** Achieved with an actual date in the period. */
    achieved: number;
    /** Falling due in the period (revised or planned date), not cancelled. */
    due: number;
    /** Open, due before the period's end (or "as of", whichever is first). */
    overdue: number;
  };
  indicatorTotals: PackIndicatorTotal[];
  /** The round's reports by state (null for a period pack). */
  round: { asked: number; byState: CountRow[]; approved: number } | null;
  events: PackEvent[];
}

export interface PackGroup {
  /** A ministry (predecessors folded into today's ministry) or a topic of common interest. */
  key: string;
  name: Named;
  acronym: string | null;
  /** Ids of the pack's projects in this group, in the pack's project order. */
  projectIds: number[];
  milestonesAchieved: number;
  milestonesOverdue: number;
  reportsApproved: number;
  /** Topics: the published knowledge entries and the sessions on the topic. */
  entries: PackEntry[];
  sessions: { title: Named; eventSlug: string; eventTitle: Named; outcomes: string | null }[];
}

export interface PackData {
  request: PackRequest;
  round: {
    slug: string;
    title: Named;
    state: RoundState;
    periodStart: string;
    periodEnd: string;
    dueOn: string;
    event: { slug: string; title: Named } | null;
  } | null;
  /** The filter in words, one line per facet, per language ([] when unfiltered). */
  filterText: Named[];
  /** The day the pack describes ("as of"), from the hub's clock. */
  asOf: string;
  overview: PackOverview;
  projects: PackProject[];
  germanMinistries: PackGroup[];
  chineseMinistries: PackGroup[];
  topics: PackGroup[];
  /** Every source a fact in the pack names, by id order. */
  sources: SourceRef[];
  // wt-data: the vocabulary's words for the keys that records carry bare (a milestone's status, a
  // project's type, an event's type…), so that a renderer needs no page translations.
  vocabulary?: PackVocabulary;
}

/**
 * The page translations of every key of the hub's vocabularies, by vocabulary (wt-data). A key
 * missing here (an event type the sources word freely) is shown as written.
 */
export interface PackVocabulary {
  type: Record<string, Named>;
  status: Record<string, Named>;
  fundingArea: Record<string, Named>;
  milestoneStatus: Record<string, Named>;
  reportState: Record<string, Named>;
  eventType: Record<string, Named>;
  entryKind: Record<string, Named>;
}

/** How many next milestones a project's section lists. */
export const PACK_NEXT_MILESTONES = 3;

/**
 * The most projects the print view renders on one page; a larger pack offers its files instead
 * (built off the request thread).
 */
export const PRINT_MAX_PROJECTS = 300;
