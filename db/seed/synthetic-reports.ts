import { and, eq, ne } from 'drizzle-orm';

import * as t from '../schema';
import {
  INDICATOR_DISAGGREGATIONS,
  QUANTITATIVE_MEASURES,
  REPORT_SECTIONS,
  type ReportState,
} from '../vocabulary';
import type { Tx } from '../writes.server';
import { type Row, random } from './synthetic';

// The demo portfolio's reporting rounds (synthetic projects only, never the real database): a
// closed round a year ago, half of it approved, and an open round over up to 2 000 projects with
// reports in every state, so the bench measures the round board at 10 000 projects.

const OPEN_ROUND_PROJECTS = 2000;
const OPEN_ROUND = { id: 2, title: 'Demo reporting round 2026' };
/** How the open round's reports are spread over the states (the rest: not started). */
const SHARES: [ReportState, number][] = [
  ['draft', 0.25],
  ['submitted', 0.2],
  ['returned', 0.1],
  ['approved', 0.15],
];

export function demoReportingRounds(
  seed: number,
  projects: Row<typeof t.projects>[],
  milestones: Row<typeof t.milestones>[],
) {
  // Its own sequence: the rest of the portfolio stays what the seed always gave.
  const rnd = random(seed + 28);
  const step = Math.max(1, Math.ceil(projects.length / OPEN_ROUND_PROJECTS));
  const asked = projects.filter((_, i) => i % step === 0).slice(0, OPEN_ROUND_PROJECTS);
  const milestonesOf = new Map<number, number[]>();
  for (const m of milestones) {
    const list = milestonesOf.get(m.projectId) ?? [];
    list.push(m.id!);
    milestonesOf.set(m.projectId, list);
  }
  const rounds: Row<typeof t.reportingRounds>[] = [
    {
      id: 1,
      slug: 'demo-round-2025',
      title: 'Demo reporting round 2025',
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      dueOn: '2025-12-15',
      state: 'closed',
      openedAt: '2025-10-01T08:00:00.000Z',
      closedAt: '2026-01-31T08:00:00.000Z',
      createdAt: '2025-09-15T08:00:00.000Z',
    },
    {
      id: OPEN_ROUND.id,
      slug: 'demo-round-2026',
      title: OPEN_ROUND.title,
      periodStart: '2026-01-01',
      periodEnd: '2026-12-31',
      dueOn: '2026-12-15',
      state: 'open',
      openedAt: '2026-10-01T08:00:00.000Z',
      createdAt: '2026-09-15T08:00:00.000Z',
    },
  ];
  const reports: Row<typeof t.reports>[] = [];
  for (const project of asked) {
    const id = project.id!;
    // Last year's round: half approved, the rest never got beyond not started.
    const approvedLastYear = rnd.next() < 0.5;
    reports.push({
      roundId: 1,
      projectId: id,
      state: approvedLastYear ? 'approved' : 'not-started',
      approvedAt: approvedLastYear
        ? `2025-12-${String(rnd.int(1, 28)).padStart(2, '0')}T09:00:00.000Z`
        : null,
      stateChangedAt: approvedLastYear ? '2025-12-01T09:00:00.000Z' : null,
    });
    let roll = rnd.next();
    let state: ReportState = 'not-started';
    for (const [s, share] of SHARES) {
      if (roll < share) {
        state = s;
        break;
      }
      roll -= share;
    }
    const begun = state !== 'not-started';
    const own = milestonesOf.get(id) ?? [];
    const sections = REPORT_SECTIONS.filter(() => rnd.next() < (state === 'draft' ? 0.5 : 0.9));
    reports.push({
      roundId: OPEN_ROUND.id,
      projectId: id,
      state,
      language: begun ? 'en' : null,
      texts: begun
        ? { en: Object.fromEntries(sections.map((s) => [s, `Synthetic ${s} of project ${id}.`])) }
        : {},
      milestoneUpdates: begun
        ? own
            .filter(() => rnd.next() < 0.7)
            .map((milestoneId) => ({ milestoneId, status: 'in-progress', progress: 50 }))
        : [],
      updatedAt: begun ? `2026-11-${String(rnd.int(1, 28)).padStart(2, '0')}T10:00:00.000Z` : null,
      stateChangedAt: begun ? '2026-11-01T10:00:00.000Z' : null,
      submittedAt:
        state === 'submitted' || state === 'approved' ? '2026-11-10T10:00:00.000Z' : null,
      approvedAt: state === 'approved' ? '2026-11-20T10:00:00.000Z' : null,
    });
  }
  return { rounds, reports };
}

