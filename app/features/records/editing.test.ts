import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';

import { projectColumns, projectEditSchema } from '../projects/project-forms';
import { openDatabase } from '../../../db/client.server';
import {
  auditLog,
  milestones,
  progressUpdates,
  projectSources,
  projects,
  sources,
} from '../../../db/schema';
import { createTestDb, insertOrganisation, insertProject } from '../../../db/test-factories';
import { listAuditLog, listRecordHistory } from './history.server';
import {
  createMilestone,
  deleteMilestone,
  getMilestoneForEdit,
  updateMilestone,
} from '../milestones/milestone-writes.server';
import {
  addProgressUpdate,
  deleteProgressUpdate,
  updateProgressUpdate,
} from '../milestones/progress-update-writes.server';
import {
  createProject,
  deleteProject,
  describeProjectReferences,
  getProjectForEdit,
  updateProject,
} from '../projects/project-writes.server';
import { searchPortfolio } from '../../core/search/search.server';

// Every kind of write through the hub: the audit entry it leaves, the version check, and what a
// delete takes with it. Real SQLite files; two connections stand for two server processes.

const editor = { id: null, name: 'Editor One' };
const who = (n = 1) => ({ at: `2026-06-15T10:00:0${n}.000Z`, actor: editor });
const auditOf = (db: ReturnType<typeof createTestDb>) =>
  db.select().from(auditLog).orderBy(auditLog.id).all();

/** The project form's values for a stored project, with some fields changed. */
function formValues(
  slug: string,
  db: ReturnType<typeof createTestDb>,
  over: Record<string, unknown>,
) {
  const p = getProjectForEdit(slug, db)!;
  const parsed = projectEditSchema.parse({
    version: p.version,
    title: p.title,
    type: p.type,
    programme: p.programme,
    ...over,
  });
  const { version: _v, changeSource: _s, ...values } = parsed;
  return projectColumns(values);
}

test('editing a project records who, when and only the changed fields, before and after', () => {
  const db = createTestDb();
  const project = insertProject(db, { title: 'Old title', type: 'bilateral', programme: 'IKI' });
  const result = updateProject(
    project.id,
    1,
    formValues(project.slug, db, { title: 'New title', titleZh: '新标题', startDate: '2024-03' }),
    who(1),
    db,
  );
  expect(result).toEqual({ ok: true, id: project.id, version: 2, changed: true });
  const [entry] = auditOf(db);
  expect(entry).toMatchObject({
    action: 'update',
    entity: 'project',
    entityId: project.id,
    projectId: project.id,
    userName: 'Editor One',
    at: '2026-06-15T10:00:01.000Z',
    label: 'New title',
  });
  expect(entry!.changes).toEqual({
    title: { from: 'Old title', to: 'New title' },
    titleZh: { from: null, to: '新标题' },
    startDate: { from: null, to: '2024-03' },
    startPrecision: { from: null, to: 'month' },
    startsOn: { from: null, to: '2024-03-01' },
  });
  expect(getProjectForEdit(project.slug, db)).toMatchObject({ version: 2, startsOn: '2024-03-01' });
});

test('saving unchanged values writes nothing and keeps the version', () => {
  const db = createTestDb();
  const project = insertProject(db, { title: 'Same', type: 'bilateral' });
  const result = updateProject(project.id, 1, formValues(project.slug, db, {}), who(), db);
  expect(result).toMatchObject({ ok: true, version: 1, changed: false });
  expect(auditOf(db)).toHaveLength(0);
});

