import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';

import { periodEnd } from '../../../db/dates';
import { parseFilter } from '../../core/filter/filter';
import { dueDate } from './progress';
import type { DatePrecision } from '../../../db/vocabulary';
import { openDatabase } from '../../../db/client.server';
import { milestones, progressUpdates } from '../../../db/schema';
import { createTestDb, insertOrganisation, insertProject } from '../../../db/test-factories';
import { createMilestone, deleteMilestone } from './milestone-writes.server';
import { addProgressUpdate } from './progress-update-writes.server';
import { countFilteredMilestones, getMilestone, listFilteredMilestones } from './milestones.server';
import { projectFilterSql } from '../../core/filter/project-filter.server';

/** The SQL of a filter as a page's query string gives it. */
const whereOf = (query = '') =>
  projectFilterSql(parseFilter(new URLSearchParams(query)).filter, '2026-11-29');

/** Who writes in these tests: no account, as the command line writes. */
const actor = { id: null, name: 'Tester' };
const at = (n: number) => ({ at: `2026-06-15T10:00:0${n}.000Z`, actor });
const update = (version: number, over: Partial<Parameters<typeof addProgressUpdate>[1]> = {}) => ({
  version,
  status: 'in-progress' as const,
  progress: 10,
  recordedBy: 'Tester',
  ...over,
});

function newMilestone(db = createTestDb()) {
  const project = insertProject(db);
  const org = insertOrganisation(db);
  const { id } = createMilestone(
    project.id,
    {
      title: 'Baseline study',
      kind: 'deliverable',
      plannedDate: { value: '2026-09', precision: 'month' },
      responsibleOrganisationId: org.id,
    },
    { ...at(0), by: 'Hub team' },
    db,
  );
  return { db, project, id };
}

const logOf = (db: ReturnType<typeof createTestDb>, id: number) =>
  db.select().from(progressUpdates).where(eq(progressUpdates.milestoneId, id)).all();

test('a new milestone starts planned at 0 % and its log opens with that state', () => {
  const { db, project, id } = newMilestone();
  const m = getMilestone(project.id, id, db)!;
  expect(m).toMatchObject({ status: 'planned', progress: 0, version: 1, isDerived: false });
  expect(m.plannedDate).toBe('2026-09');
  expect(logOf(db, id)).toMatchObject([
    { fromStatus: null, toStatus: 'planned', toProgress: 0, recordedBy: 'Hub team' },
  ]);
});

test('two quick updates both land, and the log chains from state to state', () => {
  const { db, project, id } = newMilestone();
  expect(
    addProgressUpdate(id, update(1, { progress: 30, comment: 'Field work' }), at(1), db),
  ).toEqual({
    ok: true,
  });
  expect(
    addProgressUpdate(
      id,
      update(2, {
        status: 'achieved',
        progress: 40,
        actualDate: { value: '2026-06', precision: 'month' },
      }),
      at(2),
      db,
    ),
  ).toEqual({ ok: true });
  const m = getMilestone(project.id, id, db)!;
  // Achieved counts as 100 % whatever was typed.
  expect(m).toMatchObject({ status: 'achieved', progress: 100, version: 3, actualDate: '2026-06' });
  const log = logOf(db, id);
  expect(log.map((u) => [u.fromStatus, u.toStatus, u.fromProgress, u.toProgress])).toEqual([
    [null, 'planned', null, 0],
    ['planned', 'in-progress', 0, 30],
    ['in-progress', 'achieved', 30, 100],
  ]);
  // The milestone's state is the last entry's.
  expect([log.at(-1)!.toStatus, log.at(-1)!.toProgress]).toEqual([m.status, m.progress]);
});

test('two people saving the same version: the second is refused and nothing of it is written', () => {
  const { db, project, id } = newMilestone();
  // A second connection to the same file, as a second server process would have.
  const other = openDatabase(db.$client.name);
  const first = addProgressUpdate(id, update(1, { progress: 25 }), at(1), db);
  const second = addProgressUpdate(id, update(1, { status: 'delayed', progress: 5 }), at(2), other);
  expect(first).toEqual({ ok: true });
  expect(second).toMatchObject({
    ok: false,
    reason: 'stale',
    current: { version: 2, status: 'in-progress', progress: 25 },
  });
  expect(getMilestone(project.id, id, other)).toMatchObject({
    status: 'in-progress',
    progress: 25,
  });
  expect(logOf(db, id)).toHaveLength(2);
  other.$client.close();
});

