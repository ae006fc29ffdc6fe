import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';

import { EMPTY_FILTER } from '../../core/filter/filter';
import {
  auditLog,
  projectLocations,
  projectOrganisations,
  projectTopics,
} from '../../../db/schema';
import {
  createTestDb,
  insertOrganisation,
  insertPlace,
  insertProject,
  insertProvince,
  insertTopic,
} from '../../../db/test-factories';
import { getProjectFacets } from '../../core/filter/facets.server';
import { countProjects } from './projects.server';
import { projectFilterSql } from '../../core/filter/project-filter.server';
import {
  addProjectLocation,
  addProjectOrganisation,
  addProjectTopic,
  removeProjectLocation,
  removeProjectOrganisation,
  removeProjectTopic,
} from './project-link-writes.server';
import { listLinkChoices, listProjectLinks } from './project-links.server';

const TODAY = '2026-06-15';
const who = { at: '2026-06-15T10:00:00.000Z', actor: { id: null, name: 'Editor Eva' } };

const auditOf = (db: ReturnType<typeof createTestDb>) =>
  db
    .select({
      action: auditLog.action,
      entity: auditLog.entity,
      entityId: auditLog.entityId,
      projectId: auditLog.projectId,
      label: auditLog.label,
      userName: auditLog.userName,
      changes: auditLog.changes,
    })
    .from(auditLog)
    .orderBy(auditLog.id)
    .all();

test('adding an organisation in a role links it and writes one audit entry with its fields', () => {
  const db = createTestDb();
  const project = insertProject(db);
  const giz = insertOrganisation(db, { name: 'Deutsche Gesellschaft', acronym: 'GIZ' });
  const result = addProjectOrganisation(
    project.id,
    {
      organisationId: giz.id,
      role: 'implementing-organisation',
      nameAsWritten: 'GIZ GmbH',
      asStatedBy: null,
    },
    who,
    db,
  );
  expect(result).toEqual({ ok: true });
  expect(listProjectLinks(project.id, db).organisations).toMatchObject([
    { slug: giz.slug, role: 'implementing-organisation', nameAsWritten: 'GIZ GmbH' },
  ]);
  expect(auditOf(db)).toEqual([
    {
      action: 'create',
      entity: 'project-organisation',
      entityId: giz.id,
      projectId: project.id,
      label: 'GIZ — Implementing organisation',
      userName: 'Editor Eva',
      changes: {
        organisationId: { from: null, to: giz.id },
        role: { from: null, to: 'implementing-organisation' },
        nameAsWritten: { from: null, to: 'GIZ GmbH' },
      },
    },
  ]);
});

test('the same organisation in the same role is refused without writing; another role is fine', () => {
  const db = createTestDb();
  const project = insertProject(db);
  const org = insertOrganisation(db);
  const link = (role: 'implementing-organisation' | 'implementing-partner') => ({
    organisationId: org.id,
    role,
    nameAsWritten: null,
    asStatedBy: null,
  });
  expect(addProjectOrganisation(project.id, link('implementing-partner'), who, db).ok).toBe(true);
  expect(addProjectOrganisation(project.id, link('implementing-partner'), who, db)).toEqual({
    ok: false,
    reason: 'duplicate',
  });
  expect(auditOf(db)).toHaveLength(1);
  expect(addProjectOrganisation(project.id, link('implementing-organisation'), who, db).ok).toBe(
    true,
  );
  expect(
    db
      .select()
      .from(projectOrganisations)
      .where(eq(projectOrganisations.projectId, project.id))
      .all(),
  ).toHaveLength(2);
  expect(auditOf(db)).toHaveLength(2);
});

test('removing an organisation link drops only that role and records what the link said', () => {
  const db = createTestDb();
  const project = insertProject(db);
  const org = insertOrganisation(db, { name: 'Energy Foundation', acronym: null });
  for (const role of ['implementing-partner', 'mentioned'] as const) {
    addProjectOrganisation(
      project.id,
      { organisationId: org.id, role, nameAsWritten: null, asStatedBy: 'GIZ page 1' },
      who,
      db,
    );
  }
  expect(
    removeProjectOrganisation(project.id, { organisationId: org.id, role: 'mentioned' }, who, db),
  ).toEqual({ ok: true });
  expect(listProjectLinks(project.id, db).organisations.map((o) => o.role)).toEqual([
    'implementing-partner',
  ]);
  expect(auditOf(db).at(-1)).toEqual({
    action: 'delete',
    entity: 'project-organisation',
    entityId: org.id,
    projectId: project.id,
    label: 'Energy Foundation — Also mentioned',
    userName: 'Editor Eva',
    changes: {
      organisationId: { from: org.id, to: null },
      role: { from: 'mentioned', to: null },
      asStatedBy: { from: 'GIZ page 1', to: null },
    },
  });
  expect(
    removeProjectOrganisation(project.id, { organisationId: org.id, role: 'mentioned' }, who, db),
  ).toEqual({ ok: false, reason: 'not-found' });
  expect(auditOf(db)).toHaveLength(3);
});

