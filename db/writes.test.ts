import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';

import type { Db } from './client.server';
import { dataStamp } from './query-cache.server';
import { auditLog, projects } from './schema';
import { createTestDb, insertProject } from './test-factories';
import { createAudited, deleteVersioned, diffFields } from './writes.server';

const who = {
  at: '2026-06-15T10:00:00.000Z',
  actor: { id: null, name: 'Test editor' },
  sourceUrl: 'https://example.org/where-it-was-read',
};

/** A project created through createAudited, as the project form creates one. */
const createProjectRow = (db: Db, slug: string) =>
  createAudited(db, who, {
    insert: (tx) =>
      tx
        .insert(projects)
        .values({ slug, title: 'Clean Air' })
        .returning({ id: projects.id, slug: projects.slug })
        .get(),
    audit: (_tx, row) => ({
      entity: 'project',
      label: 'Clean Air',
      projectId: row.id,
      changes: diffFields(null, { slug, title: 'Clean Air' }),
    }),
  });

test('creating writes the row and its create entry together, then refreshes the caches', () => {
  const db = createTestDb();
  const stamp = dataStamp(db);
  const row = createProjectRow(db, 'clean-air');
  expect(db.select().from(projects).where(eq(projects.id, row.id)).get()).toMatchObject({
    slug: 'clean-air',
    title: 'Clean Air',
  });
  expect(db.select().from(auditLog).all()).toEqual([
    {
      id: expect.any(Number),
      at: who.at,
      userId: null,
      userName: 'Test editor',
      action: 'create',
      entity: 'project',
      entityId: row.id,
      label: 'Clean Air',
      projectId: row.id,
      changes: { slug: { from: null, to: 'clean-air' }, title: { from: null, to: 'Clean Air' } },
      sourceUrl: who.sourceUrl,
    },
  ]);
  expect(dataStamp(db)).not.toBe(stamp);
});

test('when the audit entry cannot be written, the row is not written either', () => {
  const db = createTestDb();
  db.$client.exec(
    `CREATE TEMP TRIGGER refuse_audit BEFORE INSERT ON audit_log
       BEGIN SELECT RAISE(ABORT, 'audit log refused'); END`,
  );
  const stamp = dataStamp(db);
  expect(() => createProjectRow(db, 'clean-air')).toThrow('audit log refused');
  expect(db.select().from(projects).all()).toEqual([]);
  expect(db.select().from(auditLog).all()).toEqual([]);
  // Nothing was written, so nothing cached is out of date.
  expect(dataStamp(db)).toBe(stamp);
});

test('a delete at a version that is no longer current is refused and deletes nothing', () => {
  const db = createTestDb();
  const project = insertProject(db, { title: 'Clean Air' });
  const remove = (version: number) =>
    deleteVersioned(db, who, {
      id: project.id,
      version,
      read: (tx) => tx.select().from(projects).where(eq(projects.id, project.id)).get(),
      remove: (tx, current) => {
        tx.delete(projects).where(eq(projects.id, project.id)).run();
        return {
          entity: 'project',
          label: current.title,
          projectId: project.id,
          changes: { title: { from: current.title, to: null } },
        };
      },
    });
  expect(remove(project.version + 1)).toMatchObject({ ok: false, reason: 'stale' });
  expect(db.select().from(projects).all()).toHaveLength(1);
  expect(db.select().from(auditLog).all()).toEqual([]);
  expect(remove(project.version)).toEqual({
    ok: true,
    id: project.id,
    version: project.version,
    changed: true,
  });
  expect(db.select().from(projects).all()).toEqual([]);
  expect(db.select().from(auditLog).all()).toMatchObject([
    { action: 'delete', entity: 'project', entityId: project.id, sourceUrl: null },
  ]);
  expect(remove(project.version)).toEqual({ ok: false, reason: 'not-found' });
});