test('a changed title loses the source that did not say it, or takes the one the editor gave', () => {
  const db = createTestDb();
  const source = db
    .insert(sources)
    .values({ slug: 's', url: 'https://example.org/a', title: 'A', retrievedOn: '2026-01-01' })
    .returning()
    .get();
  const project = insertProject(db, {
    title: 'T',
    titleSourceId: source.id,
    titleZhSourceId: source.id,
    titleZh: '中',
  });
  updateProject(
    project.id,
    1,
    formValues(project.slug, db, { title: 'T2', titleZh: '中' }),
    who(),
    db,
  );
  expect(getProjectForEdit(project.slug, db)).toMatchObject({
    titleSourceId: null,
    titleZhSourceId: source.id,
  });
  updateProject(
    project.id,
    2,
    formValues(project.slug, db, { title: 'T3', titleZh: '中' }),
    { ...who(2), sourceUrl: 'https://example.org/new' },
    db,
  );
  const edited = getProjectForEdit(project.slug, db)!;
  const given = db.select().from(sources).where(eq(sources.url, 'https://example.org/new')).get()!;
  expect(edited.titleSourceId).toBe(given.id);
  expect(
    db.select().from(projectSources).where(eq(projectSources.projectId, project.id)).all(),
  ).toHaveLength(1);
  expect(auditOf(db).at(-1)!.sourceUrl).toBe('https://example.org/new');
});

test('two editors saving the same project version: the second gets the saved copy and writes nothing', () => {
  const db = createTestDb();
  const project = insertProject(db, { title: 'Start', type: 'bilateral' });
  const other = openDatabase(db.$client.name);
  const first = updateProject(
    project.id,
    1,
    formValues(project.slug, db, { title: 'First' }),
    who(1),
    db,
  );
  const second = updateProject(
    project.id,
    1,
    formValues(project.slug, db, { title: 'Second' }),
    who(2),
    other,
  );
  expect(first).toMatchObject({ ok: true, version: 2 });
  expect(second).toMatchObject({
    ok: false,
    reason: 'stale',
    current: { title: 'First', version: 2 },
  });
  expect(getProjectForEdit(project.slug, other)!.title).toBe('First');
  expect(auditOf(db)).toHaveLength(1);
  other.$client.close();
});

test('a renamed project is found by search at once (the index refreshes after a write)', () => {
  const db = createTestDb();
  const project = insertProject(db, { title: 'Plain name', type: 'bilateral' });
  expect(searchPortfolio('zeppelin', 10, db)).toHaveLength(0);
  updateProject(
    project.id,
    1,
    formValues(project.slug, db, { title: 'Zeppelin efficiency' }),
    who(),
    db,
  );
  expect(searchPortfolio('zeppelin', 10, db).map((r) => r.slug)).toEqual([project.slug]);
});

test('creating a project records every field it was given', () => {
  const db = createTestDb();
  const parsed = projectEditSchema.parse({
    version: 1,
    title: 'Hand-entered',
    type: 'regional',
    programme: 'IKI',
    ikiFundingEur: 250000,
  });
  const { version: _v, changeSource: _s, ...values } = parsed;
  const { id } = createProject(
    'hand-entered',
    projectColumns(values),
    { ...who(), sourceUrl: 'https://example.org/p' },
    db,
  );
  const [entry] = auditOf(db);
  expect(entry).toMatchObject({ action: 'create', entity: 'project', entityId: id, projectId: id });
  expect(entry!.changes).toMatchObject({
    slug: { from: null, to: 'hand-entered' },
    title: { from: null, to: 'Hand-entered' },
    ikiFundingEur: { from: null, to: 250000 },
  });
  expect(entry!.changes).not.toHaveProperty('titleZh');
  expect(db.select().from(projects).where(eq(projects.id, id)).get()!.sourceId).not.toBeNull();
});

function projectWithMilestone(db = createTestDb()) {
  const project = insertProject(db, { title: 'With milestones' });
  const org = insertOrganisation(db);
  const { id } = createMilestone(
    project.id,
    {
      title: 'Baseline',
      kind: 'deliverable',
      plannedDate: { value: '2026-09', precision: 'month' },
      responsibleOrganisationId: org.id,
    },
    { at: who(0).at, by: 'Reporter', actor: editor },
    db,
  );
  return { db, project, org, milestoneId: id };
}

