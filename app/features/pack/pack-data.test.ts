import { readFileSync, rmSync } from 'node:fs';

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { type Db, openDatabase } from '../../../db/client.server';
import {
  eventProjects,
  eventSources,
  knowledgeEntryProjects,
  knowledgeEntryTopics,
  milestones,
  projectFundingAreas,
  projectTopics,
  sources,
  standardIndicators,
} from '../../../db/schema';
import {
  createTestDb,
  insertEvent,
  insertEventSession,
  insertFundingAreas,
  insertIndicator,
  insertIndicatorPeriod,
  insertKnowledgeEntry,
  insertMinistryLine,
  insertOrganisation,
  insertProject,
  insertTopic,
  linkOrganisation,
} from '../../../db/test-factories';
import { createSeededDatabase } from '../../../scripts/harness';
import { resources } from '../../core/i18n/resources';
import { insertReport, insertRound } from '../reporting/report-factories.server';
import { buildPack, getPackRound } from './pack-data.server';
import { parsePackRequest } from './pack-params';
import type { Named, PackData, PackRequest } from './pack-types';

// The pack's data against rows this file inserts; every expected number is counted here with plain
// SQL or read from the inserted rows, never with the pack's own queries.

const TODAY = '2026-12-01';
let db: Db;
let ids: Record<string, number>;

function request(query: string, round: string | null = null): PackRequest {
  const r = round ? getPackRound(round, db)! : null;
  const { request: req, problems } = parsePackRequest(new URLSearchParams(query), {
    round: r,
    pageLang: 'en',
    today: TODAY,
  });
  expect(problems).toEqual([]);
  return req;
}

const pack = (query: string, round: string | null = null) =>
  buildPack(request(query, round), TODAY, db);

const count = (query: ReturnType<typeof sql>) => db.get<{ n: number }>(query)!.n;

function insertSource(slug: string) {
  return db
    .insert(sources)
    .values({
      slug,
      url: `https://example.org/${slug}`,
      title: `Source ${slug}`,
      retrievedOn: '2026-01-01',
    })
    .returning()
    .get().id;
}

function insertMilestone(
  values: Partial<typeof milestones.$inferInsert> & { projectId: number },
  target: Db = db,
) {
  return target
    .insert(milestones)
    .values({ title: 'Milestone', kind: 'deliverable', ...values })
    .returning()
    .get().id;
}

