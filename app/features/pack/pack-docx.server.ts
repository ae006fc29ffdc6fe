import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

import { INTL_LOCALE, LANGS, type Lang } from '../../core/i18n/config';
import type { Translation } from '../../core/i18n/locales/en';
import { resources } from '../../core/i18n/resources';
import { formatCount, formatEur, formatPartialDate, formatPeriod } from '../../core/format';
import { type DatePrecision, REPORT_SECTIONS, type ReportSection } from '../../../db/vocabulary';
import { renderChartPng } from './chart-png.server';
import { type ChartSpec, chartAltText, indicatorChart, overviewCharts } from './pack-charts';
import { PACK_LABELS, type PackLabels, fill, nameOr } from './pack-labels';
import type {
  CountRow,
  Named,
  PackData,
  PackEntry,
  PackEvent,
  PackGroup,
  PackIndicator,
  PackMilestone,
  PackOrganisation,
  PackProject,
  PackReport,
} from './pack-types';

// The workshop pack as an editable Word document (issue #31, decision 0078): the same content as
// the deck and the print view, in full, for the ministries that edit a report. Real Word styles
// (Heading 1–3, so the navigation pane and the table of contents work), A4, the round or period
// and "as of" in every page's header, page numbers in the footer. Every run carries its language,
// and a Chinese run its East Asian font, so Word sets Chinese in a CJK font and checks spelling in
// the right dictionary.

/** Text in one language: one run of the document. */
interface Span {
  text: string;
  lang: Lang;
}

type Block = Paragraph | Table;
type Pick = (labels: PackLabels, lang: Lang) => string;
type ApprovedReport = Extract<PackReport, { state: 'approved' }>;

interface Ctx {
  pack: PackData;
  languages: readonly Lang[];
  /** The first language: numbers are written in its locale. */
  main: Lang;
  /** Source id → its number in the list at the end. */
  sourceNumbers: Map<number, number>;
  percent: Intl.NumberFormat;
}

// Word's own CJK face on Windows and in Office for Mac; LibreOffice falls back to the installed one.
const CJK_FONT = 'Microsoft YaHei';
const LATIN_FONT = 'Calibri';
const RUN_LANGUAGE: Record<Lang, { value: string; eastAsia?: string }> = {
  en: { value: 'en-GB' },
  de: { value: 'de-DE' },
  zh: { value: 'zh-CN', eastAsia: 'zh-CN' },
};

// A4 with 2 cm margins, in twentieths of a point; images are sized in pixels at 96 to the inch.
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH / 1440) * 96);
const GREY = 'F2F2F2';
const MUTED = '595959';
const ACCENT = '1F4E79';
const BULLETS = 'bullets';

type RunStyle = { bold?: boolean; italics?: boolean; size?: number; color?: string };

function run(span: Span, style: RunStyle = {}): TextRun {
  return new TextRun({
    text: span.text,
    ...style,
    language: RUN_LANGUAGE[span.lang],
    // The hint sets Chinese punctuation (“”、·) in the CJK face as well as the ideographs.
    ...(span.lang === 'zh' ? { font: { eastAsia: CJK_FONT, hint: 'eastAsia' } } : {}),
  });
}

/** Spans as runs, "English / 中文" for a bilingual pack. */
function runs(spans: Span[], style: RunStyle = {}, separator = ' / '): TextRun[] {
  return spans.flatMap((span, i) =>
    i === 0
      ? [run(span, style)]
      : [run({ text: separator, lang: span.lang }, style), run(span, style)],
  );
}

function distinct(spans: Span[]): Span[] {
  return spans.filter((span, i) => spans.findIndex((s) => s.text === span.text) === i);
}

/** One of the pack's own words in each of its languages. */
function label(ctx: Ctx, pick: Pick): Span[] {
  return distinct(ctx.languages.map((lang) => ({ text: pick(PACK_LABELS[lang], lang), lang })));
}

/** A word of the hub's page translations (a column or field name) in each of the pack's languages. */
function words(ctx: Ctx, pick: (t: Translation) => string): Span[] {
  return distinct(ctx.languages.map((lang) => ({ text: pick(resources[lang].translation), lang })));
}

/** A name in each of the pack's languages it is published in; the English original otherwise. */
function named(ctx: Ctx, name: Named): Span[] {
  const spans = distinct(
    ctx.languages.flatMap((lang) => (name[lang] ? [{ text: name[lang]!, lang }] : [])),
  );
  return spans.length > 0 ? spans : [{ text: name.en, lang: 'en' }];
}