const milestoneEdit = (over: Partial<Parameters<typeof updateMilestone>[2]> = {}) => ({
  title: 'Baseline',
  titleZh: null,
  kind: 'deliverable' as const,
  plannedDate: '2026-09',
  plannedPrecision: 'month' as const,
  revisedDate: null,
  revisedPrecision: null,
  responsibleOrganisationId: null,
  evidenceUrl: null,
  note: null,
  isDerived: false,
  ...over,
});

test('adding a milestone, a progress update, and editing both leave one audit entry each', () => {
  const { db, project, milestoneId } = projectWithMilestone();
  addProgressUpdate(
    milestoneId,
    {
      version: 1,
      status: 'in-progress',
      progress: 40,
      recordedBy: 'Reporter',
      comment: 'Half way',
    },
    { at: who(1).at, actor: editor },
    db,
  );
  const m = getMilestoneForEdit(project.id, milestoneId, db)!;
  updateMilestone(
    milestoneId,
    m.version,
    milestoneEdit({ revisedDate: '2026-12', revisedPrecision: 'month' }),
    who(2),
    db,
  );
  const update = db
    .select()
    .from(progressUpdates)
    .where(eq(progressUpdates.milestoneId, milestoneId))
    .all()
    .at(-1)!;
  updateProgressUpdate(
    update.id,
    1,
    { comment: 'Half way, field work done', recordedBy: 'Reporter' },
    { ...who(3), projectId: project.id, label: 'Baseline' },
    db,
  );
  const entries = auditOf(db);
  expect(entries.map((e) => [e.action, e.entity])).toEqual([
    ['create', 'milestone'],
    ['create', 'progress-update'],
    ['update', 'milestone'],
    ['update', 'progress-update'],
  ]);
  expect(entries.every((e) => e.projectId === project.id)).toBe(true);
  // Only what the update changed: the milestone's other fields were not touched.
  expect(entries[1]!.changes).toEqual({
    status: { from: 'planned', to: 'in-progress' },
    progress: { from: 0, to: 40 },
    comment: { from: null, to: 'Half way' },
  });
  expect(entries[2]!.changes).toEqual({
    responsibleOrganisationId: { from: expect.any(Number), to: null },
    revisedDate: { from: null, to: '2026-12' },
    revisedPrecision: { from: null, to: 'month' },
  });
  expect(entries[3]!.changes).toEqual({
    comment: { from: 'Half way', to: 'Half way, field work done' },
  });
  // The project's history shows all four, newest first.
  expect(listRecordHistory({ project: project.id }, db).map((e) => e.entity)).toEqual([
    'progress-update',
    'milestone',
    'progress-update',
    'milestone',
  ]);
});

test('two editors on one milestone: the second edit is refused, zero lost updates', () => {
  const { db, project, milestoneId } = projectWithMilestone();
  const other = openDatabase(db.$client.name);
  const a = updateMilestone(milestoneId, 1, milestoneEdit({ title: 'Baseline (A)' }), who(1), db);
  const b = updateMilestone(milestoneId, 1, milestoneEdit({ note: 'B’s note' }), who(2), other);
  expect(a).toMatchObject({ ok: true, version: 2 });
  expect(b).toMatchObject({
    ok: false,
    reason: 'stale',
    current: { version: 2, title: 'Baseline (A)' },
  });
  // B saves again on the version the 409 showed: both changes are now in, none lost.
  const c = updateMilestone(
    milestoneId,
    2,
    milestoneEdit({ title: 'Baseline (A)', note: 'B’s note' }),
    who(3),
    other,
  );
  expect(c).toMatchObject({ ok: true, version: 3 });
  expect(getMilestoneForEdit(project.id, milestoneId, db)).toMatchObject({
    title: 'Baseline (A)',
    note: 'B’s note',
  });
  other.$client.close();
});

