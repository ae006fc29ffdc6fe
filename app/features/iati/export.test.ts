import { readFileSync, rmSync } from 'node:fs';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { parseFilter } from '../../core/filter/filter';
import { HUB_NS } from './codes';
import { iatiActivitiesXml } from './write';
import { type Node, all, attr, parse, schemaChecker } from './test-support';
import { createSeededDatabase } from '../../../scripts/harness';
import { type Db, openDatabase } from '../../../db/client.server';
import { milestones, projectLocations } from '../../../db/schema';
import {
  insertOrganisation,
  insertPlace,
  insertProject,
  linkOrganisation,
  createTestDb,
} from '../../../db/test-factories';
import { listIatiExportProjects } from './export.server';
import { projectFilterSql } from '../../core/filter/project-filter.server';
import { resolveFilterSearch } from '../../core/search/search.server';
import { IATI_SCHEMA_URL } from '../../../scripts/shared-data';

// The real portfolio goes through the query and the writer; expected values come from the seed
// JSON and the IATI 2.03 schema beside the checkout (never copied into it).
interface SeedProject {
  id: string;
  type: string | null;
  title: string;
  titleZh: string | null;
  startDate: string | null;
  endDate: string | null;
  ikiFundingEUR: number | null;
}
const SEED = JSON.parse(
  readFileSync(new URL('../../../db/seed/iki-china-projects.json', import.meta.url), 'utf8'),
) as { projects: SeedProject[] };
const REF = 'XX-IKI-CHINA-HUB';
const TODAY = '2026-06-15';
const SETTINGS = {
  reportingOrg: { ref: REF, name: 'IKI China portfolio hub', type: '90' },
  today: TODAY,
  generatedAt: `${TODAY}T12:00:00Z`,
};

const schemaErrors = schemaChecker(IATI_SCHEMA_URL);

const child = (node: Node, name: string) => node.children.find((c) => c.name === name);

/** The activities of a file by identifier. */
function activities(xml: string): Map<string, Node> {
  return new Map(
    all(parse(xml).root, 'iati-activity').map((a) => [child(a, 'iati-identifier')!.text, a]),
  );
}

function exportXml(db: Db, query = ''): string {
  const { filter } = parseFilter(new URLSearchParams(query));
  const where = projectFilterSql(resolveFilterSearch(filter, db), TODAY);
  return iatiActivitiesXml(listIatiExportProjects(where, db), SETTINGS);
}

// IATI requires an activity date: the seed projects that publish neither start nor end are
// left out of the file (named in a comment), never given an invented date.
const dated = SEED.projects.filter((p) => p.startDate || p.endDate);
const identifier = (slug: string) => `${REF}-${slug}`;

let seeded: { path: string; dir: string };
let db: Db;
beforeAll(() => {
  seeded = createSeededDatabase();
  db = openDatabase(seeded.path);
});
afterAll(() => {
  db?.$client.close();
  if (seeded) rmSync(seeded.dir, { recursive: true, force: true });
});

test('the real portfolio exports as valid IATI 2.03, one activity per dated project', async () => {
  const xml = exportXml(db);
  expect(await schemaErrors(xml)).toEqual([]);
  expect([...activities(xml).keys()].sort()).toEqual(dated.map((p) => identifier(p.id)).sort());
  for (const p of SEED.projects.filter((x) => !x.startDate && !x.endDate)) {
    expect(xml).toMatch(new RegExp(`<!--[^>]*\\b${p.id} \\(`));
  }
});

test('Chinese titles appear as narratives in Chinese, exactly as the seed has them', () => {
  const byId = activities(exportXml(db));
  const zhTitles = [...byId.values()].flatMap((a) =>
    child(a, 'title')!
      .children.filter((n) => attr(n, 'xml:lang') === 'zh')
      .map((n) => n.text),
  );
  const expected = dated.filter((p) => p.titleZh).map((p) => p.titleZh!);
  expect(expected.length).toBeGreaterThan(0);
  expect(zhTitles.sort()).toEqual(expected.sort());
});

test('unknown funding gives no budget; known funding over known dates gives its amount', () => {
  const byId = activities(exportXml(db));
  for (const p of dated) {
    const budgets = all(byId.get(identifier(p.id))!, 'budget');
    if (p.ikiFundingEUR === null || !p.startDate || !p.endDate) {
      expect(budgets, p.id).toEqual([]);
    } else {
      expect(
        budgets.map((b) => Number(child(b, 'value')!.text)),
        p.id,
      ).toEqual([p.ikiFundingEUR]);
    }
  }
});

test('a filtered export holds exactly the filtered projects', async () => {
  const xml = exportXml(db, 'type=regional');
  expect(await schemaErrors(xml)).toEqual([]);
  const expected = dated.filter((p) => p.type === 'regional').map((p) => identifier(p.id));
  expect(expected.length).toBeGreaterThan(0);
  expect([...activities(xml).keys()].sort()).toEqual(expected.sort());
  // Nothing outside the filter was even considered.
  const selected = SEED.projects.filter((p) => p.type === 'regional').length;
  expect(xml).toContain(`${expected.length} of ${selected} selected projects`);
});

test('dates keep their precision in the hub namespace', () => {
  const byId = activities(exportXml(db));
  for (const p of dated.filter((x) => x.startDate)) {
    const start = all(byId.get(identifier(p.id))!, 'activity-date').find(
      (d) => attr(d, 'type') === '1',
    )!;
    const value = Object.values(start.attributes).find(
      (a) => a.uri === HUB_NS && a.local === 'value',
    );
    expect(value?.value, p.id).toBe(p.startDate);
  }
});

test('each project gets its own links and milestones, and a phase outside the selection keeps its ref', () => {
  const test = createTestDb();
  const ministry = insertOrganisation(test, { kind: 'german-ministry', name: 'Ministry' });
  const earlier = insertProject(test, { slug: 'phase-1', type: 'global' });
  const place = insertPlace(test, { slug: 'hefei', nameEn: 'Hefei', lat: 31.8, lon: 117.2 });
  const make = (slug: string, title: string) => {
    const p = insertProject(test, {
      slug,
      title,
      type: 'bilateral',
      summary: `About ${title}`,
      startDate: '2020',
      startPrecision: 'year',
      startsOn: '2020-01-01',
      predecessorId: earlier.id,
    });
    linkOrganisation(test, p.id, ministry.id, 'commissioning-ministry');
    test
      .insert(milestones)
      .values({ projectId: p.id, title: `${title} report`, kind: 'deliverable' })
      .run();
    return p;
  };
  const a = make('phase-2a', 'Alpha');
  make('phase-2b', 'Beta');
  test.insert(projectLocations).values({ projectId: a.id, kind: 'place', placeId: place.id }).run();

  const xml = exportXml(test, 'type=bilateral');
  const byId = activities(xml);
  expect([...byId.keys()].sort()).toEqual([identifier('phase-2a'), identifier('phase-2b')]);
  const alpha = byId.get(identifier('phase-2a'))!;
  const beta = byId.get(identifier('phase-2b'))!;
  const resultTitles = (n: Node) => all(n, 'result').map((r) => all(r, 'narrative')[0]!.text);
  expect(resultTitles(alpha)).toEqual(['Alpha report']);
  expect(resultTitles(beta)).toEqual(['Beta report']);
  expect(all(alpha, 'location').map((l) => attr(l, 'ref'))).toEqual(['hefei']);
  expect(all(beta, 'location')).toEqual([]);
  for (const n of [alpha, beta]) {
    expect(all(n, 'related-activity').map((r) => attr(r, 'ref'))).toEqual([identifier('phase-1')]);
  }
  test.$client.close();
});