type Vocabulary = 'type' | 'status' | 'milestoneStatus' | 'eventType' | 'entryKind';

/** A vocabulary key in words (the hub's own translations); a key they lack stays as written. */
function vocabulary(ctx: Ctx, kind: Vocabulary, key: string): Span[] {
  return distinct(
    ctx.languages.map((lang) => {
      const t = resources[lang].translation;
      const words: Record<string, string> =
        kind === 'entryKind' ? t.knowledge.kinds : kind === 'eventType' ? t.eventType : t[kind];
      return { text: words[key] ?? key, lang };
    }),
  );
}

function dateSpans(ctx: Ctx, value: string | null, precision: DatePrecision | null): Span[] {
  return distinct(
    ctx.languages.map((lang) => ({
      text:
        formatPartialDate(value, precision, INTL_LOCALE[lang]) ?? PACK_LABELS[lang].notPublished,
      lang,
    })),
  );
}

function periodSpans(
  ctx: Ctx,
  start: { value: string | null; precision: DatePrecision | null },
  end: { value: string | null; precision: DatePrecision | null },
): Span[] {
  return distinct(
    ctx.languages.map((lang) => ({
      text:
        formatPeriod(start, end, INTL_LOCALE[lang], PACK_LABELS[lang].notPublished) ??
        PACK_LABELS[lang].notPublished,
      lang,
    })),
  );
}

function num(ctx: Ctx, value: number | null): Span {
  return {
    text: value === null ? '–' : formatCount(value, INTL_LOCALE[ctx.main]),
    lang: ctx.main,
  };
}

/** "[2, 5]": the numbers of the sources a fact names, in the list at the end. */
function sourceRefs(ctx: Ctx, ids: number[]): Span[] {
  const numbers = [...new Set(ids.map((id) => ctx.sourceNumbers.get(id)))]
    .filter((n): n is number => n !== undefined)
    .sort((a, b) => a - b);
  return numbers.length > 0 ? [{ text: `[${numbers.join(', ')}]`, lang: ctx.main }] : [];
}

// ——— Paragraphs and tables ———

const HEADING = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
} as const;

function heading(level: 1 | 2 | 3, spans: Span[], pageBreakBefore = false): Paragraph {
  return new Paragraph({ heading: HEADING[level], children: runs(spans), pageBreakBefore });
}

/** A heading in the pack's own words. */
function labelHeading(ctx: Ctx, level: 1 | 2 | 3, pick: Pick, pageBreakBefore = false): Paragraph {
  return heading(level, label(ctx, pick), pageBreakBefore);
}

function para(children: TextRun[], spacingAfter = 120): Paragraph {
  return new Paragraph({ children, spacing: { after: spacingAfter } });
}

/** The pack's own words as runs. */
function labelRuns(ctx: Ctx, pick: Pick, style: RunStyle = {}): TextRun[] {
  return runs(label(ctx, pick), style);
}

/** "Period / 时期: 1 January 2026 – 30 June 2026". */
function labelLine(ctx: Ctx, pick: Pick, value: TextRun[]): Paragraph {
  return para([
    ...labelRuns(ctx, pick, { bold: true }),
    run({ text: ': ', lang: ctx.main }),
    ...value,
  ]);
}

function cell(children: TextRun[], header = false): TableCell {
  return new TableCell({
    children: [new Paragraph({ children })],
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    ...(header ? { shading: { type: ShadingType.CLEAR, fill: GREY, color: 'auto' } } : {}),
  });
}

/** A table over the text's width: a header row repeated on each page, then the rows. */
function table(
  header: TextRun[][],
  rows: TextRun[][][],
  weights: number[],
  withHeader = true,
): Table {
  const sum = weights.reduce((a, b) => a + b, 0);
  const columnWidths = weights.map((w) => Math.floor((w / sum) * TEXT_WIDTH));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths,
    rows: [
      ...(withHeader
        ? [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) })]
        : []),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c) => cell(c)) })),
    ],
  });
}

function headerCells(ctx: Ctx, picks: Pick[]): TextRun[][] {
  return picks.map((pick) => runs(label(ctx, pick), { bold: true }));
}

function hubHeaders(ctx: Ctx, picks: ((t: Translation) => string)[]): TextRun[][] {
  return picks.map((pick) => runs(words(ctx, pick), { bold: true }));
}

/** "None in the period." and the like, in italics. */
function none(ctx: Ctx, pick: Pick): Paragraph {
  return para(runs(label(ctx, pick), { italics: true }));
}

