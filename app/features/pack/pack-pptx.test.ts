import { beforeAll, describe, expect, test } from 'vitest';

import { deckFixture } from './pack-deck-fixture';
import { type SlidePart, bodyText, heading, readSlides, unzip } from './pack-pptx-reader';
import { renderPackPptx } from './pack-pptx.server';
import type { PackData } from './pack-types';

// The deck read back from its zip (decision 0077): the slides the data calls for, the data's
// numbers on them, Chinese intact, alt text on every picture, both languages with en+zh. The
// expected values come from the pack data, never from the renderer.

const en = new Intl.NumberFormat('en-GB');
const euro = new Intl.NumberFormat('en-GB', {
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 0,
});
const CJK = /[\u4e00-\u9fff]/;

/** The slide whose heading's first paragraph is exactly this. */
const slideHeaded = (slides: SlidePart[], text: string) =>
  slides.filter((s) => heading(s)[0] === text);

/**
 * The deck's slides counted from the data: the title, the overview (key figures, the non-empty
 * charts two a slide, indicator totals and events each on at least one slide, more when the
 * heading says "continued"), a slide per project plus one "continued" slide where the report
 * went on, at least one per group, and the closing slide(s).
 */
function expectedSlides(pack: PackData, slides: SlidePart[], overview: string, cont: string) {
  const o = pack.overview;
  const charts = [o.byType.length, o.byStatus.length, o.byFundingArea.length, 3];
  if (o.round) charts.push(o.round.byState.length);
  const chartCount = charts.filter((n) => n > 0).length;
  const continuedOverview = slides.filter(
    (s) => heading(s)[0]?.startsWith(overview) && heading(s)[0]?.endsWith(`(${cont})`),
  ).length;
  const continuedProjects = pack.projects.filter(
    (p) => slideHeaded(slides, `${p.title.en} (${cont})`).length === 1,
  ).length;
  const groups = [...pack.germanMinistries, ...pack.chineseMinistries, ...pack.topics];
  const continuedOther = slides.filter(
    (s) => !heading(s)[0]?.startsWith(overview) && heading(s)[0]?.endsWith(`(${cont})`),
  ).length;
  return (
    1 +
    (1 + Math.ceil(chartCount / 2) + 2 + continuedOverview) +
    (pack.projects.length + continuedProjects) +
    groups.length +
    1 +
    (continuedOther - continuedProjects)
  );
}

