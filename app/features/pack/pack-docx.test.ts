import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';

import { milestones, projectTopics } from '../../../db/schema';
import {
  createTestDb,
  insertIndicator,
  insertIndicatorPeriod,
  insertMinistryLine,
  insertOrganisation,
  insertProject,
  insertTopic,
  linkOrganisation,
} from '../../../db/test-factories';
import { insertReport, insertRound } from '../reporting/report-factories.server';
import { buildPack, getPackRound } from './pack-data.server';
import { parsePackRequest } from './pack-params';

import { en } from '../../core/i18n/locales/en';
import { samplePack } from './docx-test-pack';
import { type DocBody, headings, readBody, sectionOf, textOf, unzip } from './docx-test-support';
import { slots } from './pack-docx-blocks.server';
import { renderPackDocx } from './pack-docx.server';
import type { PackData, PackLanguages } from './pack-types';

// The Word document read back as Word reads it: the zip's parts, word/document.xml parsed.

async function open(pack: PackData) {
  const parts = await unzip(await renderPackDocx(pack));
  const xml = (name: string) => parts.get(name)?.toString('utf8') ?? '';
  return { parts, xml, body: readBody(xml('word/document.xml')) };
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function allText(body: DocBody): string {
  return textOf(body.blocks);
}

describe('an English round pack', async () => {
  const pack = samplePack(['en']);
  const { parts, xml, body } = await open(pack);

  test('has a heading 1 per part and a heading 2 per project and per group, in order', () => {
    expect(headings(body, 1)).toEqual([
      'Portfolio overview',
      'The projects',
      'German ministries',
      'Chinese ministries',
      'Topics of common interest',
      'Sources',
    ]);
    expect(headings(body, 2)).toEqual([
      'Key figures',
      'Projects by type',
      'Projects by status',
      'Projects by funding area',
      'Milestones in the period',
      'IKI standard indicators',
      'Reports in the round',
      'Events in the period',
      ...pack.projects.map((p) => p.title.en),
      'Federal Ministry for Economic Affairs and Climate Action (BMWK)',
      'Ministry of Ecology and Environment (MEE)',
      'Emissions trading',
    ]);
  });

  test('is an A4 document that asks Word to fill in its table of contents on opening', () => {
    expect(xml('word/document.xml')).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml('word/settings.xml')).toMatch(/<w:updateFields( w:val="(true|1)")?\/>/);
    expect(xml('word/document.xml')).toContain('TOC \\h');
    // The table is written with an entry per heading, so it is never empty in viewers that do
    // not update fields.
    const entries = body.blocks.filter((b) => b.kind === 'p' && /^TOC\d$/.test(b.style ?? ''));
    // Each entry ends in a tab to its page number, which Word fills in.
    expect(entries.map((b) => (b.kind === 'p' ? b.text.replace(/\t.*$/, '') : ''))).toEqual([
      ...headings(body, 1).slice(0, 1),
      ...headings(body, 2).slice(0, 8),
      'The projects',
      ...pack.projects.map((p) => p.title.en),
      'German ministries',
      'Federal Ministry for Economic Affairs and Climate Action (BMWK)',
      'Chinese ministries',
      'Ministry of Ecology and Environment (MEE)',
      'Topics of common interest',
      'Emissions trading',
      'Sources',
    ]);
  });

  test('names the round, the period and "as of" on the title page and in the page header', () => {
    const title = textOf(body.blocks.slice(0, 12));
    expect(title).toContain('Interface Workshop pack');
    expect(title).toContain('Progress in the reporting round “Spring 2026”');
    expect(title).toContain('Period: 1 January 2026 – 30 June 2026');
    expect(title).toContain('As of: 15 June 2026');
    expect(title).toContain('Type: Bilateral');
    const headers = [...parts.keys()].filter((k) => /^word\/header\d\.xml$/.test(k));
    const headerText = headers.map((h) => textOf(readBody(xml(h)).blocks)).join('\n');
    expect(headerText).toContain('Interface Workshop pack · Spring 2026 · As of 15 June 2026');
    const footers = [...parts.keys()].filter((k) => /^word\/footer\d\.xml$/.test(k));
    expect(footers.map((f) => xml(f)).join('')).toMatch(/PAGE/);
  });

  test('shows the key figures and counts with the numbers of the data', () => {
    const o = pack.overview;
    const figures = textOf(sectionOf(body, 'Key figures'));
    expect(figures).toContain(`Projects | ${o.projects}`);
    expect(figures).toContain(`Ongoing projects | ${o.active}`);
    expect(figures).toContain(
      `Known IKI funding | €12,500,000 (${o.projectsWithFunding} of ${o.projects} projects publish their funding)`,
    );
    expect(figures).toContain(`Milestones in the period: Achieved | ${o.milestones.achieved}`);
    expect(figures).toContain(`Milestones in the period: Due | ${o.milestones.due}`);
    expect(figures).toContain(`Milestones in the period: Overdue | ${o.milestones.overdue}`);
    expect(figures).toContain('Reports in the round | 2 of 3 reports approved');
    const status = textOf(sectionOf(body, 'Projects by status'));
    for (const row of o.byStatus) expect(status).toContain(`${row.label.en} | ${row.value}`);
    const round = textOf(sectionOf(body, 'Reports in the round'));
    for (const row of o.round!.byState) expect(round).toContain(`${row.label.en} | ${row.value}`);
  });

  test('gives an indicator total only where the rule allows one, else "no total"', () => {
    const totals = textOf(sectionOf(body, 'IKI standard indicators'));
    expect(totals).toContain('Indicators | Total | Projects | Sources');
    expect(totals).toContain(
      'SI 1 · GHG emissions reduced (tCO2e) | 2,469,134 | 2 of 3 projects reported | [1]',
    );
    // Else the dashboard's sentence for why there is none.
    expect(totals).toContain(
      `SI 6 · People trained | ${en.indicatorViews.noTotal['not-additive']} | 1 of 2 projects reported |`,
    );
  });

  test('sets each chart as a PNG image with its numbers as alternative text', () => {
    const media = [...parts.keys()].filter((k) => k.startsWith('word/media/'));
    expect(media.length).toBeGreaterThan(0);
    for (const name of media) expect(parts.get(name)!.subarray(0, 8)).toEqual(PNG);
    // byType, byStatus, byFundingArea, milestones, round, and one per indicator with points.
    expect(body.drawings.map((d) => d.name)).toEqual([
      'byType',
      'byStatus',
      'byFundingArea',
      'milestones',
      'round',
      'indicator-201',
      'indicator-202',
    ]);
    for (const drawing of body.drawings) expect(drawing.descr.length).toBeGreaterThan(10);
    expect(body.drawings[1]!.descr).toBe('Projects by status. Ongoing: 2; Planned: 1');
    expect(body.drawings[5]!.descr).toBe(
      'Verifiers trained. 2025-06-30: Target 200, Actual 150; 2025-12-31: Target 350, Actual 220; 2026-06-30: Target 500, Actual 340 (people)',
    );
  });

  test("a project's section has its organisations, its approved report in full, milestones and indicators", () => {
    const section = textOf(sectionOf(body, 'Sino-German Climate Partnership'));
    expect(section).toContain('Short name | SGCP');
    expect(section).toContain('Runtime | 1 January 2021 – December 2027');
    expect(section).toContain('IKI funding | €7,500,000');
    expect(section).toContain(
      'Commissioned by | Federal Ministry for Economic Affairs and Climate Action (BMWK); Ministry of Ecology and Environment (MEE)',
    );
    expect(section).toContain(
      'Implementers | Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ)',
    );
    expect(section).toContain('Partners | National Center for Climate Change Strategy (NCSC)');
    expect(section).toContain('Sources | [1, 2]');
    expect(section).toContain('Approved on 20 May 2026');
    const report = pack.projects[0]!.report;
    if (report.state !== 'approved') throw new Error('fixture');
    for (const text of Object.values(report.texts.en!)) {
      for (const line of text.split('\n')) expect(section).toContain(line);
    }
    // An English pack does not show the Chinese translation.
    expect(section).not.toContain('十二个省份');
    expect(section).toContain('MRV guideline adopted | Achieved | 14 March 2026 | 100 % | [2]');
    expect(section).toContain('Cement sector pilot | In progress | September 2026 | 40 %');
    expect(section).toContain('Overdue: 1');
    expect(section).toContain('SI 6 · Verifiers trained (people) | 0 | 500 | 340 | 68%');
    expect(section).toContain(
      '22 April 2026 – 23 April 2026 | China ETS Forum 2026 | Conference · Beijing | [3]',
    );
    expect(section).toContain(
      'Train verifiers in the provinces first | Lesson learned | 2 May 2026',
    );
  });

  test("an indicator without a share of its target says why, in the hub's words", () => {
    const section = textOf(sectionOf(body, 'Capacity building for emissions trading'));
    expect(section).toContain(
      `SI 1 · Emissions covered by the ETS (tCO2e) | – | – | 1,234,567 | ${en.indicators.progressReasons['no-target']}`,
    );
  });

  test('a project whose report was not approved says so and why, with no report text', () => {
    const section = sectionOf(body, 'Low-carbon cities in Jiangsu');
    const text = textOf(section);
    expect(text).toContain('Not reported — report in draft');
    expect(headings({ blocks: section, drawings: [] }, 3)).not.toContain('Challenges');
    expect(text).toContain('IKI funding | not published');
    expect(text).toContain('Runtime | 2026 – not published');
  });

  test('each group lists its projects and figures; a topic its entries and sessions', () => {
    const bmwk = textOf(
      sectionOf(body, 'Federal Ministry for Economic Affairs and Climate Action (BMWK)'),
    );
    expect(bmwk).toContain('3 | 4 | 1 | 2');
    for (const p of pack.projects) expect(bmwk).toContain(p.title.en);
    const topic = textOf(sectionOf(body, 'Emissions trading'));
    expect(topic).toContain('Train verifiers in the provinces first');
    expect(topic).toContain(
      'MRV at provincial level — Interface Workshop 2025: Share verifier curricula between provinces.',
    );
    expect(topic).not.toContain('Low-carbon cities');
  });

  test('numbers its sources at the end', () => {
    const sources = sectionOf(body, 'Sources').map((b) => (b.kind === 'p' ? b.text : ''));
    expect(sources).toEqual(
      pack.sources.map(
        (s, i) => `[${i + 1}]\t${s.title}${s.publisher ? ` — ${s.publisher}` : ''}. ${s.url}`,
      ),
    );
  });

  test('writes no empty placeholder', () => {
    const everything = [...parts.entries()]
      .filter(([name]) => name.endsWith('.xml'))
      .map(([, data]) => data.toString('utf8'))
      .join('\n');
    for (const bad of ['undefined', 'null', 'NaN', '[object']) {
      expect(allText(body)).not.toContain(bad);
      expect(everything).not.toContain(`>${bad}<`);
    }
  });
});

