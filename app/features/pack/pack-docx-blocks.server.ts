import {
  ImageRun,
  Paragraph,
  HeadingLevel,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';

import { INTL_LOCALE, type Lang } from '../../core/i18n/config';
import type { Translation } from '../../core/i18n/locales/en';
import { resources } from '../../core/i18n/resources';
import { formatCount, formatPartialDate, formatPeriod } from '../../core/format';
import type { DatePrecision } from '../../../db/vocabulary';
import { renderChartPng } from './chart-png.server';
import { type ChartSpec, chartAltText } from './pack-charts';
import { PACK_LABELS, type PackLabels } from './pack-labels';
import type {
  Named,
  PackData,
  PackEntry,
  PackEvent,
  PackOrganisation,
  PackReport,
} from './pack-types';

// The words, runs, paragraphs and tables the pack's Word document is made of (decision 0078).
// Every run carries its language, and a Chinese run its East Asian font, so Word sets Chinese in
// a CJK face and checks spelling with the right dictionary; a label is written in each of the
// pack's languages ("English / 中文").

/** Text in one language: one run of the document. */
export interface Span {
  text: string;
  lang: Lang;
}

export type Block = Paragraph | Table;
/** A block, or a chart's paragraph still being drawn (awaited all together at the end). */
export type Part = Block | Promise<Paragraph>;
export type Pick = (labels: PackLabels, lang: Lang) => string;
export type ApprovedReport = Extract<PackReport, { state: 'approved' }>;

export interface Ctx {
  pack: PackData;
  languages: readonly Lang[];
  /** The first language: numbers are written in its locale. */
  main: Lang;
  /** Source id → its number in the list at the end. */
  sourceNumbers: Map<number, number>;
  percent: Intl.NumberFormat;
  /** Runs a chart's drawing when one of the few slots is free. */
  drawing: <T>(task: () => Promise<T>) => Promise<T>;
}

// Word's own CJK face on Windows and in Office for Mac; LibreOffice falls back to the installed one.
export const CJK_FONT = 'Microsoft YaHei';
export const LATIN_FONT = 'Calibri';
export const RUN_LANGUAGE: Record<Lang, { value: string; eastAsia?: string }> = {
  en: { value: 'en-GB' },
  de: { value: 'de-DE' },
  zh: { value: 'zh-CN', eastAsia: 'zh-CN' },
};

// A4 with 2 cm margins, in twentieths of a point; images are sized in pixels at 96 to the inch.
export const PAGE = { width: 11906, height: 16838, margin: 1134 };
export const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
export const TEXT_WIDTH_PX = Math.floor((TEXT_WIDTH / 1440) * 96);
export const GREY = 'F2F2F2';
export const MUTED = '595959';
export const ACCENT = '1F4E79';
export const BULLETS = 'bullets';
/** Charts are drawn at twice their size on the page, sharp in print and on a projector. */
const CHART_SCALE = 2;

export type RunStyle = { bold?: boolean; italics?: boolean; size?: number; color?: string };

export function run(span: Span, style: RunStyle = {}): TextRun {
  return new TextRun({
    text: span.text,
    ...style,
    language: RUN_LANGUAGE[span.lang],
    // The hint sets Chinese punctuation (“”、·) in the CJK face as well as the ideographs.
    ...(span.lang === 'zh' ? { font: { eastAsia: CJK_FONT, hint: 'eastAsia' } } : {}),
  });
}

/**
 * Spans as runs, "English / 中文" for a bilingual pack. The separator ends the run before it: a
 * 500-project pack holds some hundred thousand runs, and each run is many objects until written.
 */
export function runs(spans: Span[], style: RunStyle = {}, separator = ' / '): TextRun[] {
  return spans.map((span, i) =>
    run(i < spans.length - 1 ? { ...span, text: span.text + separator } : span, style),
  );
}

export function distinct(spans: Span[]): Span[] {
  return spans.filter((span, i) => spans.findIndex((s) => s.text === span.text) === i);
}

/** One of the pack's own words in each of its languages. */
export function label(ctx: Ctx, pick: Pick): Span[] {
  return distinct(ctx.languages.map((lang) => ({ text: pick(PACK_LABELS[lang], lang), lang })));
}

/** A word of the hub's page translations (a column or field name) in each of the pack's languages. */
export function words(ctx: Ctx, pick: (t: Translation) => string): Span[] {
  return distinct(ctx.languages.map((lang) => ({ text: pick(resources[lang].translation), lang })));
}

/** A name in each of the pack's languages it is published in; the English original otherwise. */
export function named(ctx: Ctx, name: Named): Span[] {
  const spans = distinct(
    ctx.languages.flatMap((lang) => (name[lang] ? [{ text: name[lang]!, lang }] : [])),
  );
  return spans.length > 0 ? spans : [{ text: name.en, lang: 'en' }];
}

export type Vocabulary = 'type' | 'status' | 'milestoneStatus' | 'eventType' | 'entryKind';

/**
 * A vocabulary key in words: the pack's own (PackData.vocabulary), else the hub's page
 * translations; a key neither knows (an event type the sources word freely) stays as written.
 */
export function vocabulary(ctx: Ctx, kind: Vocabulary, key: string): Span[] {
  const packWords = ctx.pack.vocabulary?.[kind][key];
  if (packWords) return named(ctx, packWords);
  return distinct(
    ctx.languages.map((lang) => {
      const t = resources[lang].translation;
      const pageWords: Record<string, string> =
        kind === 'entryKind' ? t.knowledge.kinds : kind === 'eventType' ? t.eventType : t[kind];
      return { text: pageWords[key] ?? key, lang };
    }),
  );
}

/**
 * Why an indicator has no share of its target, or a standard indicator no total: the hub's own
 * sentence for the reason's key (the dashboard's words), or the reason as written.
 */
export function reasonSpans(ctx: Ctx, kind: 'share' | 'total', key: string): Span[] {
  return distinct(
    ctx.languages.map((lang) => {
      const t = resources[lang].translation;
      const words: Record<string, string> =
        kind === 'share' ? t.indicators.progressReasons : t.indicatorViews.noTotal;
      return { text: words[key] ?? key, lang };
    }),
  );
}

export function dateSpans(ctx: Ctx, value: string | null, precision: DatePrecision | null): Span[] {
  return distinct(
    ctx.languages.map((lang) => ({
      text:
        formatPartialDate(value, precision, INTL_LOCALE[lang]) ?? PACK_LABELS[lang].notPublished,
      lang,
    })),
  );
}

export function periodSpans(
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

export function num(ctx: Ctx, value: number | null): Span {
  return {
    text: value === null ? '–' : formatCount(value, INTL_LOCALE[ctx.main]),
    lang: ctx.main,
  };
}

/** "[2, 5]": the numbers of the sources a fact names, in the list at the end. */
export function sourceRefs(ctx: Ctx, ids: number[]): Span[] {
  const numbers = [...new Set(ids.map((id) => ctx.sourceNumbers.get(id)))]
    .filter((n): n is number => n !== undefined)
    .sort((a, b) => a - b);
  return numbers.length > 0 ? [{ text: `[${numbers.join(', ')}]`, lang: ctx.main }] : [];
}

// ——— Paragraphs and tables ———

export const HEADING = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
} as const;

export function heading(level: 1 | 2 | 3, spans: Span[], pageBreakBefore = false): Paragraph {
  return new Paragraph({ heading: HEADING[level], children: runs(spans), pageBreakBefore });
}

/** A heading in the pack's own words. */
export function labelHeading(
  ctx: Ctx,
  level: 1 | 2 | 3,
  pick: Pick,
  pageBreakBefore = false,
): Paragraph {
  return heading(level, label(ctx, pick), pageBreakBefore);
}

export function para(children: TextRun[], spacingAfter = 120): Paragraph {
  return new Paragraph({ children, spacing: { after: spacingAfter } });
}

/** A line that may follow a table: spaced from it (a table has no spacing of its own). */
export function afterTable(children: TextRun[]): Paragraph {
  return new Paragraph({ children, spacing: { before: 100, after: 120 } });
}

/** The pack's own words as runs. */
export function labelRuns(ctx: Ctx, pick: Pick, style: RunStyle = {}): TextRun[] {
  return runs(label(ctx, pick), style);
}

/** "Period / 时期: 1 January 2026 – 30 June 2026". */
export function labelLine(ctx: Ctx, pick: Pick, value: TextRun[]): Paragraph {
  return para([
    ...labelRuns(ctx, pick, { bold: true }),
    run({ text: ': ', lang: ctx.main }),
    ...value,
  ]);
}

export function cell(children: TextRun[], header = false): TableCell {
  return new TableCell({
    children: [new Paragraph({ children })],
    ...(header ? { shading: { type: ShadingType.CLEAR, fill: GREY, color: 'auto' } } : {}),
  });
}

/** A table over the text's width: a header row repeated on each page, then the rows. */
export function table(
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
    // Once for the table, not on each cell: a 500-project pack has some hundred thousand cells.
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    rows: [
      ...(withHeader
        ? [new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) })]
        : []),
      ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c) => cell(c)) })),
    ],
  });
}

