import { sql } from 'drizzle-orm';
import { beforeAll, expect, test } from 'vitest';

import type { Db } from '../../../db/client.server';
import {
  createTestDb,
  insertIndicator,
  insertIndicatorPeriod,
  insertMinistryLine,
  insertOrganisation,
  insertProject,
  linkOrganisation,
} from '../../../db/test-factories';
import { insertReport, insertRound } from '../reporting/report-factories.server';
import { buildPack, getPackRound } from './pack-data.server';
import { parsePackRequest } from './pack-params';
import { bodyText, heading, readSlides } from './pack-pptx-reader';
import { renderPackPptx } from './pack-pptx.server';

// The deck made from a database through buildPack (decision 0077): the slides and numbers follow
// the rows this file inserts, counted here with plain SQL.

const TODAY = '2026-12-01';
let db: Db;

beforeAll(() => {
  db = createTestDb();
  const { bmuv } = insertMinistryLine(db);
  const mee = insertOrganisation(db, {
    slug: 'mee',
    acronym: 'MEE',
    name: 'Ministry of Ecology and Environment',
    nameZh: '生态环境部',
    kind: 'chinese-ministry',
  });
  const round = insertRound(db, { slug: 'round-2026', title: 'Round 2026', titleZh: '2026年轮次' });
  const titles: [string, string | null][] = [
    ['Clean heating in northern cities', '北方城市清洁取暖'],
    ['Wetland restoration in the Yellow River delta', '黄河三角洲湿地恢复'],
    ['Energy efficiency in industrial parks', null],
  ];
  titles.forEach(([title, titleZh], i) => {
    const project = insertProject(db, {
      slug: `p${i}`,
      title,
      titleZh,
      type: 'bilateral',
      ikiFundingEur: i === 2 ? null : (i + 1) * 1_000_000,
    });
    linkOrganisation(db, project.id, bmuv.id, 'commissioning-ministry');
    if (i < 2) linkOrganisation(db, project.id, mee.id, 'political-partner');
    const indicator = insertIndicator(db, project.id, { titleZh: '受训人数' });
    insertIndicatorPeriod(db, indicator.id, {
      periodStart: '2026-01-01',
      periodEnd: '2026-06-30',
      targetValue: 100 * (i + 1),
      actualValue: i === 1 ? null : 40 * (i + 1),
    });
    insertReport(db, {
      roundId: round.id,
      projectId: project.id,
      state: i === 2 ? 'draft' : 'approved',
      language: 'zh',
      approvedAt: i === 2 ? null : '2026-11-20T10:00:00.000Z',
      texts: {
        zh: { achievements: `${titleZh ?? title}：完成了第${i + 1}期培训。` },
        en: { achievements: `${title}: training round ${i + 1} completed.` },
      },
    });
  });
});

async function deck(lang: string) {
  const { request, problems } = parsePackRequest(new URLSearchParams({ lang }), {
    round: getPackRound('round-2026', db)!,
    pageLang: 'en',
    today: TODAY,
  });
  expect(problems).toEqual([]);
  const pack = buildPack(request, TODAY, db);
  return { pack, slides: await readSlides(await renderPackPptx(pack)) };
}

test('a round pack from the database: a slide per project, the SQL numbers, Chinese intact', async () => {
  const { pack, slides } = await deck('en+zh');
  const projects = db.all<{ title: string; titleZh: string | null }>(
    sql`SELECT p.title, p.title_zh AS titleZh FROM reports r JOIN projects p ON p.id = r.project_id
        JOIN reporting_rounds rr ON rr.id = r.round_id WHERE rr.slug = 'round-2026'`,
  );
  expect(projects).toHaveLength(3);
  for (const p of projects) {
    const own = slides.filter((s) => heading(s)[0] === p.title);
    expect(own).toHaveLength(1);
    expect(heading(own[0]!)[1]).toBe(p.titleZh ?? '中文: 未公布');
  }
  // The report texts as written, in both languages; the draft is never shown.
  const text = slides.map(bodyText).join('\n');
  expect(text).toContain('北方城市清洁取暖：完成了第1期培训。');
  expect(text).toContain('Clean heating in northern cities: training round 1 completed.');
  expect(text).not.toContain('完成了第3期培训');
  expect(text).toContain('Not reported — report in draft');

  const { n, funding, withFunding } = db.get<{ n: number; funding: number; withFunding: number }>(
    sql`SELECT count(*) AS n, sum(p.iki_funding_eur) AS funding,
        count(p.iki_funding_eur) AS withFunding FROM reports r JOIN projects p ON p.id = r.project_id`,
  )!;
  const approved = db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM reports WHERE state = 'approved'`,
  )!.n;
  const tiles = new Map(
    slides[1]!.shapes
      .filter((s) => s.paragraphs.length >= 2)
      .map((s) => [s.paragraphs[1]!, s.paragraphs[0]!]),
  );
  expect(tiles.get('Projects')).toBe(String(n));
  expect(tiles.get('Known IKI funding')).toBe(
    new Intl.NumberFormat('en-GB', {
      style: 'currency',
      currency: 'EUR',
      maximumFractionDigits: 0,
    }).format(funding),
  );
  expect(bodyText(slides[1]!)).toContain(`${withFunding} of ${n} projects publish their funding`);
  expect(tiles.get('Reports in the round')).toBe(`${approved} / ${n}`);

  // A slide per ministry with all its projects; the deck ends with the sources.
  const ministry = slides.filter((s) => heading(s)[0]?.startsWith('German ministries / 德国部委'));
  expect(ministry).toHaveLength(pack.germanMinistries.length);
  expect(ministry[0]!.tables[0]!.slice(1)).toHaveLength(3);
  expect(heading(slides.at(-1)!)[0]).toBe('Thank you / 谢谢');
  for (const slide of slides) {
    expect(slide.texts.join('\n')).not.toMatch(/undefined|\bnull\b|NaN|\[object/);
    for (const picture of slide.pictures) expect(picture.descr?.trim()).toBeTruthy();
  }
});