test('deleting a milestone takes its progress log with it and the audit keeps its values', () => {
  const { db, project, milestoneId } = projectWithMilestone();
  expect(deleteMilestone(milestoneId, 7, who(1), db)).toMatchObject({ ok: false, reason: 'stale' });
  expect(deleteMilestone(milestoneId, 1, who(2), db)).toMatchObject({ ok: true });
  expect(db.select().from(milestones).where(eq(milestones.id, milestoneId)).all()).toHaveLength(0);
  expect(
    db.select().from(progressUpdates).where(eq(progressUpdates.milestoneId, milestoneId)).all(),
  ).toHaveLength(0);
  const entry = auditOf(db).at(-1)!;
  expect(entry).toMatchObject({
    action: 'delete',
    entity: 'milestone',
    projectId: project.id,
    label: 'Baseline',
  });
  expect(entry.changes).toMatchObject({
    title: { from: 'Baseline', to: null },
    progressUpdates: { from: 1, to: 0 },
  });
});

test('deleting a progress update removes only that entry; the milestone keeps its state', () => {
  const { db, project, milestoneId } = projectWithMilestone();
  addProgressUpdate(
    milestoneId,
    { version: 1, status: 'delayed', progress: 10, recordedBy: 'R' },
    who(1),
    db,
  );
  const entry = db
    .select()
    .from(progressUpdates)
    .where(eq(progressUpdates.toStatus, 'delayed'))
    .get()!;
  expect(
    deleteProgressUpdate(entry.id, 1, { ...who(2), projectId: project.id, label: 'Baseline' }, db),
  ).toMatchObject({ ok: true });
  expect(
    db.select().from(progressUpdates).where(eq(progressUpdates.milestoneId, milestoneId)).all(),
  ).toHaveLength(1);
  expect(getMilestoneForEdit(project.id, milestoneId, db)).toBeDefined();
  expect(db.select().from(milestones).where(eq(milestones.id, milestoneId)).get()!.status).toBe(
    'delayed',
  );
  expect(auditOf(db).at(-1)).toMatchObject({
    action: 'delete',
    entity: 'progress-update',
    entityId: entry.id,
  });
});

test('deleting a project says and does what it affects, and its history survives it', () => {
  const { db, project } = projectWithMilestone();
  const successor = insertProject(db, { predecessorId: project.id });
  expect(describeProjectReferences(project.id, db)).toMatchObject({
    milestones: 1,
    progressUpdates: 1,
    phases: [{ slug: successor.slug }],
  });
  expect(deleteProject(project.id, 1, who(5), db)).toMatchObject({ ok: true });
  expect(getProjectForEdit(project.slug, db)).toBeUndefined();
  expect(
    db.select().from(projects).where(eq(projects.id, successor.id)).get()!.predecessorId,
  ).toBeNull();
  expect(db.select().from(milestones).all()).toHaveLength(0);
  const history = listRecordHistory({ project: project.id }, db);
  expect(history[0]).toMatchObject({ action: 'delete', entity: 'project' });
  expect(history.map((e) => e.entity)).toContain('milestone');
});

test('the admin log filters by record kind, action and period and pages', () => {
  const { db, project, milestoneId } = projectWithMilestone();
  updateMilestone(milestoneId, 1, milestoneEdit({ title: 'Renamed' }), who(1), db);
  updateProject(
    project.id,
    1,
    formValues(project.slug, db, { title: 'Renamed project' }),
    who(2),
    db,
  );
  const page = { limit: 10, offset: 0 };
  expect(listAuditLog({}, page, db).total).toBe(3);
  expect(listAuditLog({ entity: 'milestone' }, page, db).total).toBe(2);
  expect(
    listAuditLog({ action: 'update', entity: 'project' }, page, db).entries.map((e) => e.label),
  ).toEqual(['Renamed project']);
  expect(listAuditLog({ from: '2026-06-16' }, page, db).total).toBe(0);
  expect(listAuditLog({ to: '2026-06-15' }, page, db).total).toBe(3);
  expect(listAuditLog({}, { limit: 2, offset: 2 }, db).entries).toHaveLength(1);
});
