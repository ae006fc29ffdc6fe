import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';

import type { OrganisationColumns } from './organisation-forms';
import type { AuditEntity } from '../../../db/vocabulary';
import { type Db, openDatabase } from '../../../db/client.server';
import {
  auditLog,
  milestones,
  organisations,
  projectOrganisations,
  sources,
  users,
} from '../../../db/schema';
import {
  createTestDb,
  insertOrganisation,
  insertProject,
  linkOrganisation,
} from '../../../db/test-factories';
import {
  createOrganisation,
  deleteOrganisation,
  describeOrganisationReferences,
  getOrganisationForEdit,
  getOrganisationFormOptions,
  updateOrganisation,
} from './organisation-writes.server';
import { listOrganisationSummaries } from './organisations.server';
import { searchPortfolio } from '../../core/search/search.server';

const who = (minute: number, sourceUrl: string | null = null) => ({
  at: `2026-06-15T10:${String(minute).padStart(2, '0')}:00.000Z`,
  actor: { id: null, name: 'Test editor' },
  sourceUrl,
});

const values = (overrides: Partial<OrganisationColumns> = {}): OrganisationColumns => ({
  name: 'National Center for Climate Change Strategy and International Cooperation',
  acronym: 'NCSC',
  nameZh: null,
  nameDe: null,
  kind: 'agency',
  countryCode: 'CN',
  isInternational: false,
  successor: null,
  successionYear: null,
  ...overrides,
});

const auditOf = (db: Db, entity: AuditEntity, id: number) =>
  db
    .select()
    .from(auditLog)
    .all()
    .filter((e) => e.entity === entity && e.entityId === id);

const stored = (db: Db, id: number) =>
  db.select().from(organisations).where(eq(organisations.id, id)).get();

test('creating an organisation stores it with its successor and audits every field it sets', () => {
  const db = createTestDb();
  insertOrganisation(db, { slug: 'mee', name: 'Ministry of Ecology and Environment' });
  const url = 'https://example.org/ncsc';
  const { id } = createOrganisation(
    'ncsc',
    values({
      nameZh: '国家应对气候变化战略研究和国际合作中心',
      successor: 'mee',
      successionYear: 2024,
    }),
    who(1, url),
    db,
  );
  const source = db.select().from(sources).where(eq(sources.url, url)).get()!;
  expect(stored(db, id)).toMatchObject({ sourceId: source.id, nameZhSourceId: source.id });
  expect(getOrganisationForEdit('ncsc', db)).toMatchObject({
    version: 1,
    successor: 'mee',
    successionYear: 2024,
  });
  const [entry, ...more] = auditOf(db, 'organisation', id);
  expect(more).toEqual([]);
  expect(entry).toMatchObject({ action: 'create', label: values().name, sourceUrl: url });
  expect(entry!.projectId).toBeNull();
  expect(entry!.changes).toEqual({
    slug: { from: null, to: 'ncsc' },
    name: { from: null, to: values().name },
    acronym: { from: null, to: 'NCSC' },
    nameZh: { from: null, to: '国家应对气候变化战略研究和国际合作中心' },
    kind: { from: null, to: 'agency' },
    countryCode: { from: null, to: 'CN' },
    isInternational: { from: null, to: false },
    successor: { from: null, to: 'mee' },
    successionYear: { from: null, to: 2024 },
  });
});

test('an update audits only the changed fields; a new Chinese name drops the old source and note', () => {
  const db = createTestDb();
  const url = 'https://example.org/first';
  const { id } = createOrganisation('ncsc', values({ nameZh: '旧名' }), who(1, url), db);
  db.update(organisations)
    .set({ nameZhNote: 'Page text: "旧名"' })
    .where(eq(organisations.id, id))
    .run();

  // Without a source: the new Chinese name has none, and the quoted note no longer applies.
  const outcome = updateOrganisation(
    id,
    1,
    values({ nameZh: '新名', nameDe: 'Nationales Zentrum' }),
    who(2),
    db,
  );
  expect(outcome).toEqual({ ok: true, id, version: 2, changed: true });
  expect(stored(db, id)).toMatchObject({ nameZh: '新名', nameZhSourceId: null, nameZhNote: null });
  const update = auditOf(db, 'organisation', id).find((e) => e.action === 'update')!;
  expect(update.changes).toEqual({
    nameZh: { from: '旧名', to: '新名' },
    nameDe: { from: null, to: 'Nationales Zentrum' },
  });

  // With a source: the new Chinese name takes it; a change elsewhere leaves the name's source.
  const second = 'https://example.org/second';
  updateOrganisation(
    id,
    2,
    values({ nameZh: '第三名', nameDe: 'Nationales Zentrum' }),
    who(3, second),
    db,
  );
  const secondId = db.select().from(sources).where(eq(sources.url, second)).get()!.id;
  expect(stored(db, id)!.nameZhSourceId).toBe(secondId);
  updateOrganisation(
    id,
    3,
    values({ nameZh: '第三名', acronym: 'NCSC-CN', nameDe: 'Nationales Zentrum' }),
    who(4, url),
    db,
  );
  expect(stored(db, id)!.nameZhSourceId).toBe(secondId);
});