describe('the English deck of the fixture pack', () => {
  const pack = deckFixture(['en']);
  let slides: SlidePart[];
  let files: Map<string, Buffer>;
  beforeAll(async () => {
    const pptx = await renderPackPptx(pack);
    files = await unzip(pptx);
    slides = await readSlides(pptx);
  });

  test('has the slides the data calls for', () => {
    expect(slides.length).toBe(expectedSlides(pack, slides, 'Portfolio overview', 'continued'));
    expect(heading(slides[0]!)).toEqual(['Interface Workshop pack']);
    // Each project: exactly one slide under its official name; the long report goes on once.
    for (const project of pack.projects) {
      expect(slideHeaded(slides, project.title.en)).toHaveLength(1);
    }
    expect(slideHeaded(slides, `${pack.projects[1]!.title.en} (continued)`)).toHaveLength(1);
    expect(slideHeaded(slides, `${pack.projects[0]!.title.en} (continued)`)).toHaveLength(0);
    expect(heading(slides.at(-1)!)).toEqual(['Thank you']);
    // The slides in presentation order are the zip's slide parts.
    const presentation = files.get('ppt/presentation.xml')!.toString('utf8');
    expect(presentation.match(/<p:sldId /g)).toHaveLength(slides.length);
  });

  test('shows the overview numbers of the data', () => {
    const o = pack.overview;
    const tiles = new Map(
      slides[1]!.shapes
        .filter((s) => s.paragraphs.length >= 2)
        .map((s) => [s.paragraphs[1]!, s.paragraphs[0]!]),
    );
    expect(tiles.get('Projects')).toBe(en.format(o.projects));
    expect(tiles.get('Ongoing projects')).toBe(en.format(o.active));
    expect(tiles.get('Known IKI funding')).toBe(euro.format(o.fundingKnownEur));
    expect(tiles.get('Milestones in the period: Achieved')).toBe(en.format(o.milestones.achieved));
    expect(tiles.get('Milestones in the period: Due')).toBe(en.format(o.milestones.due));
    expect(tiles.get('Milestones in the period: Overdue')).toBe(en.format(o.milestones.overdue));
    expect(tiles.get('Reports in the round')).toBe(`${o.round!.approved} / ${o.round!.asked}`);
    expect(bodyText(slides[1]!)).toContain(
      `${o.projectsWithFunding} of ${o.projects} projects publish their funding`,
    );

    const totals = slides.find((s) => heading(s)[0]?.endsWith('IKI standard indicators'))!;
    const rows = totals.tables[0]!.slice(1);
    for (const [i, t] of o.indicatorTotals.entries()) {
      expect(rows[i]![0]).toContain(t.code);
      expect(rows[i]![1]).toBe(t.total === null ? 'no total' : `${en.format(t.total)} t CO₂e`);
      expect(rows[i]![2]).toBe(`${t.reportingProjects} of ${t.linkedProjects} projects reported`);
    }
  });

  test('draws the charts with their numbers as alternative text', () => {
    const pictures = slides.flatMap((s) => s.pictures);
    expect(pictures.length).toBeGreaterThan(0);
    for (const picture of pictures) expect(picture.descr?.trim()).toBeTruthy();
    const descr = pictures.map((p) => p.descr).join('\n');
    for (const row of pack.overview.byType)
      expect(descr).toContain(`${row.label.en}: ${row.value}`);
    const m = pack.overview.milestones;
    expect(descr).toContain(`Achieved: ${m.achieved}; Due: ${m.due}; Overdue: ${m.overdue}`);
    // The project's indicator chart: target beside actual, a missing actual as a dash.
    const points = pack.projects[0]!.indicators[0]!.points;
    for (const p of points) {
      expect(descr).toContain(`${p.periodEnd}: Target ${p.target}, Actual ${p.actual ?? '–'}`);
    }
  });

  test('shows each project with its report, or why there is none', () => {
    const [ets, , cooling, transport] = pack.projects;
    const etsText = bodyText(slideHeaded(slides, ets!.title.en)[0]!);
    expect(etsText).toContain('Verifiers from twelve provinces completed the training course.');
    expect(etsText).toContain('Commissioned by: BMWK, MEE');
    expect(etsText).toContain('2026-03-15  MRV guidelines adopted');
    expect(etsText).toContain('Actual 42,000 · Target 50,000 t CO₂e · Share of target 84%');
    expect(etsText).toContain('Overdue: 1');

    const coolingText = bodyText(slideHeaded(slides, cooling!.title.en)[0]!);
    expect(coolingText).toContain('Not reported — report in draft');
    expect(coolingText).not.toContain('Achievements');

    // Written in German only: shown as written, marked as not translated.
    const transportText = bodyText(slideHeaded(slides, transport!.title.en)[0]!);
    expect(transportText).toContain('(not translated)');
    expect(transportText).toContain('Der Abschlussbericht wurde der Provinzregierung übergeben.');
  });

  test('lists every project of a group and every source', () => {
    for (const group of pack.germanMinistries) {
      const groupSlides = slides.filter((s) => heading(s)[0]?.includes(group.name.en));
      const cells = groupSlides.flatMap((s) => s.tables.flatMap((t) => t.map((r) => r[0])));
      for (const id of group.projectIds) {
        const project = pack.projects.find((p) => p.id === id)!;
        expect(cells.filter((c) => c === project.title.en)).toHaveLength(1);
      }
      expect(bodyText(groupSlides[0]!)).toContain(`Projects: ${group.projectIds.length}`);
    }
    const closing = slides.filter(
      (s) => heading(s)[0] === 'Thank you' || heading(s)[0]?.startsWith('Sources'),
    );
    const text = closing.map(bodyText).join('\n');
    for (const source of pack.sources) expect(text).toContain(source.url);
    // Each URL is a link (a hyperlink relationship of the closing slide).
    const rels = files
      .get(`ppt/slides/_rels/slide${closing[0]!.number}.xml.rels`)!
      .toString('utf8');
    for (const source of pack.sources) expect(rels).toContain(`Target="${source.url}"`);
  });

  test('has no empty placeholder and no "undefined", "null", "NaN" or "[object"', () => {
    for (const slide of slides) {
      for (const shape of slide.shapes.filter((s) => s.placeholder)) {
        expect(shape.paragraphs.join('').trim()).not.toBe('');
      }
      const text = [...slide.texts, ...slide.pictures.map((p) => p.descr ?? '')].join('\n');
      expect(text).not.toMatch(/undefined|\bnull\b|NaN|\[object/);
    }
  });
});

describe('the Chinese deck', () => {
  test('keeps the Chinese text exactly, in an East-Asian font', async () => {
    const pack = deckFixture(['zh']);
    const slides = await readSlides(await renderPackPptx(pack));
    const all = slides.flatMap((s) => s.texts).join('');
    for (const text of [
      '对接研讨会资料',
      '项目组合概览',
      pack.projects[0]!.title.zh!,
      '来自十二个省份的核查人员完成了培训课程。',
      '未报告 — 报告为草稿',
      '2026年对接研讨会',
    ]) {
      expect(all).toContain(text);
    }
    expect(slideHeaded(slides, pack.projects[0]!.title.zh!)).toHaveLength(1);
    // Every run with Chinese characters is tagged zh-CN with an East-Asian typeface.
    const runs = slides.flatMap((s) => s.shapes.flatMap((sh) => sh.runs));
    const chinese = runs.filter((r) => CJK.test(r.text));
    expect(chinese.length).toBeGreaterThan(20);
    for (const run of chinese) {
      expect(run.lang).toBe('zh-CN');
      expect(run.eastAsian).toBe('Microsoft YaHei');
    }
  });
});

describe('the English and Chinese deck', () => {
  test('carries both languages on every slide', async () => {
    const pack = deckFixture(['en', 'zh']);
    const slides = await readSlides(await renderPackPptx(pack));
    for (const slide of slides) {
      const title = heading(slide).join('\n');
      expect(title, `slide ${slide.number}`).toMatch(CJK);
      expect(title, `slide ${slide.number}`).toMatch(/[A-Za-z]{3}/);
    }
    expect(heading(slides[1]!)[0]).toBe(
      'Portfolio overview / 项目组合概览 — Key figures / 关键数据',
    );
    const [ets, adaptation] = pack.projects;
    // Both official names; where the Chinese one is not published, it says so.
    expect(heading(slideHeaded(slides, ets!.title.en)[0]!)).toEqual([ets!.title.en, ets!.title.zh]);
    expect(heading(slideHeaded(slides, adaptation!.title.en)[0]!)).toEqual([
      adaptation!.title.en,
      '中文: 未公布',
    ]);
    // A table cell in two languages: one paragraph each (no break inside a sentence).
    const totals = slides.find((s) => heading(s)[0]?.includes('IKI standard indicators'))!;
    const t = pack.overview.indicatorTotals[0]!;
    expect(totals.tables[0]![1]![2]).toBe(
      `${t.reportingProjects} of ${t.linkedProjects} projects reported\n` +
        `${t.linkedProjects} 个项目中有 ${t.reportingProjects} 个已报告`,
    );
    // A ministry's table: the report's state in each language, the date beside its words.
    const bmwk = slides.find((s) => heading(s)[0]?.startsWith('German ministries / 德国部委'))!;
    const etsRow = bmwk.tables[0]!.find((row) => row[0] === `${ets!.title.en}\n${ets!.title.zh}`)!;
    const approvedAt = ets!.report.state === 'approved' ? ets!.report.approvedAt : '';
    expect(etsRow[2]).toBe(`Approved on ${approvedAt}\n批准日期 ${approvedAt}`);
    // The report in each language it was written in.
    const text = bodyText(slideHeaded(slides, ets!.title.en)[0]!);
    expect(text).toContain('Verifiers from twelve provinces completed the training course.');
    expect(text).toContain('来自十二个省份的核查人员完成了培训课程。');
  });
});

describe('a German period pack', () => {
  test('says what a period pack says, in German, with German numbers', async () => {
    const pack = deckFixture(['de']);
    // A period pack: no round, and a project without an approved report says only that.
    pack.request.round = null;
    pack.round = null;
    pack.overview.round = null;
    pack.projects[2]!.report = { state: 'not-reported', reportState: 'none-approved' };
    // A control character pasted into a report (not allowed in XML) is dropped, not written.
    const report = pack.projects[0]!.report;
    if (report.state === 'approved') report.texts.de = { achievements: 'Schulung\u0007 beendet.' };
    const slides = await readSlides(await renderPackPptx(pack));
    const text = slides.map(bodyText).join('\n');
    expect(text).toContain('Fortschritt der IKI-Projekte in China');
    expect(text).toContain('Schulung beendet.');
    expect(text).toContain('Nicht berichtet — für diesen Zeitraum kein freigegebener Bericht');
    const de = new Intl.NumberFormat('de-DE', {
      style: 'currency',
      currency: 'EUR',
      maximumFractionDigits: 0,
    });
    expect(text).toContain(de.format(pack.overview.fundingKnownEur));
    expect(text).not.toContain('Berichte der Runde');
    // Official names in German where published, else the English original with the note.
    expect(slideHeaded(slides, pack.projects[0]!.title.de!)).toHaveLength(1);
    expect(heading(slideHeaded(slides, pack.projects[1]!.title.en)[0]!)).toEqual([
      pack.projects[1]!.title.en,
      'Deutsch: nicht veröffentlicht',
    ]);
    for (const slide of slides) {
      expect(slide.texts.join('\n')).not.toMatch(/undefined|\bnull\b|NaN|\[object/);
    }
  });
});

describe('an empty pack', () => {
  test('still has its title, overview and closing slides, saying there is nothing', async () => {
    const pack = deckFixture(['en', 'zh']);
    pack.projects = [];
    pack.germanMinistries = [];
    pack.chineseMinistries = [];
    pack.topics = [];
    pack.sources = [];
    Object.assign(pack.overview, {
      projects: 0,
      active: 0,
      fundingKnownEur: 0,
      projectsWithFunding: 0,
      byType: [],
      byStatus: [],
      byFundingArea: [],
      milestones: { achieved: 0, due: 0, overdue: 0 },
      indicatorTotals: [],
      events: [],
    });
    pack.overview.round = { asked: 0, approved: 0, byState: [] };
    const slides = await readSlides(await renderPackPptx(pack));
    // Title, key figures, the milestones chart (the only one with categories), totals, events,
    // closing.
    expect(slides).toHaveLength(6);
    const text = slides.map(bodyText).join('\n');
    expect(text).toContain('No indicator published. / 未公布指标。');
    expect(text).toContain('No event in the period. / 本期没有活动。');
    for (const slide of slides) {
      expect(slide.texts.join('\n')).not.toMatch(/undefined|\bnull\b|NaN|\[object/);
    }
  });
});
