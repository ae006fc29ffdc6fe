import type PptxGenJS from 'pptxgenjs';
import { INTL_LOCALE, type Lang } from '../../core/i18n/config';
import { resources } from '../../core/i18n/resources';
import type { DatePrecision } from '../../../db/vocabulary';
import { renderChartPng } from './chart-png.server';
import type { ChartSpec } from './pack-charts';
import { LINE, fitLines, oneLine, paragraph, xmlSafe } from './pack-deck-text.server';
import { type PackLabels, bilingual, fill, nameOr } from './pack-labels';
import type { Named, PackData, PackLanguages, PackOrganisation } from './pack-types';

// The slide deck's shared parts (decision 0077): its measures and palette, the pack's words in
// its languages, a slide with heading, footer and number, and a column of measured text.

export const W = 13.333;
export const H = 7.5;
export const X = 0.5;
export const CONTENT_W = W - 2 * X;
export const BODY_TOP = 1.25;
export const BODY_BOTTOM = 6.85;

// The site's palette (app/app.css).
export const INK = '1B1F23';
export const MUTED = '4A5560';
export const BRAND = '0B5D4B';
export const LINE_COLOUR = 'D5D9DD';
export const WARN = '5C4200';
export const WARN_BG = 'FFF4D6';
export const TILE_BG = 'F3F5F4';

/** Rows of a table on one slide (one language / two: each name takes two lines). */
export const TABLE_ROWS = { one: 11, two: 9 };
export const CHARTS_PER_SLIDE = 2;
// An event is its title (13 pt, two lines with two languages) and a line of 11 pt, 8 pt apart, in
// the 5.5 in (396 pt) of a slide's body at 1.2 line height: 36.8 pt → 10 a slide, 52.4 pt → 7.
export const EVENTS_PER_SLIDE = { one: 10, two: 7 };
export const SOURCES_FIRST_SLIDE = 8;
export const SOURCES_PER_SLIDE = 28;
export const LIST_ITEMS = 3;

export type Options = PptxGenJS.TextPropsOptions;

export interface Deck {
  pptx: PptxGenJS;
  pack: PackData;
  languages: PackLanguages;
  two: boolean;
  latinLang: string;
  number: Intl.NumberFormat;
  euro: Intl.NumberFormat;
  percent: Intl.NumberFormat;
  footer: string;
}

// ---- words --------------------------------------------------------------------------------

export const L = (deck: Deck, pick: (l: PackLabels, lang: Lang) => string, separator?: string) =>
  bilingual(deck.languages, pick, separator);

export const unique = (texts: string[]) => texts.filter((t, i) => texts.indexOf(t) === i);

/** A name in the pack's languages ("English / 中文"); the English original where none. */
export const names = (deck: Deck, name: Named, separator = ' / ') =>
  unique(deck.languages.map((lang) => nameOr(name, lang))).join(separator);

export type Tree = { [key: string]: string | Tree };
/** A vocabulary key (status, type, unit…) in the pack's languages, from the site's translations. */
export function vocab(deck: Deck, path: string, key: string): string {
  return unique(
    deck.languages.map((lang) => {
      let node: string | Tree | undefined = resources[lang].translation as unknown as Tree;
      for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined;
      const value = typeof node === 'object' ? node[key] : undefined;
      return typeof value === 'string' ? value : key;
    }),
  ).join(' / ');
}

export const unitText = (deck: Deck, unit: string | null) =>
  unit ? vocab(deck, 'indicators.units', unit) : '';

export function dateText(date: string | null, precision: DatePrecision | null, deck: Deck): string {
  if (!date) return L(deck, (l) => l.notPublished);
  return date.slice(0, precision === 'year' ? 4 : precision === 'month' ? 7 : 10);
}

export const num = (deck: Deck, value: number | null) =>
  value === null ? L(deck, (l) => l.notPublished) : deck.number.format(value);

export const orgText = (deck: Deck, orgs: PackOrganisation[]) =>
  orgs.length === 0
    ? L(deck, (l) => l.notPublished)
    : orgs.map((o) => (o.acronym ? o.acronym : names(deck, o.name))).join(', ');