/** One demo actual: near the indicator's baseline, in its direction; a comment for qualitative. */
function demoActual(
  rnd: ReturnType<typeof random>,
  indicator: Pick<
    Row<typeof t.indicators>,
    'id' | 'unit' | 'measure' | 'isAscending' | 'baselineValue' | 'disaggregation'
  >,
): t.ReportIndicatorUpdate {
  const comment = `Synthetic actual of indicator ${indicator.id}.`;
  if (!(QUANTITATIVE_MEASURES as readonly string[]).includes(indicator.measure!)) {
    return { indicatorId: indicator.id!, actualValue: null, comment };
  }
  const baseline = indicator.baselineValue ?? 0;
  const step = rnd.int(1, indicator.unit === 'percent' ? 30 : 500);
  let value = indicator.isAscending === false ? Math.max(0, baseline - step) : baseline + step;
  if (indicator.unit === 'percent') value = Math.min(100, value);
  if (indicator.disaggregation !== 'sex')
    return { indicatorId: indicator.id!, actualValue: value, comment };
  // Whole people by sex, summing to the total.
  value = Math.round(value);
  const female = rnd.int(0, value);
  const dimensions: Record<string, number> = { female, male: value - female };
  for (const d of INDICATOR_DISAGGREGATIONS.sex) dimensions[d] ??= 0;
  return { indicatorId: indicator.id!, actualValue: value, actualDimensions: dimensions, comment };
}

/**
 * The open demo round's begun reports give actuals for their projects' indicators, read from the
 * database (the demo's indicators are another seed step's: with none, this writes nothing). An
 * approved report's actuals are also its indicators' periods for the round, as approval writes
 * them. Runs in the demo's transaction, after the indicators and reports are in.
 */
export function addDemoIndicatorActuals(tx: Tx, seed: number) {
  const rnd = random(seed + 29);
  const round = tx
    .select()
    .from(t.reportingRounds)
    .where(eq(t.reportingRounds.id, OPEN_ROUND.id))
    .get();
  if (!round) return 0;
  const rows = tx
    .select({
      reportId: t.reports.id,
      state: t.reports.state,
      indicator: {
        id: t.indicators.id,
        unit: t.indicators.unit,
        measure: t.indicators.measure,
        isAscending: t.indicators.isAscending,
        baselineValue: t.indicators.baselineValue,
        disaggregation: t.indicators.disaggregation,
      },
    })
    .from(t.reports)
    .innerJoin(t.indicators, eq(t.indicators.projectId, t.reports.projectId))
    .where(and(eq(t.reports.roundId, round.id), ne(t.reports.state, 'not-started')))
    .orderBy(t.reports.id, t.indicators.position, t.indicators.id)
    .all();
  const byReport = new Map<number, { state: ReportState; updates: t.ReportIndicatorUpdate[] }>();
  for (const row of rows) {
    const entry = byReport.get(row.reportId) ?? { state: row.state, updates: [] };
    byReport.set(row.reportId, entry);
    // Now and then no value this period: the indicator stays "not reported".
    if (rnd.next() < 0.8) entry.updates.push(demoActual(rnd, row.indicator));
  }
  for (const [reportId, { state, updates }] of byReport) {
    tx.update(t.reports).set({ indicatorUpdates: updates }).where(eq(t.reports.id, reportId)).run();
    if (state !== 'approved') continue;
    for (const u of updates) {
      const actual = {
        // Kept from a period another step wrote when there is no value (as approval does).
        ...(u.actualValue === null ? {} : { actualValue: u.actualValue }),
        actualDimensions: u.actualDimensions ?? null,
        actualComment: u.comment ?? null,
        // As approval names it (report-writes.server.ts reportEvidenceName).
        reportedBy: `Progress report ${round.title}`,
        reportId,
      };
      tx.insert(t.indicatorPeriods)
        .values({
          indicatorId: u.indicatorId,
          periodStart: round.periodStart,
          periodStartPrecision: 'day',
          periodEnd: round.periodEnd,
          periodEndPrecision: 'day',
          ...actual,
        })
        .onConflictDoUpdate({
          target: [
            t.indicatorPeriods.indicatorId,
            t.indicatorPeriods.periodStart,
            t.indicatorPeriods.periodEnd,
          ],
          set: actual,
        })
        .run();
    }
  }
  return byReport.size;
}
