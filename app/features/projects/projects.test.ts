import { beforeAll, describe, expect, test } from 'vitest';

import type { Db } from '../../../db/client.server';
import {
  countries,
  places,
  projectCountries,
  projectFundingAreas,
  projectLocations,
  projectTopics,
  provinces,
} from '../../../db/schema';
import {
  createTestDb,
  insertFundingAreas,
  insertOrganisation,
  insertProject,
  insertTopic,
  linkOrganisation,
} from '../../../db/test-factories';
import { listOrganisationsForProjects } from '../organisations/organisations.server';
import {
  countProjects,
  getPortfolioStats,
  getProject,
  listProjectExportRows,
  listProjects,
} from './projects.server';

describe('listing projects', () => {
  let db: Db;
  beforeAll(() => {
    db = createTestDb();
    insertProject(db, {
      slug: 'b',
      title: 'beta',
      startsOn: '2015-01-01',
      endsOn: '2018-12-31',
      ikiFundingEur: 5_000_000,
    });
    insertProject(db, {
      slug: 'a',
      title: 'Alpha',
      startsOn: '2020-11-01',
      endsOn: '2025-09-30',
      ikiFundingEur: null,
    });
    insertProject(db, {
      slug: 'c',
      title: 'Gamma',
      startsOn: null,
      endsOn: null,
      ikiFundingEur: 700_000,
    });
    insertProject(db, {
      slug: 'd',
      title: 'Delta',
      startsOn: '2008-10-01',
      endsOn: '2013-10-31',
      ikiFundingEur: 22_000_000,
    });
    insertProject(db, {
      slug: 'e',
      title: 'epsilon',
      startsOn: '2022-05-01',
      endsOn: null,
      ikiFundingEur: null,
    });
  });

  const slugs = (
    sort: 'title' | 'start' | 'end' | 'funding',
    dir: 'asc' | 'desc',
    page = 1,
    pageSize = 10,
  ) => listProjects({ page, sort, dir, pageSize, today: '2026-06-15' }, db).map((p) => p.slug);

  test('titles sort without regard to case', () => {
    expect(slugs('title', 'asc')).toEqual(['a', 'b', 'd', 'e', 'c']);
    expect(slugs('title', 'desc')).toEqual(['c', 'e', 'd', 'b', 'a']);
  });

  test('unknown dates and funding sort last in both directions', () => {
    expect(slugs('start', 'asc')).toEqual(['d', 'b', 'a', 'e', 'c']);
    expect(slugs('start', 'desc')).toEqual(['e', 'a', 'b', 'd', 'c']);
    expect(slugs('end', 'asc')).toEqual(['d', 'b', 'a', 'e', 'c']);
    expect(slugs('funding', 'desc')).toEqual(['d', 'b', 'c', 'a', 'e']);
    expect(slugs('funding', 'asc')).toEqual(['c', 'b', 'd', 'a', 'e']);
  });

  test('pages are consecutive slices with nothing lost or repeated', () => {
    const pages = [1, 2, 3].map((page) => slugs('start', 'asc', page, 2));
    expect(pages).toEqual([['d', 'b'], ['a', 'e'], ['c']]);
    expect(countProjects(undefined, db)).toBe(5);
  });
});

describe('the default order', () => {
  const TODAY = '2024-06-15';
  let db: Db;
  beforeAll(() => {
    db = createTestDb();
    // Inserted in no particular order; each slug says why it lands where it does.
    insertProject(db, { slug: 'completed-2015', startsOn: '2015-01-01', endsOn: '2018-12-31' });
    insertProject(db, { slug: 'b-undated', title: 'beta' });
    insertProject(db, { slug: 'old-ongoing', startsOn: '2010-01-01', endsOn: '2030-12-31' });
    insertProject(db, { slug: 'planned-2030', startsOn: '2030-01-01', endsOn: '2033-12-31' });
    // A status a source states wins over the dates: this one is not ongoing.
    insertProject(db, {
      slug: 'stated-completed-2021',
      startsOn: '2021-01-01',
      endsOn: '2030-12-31',
      statusStated: 'completed',
    });
    insertProject(db, { slug: 'a-undated', title: 'Alpha' });
    insertProject(db, { slug: 'new-ongoing', startsOn: '2023-01-01', endsOn: null });
  });

  test('puts ongoing projects first, then the newest start, then the title; undated last', () => {
    const order = (dir: 'asc' | 'desc') =>
      listProjects({ page: 1, sort: 'current', dir, today: TODAY }, db).map((p) => p.slug);
    const expected = [
      'new-ongoing',
      'old-ongoing',
      'planned-2030',
      'stated-completed-2021',
      'completed-2015',
      'a-undated',
      'b-undated',
    ];
    expect(order('asc')).toEqual(expected);
    // The order has no direction: dir=desc changes nothing.
    expect(order('desc')).toEqual(expected);
  });

  test('reads "ongoing" against the day it is given', () => {
    // By 2031 nothing runs any more but the open-ended project; the planned one has started.
    const slugs = listProjects({ page: 1, sort: 'current', dir: 'asc', today: '2031-06-01' }, db)
      .slice(0, 3)
      .map((p) => p.slug);
    expect(slugs).toEqual(['planned-2030', 'new-ongoing', 'stated-completed-2021']);
  });
});