export const periodText = (deck: Deck) => `${deck.pack.request.start} – ${deck.pack.request.end}`;

// ---- slides and boxes -----------------------------------------------------------------------

export function baseText(deck: Deck, size: number, extra: Options = {}): Options {
  return { fontSize: size, color: INK, lineSpacing: size * LINE, ...extra };
}

/** A new slide with the brand's band across its top, nothing else yet. */
export function blankSlide(deck: Deck): PptxGenJS.Slide {
  const slide = deck.pptx.addSlide();
  slide.background = { color: 'FFFFFF' };
  slide.addShape('rect', {
    x: 0,
    y: 0,
    w: W,
    h: 0.12,
    fill: { color: BRAND },
    line: { color: BRAND },
  });
  return slide;
}

/** A slide with its heading (one line, cut to fit), footer and number. */
export function newSlide(deck: Deck, heading: string): PptxGenJS.Slide {
  const slide = blankSlide(deck);
  slide.addText(
    paragraph(
      oneLine(heading, CONTENT_W, 22, true),
      baseText(deck, 22, { bold: true, color: BRAND }),
      deck.latinLang,
    ),
    {
      x: X,
      y: 0.35,
      w: CONTENT_W,
      h: 0.6,
      margin: 0,
      valign: 'top',
      objectName: 'Heading',
    },
  );
  addFooter(deck, slide);
  return slide;
}

export function addFooter(deck: Deck, slide: PptxGenJS.Slide) {
  slide.addShape('rect', {
    x: X,
    y: 6.97,
    w: CONTENT_W,
    h: 0.01,
    fill: { color: LINE_COLOUR },
    line: { color: LINE_COLOUR, width: 0 },
  });
  slide.addText(
    paragraph(
      oneLine(deck.footer, CONTENT_W - 1.2, 9),
      baseText(deck, 9, { color: MUTED }),
      deck.latinLang,
    ),
    { x: X, y: 7.05, w: CONTENT_W - 1.2, h: 0.25, margin: 0, valign: 'top', objectName: 'Footer' },
  );
  slide.slideNumber = {
    x: W - X - 0.8,
    y: 7.05,
    w: 0.8,
    h: 0.25,
    fontSize: 9,
    color: MUTED,
    align: 'right',
    margin: 0,
  };
}

/**
 * A column of text on a slide: paragraphs added top to bottom, each measured and cut to the room
 * left; images in between. Written to the slide with `flush`.
 */
export class Column {
  private items: PptxGenJS.TextProps[] = [];
  private boxTop: number;
  private used = 0;
  private held = 0;

  constructor(
    private readonly deck: Deck,
    private readonly slide: PptxGenJS.Slide,
    readonly x: number,
    readonly y: number,
    readonly w: number,
    readonly h: number,
    private name?: string,
  ) {
    this.boxTop = y;
  }

  /** Inches left (less what is held back). */
  get left() {
    return this.h - this.used - this.held;
  }

  /** Where the text written so far ends. */
  get bottom() {
    return this.y + this.used;
  }

  /** Keeps `inches` free at the bottom (for a last line written after the rest). */
  hold(inches: number) {
    this.held = inches;
  }

  /** How many lines of `pt` points still fit (after the paragraph's space). */
  linesLeft(pt: number, spaceAfter = 3) {
    return Math.max(0, Math.floor((this.left * 72 - spaceAfter) / (pt * LINE)));
  }

  /** Adds a text (its paragraphs) cut to `maxLines` and to the room left; returns whether cut. */
  add(
    text: string,
    {
      pt = 11,
      bold = false,
      color = INK,
      maxLines = Infinity,
      spaceAfter = 3,
      italic = false,
      link = null as string | null,
    } = {},
  ): boolean {
    const limit = Math.min(maxLines, this.linesLeft(pt, spaceAfter));
    if (limit <= 0 || !text.trim()) return text.trim() !== '';
    const fitted = fitLines(text, this.w, pt, limit, bold);
    const paras = fitted.text.split('\n');
    paras.forEach((para, i) => {
      const options = baseText(this.deck, pt, {
        bold,
        italic,
        color,
        paraSpaceAfter: i === paras.length - 1 ? spaceAfter : 0,
        ...(link ? { hyperlink: { url: link } } : {}),
      });
      this.items.push(...paragraph(para, options, this.deck.latinLang));
    });
    this.used += (fitted.lines * pt * LINE + spaceAfter) / 72;
    return fitted.cut;
  }