function bullet(children: TextRun[]): Paragraph {
  return new Paragraph({ children, numbering: { reference: BULLETS, level: 0 } });
}

/** A chart as a PNG image, its numbers as its alternative text. */
async function chart(spec: ChartSpec, width: number, height: number): Promise<Paragraph> {
  const data = await renderChartPng(spec, { width, height });
  return new Paragraph({
    spacing: { before: 120, after: 120 },
    children: [
      new ImageRun({
        type: 'png',
        data,
        transformation: { width, height },
        altText: { name: spec.id, title: spec.title, description: chartAltText(spec) },
      }),
    ],
  });
}

/** A bar chart's height: room for each category's bar and label. */
const barsHeight = (spec: ChartSpec) => Math.min(520, 70 + 34 * spec.categories.length);

// ——— The parts of the document ———

function titlePage(ctx: Ctx): Paragraph[] {
  const { pack } = ctx;
  const out: Paragraph[] = [new Paragraph({ spacing: { before: 2400 } })];
  for (const span of label(ctx, (l) => l.packTitle)) {
    out.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [run(span)] }));
  }
  const subtitle = pack.round
    ? label(ctx, (l, lang) => fill(l.roundPack, { round: nameOr(pack.round!.title, lang) }))
    : label(ctx, (l) => l.periodPack);
  for (const span of subtitle) out.push(para([run(span, { size: 32, color: MUTED })], 240));
  const period = periodSpans(
    ctx,
    { value: pack.request.start, precision: 'day' },
    { value: pack.request.end, precision: 'day' },
  );
  out.push(new Paragraph({ spacing: { before: 480 } }));
  out.push(labelLine(ctx, (l) => l.period, runs(period)));
  out.push(labelLine(ctx, (l) => l.asOf, runs(dateSpans(ctx, pack.asOf, 'day'))));
  if (pack.round?.event) {
    out.push(labelLine(ctx, (l) => l.events, runs(named(ctx, pack.round.event.title))));
  }
  out.push(
    para(
      labelRuns(ctx, (l) => l.filter, { bold: true }),
      60,
    ),
  );
  const filter =
    pack.filterText.length > 0
      ? pack.filterText.map((f) => named(ctx, f))
      : [label(ctx, (l) => l.unfiltered)];
  for (const spans of filter) out.push(para(runs(spans), 60));
  out.push(new Paragraph({ spacing: { before: 960 } }));
  out.push(para(labelRuns(ctx, (l) => l.madeBy, { color: MUTED, size: 18 })));
  return out;
}

function contents(ctx: Ctx): (Paragraph | TableOfContents)[] {
  return [
    new Paragraph({
      pageBreakBefore: true,
      spacing: { after: 240 },
      children: labelRuns(ctx, (l) => l.contents, { bold: true, size: 32 }),
    }),
    // docx writes the entries from the headings, so the table is not empty before Word updates
    // it (updateFields: Word fills in the page numbers on opening) or in viewers that never do.
    new TableOfContents(ctx.languages.map((l) => PACK_LABELS[l].contents).join(' / '), {
      hyperlink: true,
      headingStyleRange: '1-2',
    }),
  ];
}

function countTable(ctx: Ctx, rows: CountRow[], first: TextRun[]): Table {
  return table(
    [first, ...headerCells(ctx, [(l) => l.projects])],
    rows.map((r) => [runs(named(ctx, r.label)), [run(num(ctx, r.value))]]),
    [3, 1],
  );
}