beforeAll(() => {
  db = createTestDb();
  const [mitigation, adaptation] = insertFundingAreas(db);
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

  const projectSource = insertSource('project-a');
  const titleZhSource = insertSource('project-a-zh');
  const milestoneSource = insertSource('milestone');
  const eventSource = insertSource('event');
  const eventExtraSource = insertSource('event-extra');
  const unlinkedEventSource = insertSource('unlinked-event');
  insertSource('named-by-nothing');
  const standardSource = insertSource('standard');

  const a = insertProject(db, {
    slug: 'alpha',
    title: 'Alpha',
    titleZh: '中德合作甲项目',
    titleDe: 'Alpha (amtlich)',
    summaryZh: 'HUB SUMMARY 不是官方',
    type: 'bilateral',
    startDate: '2020-01',
    startPrecision: 'month',
    startsOn: '2020-01-01',
    endDate: '2027-12',
    endPrecision: 'month',
    endsOn: '2027-12-31',
    ikiFundingEur: 1_000_000,
    sourceId: projectSource,
    titleZhSourceId: titleZhSource,
  });
  const b = insertProject(db, {
    slug: 'beta',
    title: 'beta',
    type: 'regional',
    startDate: '2019',
    startPrecision: 'year',
    startsOn: '2019-01-01',
  });
  const c = insertProject(db, {
    slug: 'gamma',
    title: 'Gamma',
    type: 'bilateral',
    ikiFundingEur: 500,
  });
  const d = insertProject(db, { slug: 'delta', title: 'Delta', type: 'bilateral' });
  const e = insertProject(db, { slug: 'epsilon', title: 'Epsilon', type: 'global' });
  const iati = insertProject(db, {
    slug: 'imported',
    title: 'Imported activity',
    type: 'bilateral',
    origin: 'iati',
    iatiIdentifier: 'XM-TEST-1',
  });
  ids = { a: a.id, b: b.id, c: c.id, d: d.id, e: e.id, iati: iati.id, mee: mee.id, bmuv: bmuv.id };

  linkOrganisation(db, a.id, bmu.id, 'commissioning-ministry');
  linkOrganisation(db, a.id, mee.id, 'political-partner');
  linkOrganisation(db, a.id, giz.id, 'implementing-organisation');
  linkOrganisation(db, b.id, bmuv.id, 'commissioning-ministry');
  linkOrganisation(db, iati.id, bmuv.id, 'commissioning-ministry');
  db.insert(projectTopics)
    .values([
      { projectId: a.id, topicId: topic.id },
      { projectId: c.id, topicId: topic.id },
    ])
    .run();
  db.insert(projectFundingAreas)
    .values([
      { projectId: a.id, fundingAreaId: mitigation!.id },
      { projectId: b.id, fundingAreaId: adaptation!.id },
      { projectId: iati.id, fundingAreaId: adaptation!.id },
    ])
    .run();

  // Milestones around the round's period 2026-01-01…2026-10-31 (partial dates on purpose).
  ids.reachedMonth = insertMilestone({
    projectId: a.id,
    title: 'Reached in March',
    titleZh: '三月完成',
    status: 'achieved',
    progress: 100,
    actualDate: '2026-03',
    actualPrecision: 'month',
    sourceId: milestoneSource,
  });
  ids.reachedYear = insertMilestone({
    projectId: a.id,
    title: 'Reached in 2026',
    status: 'achieved',
    progress: 100,
    actualDate: '2026',
    actualPrecision: 'year',
  });
  ids.reachedBefore = insertMilestone({
    projectId: a.id,
    title: 'Reached the day before',
    status: 'achieved',
    progress: 100,
    actualDate: '2025-12-31',
    actualPrecision: 'day',
  });
  ids.reachedYearBefore = insertMilestone({
    projectId: b.id,
    title: 'Reached in 2025',
    status: 'achieved',
    progress: 100,
    actualDate: '2025',
    actualPrecision: 'year',
  });
  ids.overdueInPeriod = insertMilestone({
    projectId: a.id,
    title: 'Due in May, still open',
    status: 'planned',
    plannedDate: '2026-05',
    plannedPrecision: 'month',
  });
  ids.nextDelayed = insertMilestone({
    projectId: b.id,
    title: 'Delayed to 2027',
    status: 'delayed',
    plannedDate: '2026-02-01',
    plannedPrecision: 'day',
    revisedDate: '2027-03',
    revisedPrecision: 'month',
  });
  ids.cancelled = insertMilestone({
    projectId: c.id,
    title: 'Cancelled',
    status: 'cancelled',
    plannedDate: '2026-04-01',
    plannedPrecision: 'day',
  });
  ids.dueYearEnd = insertMilestone({
    projectId: c.id,
    title: 'Due in 2026 (year)',
    status: 'in-progress',
    plannedDate: '2026',
    plannedPrecision: 'year',
  });
  insertMilestone({
    projectId: iati.id,
    title: 'Imported achievement',
    status: 'achieved',
    actualDate: '2026-05-01',
    actualPrecision: 'day',
  });

  // Two rounds: 2026 (the pack's) and 2025 (an approved report of beta's).
  const round = insertRound(db, { slug: 'round-2026', title: 'Round 2026', titleZh: '2026年轮次' });
  const earlier = insertRound(db, {
    slug: 'round-2025',
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
    state: 'closed',
  });
  insertReport(db, {
    roundId: round.id,
    projectId: a.id,
    state: 'approved',
    language: 'zh',
    approvedAt: '2026-11-20T10:00:00.000Z',
    texts: {
      zh: { achievements: '甲项目的成就' },
      en: { achievements: 'Alpha approved achievements' },
    },
  });
  insertReport(db, {
    roundId: round.id,
    projectId: b.id,
    state: 'draft',
    texts: { en: { achievements: 'SECRET DRAFT TEXT' } },
  });
  insertReport(db, {
    roundId: round.id,
    projectId: c.id,
    state: 'submitted',
    texts: { en: { challenges: 'SECRET SUBMITTED TEXT' } },
  });
  insertReport(db, {
    roundId: round.id,
    projectId: d.id,
    state: 'returned',
    texts: { de: { nextSteps: 'GEHEIMER ZURÜCKGEGEBENER TEXT' } },
  });
  insertReport(db, { roundId: round.id, projectId: iati.id, state: 'not-started' });
  insertReport(db, {
    roundId: earlier.id,
    projectId: b.id,
    state: 'approved',
    language: 'en',
    approvedAt: '2026-01-20T10:00:00.000Z',
    texts: { en: { achievements: 'Beta 2025 approved' } },
  });

  // Events: one in the period linked to alpha, one in the period unlinked, one before it.
  const linked = insertEvent(db, {
    slug: 'linked-workshop',
    title: 'Linked workshop',
    startDate: '2026-06',
    startPrecision: 'month',
    sourceId: eventSource,
  });
  db.insert(eventSources).values({ eventId: linked.id, sourceId: eventExtraSource }).run();
  const unlinked = insertEvent(db, {
    slug: 'unlinked-forum',
    title: 'Unlinked forum',
    startDate: '2026-02-10',
    startPrecision: 'day',
    sourceId: unlinkedEventSource,
  });
  const before = insertEvent(db, {
    slug: 'old-event',
    title: 'Old event',
    startDate: '2025-11-01',
    startPrecision: 'day',
  });
  db.insert(eventProjects)
    .values([
      { eventId: linked.id, projectId: a.id },
      { eventId: before.id, projectId: a.id },
    ])
    .run();
  insertEventSession(db, unlinked.id, {
    title: 'Carbon session',
    topicId: topic.id,
    outcomes: null,
  });

  // Knowledge: a published entry of alpha's, a draft of alpha's, a published one on the topic.
  const entry = insertKnowledgeEntry(db, { title: 'Published lesson', language: 'en' });
  const draft = insertKnowledgeEntry(db, { title: 'DRAFT ENTRY TITLE', state: 'draft' });
  const onTopic = insertKnowledgeEntry(db, { title: '碳市场经验', language: 'zh' });
  db.insert(knowledgeEntryProjects)
    .values([
      { entryId: entry.id, projectId: a.id },
      { entryId: draft.id, projectId: a.id },
    ])
    .run();
  db.insert(knowledgeEntryTopics).values({ entryId: onTopic.id, topicId: topic.id }).run();

  // Indicators: alpha's and beta's count people trained, linked to an additive standard.
  const standard = db
    .insert(standardIndicators)
    .values({
      code: 'SI 1',
      title: 'People trained',
      unit: 'people',
      isAdditive: true,
      sourceId: standardSource,
    })
    .returning()
    .get();
  const indicator = insertIndicator(db, a.id, {
    standardIndicatorId: standard.id,
    titleZh: '培训人数',
  });
  ids.indicator = indicator.id;
  insertIndicatorPeriod(db, indicator.id, { targetValue: 100, actualValue: 30 });
  insertIndicatorPeriod(db, indicator.id, {
    periodStart: '2026-01-01',
    periodEnd: '2026-06-30',
    targetValue: 100,
    actualValue: 50,
  });
  insertIndicatorPeriod(db, indicator.id, {
    periodStart: '2026-07-01',
    periodEnd: '2026-10-31',
    actualValue: 15,
  });
  const other = insertIndicator(db, b.id, { standardIndicatorId: standard.id });
  insertIndicatorPeriod(db, other.id, { actualValue: 7 });
});