test('two people saving the same version: the second is refused and nothing of it is written', () => {
  const db = createTestDb();
  const { id } = createOrganisation('ncsc', values(), who(1), db);
  // A second connection to the same file, as a second server process would have.
  const other = openDatabase(db.$client.name);
  const first = updateOrganisation(id, 1, values({ acronym: 'NCSC-1' }), who(2), db);
  const second = updateOrganisation(
    id,
    1,
    values({ acronym: 'NCSC-2', kind: 'partner' }),
    who(3),
    other,
  );
  expect(first).toMatchObject({ ok: true, version: 2 });
  expect(second).toMatchObject({
    ok: false,
    reason: 'stale',
    current: { version: 2, acronym: 'NCSC-1', kind: 'agency' },
  });
  expect(getOrganisationForEdit('ncsc', other)).toMatchObject({
    acronym: 'NCSC-1',
    kind: 'agency',
  });
  expect(auditOf(db, 'organisation', id).map((e) => e.action)).toEqual(['create', 'update']);
  other.$client.close();
});

test('the search finds a renamed organisation under its new name once it is saved', () => {
  const db = createTestDb();
  const { id } = createOrganisation('ncsc', values(), who(1), db);
  expect(searchPortfolio('Climate Change Strategy', 10, db).map((r) => r.slug)).toEqual(['ncsc']);
  updateOrganisation(id, 1, values({ name: 'Low-carbon Transition Institute' }), who(2), db);
  expect(searchPortfolio('Low-carbon Transition Institute', 10, db).map((r) => r.slug)).toEqual([
    'ncsc',
  ]);
  expect(searchPortfolio('Climate Change Strategy', 10, db)).toEqual([]);
});

test('an organisation it preceded, directly or not, is offered as a loop to refuse', () => {
  const db = createTestDb();
  const bmuv = insertOrganisation(db, { slug: 'bmuv' });
  const bmu = insertOrganisation(db, { slug: 'bmu', successorId: bmuv.id });
  insertOrganisation(db, { slug: 'bmub', successorId: bmu.id });
  insertOrganisation(db, { slug: 'giz' });
  expect(getOrganisationFormOptions(bmuv.id, db).predecessorSlugs.sort()).toEqual(['bmu', 'bmub']);
  expect(getOrganisationFormOptions(bmu.id, db).predecessorSlugs).toEqual(['bmub']);
  expect(getOrganisationFormOptions(null, db).predecessorSlugs).toEqual([]);
});

/** BMU with a project, a milestone it is responsible for, an account and a predecessor. */
function organisationWithReferences() {
  const db = createTestDb();
  const bmu = insertOrganisation(db, { slug: 'bmu', name: 'BMU', acronym: 'BMU' });
  const bmub = insertOrganisation(db, {
    slug: 'bmub',
    name: 'BMUB',
    successorId: bmu.id,
    successionYear: 2018,
    successionNote: 'Renamed in 2018.',
  });
  const giz = insertOrganisation(db, { slug: 'giz', name: 'GIZ' });
  const ets = insertProject(db, { slug: 'ets', title: 'ETS' });
  const sgep = insertProject(db, { slug: 'sgep', title: 'SGEP' });
  linkOrganisation(db, ets.id, bmu.id, 'commissioning-ministry');
  linkOrganisation(db, ets.id, bmu.id, 'mentioned');
  linkOrganisation(db, sgep.id, bmu.id, 'commissioning-ministry');
  linkOrganisation(db, sgep.id, giz.id, 'implementing-organisation');
  const milestone = db
    .insert(milestones)
    .values({
      projectId: ets.id,
      title: 'Kick-off',
      kind: 'kick-off',
      responsibleOrganisationId: bmu.id,
    })
    .returning()
    .get();
  const user = db
    .insert(users)
    .values({
      email: 'li@example.org',
      name: 'Li',
      passwordHash: 'x',
      role: 'implementer',
      organisationId: bmu.id,
      createdAt: '2026-01-01T00:00:00.000Z',
    })
    .returning()
    .get();
  return { db, bmu, bmub, giz, ets, sgep, milestone, user };
}

