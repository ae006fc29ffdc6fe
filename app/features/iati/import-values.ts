import { IATI_STATUS_TO_STATUS, type IatiStatus } from './codes';
import { type IatiActivity, type IatiResult, anyText } from './read-types';
import type { IatiMilestone, IatiProjectColumns } from './write-types';
import type { Target } from './import-target.server';
import { type PartialDate, parsePartialDate, periodEnd, periodStart } from '../../../db/dates';
import {
  MILESTONE_KINDS,
  MILESTONE_STATUSES,
  type MilestoneStatus,
  PROJECT_TYPES,
  type ProjectType,
} from '../../../db/vocabulary';

// What an activity says about a project's own columns and its milestones. No database: what the
// values are linked to is found in import-wanted.server.ts.

/** The project columns an import writes: those the export reads, and what it derives or notes. */
export type ProjectValues = IatiProjectColumns & {
  startsOn: string | null;
  endsOn: string | null;
  programmeNote: string | null;
};

export const PROJECT_VALUE_KEYS = [
  'title',
  'titleZh',
  'titleDe',
  'summary',
  'summaryZh',
  'summaryDe',
  'type',
  'statusStated',
  'statusSource',
  'startDate',
  'startPrecision',
  'startsOn',
  'endDate',
  'endPrecision',
  'endsOn',
  'ikiFundingEur',
  'ikiProjectNumber',
  'otherProjectNumbers',
  'programme',
  'programmeNote',
  'origin',
  'iatiIdentifier',
  'publisherRef',
  'publisherName',
] as const satisfies readonly (keyof ProjectValues)[];

/** A milestone as an activity's result gives it: what the export writes, without the row's id. */
export type MilestoneWanted = Omit<IatiMilestone, 'id'>;

/** What a matched milestone is compared by (its title and kind are what match it). */
export const MILESTONE_KEYS = [
  'titleZh',
  'plannedDate',
  'plannedPrecision',
  'revisedDate',
  'revisedPrecision',
  'actualDate',
  'actualPrecision',
  'status',
  'progress',
  'isDerived',
] as const satisfies readonly (keyof MilestoneWanted)[];

const STATUS_NAMES: Record<string, string> = {
  '1': 'Pipeline/identification',
  '2': 'Implementation',
  '3': 'Finalisation',
  '4': 'Closed',
  '5': 'Cancelled',
  '6': 'Suspended',
};

export const isOneOf = <T extends string>(
  list: readonly T[],
  value: string | undefined,
): value is T => value !== undefined && (list as readonly string[]).includes(value);

function partial(value: string | undefined, precision: string | undefined): PartialDate | null {
  if (!value) return null;
  const date = parsePartialDate(value);
  return date && (!precision || date.precision === precision) ? date : null;
}

