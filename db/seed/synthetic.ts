import type { DatePrecision, MilestoneStatus, OrganisationKind } from '../vocabulary';
import type * as t from '../schema';
import type { ProvincesFile } from './dataset';

// The synthetic portfolio's records (db/demo.ts writes them): organisations, places, milestones
// with their progress logs and events here, the projects and their links in synthetic-projects.ts.

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same portfolio. */
export function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const some = <T>(xs: readonly T[], n: number): T[] => {
    const pool = [...xs];
    const out: T[] = [];
    while (out.length < n && pool.length)
      out.push(pool.splice(Math.floor(next() * pool.length), 1)[0]!);
    return out;
  };
  return { next, int, pick, some, chance: (p: number) => next() < p };
}

/**
 * One stream of random numbers runs through the whole portfolio, record kind after record kind
 * (generateDemoPortfolio calls the generators in a fixed order, and each draws in a fixed order):
 * drawing one number more or less anywhere changes every record after it.
 */
export type Random = ReturnType<typeof random>;

export const FUNDING_AREAS = ['mitigation', 'adaptation', 'natural carbon sinks', 'biodiversity'];
const EVENT_TYPES = ['workshop', 'study tour', 'conference', 'training', 'forum', 'meeting'];
const MILESTONE_KINDS = [
  'kick-off',
  'deliverable',
  'mid-term-review',
  'deliverable',
  'extension',
] as const;
const MILESTONE_STATUSES = [
  'achieved',
  'achieved',
  'in-progress',
  'planned',
  'delayed',
  'not-reported',
  'cancelled',
] as const satisfies readonly MilestoneStatus[];

export type Row<T extends { $inferInsert: unknown }> = T['$inferInsert'];

/** Ministries, implementers, agencies and partners, more of the last three for larger portfolios. */
export function demoOrganisations(n: number) {
  const organisations: Row<typeof t.organisations>[] = [];
  const add = (kind: OrganisationKind, label: string, howMany: number, country: string | null) => {
    for (let i = 1; i <= howMany; i++) {
      organisations.push({
        id: organisations.length + 1,
        slug: `demo-${kind}-${i}`,
        name: `Demo ${label} ${i}`,
        acronym: `D${label.slice(0, 2).toUpperCase()}${i}`,
        kind,
        countryCode: country,
        aliases: [],
        unverified: [],
      });
    }
  };
  add('german-ministry', 'German Ministry', 4, 'DE');
  add('chinese-ministry', 'Chinese Ministry', 8, 'CN');
  add('implementing-organisation', 'Implementer', Math.max(3, Math.ceil(n / 200)), 'DE');
  add('agency', 'Agency', Math.max(5, Math.ceil(n / 100)), 'CN');
  add('partner', 'Partner', Math.max(10, Math.ceil(n / 20)), null);
  const byKind = (kind: OrganisationKind) =>
    organisations.filter((o) => o.kind === kind).map((o) => o.id!);
  return {
    organisations,
    ministriesDe: byKind('german-ministry'),
    ministriesCn: byKind('chinese-ministry'),
    implementers: byKind('implementing-organisation'),
    partners: [...byKind('agency'), ...byKind('partner')],
  };
}

export type DemoOrganisations = ReturnType<typeof demoOrganisations>;

/** Cities scattered around the provinces' label points. */
export function demoPlaces(rnd: Random, n: number, { provinces }: ProvincesFile) {
  return Array.from({ length: Math.max(60, Math.ceil(n / 20)) }, (_, i) => {
    const province = rnd.pick(provinces);
    return {
      id: i + 1,
      slug: `demo-place-${i + 1}`,
      nameEn: `Demo City ${i + 1}`,
      provinceCode: province.code,
      countryCode: 'CN',
      lat: Math.round((province.labelLat + (rnd.next() - 0.5) * 2) * 1e4) / 1e4,
      lon: Math.round((province.labelLon + (rnd.next() - 0.5) * 2) * 1e4) / 1e4,
      role: 'synthetic demo place',
    };
  });
}

/** A year, month or day of the year, as precise as published dates are. */
export function partialDate(
  rnd: Random,
  year: number,
): { value: string; precision: DatePrecision } {
  const r = rnd.next();
  if (r < 0.3) return { value: String(year), precision: 'year' };
  const month = String(rnd.int(1, 12)).padStart(2, '0');
  if (r < 0.85) return { value: `${year}-${month}`, precision: 'month' };
  return {
    value: `${year}-${month}-${String(rnd.int(1, 28)).padStart(2, '0')}`,
    precision: 'day',
  };
}