test('an organisation, topic or project that does not exist is not found and nothing is written', () => {
  const db = createTestDb();
  const project = insertProject(db);
  const org = insertOrganisation(db);
  const topic = insertTopic(db);
  const none = { nameAsWritten: null, asStatedBy: null, role: 'mentioned' as const };
  expect(addProjectOrganisation(project.id, { organisationId: 9999, ...none }, who, db)).toEqual({
    ok: false,
    reason: 'not-found',
  });
  expect(addProjectOrganisation(9999, { organisationId: org.id, ...none }, who, db)).toEqual({
    ok: false,
    reason: 'not-found',
  });
  expect(addProjectTopic(project.id, { topicId: 9999, reason: null }, who, db).ok).toBe(false);
  expect(addProjectTopic(9999, { topicId: topic.id, reason: null }, who, db).ok).toBe(false);
  expect(addProjectLocation(project.id, { kind: 'place', placeId: 9999 }, who, db).ok).toBe(false);
  expect(
    addProjectLocation(project.id, { kind: 'province', provinceCode: 'CN-XX' }, who, db).ok,
  ).toBe(false);
  expect(auditOf(db)).toEqual([]);
  expect(db.select().from(projectLocations).all()).toEqual([]);
});

test('a topic is added with its reason, refused twice, and removed, each write audited once', () => {
  const db = createTestDb();
  const project = insertProject(db);
  const topic = insertTopic(db, { name: 'Gender' });
  expect(
    addProjectTopic(project.id, { topicId: topic.id, reason: 'Has a gender strategy.' }, who, db),
  ).toEqual({ ok: true });
  expect(addProjectTopic(project.id, { topicId: topic.id, reason: null }, who, db)).toEqual({
    ok: false,
    reason: 'duplicate',
  });
  expect(listProjectLinks(project.id, db).topics).toMatchObject([
    { slug: topic.slug, name: 'Gender', reason: 'Has a gender strategy.' },
  ]);
  expect(removeProjectTopic(project.id, topic.id, who, db)).toEqual({ ok: true });
  expect(removeProjectTopic(project.id, topic.id, who, db)).toEqual({
    ok: false,
    reason: 'not-found',
  });
  expect(db.select().from(projectTopics).all()).toEqual([]);
  const entry = {
    entity: 'project-topic',
    entityId: topic.id,
    projectId: project.id,
    label: 'Gender',
    userName: 'Editor Eva',
  };
  expect(auditOf(db)).toEqual([
    {
      action: 'create',
      ...entry,
      changes: {
        topicId: { from: null, to: topic.id },
        reason: { from: null, to: 'Has a gender strategy.' },
      },
    },
    {
      action: 'delete',
      ...entry,
      changes: {
        topicId: { from: topic.id, to: null },
        reason: { from: 'Has a gender strategy.', to: null },
      },
    },
  ]);
});

test('a place, a province and the whole country are added as locations, each audited by its id', () => {
  const db = createTestDb();
  const project = insertProject(db);
  const anhui = insertProvince(db, { code: 'CN-AH', nameEn: 'Anhui', nameZh: '安徽' });
  const hefei = insertPlace(db, { nameEn: 'Hefei', provinceCode: anhui.code });
  expect(addProjectLocation(project.id, { kind: 'place', placeId: hefei.id }, who, db).ok).toBe(
    true,
  );
  expect(
    addProjectLocation(project.id, { kind: 'province', provinceCode: 'CN-AH' }, who, db).ok,
  ).toBe(true);
  expect(addProjectLocation(project.id, { kind: 'country', countryCode: 'CN' }, who, db).ok).toBe(
    true,
  );
  const locations = listProjectLinks(project.id, db).locations;
  expect(locations).toMatchObject([
    { kind: 'place', placeSlug: hefei.slug, placeNameEn: 'Hefei', provinceNameEn: 'Anhui' },
    { kind: 'province', provinceCode: 'CN-AH', provinceNameEn: 'Anhui', placeSlug: null },
    { kind: 'country', countryCode: 'CN', provinceCode: null },
  ]);
  expect(auditOf(db)).toEqual([
    {
      action: 'create',
      entity: 'project-location',
      entityId: locations[0]!.id,
      projectId: project.id,
      label: 'Hefei',
      userName: 'Editor Eva',
      changes: { kind: { from: null, to: 'place' }, placeId: { from: null, to: hefei.id } },
    },
    {
      action: 'create',
      entity: 'project-location',
      entityId: locations[1]!.id,
      projectId: project.id,
      label: 'Anhui',
      userName: 'Editor Eva',
      changes: { kind: { from: null, to: 'province' }, provinceCode: { from: null, to: 'CN-AH' } },
    },
    {
      action: 'create',
      entity: 'project-location',
      entityId: locations[2]!.id,
      projectId: project.id,
      label: 'China',
      userName: 'Editor Eva',
      changes: { kind: { from: null, to: 'country' }, countryCode: { from: null, to: 'CN' } },
    },
  ]);
});