export function projectValues(a: IatiActivity, target: Target): Partial<ProjectValues> {
  const isHub = target.origin === 'hub';
  const values: Partial<ProjectValues> = {};
  const set = <K extends keyof ProjectValues>(
    key: K,
    value: ProjectValues[K] | null | undefined,
  ) => {
    // A hub project is never emptied by a file (the round-trip rule in import.server.ts).
    if (isHub && (value === null || value === undefined)) return;
    values[key] = (value ?? null) as ProjectValues[K];
  };

  const title = anyText(a.title);
  set('title', title ?? (isHub ? null : a.identifier));
  set('titleZh', a.title.zh);
  set('titleDe', a.title.de);
  set('summary', a.description.en ?? a.description.other);
  set('summaryZh', a.description.zh);
  set('summaryDe', a.description.de);

  const hubType = a.hub.type;
  const countryCount = new Set(a.countries.map((c) => c.code)).size;
  const type: ProjectType = isOneOf(PROJECT_TYPES, hubType)
    ? hubType
    : countryCount > 1
      ? 'regional'
      : countryCount === 1
        ? 'bilateral'
        : 'unknown';
  // Our own export does not say the type: an existing hub project keeps its own.
  if (!(isHub && target.kind === 'existing' && !isOneOf(PROJECT_TYPES, hubType))) set('type', type);

  if (a.status !== null) {
    const basis = a.statusHub.basis;
    if (basis === 'derived' || basis === 'no-dates') {
      // Our export wrote a status the dates give: nothing was stated.
      values.statusStated = null;
      values.statusSource = null;
    } else if (basis === 'stated') {
      values.statusStated = IATI_STATUS_TO_STATUS[a.status as IatiStatus] ?? null;
      values.statusSource = a.statusHub.words ?? null;
    } else {
      set('statusStated', IATI_STATUS_TO_STATUS[a.status as IatiStatus] ?? null);
      set(
        'statusSource',
        STATUS_NAMES[a.status]
          ? `${STATUS_NAMES[a.status]} (IATI activity status ${a.status})`
          : null,
      );
    }
  }

  // The published term is the planned one; an actual date stands in when no plan is given.
  const start = a.dates.plannedStart ?? a.dates.actualStart ?? null;
  const end = a.dates.plannedEnd ?? a.dates.actualEnd ?? null;
  set('startDate', start?.value);
  set('startPrecision', start?.precision);
  set('startsOn', start ? periodStart(start) : null);
  set('endDate', end?.value);
  set('endPrecision', end?.precision);
  set('endsOn', end ? periodEnd(end) : null);

  // Funding: the original (or untyped) budgets in EUR. A total of 0 is a publisher's placeholder
  // (EC FPI publishes 0 for every activity), so it is read as unknown, never as zero funding.
  const eur = a.budgets.filter(
    (b) => b.currency === 'EUR' && b.value !== null && (b.type ?? '1') === '1',
  );
  const total = eur.reduce((sum, b) => sum + (b.value ?? 0), 0);
  set('ikiFundingEur', eur.length && total > 0 ? total : null);

  const iki = a.otherIdentifiers.find((o) => o.hub.scheme === 'iki');
  const others = Object.fromEntries(
    a.otherIdentifiers
      .filter((o) => o.hub.scheme && o.hub.scheme !== 'iki')
      .map((o) => [o.hub.scheme!, o.ref]),
  );
  set('ikiProjectNumber', iki?.ref);
  set('otherProjectNumbers', Object.keys(others).length ? others : null);

  if (isHub) {
    if (a.hub.programme) values.programme = a.hub.programme;
    else if (target.kind === 'new') values.programme = 'IKI';
    values.origin = 'hub';
    if (target.kind === 'new') {
      values.iatiIdentifier = null;
      values.publisherRef = null;
      values.publisherName = null;
    }
  } else {
    const publisher = anyText(a.reportingOrg.name) ?? a.reportingOrg.ref;
    // Labelled with their publisher: the programme an imported activity belongs to is theirs.
    values.programme = (publisher ?? 'IATI').slice(0, 80);
    values.programmeNote = a.dataset
      ? `Imported from IATI (registry dataset ${a.dataset}); not an IKI project.`
      : 'Imported from IATI; not an IKI project.';
    values.origin = 'iati';
    values.iatiIdentifier = a.identifier;
    values.publisherRef = a.reportingOrg.ref;
    values.publisherName = publisher;
  }
  return values;
}

export function wantedMilestone(r: IatiResult): MilestoneWanted {
  const hub = r.hub;
  const periods = r.indicators.flatMap((i) => i.periods);
  const period = [...periods].reverse().find((p) => p.end || p.start) ?? null;
  const measured = [...periods].reverse().find((p) => p.actual !== null) ?? null;
  const planned =
    partial(hub['planned-date'], hub['planned-precision']) ??
    (hub['revised-date'] ? null : (period?.end ?? period?.start ?? null));
  const revised = partial(hub['revised-date'], hub['revised-precision']);
  const actual = partial(hub['actual-date'], hub['actual-precision']);
  const hubProgress =
    hub.progress !== undefined && /^\d{1,3}$/.test(hub.progress) ? Number(hub.progress) : null;
  const measuredProgress =
    measured && measured.actual !== null && measured.target
      ? Math.round((measured.actual / measured.target) * 100)
      : null;
  const progress = Math.max(0, Math.min(100, hubProgress ?? measuredProgress ?? 0));
  const status: MilestoneStatus = isOneOf(MILESTONE_STATUSES, hub.status)
    ? hub.status
    : measuredProgress === null
      ? 'not-reported'
      : measuredProgress >= 100
        ? 'achieved'
        : 'in-progress';
  return {
    title: (anyText(r.title) ?? 'Result').slice(0, 300),
    titleZh: r.title.zh && r.title.zh !== anyText(r.title) ? r.title.zh : null,
    kind: isOneOf(MILESTONE_KINDS, hub.kind) ? hub.kind : 'deliverable',
    plannedDate: planned?.value ?? null,
    plannedPrecision: planned?.precision ?? null,
    revisedDate: revised?.value ?? null,
    revisedPrecision: revised?.precision ?? null,
    actualDate: actual?.value ?? null,
    actualPrecision: actual?.precision ?? null,
    status,
    progress: status === 'achieved' ? 100 : progress,
    isDerived: hub.derived === 'true',
  };
}
