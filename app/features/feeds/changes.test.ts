import { expect, test } from 'vitest';

import { auditLog, reportingRounds, reports } from '../../../db/schema';
import {
  createTestDb,
  insertOrganisation,
  insertProject,
  linkOrganisation,
} from '../../../db/test-factories';
import { parseFilter } from '../../core/filter/filter';
import { projectFilterSql } from '../../core/filter/project-filter.server';
import { listChanges } from './changes.server';

// listChanges reads the audit log newest first or by the scope's projects, whichever visits fewer
// entries; both ways must give the same answer, which the test computes from the rows it wrote.

const moment = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * 60_000).toISOString();

function portfolio() {
  const db = createTestDb();
  const projects = Array.from({ length: 100 }, (_, i) =>
    insertProject(db, { type: i % 10 < 3 ? 'bilateral' : 'regional' }),
  );
  const small = insertOrganisation(db);
  for (const p of projects.slice(0, 2))
    linkOrganisation(db, p.id, small.id, 'implementing-organisation');
  const entries: { at: string; projectId: number; id: number }[] = [];
  const write = (count: number) => {
    const rows = Array.from({ length: count }, (_, i) => {
      const n = entries.length + i;
      // A spread that is not in project order, and some entries of a project deleted since.
      const projectId = n % 17 === 0 ? 100_000 + n : projects[(n * 37) % projects.length]!.id;
      return {
        at: moment(n),
        userName: 'Test editor',
        action: 'update' as const,
        entity: 'project' as const,
        entityId: projectId,
        label: 'A project',
        projectId,
        changes: { summary: { from: 'a', to: `b${n}` } },
      };
    });
    db.transaction((tx) => {
      for (const row of rows) {
        const { id } = tx.insert(auditLog).values(row).returning({ id: auditLog.id }).get();
        entries.push({ at: row.at, projectId: row.projectId, id });
      }
    });
  };
  return { db, projects, small, entries, write };
}

const expected = (
  entries: { at: string; projectId: number; id: number }[],
  projectIds: number[],
  limit = 50,
) =>
  entries
    .filter((e) => projectIds.includes(e.projectId))
    .sort((a, b) => b.at.localeCompare(a.at) || b.id - a.id)
    .slice(0, limit)
    .map((e) => `audit-${e.id}`);

test('a filter’s changes are the same whether few or many entries make the log read by project or by time', () => {
  const { db, projects, entries, write } = portfolio();
  const bilateral = projects.filter((p) => p.type === 'bilateral').map((p) => p.id);
  const where = projectFilterSql(
    parseFilter(new URLSearchParams('type=bilateral')).filter,
    '2026-06-15',
  );
  const scope = { kind: 'filter' as const, where, isEmpty: false };
  write(40);
  expect(listChanges(scope, {}, db).map((c) => c.key)).toEqual(expected(entries, bilateral));
  write(3_000);
  const keys = listChanges(scope, {}, db).map((c) => c.key);
  expect(keys).toHaveLength(50);
  expect(keys).toEqual(expected(entries, bilateral));
  const since = entries[2_900]!.at;
  expect(listChanges(scope, { since }, db).map((c) => c.key)).toEqual(
    expected(
      entries.filter((e) => e.at >= since),
      bilateral,
      500,
    ),
  );
  // Every project (the entries of deleted projects left out) and one small organisation's two.
  const all = listChanges({ kind: 'filter', where: undefined, isEmpty: true }, {}, db);
  expect(all.map((c) => c.key)).toEqual(
    expected(
      entries,
      projects.map((p) => p.id),
    ),
  );
  expect(all.every((c) => c.kind === 'project-updated' && c.fields.includes('summary'))).toBe(true);
});

test('a small organisation’s changes are read by its projects, all of them however old', () => {
  const { db, projects, small, entries, write } = portfolio();
  write(3_000);
  const keys = listChanges({ kind: 'organisation', id: small.id }, {}, db).map((c) => c.key);
  expect(keys).toEqual(
    expected(
      entries,
      projects.slice(0, 2).map((p) => p.id),
    ),
  );
  expect(keys.length).toBeGreaterThan(20);
});

test('a report is listed while it is approved, never before or after', () => {
  const { db, projects } = portfolio();
  const round = db
    .insert(reportingRounds)
    .values({
      slug: 'r',
      title: 'Round',
      periodStart: '2026-01-01',
      periodEnd: '2026-05-31',
      dueOn: '2026-06-10',
      state: 'open',
      createdAt: moment(0),
    })
    .returning()
    .get();
  const report = db
    .insert(reports)
    .values({
      roundId: round.id,
      projectId: projects[0]!.id,
      state: 'submitted',
      language: 'en',
      texts: { en: { achievements: 'Trained 40 officials' } },
      submittedAt: moment(1),
    })
    .returning()
    .get();
  const scope = { kind: 'project' as const, id: projects[0]!.id };
  const listed = () => listChanges(scope, {}, db);
  expect(listed()).toEqual([]);
  db.$client
    .prepare(`UPDATE reports SET state = 'approved', approved_at = ? WHERE id = ?`)
    .run(moment(2), report.id);
  expect(listed().map((c) => [c.kind, c.report?.texts.en?.achievements])).toEqual([
    ['report-approved', 'Trained 40 officials'],
  ]);
  db.$client.prepare(`UPDATE reports SET state = 'returned' WHERE id = ?`).run(report.id);
  expect(listed()).toEqual([]);
});
