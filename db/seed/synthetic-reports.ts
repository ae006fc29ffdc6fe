import type * as t from '../schema';
import { REPORT_SECTIONS, type ReportState } from '../vocabulary';
import { type Row, random } from './synthetic';

// The demo portfolio's reporting rounds (synthetic projects only, never the real database): a
// closed round a year ago, half of it approved, and an open round over up to 2 000 projects with
// reports in every state, so the bench measures the round board at 10 000 projects.

const OPEN_ROUND_PROJECTS = 2000;
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
      id: 2,
      slug: 'demo-round-2026',
      title: 'Demo reporting round 2026',
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
      roundId: 2,
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