async function overview(ctx: Ctx): Promise<Block[]> {
  const { pack } = ctx;
  const o = pack.overview;
  const specs = new Map(overviewCharts(pack, pack.request.languages).map((s) => [s.id, s]));
  const out: Block[] = [labelHeading(ctx, 1, (l) => l.overview, true)];

  out.push(labelHeading(ctx, 2, (l) => l.keyFigures));
  const coverage = { n: o.projectsWithFunding, total: o.projects };
  const funding = label(
    ctx,
    (l, lang) =>
      `${formatEur(o.fundingKnownEur, INTL_LOCALE[lang])} (${fill(l.fundingCoverage, coverage)})`,
  );
  const figures: [Span[], Span[]][] = [
    [label(ctx, (l) => l.projects), [num(ctx, o.projects)]],
    [label(ctx, (l) => l.activeProjects), [num(ctx, o.active)]],
    [label(ctx, (l) => l.knownFunding), funding],
    [
      label(ctx, (l) => `${l.milestonesInPeriod}: ${l.milestonesAchieved}`),
      [num(ctx, o.milestones.achieved)],
    ],
    [
      label(ctx, (l) => `${l.milestonesInPeriod}: ${l.milestonesDue}`),
      [num(ctx, o.milestones.due)],
    ],
    [
      label(ctx, (l) => `${l.milestonesInPeriod}: ${l.milestonesOverdue}`),
      [num(ctx, o.milestones.overdue)],
    ],
  ];
  if (o.round) {
    figures.push([label(ctx, (l) => l.roundCompletion), roundShare(ctx)]);
  }
  out.push(
    table(
      [],
      figures.map(([name, value]) => [runs(name, { bold: true }), runs(value)]),
      [2, 2],
      false,
    ),
  );

  const counts: [string, CountRow[], Pick, (t: Translation) => string][] = [
    ['byType', o.byType, (l) => l.byType, (t) => t.project.type],
    ['byStatus', o.byStatus, (l) => l.byStatus, (t) => t.project.status],
    ['byFundingArea', o.byFundingArea, (l) => l.byFundingArea, (t) => t.filter.fundingArea],
  ];
  for (const [id, rows, title, column] of counts) {
    const spec = specs.get(id);
    if (!spec) continue;
    out.push(labelHeading(ctx, 2, title));
    out.push(await chart(spec, TEXT_WIDTH_PX, barsHeight(spec)));
    out.push(countTable(ctx, rows, runs(words(ctx, column), { bold: true })));
  }

  const milestones = specs.get('milestones');
  out.push(labelHeading(ctx, 2, (l) => l.milestonesInPeriod));
  if (milestones) out.push(await chart(milestones, TEXT_WIDTH_PX, barsHeight(milestones)));
  out.push(
    table(
      headerCells(ctx, [
        (l) => l.milestonesAchieved,
        (l) => l.milestonesDue,
        (l) => l.milestonesOverdue,
      ]),
      [
        [o.milestones.achieved, o.milestones.due, o.milestones.overdue].map((n) => [
          run(num(ctx, n)),
        ]),
      ],
      [1, 1, 1],
    ),
  );

  out.push(labelHeading(ctx, 2, (l) => l.indicatorTotals));
  if (o.indicatorTotals.length === 0) {
    out.push(para(labelRuns(ctx, (l) => l.noIndicators)));
  } else {
    out.push(
      table(
        headerCells(ctx, [
          (l) => l.indicators,
          (l) => l.actual,
          (l) => l.projects,
          (l) => l.sources,
        ]),
        o.indicatorTotals.map((t) => [
          [
            run({ text: `${t.code} · `, lang: ctx.main }, { bold: true }),
            ...runs(named(ctx, t.name)),
            ...(t.unit ? [run({ text: ` (${t.unit})`, lang: ctx.main })] : []),
          ],
          t.total === null
            ? [
                ...labelRuns(ctx, (l) => l.noTotal, { italics: true }),
                ...(t.reason
                  ? [run({ text: ` — ${t.reason}`, lang: ctx.main }, { italics: true })]
                  : []),
              ]
            : [run(num(ctx, t.total), { bold: true })],
          labelRuns(ctx, (l) =>
            fill(l.reportingProjects, { n: t.reportingProjects, m: t.linkedProjects }),
          ),
          runs(sourceRefs(ctx, t.sourceIds)),
        ]),
        [5, 2, 3, 1.4],
      ),
    );
  }

  if (o.round) {
    out.push(labelHeading(ctx, 2, (l) => l.roundCompletion));
    out.push(para(runs(roundShare(ctx))));
    const spec = specs.get('round');
    if (spec) out.push(await chart(spec, TEXT_WIDTH_PX, barsHeight(spec)));
    out.push(
      countTable(
        ctx,
        o.round.byState,
        runs(
          words(ctx, (t) => t.reporting.state),
          { bold: true },
        ),
      ),
    );
  }

  out.push(labelHeading(ctx, 2, (l) => l.eventsInPeriod));
  out.push(...eventsBlock(ctx, o.events));
  return out;
}

function roundShare(ctx: Ctx): Span[] {
  const round = ctx.pack.overview.round!;
  return label(ctx, (l) =>
    fill(l.reportsApproved, { approved: round.approved, asked: round.asked }),
  );
}