const isoDay = (year: number, month: number, day: number) =>
  `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;

/** A milestone's progress log: one to three updates, the last where the milestone stands. */
function progressLog(
  rnd: Random,
  milestoneId: number,
  plannedYear: number,
  status: (typeof MILESTONE_STATUSES)[number],
  progress: number,
): Row<typeof t.progressUpdates>[] {
  const updates: Row<typeof t.progressUpdates>[] = [];
  const steps = rnd.int(1, 3);
  let previous: { status: MilestoneStatus | null; progress: number | null } = {
    status: null,
    progress: null,
  };
  for (let step = 1; step <= steps; step++) {
    const isLast = step === steps;
    const toStatus = isLast ? status : 'in-progress';
    const toProgress = isLast ? progress : Math.round((progress * step) / (steps + 1));
    updates.push({
      milestoneId,
      recordedAt: `${isoDay(plannedYear, rnd.int(1, 12), rnd.int(1, 28))}T09:00:00Z`,
      recordedBy: 'synthetic reporter',
      fromStatus: previous.status,
      toStatus,
      fromProgress: previous.progress,
      toProgress,
      comment: 'synthetic update',
    });
    previous = { status: toStatus, progress: toProgress };
  }
  return updates;
}

/** About five milestones per project, with a progress log where something was reported. */
export function demoMilestones(rnd: Random, projects: Row<typeof t.projects>[]) {
  const milestones: Row<typeof t.milestones>[] = [];
  const updates: Row<typeof t.progressUpdates>[] = [];
  for (const project of projects) {
    const startYear = project.startsOn ? Number(project.startsOn.slice(0, 4)) : rnd.int(2010, 2026);
    for (let k = 0; k < 5; k++) {
      const id = milestones.length + 1;
      const status = rnd.pick(MILESTONE_STATUSES);
      const plannedYear = startYear + k;
      const planned = isoDay(plannedYear, rnd.int(1, 12), rnd.int(1, 28));
      const isAchieved = status === 'achieved';
      const actual = isAchieved
        ? isoDay(plannedYear + rnd.int(0, 1), rnd.int(1, 12), rnd.int(1, 28))
        : null;
      const revised =
        status === 'delayed'
          ? `${plannedYear + 1}-${String(rnd.int(1, 12)).padStart(2, '0')}`
          : null;
      const progress = isAchieved
        ? 100
        : status === 'in-progress' || status === 'delayed'
          ? rnd.int(10, 90)
          : 0;
      milestones.push({
        id,
        projectId: project.id!,
        title: `Demo milestone ${k + 1} of project ${project.id}`,
        kind: MILESTONE_KINDS[k]!,
        plannedDate: planned,
        plannedPrecision: 'day',
        revisedDate: revised,
        revisedPrecision: revised ? 'month' : null,
        actualDate: actual,
        actualPrecision: actual ? 'day' : null,
        status,
        progress,
        isDerived: false,
        note: 'synthetic',
      });
      if (status !== 'not-reported' && status !== 'planned') {
        updates.push(...progressLog(rnd, id, plannedYear, status, progress));
      }
    }
  }
  return { milestones, updates };
}

/** Half as many events as projects, each with one or two projects and perhaps a place. */
export function demoEvents(
  rnd: Random,
  n: number,
  { provinces }: ProvincesFile,
  places: { id: number }[],
) {
  const events = Array.from({ length: Math.ceil(n / 2) }, (_, i) => {
    const date = rnd.chance(0.9) ? partialDate(rnd, rnd.int(2010, 2027)) : null;
    return {
      id: i + 1,
      slug: `demo-event-${i + 1}`,
      title: `Demo ${rnd.pick(EVENT_TYPES)} ${i + 1}`,
      type: rnd.pick(EVENT_TYPES),
      startDate: date?.value ?? null,
      startPrecision: date?.precision ?? null,
      dateText: date ? null : 'synthetic: no date',
      isDateVerified: date !== null,
      provinceCode: rnd.pick(provinces).code,
      unverified: [],
    };
  });
  const eventProjects = events.flatMap((e) =>
    [...new Set([rnd.int(1, n), rnd.int(1, n)])]
      .slice(0, rnd.int(1, 2))
      .map((projectId) => ({ eventId: e.id, projectId })),
  );
  const eventPlaces = events.flatMap((e) =>
    rnd.chance(0.6) ? [{ eventId: e.id, placeId: rnd.pick(places).id }] : [],
  );
  return { events, eventProjects, eventPlaces };
}