export function headerCells(ctx: Ctx, picks: Pick[]): TextRun[][] {
  return picks.map((pick) => runs(label(ctx, pick), { bold: true }));
}

export function hubHeaders(ctx: Ctx, picks: ((t: Translation) => string)[]): TextRun[][] {
  return picks.map((pick) => runs(words(ctx, pick), { bold: true }));
}

/** "None in the period." and the like, in italics. */
export function none(ctx: Ctx, pick: Pick): Paragraph {
  return para(runs(label(ctx, pick), { italics: true }));
}

export function bullet(children: TextRun[]): Paragraph {
  return new Paragraph({ children, numbering: { reference: BULLETS, level: 0 } });
}

/**
 * At most `size` tasks at a time, the others waiting in order. A chart's PNG is encoded off the
 * main thread (napi-rs' encode), so two at a time keep both cores busy; all at once would hold
 * every chart's canvas in memory (500 projects: ~800 charts).
 */
export function slots(size: number): Ctx['drawing'] {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (active < size) active += 1;
    // A finished task hands its slot straight to the next in line.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}

/** A chart as a PNG image, its numbers as its alternative text. */
export async function chart(ctx: Ctx, spec: ChartSpec, width: number): Promise<Paragraph> {
  const data = await ctx.drawing(() =>
    renderChartPng(spec, {
      width,
      scale: CHART_SCALE,
      locale: INTL_LOCALE[ctx.main],
    }),
  );
  // As tall as its bars need: the PNG's own height (IHDR, bytes 20–23), at the scale drawn.
  const height = Math.round(data.readUInt32BE(20) / CHART_SCALE);
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

export function eventsBlock(ctx: Ctx, events: PackEvent[]): Block[] {
  if (events.length === 0) return [none(ctx, (l) => l.noEvents)];
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
      [3, 5, 2, 1.6],
    ),
  ];
}

export function organisations(ctx: Ctx, list: PackOrganisation[]): TextRun[] {
  if (list.length === 0) return labelRuns(ctx, (l) => l.notPublished, { italics: true });
  return list.flatMap((o, i) => [
    ...(i > 0 ? [run({ text: '; ', lang: ctx.main })] : []),
    ...runs(named(ctx, o.name)),
    ...(o.acronym ? [run({ text: ` (${o.acronym})`, lang: ctx.main })] : []),
  ]);
}

export function entriesBlock(ctx: Ctx, entries: PackEntry[]): Block[] {
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
