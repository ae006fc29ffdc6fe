import { eq } from 'drizzle-orm';
import { afterEach, expect, test } from 'vitest';

import { auditLog, milestones, reportingRounds, reports, users } from '../../../db/schema';
import {
  createTestDb,
  insertOrganisation,
  insertProject,
  linkOrganisation,
} from '../../../db/test-factories';
import { type ReportingChange, onReportingChange } from './report-events.server';
import { listMilestonesToReport } from './report-queries.server';
import {
  type RoundValues,
  changeRoundState,
  createRound,
  setRoundProjects,
  updateRound,
} from './round-writes.server';
import { getBoard, getRound, hasReportsAskedOf, listAskedOf, listRounds } from './rounds.server';

const who = (minute: number) => ({
  at: `2026-06-15T10:${String(minute).padStart(2, '0')}:00.000Z`,
  actor: { id: null, name: 'Test editor' },
});

const values = (overrides: Partial<RoundValues> = {}): RoundValues => ({
  title: 'Interface Workshop 2027',
  titleZh: null,
  titleDe: null,
  periodStart: '2026-01-01',
  periodEnd: '2026-12-31',
  dueOn: '2027-02-15',
  eventId: null,
  ...overrides,
});

const heard: ReportingChange[] = [];
const stop = onReportingChange((change) => heard.push(change));
afterEach(() => {
  heard.length = 0;
});
process.on('exit', stop);

test('a new round is a draft asking its projects, each with a not-started report, all audited', () => {
  const db = createTestDb();
  const a = insertProject(db);
  const b = insertProject(db);
  const round = createRound(values(), [a.id, b.id], who(1), db);
  expect(round.slug).toBe('interface-workshop-2027');
  expect(getRound(round.slug, db)).toMatchObject({ state: 'draft', version: 1 });
  const rows = db.select().from(reports).where(eq(reports.roundId, round.id)).all();
  expect(rows.map((r) => [r.projectId, r.state]).sort()).toEqual(
    [
      [a.id, 'not-started'],
      [b.id, 'not-started'],
    ].sort(),
  );
  const audit = db.select().from(auditLog).all();
  expect(audit.filter((e) => e.entity === 'reporting-round').map((e) => e.action)).toEqual([
    'create',
  ]);
  expect(
    audit
      .filter((e) => e.entity === 'report')
      .map((e) => e.projectId)
      .sort(),
  ).toEqual([a.id, b.id].sort());
  // A second round of the same title gets its own slug.
  expect(createRound(values(), [], who(2), db).slug).toBe('interface-workshop-2027-2');
});

test('a round never takes a slug that /reporting/<word> already means (the new-round form, unsubscribe)', () => {
  const db = createTestDb();
  expect(createRound(values({ title: 'New' }), [], who(1), db).slug).toBe('new-2');
  expect(createRound(values({ title: 'Unsubscribe' }), [], who(2), db).slug).toBe('unsubscribe-2');
});

test('a round goes draft → open → closed only, each step audited as a state change and heard once committed', () => {
  const db = createTestDb();
  const round = createRound(values(), [], who(1), db);
  expect(changeRoundState(round.id, 1, 'closed', who(2), db)).toMatchObject({
    ok: false,
    reason: 'order',
  });
  expect(heard).toEqual([]);
  expect(changeRoundState(round.id, 1, 'open', who(3), db)).toEqual({ ok: true, version: 2 });
  expect(heard).toEqual([{ kind: 'round-state', roundId: round.id, state: 'open' }]);
  expect(changeRoundState(round.id, 2, 'open', who(4), db)).toMatchObject({ reason: 'order' });
  expect(changeRoundState(round.id, 2, 'closed', who(5), db)).toEqual({ ok: true, version: 3 });
  expect(changeRoundState(round.id, 3, 'open', who(6), db)).toMatchObject({ reason: 'order' });
  const saved = db.select().from(reportingRounds).where(eq(reportingRounds.id, round.id)).get()!;
  expect(saved).toMatchObject({
    state: 'closed',
    openedAt: who(3).at,
    closedAt: who(5).at,
    version: 3,
  });
  const changes = db
    .select()
    .from(auditLog)
    .where(eq(auditLog.action, 'state-change'))
    .all()
    .map((e) => [e.entity, e.entityId, e.changes.state]);
  expect(changes).toEqual([
    ['reporting-round', round.id, { from: 'draft', to: 'open' }],
    ['reporting-round', round.id, { from: 'open', to: 'closed' }],
  ]);
  expect(heard.map((c) => c.kind === 'round-state' && c.state)).toEqual(['open', 'closed']);
});