const projectOf = (data: PackData, key: string) => data.projects.find((p) => p.id === ids[key])!;

describe('a round pack', () => {
  test('includes exactly the round’s projects that the filter selects, in title order', () => {
    const all = pack('', 'round-2026');
    const expected = db
      .all<{ id: number }>(
        sql`SELECT p.id FROM reports r JOIN reporting_rounds rr ON rr.id = r.round_id
        JOIN projects p ON p.id = r.project_id
        WHERE rr.slug = 'round-2026' AND p.origin = 'hub' ORDER BY p.title COLLATE NOCASE`,
      )
      .map((r) => r.id);
    expect(all.projects.map((p) => p.id)).toEqual(expected);
    expect(all.projects.map((p) => p.slug)).toEqual(['alpha', 'beta', 'delta', 'gamma']);

    const bilateral = pack('type=bilateral', 'round-2026');
    const expectedBilateral = db
      .all<{ id: number }>(
        sql`SELECT p.id FROM reports r JOIN projects p ON p.id = r.project_id
        WHERE r.round_id = (SELECT id FROM reporting_rounds WHERE slug = 'round-2026')
          AND p.origin = 'hub' AND p.type = 'bilateral' ORDER BY p.title COLLATE NOCASE`,
      )
      .map((r) => r.id);
    expect(bilateral.projects.map((p) => p.id)).toEqual(expectedBilateral);
    expect(bilateral.overview.projects).toBe(expectedBilateral.length);
  });

  test('names the round, its period and its reports by state', () => {
    const data = pack('', 'round-2026');
    expect(data.round).toMatchObject({
      slug: 'round-2026',
      title: { en: 'Round 2026', zh: '2026年轮次', de: null },
      periodStart: '2026-01-01',
      periodEnd: '2026-10-31',
      state: 'open',
    });
    expect([data.request.start, data.request.end]).toEqual(['2026-01-01', '2026-10-31']);
    const states = db.all<{ state: string; n: number }>(sql`
      SELECT r.state, count(*) AS n FROM reports r JOIN projects p ON p.id = r.project_id
       WHERE r.round_id = (SELECT id FROM reporting_rounds WHERE slug = 'round-2026')
         AND p.origin = 'hub' GROUP BY r.state`);
    const round = data.overview.round!;
    expect(round.asked).toBe(states.reduce((n, s) => n + s.n, 0));
    expect(round.approved).toBe(states.find((s) => s.state === 'approved')?.n ?? 0);
    for (const s of states) expect(round.byState.find((r) => r.key === s.state)!.value).toBe(s.n);
    expect(round.byState.find((r) => r.key === 'returned')!.label).toEqual({
      en: resources.en.translation.reporting.reportState.returned,
      zh: resources.zh.translation.reporting.reportState.returned,
      de: resources.de.translation.reporting.reportState.returned,
    });
  });

  test('shows an approved report’s texts as stored and a draft, submitted or returned one as not reported', () => {
    const data = pack('', 'round-2026');
    expect(projectOf(data, 'a').report).toEqual({
      state: 'approved',
      roundSlug: 'round-2026',
      roundTitle: { en: 'Round 2026', zh: '2026年轮次', de: null },
      approvedAt: '2026-11-20T10:00:00.000Z',
      language: 'zh',
      texts: {
        zh: { achievements: '甲项目的成就' },
        en: { achievements: 'Alpha approved achievements' },
      },
    });
    expect(projectOf(data, 'b').report).toEqual({ state: 'not-reported', reportState: 'draft' });
    expect(projectOf(data, 'c').report).toEqual({
      state: 'not-reported',
      reportState: 'submitted',
    });
    expect(projectOf(data, 'd').report).toEqual({ state: 'not-reported', reportState: 'returned' });
  });

  test('never carries an unapproved report’s text or a draft entry anywhere', () => {
    for (const data of [
      pack('', 'round-2026'),
      pack(''),
      pack('start=2025-01-01&end=2026-12-31'),
    ]) {
      const json = JSON.stringify(data);
      for (const secret of [
        'SECRET DRAFT TEXT',
        'SECRET SUBMITTED TEXT',
        'GEHEIMER ZURÜCKGEGEBENER TEXT',
        'DRAFT ENTRY TITLE',
        'HUB SUMMARY',
      ]) {
        expect(json).not.toContain(secret);
      }
    }
  });
});