function eventsBlock(ctx: Ctx, events: PackEvent[]): Block[] {
  if (events.length === 0) return [para(labelRuns(ctx, (l) => l.noEvents))];
  return [
    table(
      [
        ...hubHeaders(ctx, [(t) => t.events.date]),
        ...headerCells(ctx, [(l) => l.events]),
        ...hubHeaders(ctx, [(t) => t.events.type]),
        ...headerCells(ctx, [(l) => l.sources]),
      ],
      events.map((e) => [
        runs(
          periodSpans(
            ctx,
            { value: e.startDate, precision: e.startPrecision },
            {
              value: e.endDate ?? e.startDate,
              precision: e.endDate ? e.endPrecision : e.startPrecision,
            },
          ),
        ),
        runs(named(ctx, e.title)),
        [
          ...runs(vocabulary(ctx, 'eventType', e.type)),
          ...(e.city ? [run({ text: ` · ${e.city}`, lang: ctx.main })] : []),
        ],
        runs(sourceRefs(ctx, e.sourceIds)),
      ]),
      [3, 5, 2, 1.4],
    ),
  ];
}

function organisations(ctx: Ctx, list: PackOrganisation[]): TextRun[] {
  if (list.length === 0) return labelRuns(ctx, (l) => l.notPublished, { italics: true });
  return list.flatMap((o, i) => [
    ...(i > 0 ? [run({ text: '; ', lang: ctx.main })] : []),
    ...runs(named(ctx, o.name)),
    ...(o.acronym ? [run({ text: ` (${o.acronym})`, lang: ctx.main })] : []),
  ]);
}

function milestoneTable(ctx: Ctx, milestones: PackMilestone[], date: Pick): Paragraph | Table {
  if (milestones.length === 0) return none(ctx, (l) => l.noneInPeriod);
  return table(
    [
      ...hubHeaders(ctx, [(t) => t.milestone.title, (t) => t.milestone.status]),
      ...headerCells(ctx, [date]),
      [run({ text: '%', lang: ctx.main }, { bold: true })],
      ...headerCells(ctx, [(l) => l.sources]),
    ],
    milestones.map((m) => [
      runs(named(ctx, m.title)),
      runs(vocabulary(ctx, 'milestoneStatus', m.status)),
      runs(dateSpans(ctx, m.date, m.precision)),
      [run({ text: `${Math.round(m.progress)} %`, lang: ctx.main })],
      runs(sourceRefs(ctx, m.sourceIds)),
    ]),
    [5, 2, 3, 1, 1.4],
  );
}

function shareRuns(ctx: Ctx, indicator: PackIndicator): TextRun[] {
  if (indicator.share !== null) {
    return [run({ text: ctx.percent.format(indicator.share), lang: ctx.main })];
  }
  if (indicator.noShareReason) {
    return [run({ text: indicator.noShareReason, lang: ctx.main }, { italics: true })];
  }
  return [run({ text: '–', lang: ctx.main })];
}

async function indicatorsBlock(ctx: Ctx, indicators: PackIndicator[]): Promise<Block[]> {
  if (indicators.length === 0) return [none(ctx, (l) => l.noIndicators)];
  const out: Block[] = [
    table(
      headerCells(ctx, [
        (l) => l.indicators,
        (l) => l.baseline,
        (l) => l.target,
        (l) => l.actual,
        (l) => l.shareOfTarget,
      ]),
      indicators.map((i) => [
        [
          ...(i.standardCode
            ? [run({ text: `${i.standardCode} · `, lang: ctx.main }, { bold: true })]
            : []),
          ...runs(named(ctx, i.title)),
          ...(i.unit ? [run({ text: ` (${i.unit})`, lang: ctx.main })] : []),
        ],
        [run(num(ctx, i.baseline))],
        [run(num(ctx, i.latestTarget))],
        [run(num(ctx, i.latestActual))],
        shareRuns(ctx, i),
      ]),
      [5, 2, 2, 2, 2],
    ),
  ];
  for (const indicator of indicators) {
    const spec = indicatorChart(indicator, ctx.pack.request.languages);
    if (spec) out.push(await chart(spec, 440, 200));
  }
  return out;
}

/** A report section in each pack language it is written in; else in its original, marked so. */
function sectionText(ctx: Ctx, report: ApprovedReport, section: ReportSection): Paragraph[] {
  const { texts, language } = report;
  const has = (lang: Lang | null): lang is Lang =>
    lang !== null && !!texts[lang]?.[section]?.trim();
  let written = ctx.languages.filter(has);
  const out: Paragraph[] = [];
  if (written.length === 0) {
    const original = [language, ...LANGS].find(has);
    if (!original) return [];
    written = [original];
    out.push(para(labelRuns(ctx, (l) => `(${l.notTranslated})`, { italics: true, color: MUTED })));
  }
  for (const lang of written) {
    for (const text of texts[lang]![section]!.split(/\n+/)) {
      if (text.trim()) out.push(para([run({ text: text.trim(), lang })]));
    }
  }
  return out;
}