test('a stale state change or edit is refused with the round as saved now', () => {
  const db = createTestDb();
  const round = createRound(values(), [], who(1), db);
  expect(updateRound(round.id, 1, values({ dueOn: '2027-03-01' }), who(2), db)).toMatchObject({
    ok: true,
    version: 2,
  });
  const stale = updateRound(round.id, 1, values({ title: 'Other' }), who(3), db);
  expect(stale).toMatchObject({ ok: false, reason: 'stale', current: { dueOn: '2027-03-01' } });
  const staleOpen = changeRoundState(round.id, 1, 'open', who(4), db);
  expect(staleOpen).toMatchObject({ ok: false, reason: 'stale', current: { version: 2 } });
  expect(getRound(round.slug, db)).toMatchObject({ state: 'draft', title: values().title });
  expect(heard).toEqual([]);
  // Closed: no more edits, whatever version the form says.
  changeRoundState(round.id, 2, 'open', who(5), db);
  changeRoundState(round.id, 3, 'closed', who(6), db);
  expect(updateRound(round.id, 4, values({ title: 'Late' }), who(7), db)).toMatchObject({
    ok: false,
    reason: 'stale',
  });
  expect(getRound(round.slug, db)!.title).toBe(values().title);
});

test('projects are added with a not-started report and removed only while their report is not started', () => {
  const db = createTestDb();
  const [a, b, c] = [insertProject(db), insertProject(db), insertProject(db)];
  const round = createRound(values(), [a.id], who(1), db);
  changeRoundState(round.id, 1, 'open', who(2), db);
  expect(setRoundProjects(round.id, { add: [a.id, b.id, c.id], remove: [] }, who(3), db)).toEqual({
    ok: true,
    added: 2,
    removed: 0,
    kept: [],
  });
  db.update(reports).set({ state: 'draft' }).where(eq(reports.projectId, b.id)).run();
  const removal = setRoundProjects(round.id, { add: [], remove: [a.id, b.id] }, who(4), db);
  expect(removal).toEqual({
    ok: true,
    added: 0,
    removed: 1,
    kept: [{ projectId: b.id, state: 'draft' }],
  });
  const left = db
    .select({ projectId: reports.projectId })
    .from(reports)
    .all()
    .map((r) => r.projectId)
    .sort();
  expect(left).toEqual([b.id, c.id].sort());
  const reportAudit = db
    .select()
    .from(auditLog)
    .where(eq(auditLog.entity, 'report'))
    .orderBy(auditLog.id)
    .all()
    .map((e) => [e.action, e.projectId]);
  expect(reportAudit).toEqual([
    ['create', a.id],
    ['create', b.id],
    ['create', c.id],
    ['delete', a.id],
  ]);
  changeRoundState(round.id, 2, 'closed', who(5), db);
  expect(setRoundProjects(round.id, { add: [a.id], remove: [] }, who(6), db)).toEqual({
    ok: false,
    reason: 'closed',
  });
});