describe('a Chinese pack', async () => {
  const pack = samplePack(['zh']);
  const { body } = await open(pack);

  test('has Chinese headings and the official Chinese names, the English one where none exists', () => {
    expect(headings(body, 1)).toEqual([
      '项目组合概览',
      '各项目',
      '德国部委',
      '中国部委',
      '共同关心的议题',
      '来源',
    ]);
    expect(headings(body, 2)).toContain('中德气候变化伙伴关系');
    expect(headings(body, 2)).toContain('碳排放权交易能力建设');
    expect(headings(body, 2)).toContain('Low-carbon cities in Jiangsu');
    expect(headings(body, 2)).toContain('德国联邦经济和气候保护部 (BMWK)');
    expect(headings(body, 2)).toContain('生态环境部 (MEE)');
  });

  test('shows the Chinese report text intact, and the original where none is translated', () => {
    const partnership = textOf(sectionOf(body, '中德气候变化伙伴关系'));
    expect(partnership).toContain('十二个省份培训了340名核查员。');
    expect(partnership).toContain('监测、报告与核查指南已通过。');
    expect(partnership).toContain('省级数据获取仍然缓慢。');
    // Next steps exist only in English: shown as written, marked as not translated.
    expect(partnership).toContain('(未翻译)\nExtend the training to the cement sector.');
    const ets = textOf(sectionOf(body, '碳排放权交易能力建设'));
    expect(ets).toContain('Allocation rules for the power sector were drafted with MEE.');
    expect(textOf(sectionOf(body, 'Low-carbon cities in Jiangsu'))).toContain(
      '未报告 — 报告为草稿',
    );
  });

  test('marks Chinese runs as Chinese, set in a CJK font', () => {
    // The table of contents' entries are Word's to write again; the document's defaults (CJK
    // face for East Asian text) hold for them.
    const runs = body.blocks.flatMap((b) =>
      b.kind === 'p' && !/^TOC\d$/.test(b.style ?? '') ? b.runs : [],
    );
    const chinese = runs.filter((r) => /[\u4e00-\u9fff]/.test(r.text));
    expect(chinese.length).toBeGreaterThan(20);
    for (const r of chinese) {
      expect(r).toMatchObject({
        lang: 'zh-CN',
        eastAsiaLang: 'zh-CN',
        eastAsiaFont: 'Microsoft YaHei',
      });
    }
  });
});