describe('a period pack', () => {
  test('says only that no approved report exists, and shows the latest approved one overlapping its period', () => {
    const year2026 = pack('');
    expect(projectOf(year2026, 'a').report.state).toBe('approved');
    for (const key of ['b', 'c', 'd', 'e']) {
      expect(projectOf(year2026, key).report).toEqual({
        state: 'not-reported',
        reportState: 'none-approved',
      });
    }
    expect(year2026.overview.round).toBeNull();
    const year2025 = pack('start=2025-01-01&end=2025-12-31');
    expect(projectOf(year2025, 'b').report).toMatchObject({
      state: 'approved',
      roundSlug: 'round-2025',
      texts: { en: { achievements: 'Beta 2025 approved' } },
    });
    expect(projectOf(year2025, 'a').report.state).toBe('not-reported');
  });

  test('covers the IKI portfolio and never an imported IATI activity', () => {
    const data = pack('start=2025-01-01&end=2026-12-31');
    const hub = db.all<{ id: number }>(sql`SELECT id FROM projects WHERE origin = 'hub'`);
    expect(data.overview.projects).toBe(hub.length);
    expect(data.projects.map((p) => p.id).sort()).toEqual(hub.map((h) => h.id).sort());
    expect(data.projects.some((p) => p.id === ids.iati)).toBe(false);
    expect(JSON.stringify(data)).not.toContain('Imported');
    // The imported activity's ministry link and funding area count nowhere.
    const bmuv = data.germanMinistries.find((g) => g.key === 'bmuv')!;
    expect(bmuv.projectIds).not.toContain(ids.iati);
    expect(data.overview.byFundingArea.find((r) => r.key === 'adaptation')!.value).toBe(1);
  });

  test('a search text selects the projects the search finds', () => {
    const data = pack('q=Alpha');
    expect(data.projects.map((p) => p.slug)).toEqual(['alpha']);
    expect(data.overview.projects).toBe(1);
  });

  test('counts the overview as plain SQL does', () => {
    for (const query of ['', 'type=bilateral', 'ministry=bmuv']) {
      const data = pack(query);
      const where =
        query === 'type=bilateral'
          ? sql`origin = 'hub' AND type = 'bilateral'`
          : query === 'ministry=bmuv'
            ? sql`origin = 'hub' AND id IN (SELECT project_id FROM project_organisations
                WHERE organisation_id IN (SELECT id FROM organisations WHERE slug IN ('bmuv', 'bmu')))`
            : sql`origin = 'hub'`;
      expect(data.overview.projects, query).toBe(
        count(sql`SELECT count(*) AS n FROM projects WHERE ${where}`),
      );
      expect(data.overview.fundingKnownEur).toBe(
        db.get<{ s: number }>(
          sql`SELECT coalesce(sum(iki_funding_eur), 0) AS s FROM projects WHERE ${where}`,
        )!.s,
      );
      expect(data.overview.projectsWithFunding).toBe(
        count(
          sql`SELECT count(*) AS n FROM projects WHERE ${where} AND iki_funding_eur IS NOT NULL`,
        ),
      );
      const types = db.all<{ type: string; n: number }>(
        sql`SELECT type, count(*) AS n FROM projects WHERE ${where} GROUP BY type`,
      );
      expect(Object.fromEntries(data.overview.byType.map((r) => [r.key, r.value]))).toEqual(
        Object.fromEntries(types.map((t) => [t.type, t.n])),
      );
      // Milestones, each rule written out: a partial date counts on its first day.
      const firstDay = sql`substr(actual_date || '-01-01', 1, 10)`;
      const scope = sql`project_id IN (SELECT id FROM projects WHERE ${where})`;
      expect(data.overview.milestones).toEqual({
        achieved: count(sql`SELECT count(*) AS n FROM milestones WHERE ${scope}
          AND status = 'achieved' AND ${firstDay} BETWEEN '2026-01-01' AND '2026-12-31'`),
        due: count(sql`SELECT count(*) AS n FROM milestones WHERE ${scope}
          AND status <> 'cancelled' AND due_on BETWEEN '2026-01-01' AND '2026-12-31'`),
        overdue: count(sql`SELECT count(*) AS n FROM milestones WHERE ${scope}
          AND status IN ('planned', 'in-progress', 'delayed') AND due_on < ${TODAY}`),
      });
    }
  });

  test('labels the vocabulary in the page translations and states the filter in words', () => {
    const data = pack('type=bilateral&ministry=bmuv');
    expect(data.overview.byType).toEqual([
      {
        key: 'bilateral',
        label: {
          en: resources.en.translation.type.bilateral,
          zh: resources.zh.translation.type.bilateral,
          de: resources.de.translation.type.bilateral,
        },
        value: 1,
      },
    ]);
    expect(data.filterText).toEqual([
      {
        en: `${resources.en.translation.filter.type}: ${resources.en.translation.type.bilateral}`,
        zh: `${resources.zh.translation.filter.type}：${resources.zh.translation.type.bilateral}`,
        de: `${resources.de.translation.filter.type}: ${resources.de.translation.type.bilateral}`,
      },
      {
        en: `${resources.en.translation.filter.ministry}: BMUV`,
        zh: `${resources.zh.translation.filter.ministry}：BMUV`,
        de: `${resources.de.translation.filter.ministry}: BMUV`,
      },
    ]);
    expect(pack('').filterText).toEqual([]);
  });

  test('states topics, countries, amounts and the overdue switch in each language', () => {
    const { filterText } = pack('topic=carbon-markets&country=CN&fundingMin=1000&overdue=1');
    const t = (lang: 'en' | 'zh' | 'de') => resources[lang].translation.filter;
    const country = (locale: string) =>
      new Intl.DisplayNames([locale], { type: 'region' }).of('CN');
    expect(filterText).toEqual([
      {
        en: `${t('en').topic}: Carbon markets`,
        zh: `${t('zh').topic}：碳市场`,
        de: `${t('de').topic}: Carbon markets`,
      },
      {
        en: `${t('en').country}: ${country('en-GB')}`,
        zh: `${t('zh').country}：${country('zh-CN')}`,
        de: `${t('de').country}: ${country('de-DE')}`,
      },
      {
        en: `${t('en').funding} ${t('en').fundingMin}: 1,000`,
        zh: `${t('zh').funding}${t('zh').fundingMin}：1,000`,
        de: `${t('de').funding} ${t('de').fundingMin}: 1.000`,
      },
      { en: t('en').overdue, zh: t('zh').overdue, de: t('de').overdue },
    ]);
  });

  test('carries the words of every vocabulary key its records hold bare', () => {
    const { vocabulary } = pack('');
    const { en, zh, de } = {
      en: resources.en.translation,
      zh: resources.zh.translation,
      de: resources.de.translation,
    };
    expect(vocabulary!.milestoneStatus.achieved).toEqual({
      en: en.milestoneStatus.achieved,
      zh: zh.milestoneStatus.achieved,
      de: de.milestoneStatus.achieved,
    });
    expect(vocabulary!.eventType['study tour']).toEqual({
      en: en.eventType['study tour'],
      zh: zh.eventType['study tour'],
      de: de.eventType['study tour'],
    });
    expect(vocabulary!.entryKind['case-study']!.zh).toBe(zh.knowledge.kinds['case-study']);
    expect(vocabulary!.reportState['not-started']!.de).toBe(
      de.reporting.reportState['not-started'],
    );
    // Every key found in the translations: none falls back to the bare key.
    for (const words of Object.values(vocabulary!) as Record<string, Named>[]) {
      for (const [key, named] of Object.entries(words)) expect(named.zh, key).not.toBeNull();
    }
  });
});

