import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, expect, test } from 'vitest';

import type { Db } from '../../core/db.server';
import { auditLog, milestones, progressUpdates, reports } from '../../../db/schema';
import { createTestDb, insertProject } from '../../../db/test-factories';
import { createMilestone } from '../milestones/milestone-writes.server';
import { insertReport, insertRound } from './report-factories.server';
import { type ReportingChange, onReportingChange } from './report-events.server';
import {
  type ReportContent,
  approveReport,
  returnReport,
  saveReport,
} from './report-writes.server';

const db: Db = createTestDb();
const author = {
  at: '2026-11-20T10:00:00.000Z',
  actor: { id: null, name: 'Li Author' },
  as: 'author' as const,
};
const editor = {
  at: '2026-11-25T09:00:00.000Z',
  actor: { id: null, name: 'Eva Editor' },
  as: 'hub-team' as const,
};
const setup = { at: '2026-01-01T00:00:00.000Z', by: 'Setup', actor: { id: null, name: 'Setup' } };

const heard: ReportingChange[] = [];
let stop = () => {};
beforeEach(() => {
  heard.length = 0;
  stop = onReportingChange((change) => heard.push(change));
});
afterEach(() => stop());

/** A project with two open milestones and a report in an open round. */
function fixture(roundState: 'open' | 'closed' = 'open') {
  const project = insertProject(db);
  const first = createMilestone(
    project.id,
    { title: 'First study', kind: 'deliverable', responsibleOrganisationId: null },
    setup,
    db,
  );
  const second = createMilestone(
    project.id,
    { title: 'Second study', kind: 'deliverable', responsibleOrganisationId: null },
    setup,
    db,
  );
  const round = insertRound(db, { title: 'Interface Workshop 2026', state: roundState });
  const report = insertReport(db, { roundId: round.id, projectId: project.id });
  const content: ReportContent = {
    language: 'zh',
    texts: {
      zh: { achievements: '完成了研究', challenges: '无', nextSteps: '发布' },
      en: { achievements: 'Finished the study' },
    },
    milestoneUpdates: [
      {
        milestoneId: first.id,
        status: 'achieved',
        progress: 100,
        actualDate: '2026-10',
        actualPrecision: 'month',
        comment: 'Done',
        evidenceUrl: 'https://example.org/study.pdf',
      },
      {
        milestoneId: second.id,
        status: 'in-progress',
        progress: 40,
        revisedDate: '2027-03',
        revisedPrecision: 'month',
      },
      {
        milestoneId: null,
        title: 'Third study',
        kind: 'deliverable',
        plannedDate: '2027',
        plannedPrecision: 'year',
        status: 'planned',
        progress: 0,
      },
    ],
    indicatorUpdates: [],
  };
  return { project, first, second, round, report, content };
}

const auditOf = (reportId: number) =>
  db
    .select()
    .from(auditLog)
    .all()
    .filter((e) => e.entity === 'report' && e.entityId === reportId);
const stored = (id: number) => db.select().from(reports).where(eq(reports.id, id)).get()!;

/** Every row of the tables an approval writes, to compare before and after. */
const snapshot = () =>
  JSON.stringify([
    db.select().from(milestones).all(),
    db.select().from(progressUpdates).all(),
    db.select().from(auditLog).all(),
    db.select().from(reports).all(),
  ]);

test('saving a draft stores the content in the report only, as an update in the audit log', () => {
  const { report, content, first } = fixture();
  const outcome = saveReport(report.id, 1, 'save-draft', content, author, db);
  expect(outcome).toEqual({ ok: true, state: 'draft', version: 2 });
  const row = stored(report.id);
  expect(row.texts.zh?.achievements).toBe('完成了研究');
  expect(row.milestoneUpdates).toHaveLength(3);
  expect(row.updatedAt).toBe(author.at);
  // Nothing reaches the milestone before approval.
  expect(db.select().from(milestones).where(eq(milestones.id, first.id)).get()!.status).toBe(
    'planned',
  );
  expect(auditOf(report.id).map((e) => [e.action, e.changes.state])).toEqual([
    ['update', { from: 'not-started', to: 'draft' }],
  ]);
  expect(heard).toEqual([{ kind: 'report-state', reportId: report.id, state: 'draft' }]);
});

test('two authors saving from one version: the second is refused as stale with what is saved, nothing written', () => {
  const { report, content } = fixture();
  expect(saveReport(report.id, 1, 'save-draft', content, author, db).ok).toBe(true);
  const before = snapshot();
  const outcome = saveReport(
    report.id,
    1,
    'save-draft',
    { ...content, texts: { zh: { achievements: '另一个' } } },
    author,
    db,
  );
  expect(outcome).toMatchObject({
    ok: false,
    reason: 'stale',
    current: { version: 2, state: 'draft' },
  });
  if (!outcome.ok && outcome.reason === 'stale') {
    expect(outcome.current.texts.zh?.achievements).toBe('完成了研究');
  }
  expect(snapshot()).toBe(before);
});

test('submitting is a state change; authors may not return or approve, nor write once submitted', () => {
  const { report, content } = fixture();
  expect(saveReport(report.id, 1, 'submit', content, author, db)).toEqual({
    ok: true,
    state: 'submitted',
    version: 2,
  });
  expect(stored(report.id).submittedAt).toBe(author.at);
  expect(auditOf(report.id).map((e) => e.action)).toEqual(['state-change']);
  expect(approveReport(report.id, 2, author, db)).toMatchObject({
    ok: false,
    reason: 'not-allowed',
  });
  expect(returnReport(report.id, 2, { general: 'x' }, author, db)).toMatchObject({
    ok: false,
    reason: 'not-allowed',
  });
  expect(saveReport(report.id, 2, 'save-draft', content, author, db)).toMatchObject({
    ok: false,
    reason: 'not-allowed',
    current: { state: 'submitted' },
  });
  expect(stored(report.id).version).toBe(2);
});