test('an update without a revised date keeps the one recorded before', () => {
  const { db, project, id } = newMilestone();
  addProgressUpdate(
    id,
    update(1, { status: 'delayed', revisedDate: { value: '2027-01', precision: 'month' } }),
    at(1),
    db,
  );
  addProgressUpdate(id, update(2, { status: 'delayed', progress: 50 }), at(2), db);
  expect(getMilestone(project.id, id, db)).toMatchObject({
    revisedDate: '2027-01',
    revisedPrecision: 'month',
    progress: 50,
  });
});

test('a milestone of another project, or none, is not found', () => {
  const { db, id } = newMilestone();
  const stranger = insertProject(db);
  expect(getMilestone(stranger.id, id, db)).toBeUndefined();
  expect(addProgressUpdate(id + 1000, update(1), at(1), db)).toEqual({
    ok: false,
    reason: 'not-found',
  });
});

test('the generated due_on column is the end of the revised period, else of the planned one', () => {
  const db = createTestDb();
  const project = insertProject(db);
  const cases: [string | null, DatePrecision | null, string | null, DatePrecision | null][] = [
    ['2025', 'year', null, null],
    ['2024-02', 'month', null, null],
    ['2025-02', 'month', null, null],
    ['2025-06-15', 'day', null, null],
    ['2025-06', 'month', '2026', 'year'],
    ['2025', 'year', '2025-11-30', 'day'],
    [null, null, '2030-12', 'month'],
    [null, null, null, null],
  ];
  for (const [plannedDate, plannedPrecision, revisedDate, revisedPrecision] of cases) {
    const row = db
      .insert(milestones)
      .values({
        projectId: project.id,
        title: 'x',
        kind: 'deliverable',
        plannedDate,
        plannedPrecision,
        revisedDate,
        revisedPrecision,
      })
      .returning()
      .get();
    const due = dueDate({ ...row, status: 'planned' });
    expect(row.dueOn, JSON.stringify([plannedDate, revisedDate])).toBe(due ? periodEnd(due) : null);
  }
});

test('the filtered milestone list is ordered by project title, then due date (undated last), paged, and shows every write', () => {
  const db = createTestDb();
  const zhejiang = insertProject(db, { title: 'Zhejiang buildings', type: 'bilateral' });
  const anhui = insertProject(db, { title: 'Anhui cement', type: 'regional' });
  const add = (projectId: number, title: string, planned: string | null) =>
    createMilestone(
      projectId,
      {
        title,
        kind: 'deliverable',
        plannedDate: planned ? { value: planned, precision: 'month' } : undefined,
        responsibleOrganisationId: null,
      },
      { ...at(0), by: 'Hub team' },
      db,
    ).id;
  add(zhejiang.id, 'Z late', '2027-01');
  add(zhejiang.id, 'Z undated', null);
  add(zhejiang.id, 'Z early', '2025-03');
  const aUndated = add(anhui.id, 'A undated', null);
  add(anhui.id, 'A mid', '2026-05');
  const all = (where = whereOf()) =>
    listFilteredMilestones(where, { limit: 100, offset: 0 }, db).map((m) => m.title);
  expect(all()).toEqual(['A mid', 'A undated', 'Z early', 'Z late', 'Z undated']);
  expect(countFilteredMilestones(whereOf(), db)).toBe(5);
  // A page is that stretch of the list; past the end, nothing.
  const where = whereOf();
  expect(listFilteredMilestones(where, { limit: 2, offset: 2 }, db).map((m) => m.title)).toEqual([
    'Z early',
    'Z late',
  ]);
  expect(listFilteredMilestones(where, { limit: 2, offset: 6 }, db)).toEqual([]);
  // The filter narrows it.
  const regional = whereOf('type=regional');
  expect(all(regional)).toEqual(['A mid', 'A undated']);
  expect(countFilteredMilestones(regional, db)).toBe(2);
  // The order is remembered per filter: a new milestone and a deletion show on the next read.
  add(anhui.id, 'A first', '2024-01');
  expect(all()).toEqual(['A first', 'A mid', 'A undated', 'Z early', 'Z late', 'Z undated']);
  expect(
    deleteMilestone(aUndated, 1, { at: at(1).at, actor: { id: null, name: 'T' } }, db),
  ).toMatchObject({
    ok: true,
  });
  expect(all(regional)).toEqual(['A first', 'A mid']);
  expect(countFilteredMilestones(regional, db)).toBe(2);
});