describe('milestones in the period', () => {
  test('a partial actual date counts in the period holding its first day', () => {
    const data = pack('', 'round-2026');
    const a = projectOf(data, 'a');
    expect(a.milestonesReached.map((m) => m.id)).toEqual([ids.reachedYear, ids.reachedMonth]);
    expect(a.milestonesReached.find((m) => m.id === ids.reachedMonth)).toEqual({
      id: ids.reachedMonth,
      title: { en: 'Reached in March', zh: '三月完成', de: null },
      status: 'achieved',
      date: '2026-03',
      precision: 'month',
      progress: 100,
      sourceIds: [expect.any(Number)],
    });
    // '2025' begins on 2025-01-01: not in a period from 2025-07-01, though the year overlaps it.
    const late2025 = pack('start=2025-07-01&end=2026-06-30');
    expect(projectOf(late2025, 'b').milestonesReached).toEqual([]);
    expect(
      projectOf(pack('start=2025-01-01&end=2025-06-30'), 'b').milestonesReached.map((m) => m.id),
    ).toEqual([ids.reachedYearBefore]);
  });

  test('overdue is open and due before the period’s end or today; next is open and due later', () => {
    const data = pack('', 'round-2026');
    expect(projectOf(data, 'a').milestonesOverdue).toBe(1);
    expect(projectOf(data, 'a').milestonesNext).toEqual([]);
    expect(projectOf(data, 'b').milestonesNext).toMatchObject([
      { id: ids.nextDelayed, date: '2027-03', precision: 'month', status: 'delayed' },
    ]);
    // Due '2026' ends on 2026-12-31: after the round's end, so neither due in it nor overdue.
    const c = projectOf(data, 'c');
    expect(c.milestonesOverdue).toBe(0);
    expect(c.milestonesNext.map((m) => m.id)).toEqual([ids.dueYearEnd]);
    expect(data.overview.milestones).toEqual({ achieved: 2, due: 1, overdue: 1 });
  });
});