test('nothing is saved to a report of a closed round', () => {
  const { report, content } = fixture('closed');
  expect(saveReport(report.id, 1, 'save-draft', content, editor, db)).toMatchObject({
    ok: false,
    reason: 'not-allowed',
  });
  expect(stored(report.id).state).toBe('not-started');
  expect(auditOf(report.id)).toEqual([]);
});

test('returning keeps the comments per section; the authors edit and submit again', () => {
  const { report, content } = fixture();
  saveReport(report.id, 1, 'submit', content, author, db);
  expect(
    returnReport(report.id, 2, { challenges: 'Say more about the data access.' }, editor, db),
  ).toEqual({ ok: true, state: 'returned', version: 3 });
  expect(stored(report.id).reviewComments).toEqual({
    challenges: 'Say more about the data access.',
  });
  expect(heard.at(-1)).toEqual({ kind: 'report-state', reportId: report.id, state: 'returned' });
  expect(saveReport(report.id, 3, 'submit', content, author, db)).toEqual({
    ok: true,
    state: 'submitted',
    version: 4,
  });
  expect(auditOf(report.id).map((e) => e.changes.state)).toEqual([
    { from: 'not-started', to: 'submitted' },
    { from: 'submitted', to: 'returned' },
    { from: 'returned', to: 'submitted' },
  ]);
});

test('approval writes every update through the progress log, the milestones and the audit log, naming the report', () => {
  const { project, report, content, first, second } = fixture();
  saveReport(report.id, 1, 'submit', content, author, db);
  const auditBefore = db.select().from(auditLog).all().length;
  expect(approveReport(report.id, 2, editor, db)).toEqual({
    ok: true,
    state: 'approved',
    version: 3,
  });

  const one = db.select().from(milestones).where(eq(milestones.id, first.id)).get()!;
  expect([one.status, one.progress, one.actualDate, one.evidenceUrl]).toEqual([
    'achieved',
    100,
    '2026-10',
    'https://example.org/study.pdf',
  ]);
  const two = db.select().from(milestones).where(eq(milestones.id, second.id)).get()!;
  expect([two.status, two.progress, two.revisedDate]).toEqual(['in-progress', 40, '2027-03']);
  const added = db
    .select()
    .from(milestones)
    .where(eq(milestones.projectId, project.id))
    .all()
    .find((m) => m.title === 'Third study')!;
  expect([added.status, added.plannedDate]).toEqual(['planned', '2027']);

  const log = db
    .select()
    .from(progressUpdates)
    .all()
    .filter((u) => u.recordedAt === editor.at);
  expect(log.map((u) => [u.milestoneId, u.toStatus, u.recordedBy])).toEqual([
    [first.id, 'achieved', 'Progress report Interface Workshop 2026'],
    [second.id, 'in-progress', 'Progress report Interface Workshop 2026'],
    [added.id, 'planned', 'Progress report Interface Workshop 2026'],
  ]);
  expect(log[0]!.comment).toBe('Done');

  const entries = db.select().from(auditLog).all().slice(auditBefore);
  expect(entries.map((e) => [e.entity, e.action, e.userName])).toEqual([
    ['progress-update', 'create', 'Eva Editor'],
    ['progress-update', 'create', 'Eva Editor'],
    ['milestone', 'create', 'Eva Editor'],
    ['report', 'state-change', 'Eva Editor'],
  ]);
  const row = stored(report.id);
  expect([row.state, row.approvedAt]).toEqual(['approved', editor.at]);
  expect(heard.at(-1)).toEqual({ kind: 'report-state', reportId: report.id, state: 'approved' });
  // Approved is final.
  expect(approveReport(report.id, 3, editor, db)).toMatchObject({
    ok: false,
    reason: 'not-allowed',
  });
});

test('a failure in the middle of an approval writes nothing at all', () => {
  const { report, content, second } = fixture();
  saveReport(report.id, 1, 'submit', content, author, db);
  // The second milestone's log refuses new entries: the first update is already written by then.
  db.$client.exec(`CREATE TRIGGER refuse_log BEFORE INSERT ON progress_updates
    WHEN NEW.milestone_id = ${second.id} BEGIN SELECT RAISE(ABORT, 'forced failure'); END`);
  const before = snapshot();
  heard.length = 0;
  try {
    expect(() => approveReport(report.id, 2, editor, db)).toThrow('forced failure');
  } finally {
    db.$client.exec('DROP TRIGGER refuse_log');
  }
  expect(snapshot()).toBe(before);
  expect(stored(report.id).state).toBe('submitted');
  expect(heard).toEqual([]);
});

test('an approval whose milestone was deleted meanwhile is refused, naming it, with nothing written', () => {
  const { report, content, first } = fixture();
  saveReport(report.id, 1, 'submit', content, author, db);
  db.delete(progressUpdates).where(eq(progressUpdates.milestoneId, first.id)).run();
  db.delete(milestones).where(eq(milestones.id, first.id)).run();
  const before = snapshot();
  expect(approveReport(report.id, 2, editor, db)).toEqual({
    ok: false,
    reason: 'not-applicable',
    milestoneId: first.id,
  });
  expect(snapshot()).toBe(before);
});