describe('a German pack', async () => {
  const { body } = await open(samplePack(['de']));

  test('has German headings and labels, and marks text not written in German', () => {
    expect(headings(body, 1)).toEqual([
      'Überblick über das Portfolio',
      'Die Projekte',
      'Deutsche Ministerien',
      'Chinesische Ministerien',
      'Themen von gemeinsamem Interesse',
      'Quellen',
    ]);
    expect(headings(body, 2)).toContain('Kapazitätsaufbau Emissionshandel');
    const section = textOf(sectionOf(body, 'Sino-German Climate Partnership'));
    expect(section).toContain('(nicht übersetzt)\nTwelve provinces trained 340 verifiers.');
    expect(section).toContain('Laufzeit | 1. Januar 2021 – Dezember 2027');
    // German writes a no-break space before the euro sign.
    expect(textOf(sectionOf(body, 'Kennzahlen'))).toContain(
      'Bekannte IKI-Förderung | 12.500.000\u00a0€ (2 von 3 Projekten veröffentlichen ihre Förderung)',
    );
  });
});

describe('an English and Chinese pack', async () => {
  const pack = samplePack(['en', 'zh'] as PackLanguages);
  const { body } = await open(pack);

  test('names every heading in both languages, each run in its own language', () => {
    expect(headings(body, 1)[0]).toBe('Portfolio overview / 项目组合概览');
    expect(headings(body, 2)).toContain('Sino-German Climate Partnership / 中德气候变化伙伴关系');
    const heading = body.blocks.find((b) => b.kind === 'p' && b.style === 'Heading1');
    if (heading?.kind !== 'p') throw new Error('no heading');
    expect(heading.runs.map((r) => [r.text, r.lang])).toEqual([
      ['Portfolio overview / ', 'en-GB'],
      ['项目组合概览', 'zh-CN'],
    ]);
  });

  test('shows the report in both languages it is written in', () => {
    const blocks = sectionOf(body, 'Sino-German Climate Partnership / 中德气候变化伙伴关系');
    const section = textOf(blocks);
    expect(section).toContain('Twelve provinces trained 340 verifiers.');
    expect(section).toContain('十二个省份培训了340名核查员。');
    expect(headings({ blocks, drawings: [] }, 3)).toContain('Achievements / 成果');
  });
});