describe('groups', () => {
  test('a predecessor ministry’s projects are folded into today’s ministry', () => {
    const data = pack('start=2025-01-01&end=2026-12-31');
    expect(data.germanMinistries.map((g) => g.key)).toEqual(['bmuv']);
    const bmuv = data.germanMinistries[0]!;
    expect(bmuv.projectIds).toEqual([ids.a, ids.b]);
    expect(bmuv.milestonesAchieved).toBe(
      projectOf(data, 'a').milestonesReached.length + projectOf(data, 'b').milestonesReached.length,
    );
    expect(data.chineseMinistries).toMatchObject([
      {
        key: 'mee',
        name: { en: 'Ministry of Ecology and Environment', zh: '生态环境部' },
        projectIds: [ids.a],
      },
    ]);
  });

  test('a topic lists its projects, its published entries and its sessions', () => {
    const data = pack('');
    expect(data.topics).toHaveLength(1);
    const topic = data.topics[0]!;
    expect(topic).toMatchObject({
      key: 'carbon-markets',
      name: { en: 'Carbon markets', zh: '碳市场', de: null },
      projectIds: [ids.a, ids.c],
      reportsApproved: 1,
      sessions: [{ title: { en: 'Carbon session' }, eventSlug: 'unlinked-forum', outcomes: null }],
    });
    expect(topic.entries).toMatchObject([
      { title: { en: '碳市场经验', zh: '碳市场经验' }, language: 'zh' },
    ]);
  });
});