function reportBlock(ctx: Ctx, project: PackProject): Block[] {
  const { report } = project;
  if (report.state !== 'approved') {
    // Never the draft: only that it was not reported, and why.
    return [
      labelHeading(ctx, 3, (l) => l.achievements),
      para([
        ...labelRuns(ctx, (l) => l.notReported, { bold: true }),
        run({ text: ' — ', lang: ctx.main }, { bold: true }),
        ...labelRuns(ctx, (l) => l.reportStates[report.reportState] ?? report.reportState),
      ]),
    ];
  }
  const out: Block[] = [
    para(
      [
        ...runs(named(ctx, report.roundTitle), { italics: true, color: MUTED }),
        run({ text: ' · ', lang: ctx.main }, { color: MUTED }),
        ...labelRuns(ctx, (l) => l.approvedOn, { italics: true, color: MUTED }),
        run({ text: ' ', lang: ctx.main }),
        ...runs(dateSpans(ctx, report.approvedAt.slice(0, 10), 'day'), {
          italics: true,
          color: MUTED,
        }),
      ],
      60,
    ),
  ];
  for (const section of REPORT_SECTIONS) {
    const text = sectionText(ctx, report, section);
    if (text.length === 0) continue;
    out.push(
      labelHeading(ctx, 3, (l) => l.reportSections[section]),
      ...text,
    );
  }
  return out;
}

function entriesBlock(ctx: Ctx, entries: PackEntry[]): Block[] {
  if (entries.length === 0) return [none(ctx, (l) => l.noneInPeriod)];
  return [
    table(
      [
        ...hubHeaders(ctx, [(t) => t.knowledge.field.title, (t) => t.knowledge.field.kind]),
        ...hubHeaders(ctx, [(t) => t.knowledge.field.publishedAt]),
      ],
      entries.map((e) => [
        runs(named(ctx, e.title)),
        [
          ...runs(vocabulary(ctx, 'entryKind', e.kind)),
          ...(e.isResolved
            ? [
                run({ text: ' · ', lang: ctx.main }),
                ...runs(words(ctx, (t) => t.knowledge.field.isResolved)),
              ]
            : []),
        ],
        runs(dateSpans(ctx, e.publishedAt.slice(0, 10), 'day')),
      ]),
      [6, 3, 3],
    ),
  ];
}

async function projectSection(ctx: Ctx, project: PackProject, first: boolean): Promise<Block[]> {
  const { overview } = ctx.pack;
  const typeRow = overview.byType.find((r) => r.key === project.type);
  const statusRow = overview.byStatus.find((r) => r.key === project.status);
  const out: Block[] = [heading(2, named(ctx, project.title), !first)];
  const facts: [Span[], TextRun[]][] = [];
  if (project.shortName) {
    facts.push([
      words(ctx, (t) => t.project.shortName),
      [run({ text: project.shortName, lang: ctx.main })],
    ]);
  }
  facts.push(
    [
      words(ctx, (t) => t.project.type),
      runs(typeRow ? named(ctx, typeRow.label) : vocabulary(ctx, 'type', project.type)),
    ],
    [
      words(ctx, (t) => t.project.status),
      runs(statusRow ? named(ctx, statusRow.label) : vocabulary(ctx, 'status', project.status)),
    ],
    [
      label(ctx, (l) => l.runtime),
      runs(
        periodSpans(
          ctx,
          { value: project.startDate, precision: project.startPrecision },
          { value: project.endDate, precision: project.endPrecision },
        ),
      ),
    ],
    [
      label(ctx, (l) => l.funding),
      project.fundingEur === null
        ? labelRuns(ctx, (l) => l.notPublished, { italics: true })
        : [run({ text: formatEur(project.fundingEur, INTL_LOCALE[ctx.main]), lang: ctx.main })],
    ],
    [label(ctx, (l) => l.commissionedBy), organisations(ctx, project.ministries)],
    [label(ctx, (l) => l.implementers), organisations(ctx, project.implementers)],
    [label(ctx, (l) => l.partners), organisations(ctx, project.partners)],
    [
      label(ctx, (l) => l.topics),
      project.topics.length === 0
        ? labelRuns(ctx, (l) => l.notPublished, { italics: true })
        : project.topics.flatMap((t, i) => [
            ...(i > 0 ? [run({ text: '; ', lang: ctx.main })] : []),
            ...runs(named(ctx, t.name)),
          ]),
    ],
    [label(ctx, (l) => l.sources), runs(sourceRefs(ctx, project.sourceIds))],
  );
  out.push(
    table(
      [[], []],
      facts.map(([name, value]) => [runs(name, { bold: true }), value]),
      [1, 3],
      false,
    ),
  );

  out.push(...reportBlock(ctx, project));

  out.push(labelHeading(ctx, 3, (l) => l.milestonesReached));
  out.push(milestoneTable(ctx, project.milestonesReached, (l) => l.milestonesAchieved));
  out.push(labelHeading(ctx, 3, (l) => l.nextMilestones));
  out.push(milestoneTable(ctx, project.milestonesNext, (l) => l.milestonesDue));
  if (project.milestonesOverdue > 0) {
    out.push(
      para([
        ...labelRuns(ctx, (l) => l.milestonesOverdue, { bold: true }),
        run({ text: ': ', lang: ctx.main }),
        run(num(ctx, project.milestonesOverdue)),
      ]),
    );
  }

  out.push(labelHeading(ctx, 3, (l) => l.indicators));
  out.push(...(await indicatorsBlock(ctx, project.indicators)));
  out.push(labelHeading(ctx, 3, (l) => l.events));
  out.push(...eventsBlock(ctx, project.events));
  out.push(labelHeading(ctx, 3, (l) => l.knowledgeEntries));
  out.push(...entriesBlock(ctx, project.entries));
  return out;
}