test('a location the project already has is refused without writing', () => {
  const db = createTestDb();
  const project = insertProject(db);
  const other = insertProject(db);
  const place = insertPlace(db);
  expect(addProjectLocation(project.id, { kind: 'place', placeId: place.id }, who, db).ok).toBe(
    true,
  );
  expect(addProjectLocation(project.id, { kind: 'place', placeId: place.id }, who, db)).toEqual({
    ok: false,
    reason: 'duplicate',
  });
  expect(addProjectLocation(project.id, { kind: 'country', countryCode: 'CN' }, who, db).ok).toBe(
    true,
  );
  expect(addProjectLocation(project.id, { kind: 'country', countryCode: 'CN' }, who, db)).toEqual({
    ok: false,
    reason: 'duplicate',
  });
  // Another project may have the same place.
  expect(addProjectLocation(other.id, { kind: 'place', placeId: place.id }, who, db).ok).toBe(true);
  expect(db.select().from(projectLocations).all()).toHaveLength(3);
  expect(auditOf(db)).toHaveLength(3);
});

test('removing a location removes only that one, and not another project’s', () => {
  const db = createTestDb();
  const project = insertProject(db);
  const other = insertProject(db);
  const [a, b] = [insertPlace(db, { nameEn: 'Beijing' }), insertPlace(db, { nameEn: 'Tianjin' })];
  for (const place of [a, b]) {
    addProjectLocation(project.id, { kind: 'place', placeId: place.id }, who, db);
  }
  addProjectLocation(other.id, { kind: 'place', placeId: a.id }, who, db);
  const [first] = listProjectLinks(project.id, db).locations;
  const [othersLocation] = listProjectLinks(other.id, db).locations;

  expect(removeProjectLocation(project.id, othersLocation!.id, who, db)).toEqual({
    ok: false,
    reason: 'not-found',
  });
  expect(removeProjectLocation(project.id, first!.id, who, db)).toEqual({ ok: true });
  expect(listProjectLinks(project.id, db).locations.map((l) => l.placeNameEn)).toEqual(['Tianjin']);
  expect(listProjectLinks(other.id, db).locations.map((l) => l.placeNameEn)).toEqual(['Beijing']);
  expect(auditOf(db).at(-1)).toEqual({
    action: 'delete',
    entity: 'project-location',
    entityId: first!.id,
    projectId: project.id,
    label: 'Beijing',
    userName: 'Editor Eva',
    changes: { kind: { from: 'place', to: null }, placeId: { from: a.id, to: null } },
  });
  expect(auditOf(db)).toHaveLength(4);
  expect(removeProjectLocation(project.id, first!.id, who, db).ok).toBe(false);
  expect(auditOf(db)).toHaveLength(4);
});

test('after adding a topic the topic filter and its cached facet count find the project', () => {
  const db = createTestDb();
  const project = insertProject(db);
  insertProject(db);
  const topic = insertTopic(db);
  const filter = { ...EMPTY_FILTER, topic: [topic.slug] };
  const topicFacet = () =>
    getProjectFacets(EMPTY_FILTER, TODAY, db).topic.find((o) => o.value === topic.slug)?.count;
  // Read once first, so the facet answer sits in the cache when the link is written.
  expect(topicFacet()).toBeUndefined();
  expect(countProjects(projectFilterSql(filter, TODAY), db)).toBe(0);

  addProjectTopic(project.id, { topicId: topic.id, reason: null }, who, db);
  expect(countProjects(projectFilterSql(filter, TODAY), db)).toBe(1);
  expect(topicFacet()).toBe(1);

  removeProjectTopic(project.id, topic.id, who, db);
  expect(topicFacet()).toBeUndefined();
});

test('the choices list every organisation, topic, place with its coordinates, province and country', () => {
  const db = createTestDb();
  const org = insertOrganisation(db, { acronym: 'ICCT' });
  const topic = insertTopic(db);
  insertProvince(db, { code: 'CN-BJ', nameEn: 'Beijing' });
  const place = insertPlace(db, { provinceCode: 'CN-BJ', lat: 39.9, lon: 116.4 });
  const unmapped = insertPlace(db, { lat: null, lon: null });
  const choices = listLinkChoices(db);
  expect(choices.organisations.map((o) => o.slug)).toEqual([org.slug]);
  expect(choices.topics.map((t) => t.slug)).toEqual([topic.slug]);
  expect(choices.places).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ slug: place.slug, lat: 39.9, lon: 116.4, provinceCode: 'CN-BJ' }),
      expect.objectContaining({ slug: unmapped.slug, lat: null, lon: null }),
    ]),
  );
  expect(choices.provinces.map((p) => p.code)).toEqual(['CN-BJ']);
  expect(choices.countries).toEqual(['CN']);
  expect(choices.roles).toContain('implementing-organisation');
});