describe('per project', () => {
  test('official names only, with Chinese intact, and its organisations by role', () => {
    const a = projectOf(pack(''), 'a');
    expect(a.title).toEqual({ en: 'Alpha', zh: '中德合作甲项目', de: 'Alpha (amtlich)' });
    expect(a.ministries.map((m) => m.slug)).toEqual(['bmu']);
    expect(a.implementers.map((m) => m.slug)).toEqual(['giz']);
    expect(a.partners).toMatchObject([
      { slug: 'mee', name: { zh: '生态环境部' }, kind: 'chinese-ministry' },
    ]);
    expect(a.topics).toEqual([
      { slug: 'carbon-markets', name: { en: 'Carbon markets', zh: '碳市场', de: null } },
    ]);
  });

  test('events in the period: a project’s linked ones; an unfiltered overview lists all', () => {
    const unfiltered = pack('');
    expect(projectOf(unfiltered, 'a').events.map((e) => e.slug)).toEqual(['linked-workshop']);
    expect(unfiltered.overview.events.map((e) => e.slug)).toEqual([
      'unlinked-forum',
      'linked-workshop',
    ]);
    expect(pack('type=bilateral').overview.events.map((e) => e.slug)).toEqual(['linked-workshop']);
    expect(pack('', 'round-2026').overview.events.map((e) => e.slug)).toEqual([
      'unlinked-forum',
      'linked-workshop',
    ]);
    expect(pack('type=bilateral', 'round-2026').overview.events.map((e) => e.slug)).toEqual([
      'linked-workshop',
    ]);
  });

  test('published knowledge entries only, and indicators with the period’s actual', () => {
    const data = pack('', 'round-2026');
    const a = projectOf(data, 'a');
    expect(a.entries.map((e) => e.title.en)).toEqual(['Published lesson']);
    const indicator = a.indicators.find((i) => i.id === ids.indicator)!;
    const inside = db.get<{ s: number }>(sql`SELECT sum(actual_value) AS s FROM indicator_periods
      WHERE indicator_id = ${ids.indicator} AND period_start >= '2026-01-01' AND period_end <= '2026-10-31'`)!;
    expect(indicator).toMatchObject({
      title: { zh: '培训人数' },
      standardCode: 'SI 1',
      periodActual: inside.s,
      latestTarget: 100,
      latestActual: 50,
      share: 0.5,
    });
    expect(indicator.points.map((p) => p.periodEnd)).toEqual([
      '2025-12-31',
      '2026-06-30',
      '2026-10-31',
    ]);
    const total = data.overview.indicatorTotals.find((t) => t.code === 'SI 1')!;
    const sum = db.get<{ s: number }>(sql`SELECT sum(ip.actual_value) AS s FROM indicator_periods ip
      JOIN indicators i ON i.id = ip.indicator_id JOIN projects p ON p.id = i.project_id
      WHERE p.id IN (SELECT project_id FROM reports WHERE round_id = (SELECT id FROM reporting_rounds WHERE slug = 'round-2026'))
        AND p.origin = 'hub'`)!;
    expect(total).toMatchObject({
      total: sum.s,
      reason: null,
      linkedProjects: 2,
      reportingProjects: 2,
    });
  });

  test('every source the pack names is resolved, and no other', () => {
    const data = pack('', 'round-2026');
    const referenced = new Set<number>();
    for (const p of data.projects) p.sourceIds.forEach((id) => referenced.add(id));
    for (const e of data.overview.events) e.sourceIds.forEach((id) => referenced.add(id));
    for (const t of data.overview.indicatorTotals) t.sourceIds.forEach((id) => referenced.add(id));
    expect(data.sources.map((s) => s.id)).toEqual([...referenced].sort((x, y) => x - y));
    const expectedSlugs = [
      'project-a',
      'project-a-zh',
      'milestone',
      'event',
      'event-extra',
      'unlinked-event',
      'standard',
    ];
    const expected = db.all<{
      id: number;
      title: string;
      url: string;
      publisher: string | null;
    }>(sql`
      SELECT id, title, url, publisher FROM sources
       WHERE slug IN (${sql.join(
         expectedSlugs.map((s) => sql`${s}`),
         sql`, `,
       )}) ORDER BY id`);
    expect(data.sources).toEqual(expected);
    const ofAlpha = ['project-a', 'project-a-zh', 'milestone', 'event', 'event-extra'];
    expect(projectOf(data, 'a').sourceIds).toEqual(
      expected.filter((s) => ofAlpha.some((slug) => s.url.endsWith(`/${slug}`))).map((s) => s.id),
    );
    // A filtered pack names only its projects' events: the unlinked event's source goes.
    const bilateral = pack('type=bilateral', 'round-2026');
    expect(bilateral.sources.map((s) => s.url)).not.toContain('https://example.org/unlinked-event');
    expect(data.sources.map((s) => s.url)).not.toContain('https://example.org/named-by-nothing');
  });

  test('reads the same number of queries for many projects as for a few', () => {
    const countQueries = (target: Db, query: string) => {
      let n = 0;
      const client = target.$client;
      const prepare = client.prepare.bind(client);
      client.prepare = ((source: string) => {
        n += 1;
        return prepare(source);
      }) as typeof client.prepare;
      try {
        const { request: req } = parsePackRequest(new URLSearchParams(query), {
          round: null,
          pageLang: 'en',
          today: TODAY,
        });
        buildPack(req, TODAY, target);
      } finally {
        client.prepare = prepare;
      }
      return n;
    };
    const small = createTestDb();
    const large = createTestDb();
    for (const [target, projects] of [
      [small, 3],
      [large, 120],
    ] as const) {
      for (let i = 0; i < projects; i++) {
        const p = insertProject(target, { type: 'bilateral' });
        insertMilestone(
          { projectId: p.id, plannedDate: '2026-05', plannedPrecision: 'month' },
          target,
        );
        const indicator = insertIndicator(target, p.id);
        insertIndicatorPeriod(target, indicator.id, { actualValue: i });
      }
    }
    expect(countQueries(large, 'type=bilateral')).toBe(countQueries(small, 'type=bilateral'));
  });
});