function groupSection(ctx: Ctx, group: PackGroup, projects: Map<number, PackProject>): Block[] {
  const name = named(ctx, group.name);
  const out: Block[] = [
    heading(
      2,
      group.acronym
        ? [
            ...name.slice(0, -1),
            { ...name.at(-1)!, text: `${name.at(-1)!.text} (${group.acronym})` },
          ]
        : name,
    ),
  ];
  const figures: [Pick, number][] = [
    [(l) => l.projects, group.projectIds.length],
    [(l) => l.milestonesReached, group.milestonesAchieved],
    [(l) => l.milestonesOverdue, group.milestonesOverdue],
  ];
  if (ctx.pack.round) {
    figures.push([
      (l, lang) =>
        `${l.roundCompletion}: ${resources[lang].translation.reporting.reportState.approved}`,
      group.reportsApproved,
    ]);
  }
  out.push(
    table(
      headerCells(
        ctx,
        figures.map(([pick]) => pick),
      ),
      [figures.map(([, n]) => [run(num(ctx, n))])],
      figures.map(() => 1),
    ),
  );
  out.push(
    para(
      labelRuns(ctx, (l) => l.projects, { bold: true }),
      60,
    ),
  );
  for (const id of group.projectIds) {
    const project = projects.get(id);
    if (project) out.push(bullet(runs(named(ctx, project.title))));
  }
  if (group.entries.length > 0) {
    out.push(
      para(
        labelRuns(ctx, (l) => l.knowledgeEntries, { bold: true }),
        60,
      ),
    );
    out.push(...entriesBlock(ctx, group.entries));
  }
  if (group.sessions.length > 0) {
    out.push(
      para(
        labelRuns(ctx, (l) => l.sessions, { bold: true }),
        60,
      ),
    );
    for (const session of group.sessions) {
      out.push(
        bullet([
          ...runs(named(ctx, session.title), { bold: true }),
          run({ text: ' — ', lang: ctx.main }),
          ...runs(named(ctx, session.eventTitle), { italics: true }),
          ...(session.outcomes ? [run({ text: `: ${session.outcomes}`, lang: 'en' })] : []),
        ]),
      );
    }
  }
  return out;
}

function groupsPart(ctx: Ctx, title: Pick, groups: PackGroup[]): Block[] {
  if (groups.length === 0) return [];
  const projects = new Map(ctx.pack.projects.map((p) => [p.id, p]));
  return [
    heading(1, label(ctx, title), true),
    ...groups.flatMap((g) => groupSection(ctx, g, projects)),
  ];
}