test('the board says who was asked, what is missing, and counts each state; drafts are listed for the hub team only', () => {
  const db = createTestDb();
  const giz = insertOrganisation(db, { slug: 'giz' });
  const ministry = insertOrganisation(db, { slug: 'bmwk', kind: 'german-ministry' });
  const asked = insertProject(db, { title: 'A asked' });
  const nobody = insertProject(db, { title: 'B nobody' });
  linkOrganisation(db, asked.id, giz.id, 'implementing-organisation');
  linkOrganisation(db, nobody.id, ministry.id, 'commissioning-ministry');
  const implementer = db
    .insert(users)
    .values({
      email: 'i@example.org',
      name: 'Ina Implementer',
      role: 'implementer',
      organisationId: giz.id,
      passwordHash: 'x',
      createdAt: who(0).at,
    })
    .returning()
    .get();
  const open = db
    .insert(milestones)
    .values([
      {
        projectId: asked.id,
        title: 'One',
        kind: 'deliverable' as const,
        status: 'planned' as const,
        plannedDate: '2026-06-30',
        plannedPrecision: 'day' as const,
      },
      {
        projectId: asked.id,
        title: 'Two',
        kind: 'deliverable' as const,
        status: 'in-progress' as const,
        plannedDate: '2026-09-30',
        plannedPrecision: 'day' as const,
      },
      // Nobody has reported it yet: the report asks about it too.
      {
        projectId: asked.id,
        title: 'Three',
        kind: 'start' as const,
        status: 'not-reported' as const,
      },
      // Achieved or cancelled: nothing left to report.
      {
        projectId: asked.id,
        title: 'Four',
        kind: 'kick-off' as const,
        status: 'achieved' as const,
      },
      {
        projectId: asked.id,
        title: 'Five',
        kind: 'deliverable' as const,
        status: 'cancelled' as const,
      },
    ])
    .returning({ id: milestones.id })
    .all();
  const round = createRound(values(), [asked.id, nobody.id], who(1), db);
  expect(listRounds({ withDrafts: false }, db)).toEqual([]);
  expect(listRounds({ withDrafts: true }, db)).toMatchObject([{ reports: 2, approved: 0 }]);
  expect(hasReportsAskedOf(implementer, db)).toBe(false);
  changeRoundState(round.id, 1, 'open', who(2), db);
  expect(hasReportsAskedOf(implementer, db)).toBe(true);
  expect(listAskedOf(implementer, db).map((r) => r.project.title)).toEqual(['A asked']);
  db.update(reports)
    .set({
      state: 'draft',
      texts: { en: { achievements: 'Done a lot', challenges: ' ' } },
      milestoneUpdates: [{ milestoneId: open[0]!.id, status: 'achieved', progress: 100 }],
    })
    .where(eq(reports.projectId, asked.id))
    .run();
  const board = getBoard(round.id, { state: [], ministry: [], org: [] }, {}, db);
  expect(board.counts).toMatchObject({ 'not-started': 1, draft: 1, approved: 0 });
  expect(board.total).toBe(2);
  expect(board.rows.map((r) => [r.project.title, r.state, r.authors, r.missing])).toEqual([
    [
      'A asked',
      'draft',
      ['Ina Implementer'],
      { milestones: 2, sections: ['challenges', 'nextSteps', 'supportNeeded'] },
    ],
    [
      'B nobody',
      'not-started',
      [],
      { milestones: 0, sections: ['achievements', 'challenges', 'nextSteps', 'supportNeeded'] },
    ],
  ]);
  // The report's form asks about the same milestones: open or not reported yet.
  expect(listMilestonesToReport(asked.id, db).map((m) => m.title)).toEqual(['One', 'Two', 'Three']);
  const drafts = getBoard(round.id, { state: ['draft'], ministry: [], org: [] }, {}, db);
  expect(drafts.rows.map((r) => r.project.title)).toEqual(['A asked']);
  const byMinistry = getBoard(round.id, { state: [], ministry: ['bmwk'], org: [] }, {}, db);
  expect(byMinistry.rows.map((r) => r.project.title)).toEqual(['B nobody']);
  const byOrg = getBoard(round.id, { state: [], ministry: [], org: ['giz'] }, { limit: 1 }, db);
  expect(byOrg.rows.map((r) => r.project.title)).toEqual(['A asked']);
});