describe('the real portfolio', () => {
  let seeded: { path: string; dir: string };
  let real: Db;
  beforeAll(() => {
    seeded = createSeededDatabase();
    real = openDatabase(seeded.path);
  });
  afterAll(() => {
    real.$client.close();
    rmSync(seeded.dir, { recursive: true, force: true });
  });

  test('a period pack over the whole portfolio has every seeded project, named as sourced', () => {
    const seed = JSON.parse(
      readFileSync(new URL('../../../db/seed/iki-china-projects.json', import.meta.url), 'utf8'),
    ) as { projects: { id: string; title: string; titleZh: string | null; type: string | null }[] };
    const { request: req } = parsePackRequest(
      new URLSearchParams('start=2008-01-01&end=2026-12-31&lang=en+zh'),
      { round: null, pageLang: 'en', today: TODAY },
    );
    const data = buildPack(req, TODAY, real);
    expect(data.projects).toHaveLength(seed.projects.length);
    expect(seed.projects).toHaveLength(25);
    expect(data.overview.projects).toBe(25);
    const bySlug = new Map(data.projects.map((p) => [p.slug, p]));
    for (const project of seed.projects) {
      const packed = bySlug.get(project.id)!;
      expect(packed.title.en).toBe(project.title);
      expect(packed.title.zh).toBe(project.titleZh);
    }
    const types = new Map<string, number>();
    for (const p of seed.projects)
      types.set(p.type ?? 'unknown', (types.get(p.type ?? 'unknown') ?? 0) + 1);
    expect(Object.fromEntries(data.overview.byType.map((r) => [r.key, r.value]))).toEqual(
      Object.fromEntries(types),
    );
    for (const id of new Set(data.projects.flatMap((p) => p.sourceIds))) {
      expect(data.sources.some((s) => s.id === id)).toBe(true);
    }
  });
});