describe('a pack built from the database', async () => {
  // Rows inserted here; every expected value is read back with plain SQL or from the rows.
  const TODAY = '2026-12-01';
  const db = createTestDb();
  const { bmuv, bmu } = insertMinistryLine(db);
  const mee = insertOrganisation(db, {
    slug: 'mee',
    acronym: 'MEE',
    name: 'Ministry of Ecology and Environment',
    nameZh: '生态环境部',
    kind: 'chinese-ministry',
  });
  const giz = insertOrganisation(db, {
    slug: 'giz',
    acronym: 'GIZ',
    kind: 'implementing-organisation',
  });
  const topic = insertTopic(db, {
    slug: 'carbon-markets',
    name: 'Carbon markets',
    nameZh: '碳市场',
  });
  const alpha = insertProject(db, {
    slug: 'alpha',
    title: 'Sino-German carbon market cooperation',
    titleZh: '中德碳市场合作项目',
    type: 'bilateral',
    ikiFundingEur: 2_500_000,
  });
  const beta = insertProject(db, { slug: 'beta', title: 'Beta', type: 'regional' });
  const gamma = insertProject(db, { slug: 'gamma', title: 'Gamma', type: 'bilateral' });
  linkOrganisation(db, alpha.id, bmu.id, 'commissioning-ministry');
  linkOrganisation(db, alpha.id, mee.id, 'political-partner');
  linkOrganisation(db, alpha.id, giz.id, 'implementing-organisation');
  linkOrganisation(db, beta.id, bmuv.id, 'commissioning-ministry');
  db.insert(projectTopics).values({ projectId: alpha.id, topicId: topic.id }).run();
  db.insert(milestones)
    .values({
      projectId: alpha.id,
      title: 'Allocation plan adopted',
      titleZh: '配额分配方案通过',
      kind: 'deliverable',
      status: 'achieved',
      progress: 100,
      actualDate: '2026-04-18',
      actualPrecision: 'day',
    })
    .run();
  const indicator = insertIndicator(db, alpha.id, {
    title: 'Verifiers trained',
    titleZh: '培训的核查员',
    baselineValue: 10,
  });
  insertIndicatorPeriod(db, indicator.id, { targetValue: 200, actualValue: 120 });
  insertIndicatorPeriod(db, indicator.id, {
    periodStart: '2026-01-01',
    periodEnd: '2026-06-30',
    targetValue: 400,
    actualValue: 310,
  });
  const round = insertRound(db, { slug: 'round-2026', title: 'Round 2026', titleZh: '2026年轮次' });
  insertReport(db, {
    roundId: round.id,
    projectId: alpha.id,
    state: 'approved',
    language: 'zh',
    approvedAt: '2026-11-20T10:00:00.000Z',
    texts: {
      zh: { achievements: '完成了全国碳市场配额分配方案。' },
      en: { achievements: 'The national allocation plan was completed.' },
    },
  });
  insertReport(db, {
    roundId: round.id,
    projectId: beta.id,
    state: 'draft',
    texts: { en: { achievements: 'SECRET DRAFT TEXT' } },
  });
  insertReport(db, {
    roundId: round.id,
    projectId: gamma.id,
    state: 'submitted',
    texts: { en: { challenges: 'SECRET SUBMITTED TEXT' } },
  });

  const build = (lang: string) => {
    const { request, problems } = parsePackRequest(new URLSearchParams(`lang=${lang}`), {
      round: getPackRound('round-2026', db)!,
      pageLang: 'en',
      today: TODAY,
    });
    expect(problems).toEqual([]);
    return buildPack(request, TODAY, db);
  };
  const count = (query: ReturnType<typeof sql>) => db.get<{ n: number }>(query)!.n;
  const english = await open(build('en'));
  const chinese = await open(build('zh'));
  const both = await open(build('en+zh'));
  const { request: periodRequest } = parsePackRequest(
    new URLSearchParams('lang=en&start=2026-01-01&end=2026-10-31'),
    { round: null, pageLang: 'en', today: TODAY },
  );
  const period = await open(buildPack(periodRequest, TODAY, db));

  test("has a heading 2 per project of the round and per group, with the rows' names", () => {
    const inRound = db.all<{ title: string; titleZh: string | null }>(
      sql`SELECT p.title, p.title_zh AS titleZh FROM projects p JOIN reports r ON r.project_id = p.id WHERE r.round_id = ${round.id}`,
    );
    const projectsPart = sectionOf(english.body, 'The projects');
    expect(headings({ blocks: projectsPart, drawings: [] }, 2).sort()).toEqual(
      inRound.map((p) => p.title).sort(),
    );
    expect(headings({ blocks: sectionOf(chinese.body, '各项目'), drawings: [] }, 2).sort()).toEqual(
      inRound.map((p) => p.titleZh ?? p.title).sort(),
    );
    // BMU is folded into BMUV, its successor.
    expect(
      headings({ blocks: sectionOf(english.body, 'German ministries'), drawings: [] }, 2),
    ).toEqual([`${bmuv.name} (${bmuv.acronym})`]);
    expect(headings({ blocks: sectionOf(chinese.body, '中国部委'), drawings: [] }, 2)).toEqual([
      '生态环境部 (MEE)',
    ]);
    expect(
      headings(
        {
          blocks: sectionOf(both.body, 'Topics of common interest / 共同关心的议题'),
          drawings: [],
        },
        2,
      ),
    ).toEqual(['Carbon markets / 碳市场']);
  });

  test('shows the numbers SQL counts', () => {
    const asked = count(sql`SELECT count(*) AS n FROM reports WHERE round_id = ${round.id}`);
    const approved = count(
      sql`SELECT count(*) AS n FROM reports WHERE round_id = ${round.id} AND state = 'approved'`,
    );
    const achieved = count(sql`
      SELECT count(*) AS n FROM milestones m JOIN reports r ON r.project_id = m.project_id
      WHERE r.round_id = ${round.id} AND m.status = 'achieved'
        AND m.actual_date BETWEEN ${round.periodStart} AND ${round.periodEnd}`);
    const funding = db.get<{ n: number }>(sql`
      SELECT sum(p.iki_funding_eur) AS n FROM projects p JOIN reports r ON r.project_id = p.id
      WHERE r.round_id = ${round.id}`)!.n;
    const figures = textOf(sectionOf(english.body, 'Key figures'));
    expect(figures).toContain(`Projects | ${asked}`);
    expect(figures).toContain(`Reports in the round | ${approved} of ${asked} reports approved`);
    expect(figures).toContain(`Milestones in the period: Achieved | ${achieved}`);
    expect(figures).toContain(
      `Known IKI funding | €${funding.toLocaleString('en-GB')} (1 of ${asked}`,
    );
    const section = textOf(sectionOf(english.body, alpha.title));
    expect(section).toContain('Allocation plan adopted | Achieved | 18 April 2026 | 100 %');
    // The latest period with an actual, its share measured from the baseline.
    const share = Math.round(((310 - 10) / (400 - 10)) * 100);
    expect(section).toContain(`Verifiers trained (people) | 10 | 400 | 310 | ${share}%`);
  });

  test('keeps the Chinese text intact and never shows an unapproved report', () => {
    const section = textOf(sectionOf(chinese.body, '中德碳市场合作项目'));
    expect(section).toContain('完成了全国碳市场配额分配方案。');
    expect(section).toContain('配额分配方案通过');
    expect(section).toContain('委托方 | Organisation');
    for (const doc of [english, chinese, both]) {
      const xml = doc.xml('word/document.xml');
      expect(xml).not.toContain('SECRET');
      for (const bad of ['undefined', 'null', 'NaN', '[object']) {
        expect(textOf(doc.body.blocks)).not.toContain(bad);
      }
      expect(doc.body.drawings.length).toBeGreaterThan(0);
      for (const drawing of doc.body.drawings) expect(drawing.descr).not.toBe('');
    }
    expect(textOf(sectionOf(english.body, 'Beta'))).toContain('Not reported — report in draft');
    expect(textOf(sectionOf(english.body, 'Gamma'))).toContain(
      'Not reported — report submitted, not yet approved',
    );
    // A period pack is public: it says only that no approved report exists.
    expect(textOf(sectionOf(period.body, 'Beta'))).toContain(
      'Not reported — no approved report for this period',
    );
    expect(period.xml('word/document.xml')).not.toContain('SECRET');
    expect(textOf(sectionOf(period.body, alpha.title))).toContain(
      'The national allocation plan was completed.',
    );
  });
});

test('charts are drawn at most two at a time, in the order asked', async () => {
  const drawing = slots(2);
  let running = 0;
  let most = 0;
  const started: number[] = [];
  const results = await Promise.all(
    [0, 1, 2, 3, 4, 5].map((i) =>
      drawing(async () => {
        started.push(i);
        running += 1;
        most = Math.max(most, running);
        await new Promise((resolve) => setTimeout(resolve, 5));
        running -= 1;
        return i * 10;
      }),
    ),
  );
  expect(results).toEqual([0, 10, 20, 30, 40, 50]);
  expect(most).toBe(2);
  expect(started).toEqual([0, 1, 2, 3, 4, 5]);
});