  /** Vertical space. */
  gap(inches: number) {
    this.flush();
    this.used = Math.min(this.h, this.used + inches);
    this.boxTop = this.y + this.used;
  }

  /** A PNG image, as wide as the column or as tall as `maxH`, keeping its proportions. */
  image(png: Buffer, altText: string, maxH: number) {
    this.flush();
    const ratio = png.readUInt32BE(20) / png.readUInt32BE(16);
    const h = Math.min(maxH, this.w * ratio, this.left);
    if (h < 0.6) return;
    const w = h / ratio;
    this.slide.addImage({
      data: `image/png;base64,${png.toString('base64')}`,
      x: this.x,
      y: this.y + this.used,
      w,
      h,
      altText: xmlSafe(altText),
    });
    this.used += h + 0.08;
    this.boxTop = this.y + this.used;
  }

  flush() {
    if (this.items.length === 0) return;
    this.slide.addText(this.items, {
      x: this.x,
      y: this.boxTop,
      w: this.w,
      h: Math.max(0.2, this.y + this.used - this.boxTop),
      margin: 0,
      valign: 'top',
      fit: 'none',
      ...(this.name ? { objectName: this.name } : {}),
    });
    this.name = undefined;
    this.items = [];
    this.boxTop = this.y + this.used;
  }
}

export async function chartPng(deck: Deck, spec: ChartSpec, width: number): Promise<Buffer> {
  return renderChartPng(spec, { width, scale: 2, locale: INTL_LOCALE[deck.languages[0]] });
}

export function cell(
  deck: Deck,
  text: string,
  options: PptxGenJS.TableCellProps = {},
): PptxGenJS.TableCell {
  const size = options.fontSize ?? 11;
  return {
    // One paragraph per line: pptxgenjs would also break after the last piece of a run with "\n".
    text: text
      .split('\n')
      .flatMap((line) =>
        paragraph(line, { fontSize: size }, deck.latinLang),
      ) as PptxGenJS.TableCell[],
    options: { valign: 'top', margin: [3, 5, 3, 5], color: INK, fontSize: size, ...options },
  };
}

export const headerCell = (deck: Deck, text: string) =>
  cell(deck, text, { bold: true, color: 'FFFFFF', fill: { color: BRAND } });

export function table(
  deck: Deck,
  slide: PptxGenJS.Slide,
  header: string[],
  rows: string[][],
  widths: number[],
  y = BODY_TOP + 0.1,
) {
  // Two lines a cell: one per language with en+zh (each cut on its own), else two of the one.
  const fit = (text: string, w: number) =>
    deck.two
      ? text
          .split('\n')
          .slice(0, 2)
          .map((line) => oneLine(line, w, 11))
          .join('\n')
      : fitLines(text.replace(/\n/g, ' '), w, 11, 2).text;
  const body = rows.map((row) => row.map((text, c) => cell(deck, fit(text, widths[c]! - 0.15))));
  slide.addTable([header.map((h) => headerCell(deck, h)), ...body], {
    x: X,
    y,
    w: widths.reduce((a, b) => a + b, 0),
    colW: widths,
    border: { type: 'solid', pt: 0.75, color: LINE_COLOUR },
    fontSize: 11,
  });
}

export function pages<T>(items: T[], size: number): T[][] {
  if (items.length === 0) return [[]];
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export const continued = (deck: Deck, heading: string, page: number) =>
  page === 0 ? heading : `${heading} (${L(deck, (l) => l.continued)})`;

export const more = (deck: Deck, n: number) => L(deck, (l) => fill(l.andMore, { n }));