test('deleting an organisation does what its description said, with a history entry for each', () => {
  const { db, bmu, bmub, giz, ets, sgep, milestone, user } = organisationWithReferences();
  expect(describeOrganisationReferences(bmu.id, db)).toEqual({
    projects: [
      { slug: 'ets', title: 'ETS' },
      { slug: 'sgep', title: 'SGEP' },
    ],
    milestones: 1,
    users: 1,
    predecessors: [{ slug: 'bmub', name: 'BMUB', acronym: null }],
  });
  expect(deleteOrganisation(bmu.id, 2, who(1), db)).toMatchObject({ ok: false, reason: 'stale' });
  expect(deleteOrganisation(bmu.id, 1, who(2), db)).toEqual({
    ok: true,
    id: bmu.id,
    version: 1,
    changed: true,
  });

  expect(stored(db, bmu.id)).toBeUndefined();
  expect(db.select().from(projectOrganisations).all()).toEqual([
    expect.objectContaining({ projectId: sgep.id, organisationId: giz.id }),
  ]);
  expect(db.select().from(milestones).where(eq(milestones.id, milestone.id)).get()).toMatchObject({
    responsibleOrganisationId: null,
    version: 2,
  });
  expect(db.select().from(users).where(eq(users.id, user.id)).get()!.organisationId).toBeNull();
  expect(stored(db, bmub.id)).toMatchObject({
    successorId: null,
    successionYear: null,
    successionNote: null,
    version: 2,
  });

  const deleted = auditOf(db, 'organisation', bmu.id).find((e) => e.action === 'delete')!;
  expect(deleted.changes).toMatchObject({
    name: { from: 'BMU', to: null },
    projects: { from: ['ets', 'sgep'], to: [] },
    milestones: { from: 1, to: 0 },
    users: { from: 1, to: 0 },
    predecessors: { from: ['bmub'], to: [] },
  });
  // Each project's history shows its link going; the milestone's and BMUB's show the lost pointer.
  const links = auditOf(db, 'project-organisation', bmu.id);
  expect(links.map((l) => [l.projectId, l.action, l.changes.role?.from]).sort()).toEqual(
    [
      [ets.id, 'delete', 'commissioning-ministry'],
      [ets.id, 'delete', 'mentioned'],
      [sgep.id, 'delete', 'commissioning-ministry'],
    ].sort(),
  );
  expect(auditOf(db, 'milestone', milestone.id)).toMatchObject([
    {
      action: 'update',
      projectId: ets.id,
      changes: { responsibleOrganisationId: { from: bmu.id, to: null } },
    },
  ]);
  expect(auditOf(db, 'organisation', bmub.id)).toMatchObject([
    {
      action: 'update',
      changes: { successor: { from: 'bmu', to: null }, successionYear: { from: 2018, to: null } },
    },
  ]);
});

test('a delete that fails halfway leaves every link, pointer and account as it was', () => {
  const { db, bmu, bmub, milestone, user } = organisationWithReferences();
  const auditBefore = db.select().from(auditLog).all().length;
  // The last step, removing the organisation row, is refused by the database.
  db.$client.exec(`CREATE TEMP TRIGGER refuse BEFORE DELETE ON organisations
    BEGIN SELECT RAISE(ABORT, 'refused'); END`);
  expect(() => deleteOrganisation(bmu.id, 1, who(1), db)).toThrow('refused');
  expect(stored(db, bmu.id)).toMatchObject({ version: 1 });
  expect(
    db
      .select()
      .from(projectOrganisations)
      .where(eq(projectOrganisations.organisationId, bmu.id))
      .all(),
  ).toHaveLength(3);
  expect(db.select().from(milestones).where(eq(milestones.id, milestone.id)).get()).toMatchObject({
    responsibleOrganisationId: bmu.id,
    version: 1,
  });
  expect(db.select().from(users).where(eq(users.id, user.id)).get()!.organisationId).toBe(bmu.id);
  expect(stored(db, bmub.id)).toMatchObject({
    successorId: bmu.id,
    successionYear: 2018,
    version: 1,
  });
  expect(db.select().from(auditLog).all()).toHaveLength(auditBefore);
});

test('the organisation list, remembered between reads, shows every save and delete', () => {
  const db = createTestDb();
  const { id } = createOrganisation('ncsc', values(), who(1), db);
  const names = () => listOrganisationSummaries(db).map((o) => `${o.slug}: ${o.acronym ?? o.name}`);
  expect(names()).toEqual(['ncsc: NCSC']);
  expect(names()).toEqual(['ncsc: NCSC']);
  updateOrganisation(id, 1, values({ acronym: 'NCSC-2' }), who(2), db);
  expect(names()).toEqual(['ncsc: NCSC-2']);
  createOrganisation(
    'mee',
    values({ name: 'Ministry of Ecology and Environment', acronym: 'MEE' }),
    who(3),
    db,
  );
  expect(names()).toEqual(['mee: MEE', 'ncsc: NCSC-2']);
  deleteOrganisation(id, 2, who(4), db);
  expect(names()).toEqual(['mee: MEE']);
});