function sourcesPart(ctx: Ctx): Block[] {
  const out: Block[] = [labelHeading(ctx, 1, (l) => l.sources, true)];
  ctx.pack.sources.forEach((source, i) => {
    out.push(
      new Paragraph({
        indent: { left: 567, hanging: 567 },
        spacing: { after: 80 },
        children: [
          run({ text: `[${i + 1}]\t`, lang: ctx.main }, { bold: true }),
          run({ text: source.title, lang: ctx.main }),
          ...(source.publisher ? [run({ text: ` — ${source.publisher}`, lang: ctx.main })] : []),
          run({ text: '. ', lang: ctx.main }),
          new ExternalHyperlink({
            link: source.url,
            children: [new TextRun({ text: source.url, style: 'Hyperlink', size: 18 })],
          }),
        ],
      }),
    );
  });
  return out;
}

function pageHeader(ctx: Ctx): Header {
  const { pack } = ctx;
  const what = pack.round
    ? named(ctx, pack.round.title)
    : periodSpans(
        ctx,
        { value: pack.request.start, precision: 'day' },
        { value: pack.request.end, precision: 'day' },
      );
  const style = { size: 16, color: MUTED };
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [
          ...runs(
            label(ctx, (l) => l.packTitle),
            style,
          ),
          run({ text: ' · ', lang: ctx.main }, style),
          ...runs(what, style),
          run({ text: ' · ', lang: ctx.main }, style),
          ...runs(
            label(ctx, (l) => l.asOf),
            style,
          ),
          run({ text: ' ', lang: ctx.main }, style),
          ...runs(dateSpans(ctx, pack.asOf, 'day'), style),
        ],
      }),
    ],
  });
}

function pageFooter(ctx: Ctx): Footer {
  const style = { size: 16, color: MUTED };
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          ...runs(
            label(ctx, (l) => l.page),
            style,
          ),
          new TextRun({ children: [' ', PageNumber.CURRENT], ...style }),
        ],
      }),
    ],
  });
}

/** The pack as a Word document (.docx): A4, styled headings, charts as images with their numbers. */
export async function renderPackDocx(pack: PackData): Promise<Buffer> {
  const languages = pack.request.languages;
  const main = languages[0];
  const ctx: Ctx = {
    pack,
    languages,
    main,
    sourceNumbers: new Map(pack.sources.map((s, i) => [s.id, i + 1])),
    percent: new Intl.NumberFormat(INTL_LOCALE[main], {
      style: 'percent',
      maximumFractionDigits: 0,
    }),
  };
  const children: (Block | TableOfContents)[] = [...titlePage(ctx), ...contents(ctx)];
  children.push(...(await overview(ctx)));
  children.push(labelHeading(ctx, 1, (l) => l.projectSections, true));
  for (const [i, project] of pack.projects.entries()) {
    children.push(...(await projectSection(ctx, project, i === 0)));
  }
  children.push(...groupsPart(ctx, (l) => l.germanMinistries, pack.germanMinistries));
  children.push(...groupsPart(ctx, (l) => l.chineseMinistries, pack.chineseMinistries));
  children.push(...groupsPart(ctx, (l) => l.topicSections, pack.topics));
  children.push(...sourcesPart(ctx));

  const heading1 = { size: 36, bold: true, color: ACCENT };
  const doc = new Document({
    creator: PACK_LABELS[main].madeBy,
    title: languages.map((l) => PACK_LABELS[l].packTitle).join(' / '),
    // Word fills in the table of contents' page numbers when it opens the file.
    features: { updateFields: true },
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: LATIN_FONT, hAnsi: LATIN_FONT, cs: LATIN_FONT, eastAsia: CJK_FONT },
            size: 21,
            language: { value: RUN_LANGUAGE[main].value, eastAsia: 'zh-CN' },
          },
          paragraph: { spacing: { line: 276, lineRule: LineRuleType.AUTO } },
        },
        title: {
          run: { size: 52, bold: true, color: ACCENT },
          paragraph: { spacing: { after: 120 } },
        },
        heading1: {
          run: heading1,
          paragraph: { spacing: { before: 240, after: 160 }, keepNext: true },
        },
        heading2: {
          run: { size: 28, bold: true, color: ACCENT },
          paragraph: { spacing: { before: 240, after: 120 }, keepNext: true },
        },
        heading3: {
          run: { size: 23, bold: true, color: '404040' },
          paragraph: { spacing: { before: 200, after: 80 }, keepNext: true },
        },
      },
    },
    numbering: {
      config: [
        {
          reference: BULLETS,
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: '•',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 360, hanging: 360 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.margin,
              bottom: PAGE.margin,
              left: PAGE.margin,
              right: PAGE.margin,
            },
          },
        },
        headers: { default: pageHeader(ctx), first: new Header({ children: [new Paragraph({})] }) },
        footers: { default: pageFooter(ctx), first: new Footer({ children: [new Paragraph({})] }) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