describe('one project', () => {
  test('an unknown slug finds nothing', () => {
    expect(getProject('no-such-project', createTestDb())).toBeUndefined();
  });

  test('a project comes with its phases and its organisations by role', () => {
    const db = createTestDb();
    const one = insertProject(db, { slug: 'phase-1', title: 'Phase I' });
    const two = insertProject(db, { slug: 'phase-2', title: 'Phase II', predecessorId: one.id });
    const giz = insertOrganisation(db, {
      slug: 'giz',
      name: 'GIZ',
      kind: 'implementing-organisation',
    });
    const mee = insertOrganisation(db, { slug: 'mee', name: 'MEE', kind: 'chinese-ministry' });
    linkOrganisation(db, two.id, giz.id, 'implementing-organisation');
    linkOrganisation(db, two.id, mee.id, 'political-partner');
    linkOrganisation(db, one.id, mee.id, 'political-partner');

    expect(getProject('phase-2', db)?.predecessor).toMatchObject({
      id: one.id,
      slug: 'phase-1',
      title: 'Phase I',
    });
    const partners = listOrganisationsForProjects([two.id], ['political-partner'], db);
    expect(partners.map((o) => o.slug)).toEqual(['mee']);
    expect(listOrganisationsForProjects([one.id, two.id], undefined, db)).toHaveLength(3);
  });
});

test('a province is reached once, whether a project names it or holds a place in it', () => {
  const db = createTestDb();
  db.insert(provinces)
    .values([
      {
        code: 'CN-AH',
        adcode: '340000',
        nameEn: 'Anhui',
        nameZh: '安徽省',
        labelLat: 31.8,
        labelLon: 117.2,
      },
      {
        code: 'CN-SC',
        adcode: '510000',
        nameEn: 'Sichuan',
        nameZh: '四川省',
        labelLat: 30.6,
        labelLon: 102.7,
      },
      {
        code: 'CN-JS',
        adcode: '320000',
        nameEn: 'Jiangsu',
        nameZh: '江苏省',
        labelLat: 33.0,
        labelLon: 119.4,
      },
    ])
    .run();
  const hefei = db
    .insert(places)
    .values({
      slug: 'hefei',
      nameEn: 'Hefei',
      provinceCode: 'CN-AH',
      countryCode: 'CN',
      lat: 31.8,
      lon: 117.2,
    })
    .returning()
    .get();
  const p1 = insertProject(db, { type: 'bilateral', ikiFundingEur: 1_000_000 });
  const p2 = insertProject(db, { type: 'bilateral', ikiFundingEur: null });
  const p3 = insertProject(db, { type: 'regional', ikiFundingEur: 20_000_000 });
  db.insert(projectLocations)
    .values([
      { projectId: p1.id, kind: 'province', provinceCode: 'CN-AH' },
      { projectId: p1.id, kind: 'place', placeId: hefei.id },
      { projectId: p2.id, kind: 'place', placeId: hefei.id },
      { projectId: p3.id, kind: 'province', provinceCode: 'CN-SC' },
      { projectId: p3.id, kind: 'country', countryCode: 'CN' },
    ])
    .run();

  const stats = getPortfolioStats(db);
  expect(stats.provincesReached.map((p) => [p.code, p.projects])).toEqual([
    ['CN-AH', 2],
    ['CN-SC', 1],
  ]);
  expect(stats.nationWideProjects).toBe(1);
  const bilateral = stats.byType.find((r) => r.type === 'bilateral');
  expect(bilateral).toEqual({
    type: 'bilateral',
    projects: 2,
    withKnownFunding: 1,
    knownFundingEur: 1_000_000,
  });
  expect(stats.totalProjects).toBe(3);
});

test('each exported project row lists its own organisations by role, funding areas, topics and countries', () => {
  const db = createTestDb();
  db.insert(countries).values({ code: 'TH', alpha3: 'THA', numeric: '764' }).run();
  const [area1, area2] = insertFundingAreas(db);
  const made = [1, 2].map((n) => {
    const project = insertProject(db, { slug: `export-${n}`, title: `Export ${n}` });
    const ministry = insertOrganisation(db, { acronym: `MIN${n}`, kind: 'german-ministry' });
    const partner = insertOrganisation(db, { acronym: `PART${n}` });
    const implementer = insertOrganisation(db, { acronym: `IMPL${n}` });
    linkOrganisation(db, project.id, ministry.id, 'commissioning-ministry');
    linkOrganisation(db, project.id, partner.id, 'political-partner');
    linkOrganisation(db, project.id, implementer.id, 'implementing-organisation');
    const topic = insertTopic(db, { slug: `export-topic-${n}` });
    db.insert(projectTopics).values({ projectId: project.id, topicId: topic.id }).run();
    const area = n === 1 ? area1! : area2!;
    db.insert(projectFundingAreas).values({ projectId: project.id, fundingAreaId: area.id }).run();
    db.insert(projectCountries)
      .values({ projectId: project.id, countryCode: n === 1 ? 'CN' : 'TH' })
      .run();
    return { project, topic, area };
  });
  const rows = listProjectExportRows(undefined, db);
  expect(rows.map((r) => r.slug)).toEqual(['export-1', 'export-2']);
  for (const [i, row] of rows.entries()) {
    const n = i + 1;
    // Each value is this project's own, not the first organisation's, area's or topic's.
    expect(row).toMatchObject({
      commissioningMinistries: `MIN${n}`,
      politicalPartners: `PART${n}`,
      implementers: `IMPL${n}`,
      fundingAreas: made[i]!.area.slug,
      topics: made[i]!.topic.slug,
      countries: n === 1 ? 'CN' : 'TH',
    });
  }
});
