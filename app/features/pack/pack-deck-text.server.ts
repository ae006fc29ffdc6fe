import { type SKRSContext2D, createCanvas } from '@napi-rs/canvas';
import type PptxGenJS from 'pptxgenjs';

// Text on the deck's slides (decision 0077): runs with the right font per script, and text cut to
// the room a box has. A slide does not grow like a page, so the deck measures its text with the
// same fonts the slides name (Liberation Sans is metric-compatible with Arial; WenQuanYi Zen Hei
// sets Chinese at one em per character, like Microsoft YaHei) and trims what does not fit; the
// Word document and the print view carry the full text.

export const LATIN_FONT = 'Arial';
/** An East-Asian font PowerPoint has on Windows and macOS; LibreOffice falls back to WenQuanYi. */
export const CJK_FONT = 'Microsoft YaHei';

const CJK_CLASS = '\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F';
const SEGMENTS = new RegExp(`[${CJK_CLASS}]+|[^${CJK_CLASS}]+`, 'g');
const HAS_CJK = new RegExp(`[${CJK_CLASS}]`);

export const hasCjk = (text: string) => HAS_CJK.test(text);

type RunOptions = PptxGenJS.TextPropsOptions;

// Control characters are not allowed in XML 1.0: one pasted into a report would make the whole
// file unreadable to PowerPoint.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
export const xmlSafe = (text: string) => text.replace(CONTROL, '');

/**
 * A text as runs: Chinese stretches in the East-Asian font tagged zh-CN (so PowerPoint picks a
 * CJK font and line-breaks it as Chinese), the rest in the Latin font with the pack's language.
 */
export function runs(text: string, options: RunOptions, latinLang: string): PptxGenJS.TextProps[] {
  const parts = xmlSafe(text).match(SEGMENTS) ?? [''];
  return parts.map((part) =>
    hasCjk(part)
      ? { text: part, options: { ...options, fontFace: CJK_FONT, lang: 'zh-CN' } }
      : { text: part, options: { ...options, fontFace: LATIN_FONT, lang: latinLang } },
  );
}

/** A paragraph: its runs, the last one ending the line. */
export function paragraph(
  text: string,
  options: RunOptions,
  latinLang: string,
): PptxGenJS.TextProps[] {
  const list = runs(text, options, latinLang);
  list[list.length - 1]!.options = { ...list[list.length - 1]!.options, breakLine: true };
  return list;
}

let scratch: SKRSContext2D | null = null;
/** Widths of words and characters per font, measured once: a 500-project deck measures a lot. */
const widths = new Map<string, Map<string, number>>();

function measurer(pt: number, bold: boolean): (token: string) => number {
  scratch ??= createCanvas(10, 10).getContext('2d');
  // Points as pixels: only the ratio of text width to box width matters.
  const font = `${bold ? 'bold ' : ''}${pt}px "Liberation Sans", "WenQuanYi Zen Hei", sans-serif`;
  let cache = widths.get(font);
  if (!cache) widths.set(font, (cache = new Map()));
  const known = cache;
  const ctx = scratch;
  return (token) => {
    let w = known.get(token);
    if (w === undefined) {
      ctx.font = font;
      w = ctx.measureText(token).width;
      known.set(token, w);
    }
    return w;
  };
}

// Chinese breaks between any two characters, Latin between words (as in chart-png.server.ts).
const TOKEN = new RegExp(`[${CJK_CLASS}]|[^\\s${CJK_CLASS}]+|\\s+`, 'g');

/** PowerPoint's single line spacing is about 1.2 em; measured a little wider to be safe. */
export const LINE = 1.2;
const SAFETY = 0.94;

/** Lines of one paragraph: words added while the line's width (the sum of theirs) fits. */
function paragraphLines(text: string, maxWidth: number, width: (t: string) => number): number {
  let lines = 1;
  let line = 0;
  const space = width(' ');
  for (const token of text.trim().match(TOKEN) ?? []) {
    if (/^\s+$/.test(token)) {
      if (line > 0) line += space;
      continue;
    }
    const w = width(token);
    if (line + w <= maxWidth) {
      line += w;
      continue;
    }
    if (line > 0) lines++;
    line = 0;
    if (w <= maxWidth) {
      line = w;
      continue;
    }
    // A word longer than the line: broken between characters.
    for (const char of token) {
      const c = width(char);
      if (line + c > maxWidth && line > 0) {
        lines++;
        line = 0;
      }
      line += c;
    }
  }
  return lines;
}

/** How many lines a text takes in a box `widthIn` inches wide at `pt` points. */
export function lineCount(text: string, widthIn: number, pt: number, bold = false): number {
  const width = measurer(pt, bold);
  return text
    .split('\n')
    .reduce((n, para) => n + paragraphLines(para, widthIn * 72 * SAFETY, width), 0);
}

/** How many lines of `pt` points fit in `heightIn` inches. */
export const linesIn = (heightIn: number, pt: number) => Math.floor((heightIn * 72) / (pt * LINE));

/**
 * The text cut to at most `maxLines` lines (paragraphs kept; the cut ends in "…"), and whether it
 * was cut.
 */
export function fitLines(
  text: string,
  widthIn: number,
  pt: number,
  maxLines: number,
  bold = false,
): { text: string; cut: boolean; lines: number } {
  const kept: string[] = [];
  let used = 0;
  for (const para of text.split('\n')) {
    const left = maxLines - used;
    if (left <= 0) return { text: ellipsis(kept), cut: true, lines: used };
    const n = lineCount(para, widthIn, pt, bold);
    if (n <= left) {
      kept.push(para);
      used += n;
      continue;
    }
    // The paragraph crossing the limit: its longest start (whole words) that fits with "…".
    const chars = [...para];
    let lo = 0;
    let hi = chars.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (lineCount(`${chars.slice(0, mid).join('')}…`, widthIn, pt, bold) <= left) lo = mid;
      else hi = mid - 1;
    }
    let head = chars.slice(0, lo).join('');
    const lastSpace = head.lastIndexOf(' ');
    if (!hasCjk(head.slice(-1)) && lastSpace > head.length * 0.6) head = head.slice(0, lastSpace);
    if (head.trim()) kept.push(`${head.trimEnd()}…`);
    else if (kept.length) kept[kept.length - 1] = `${kept[kept.length - 1]}…`;
    return { text: kept.join('\n'), cut: true, lines: maxLines };
  }
  return { text: kept.join('\n'), cut: false, lines: used };
}

const ellipsis = (kept: string[]) =>
  kept.length
    ? [...kept.slice(0, -1), `${kept[kept.length - 1]!.replace(/…$/, '')}…`].join('\n')
    : '…';

/** One line: the text, or its start with "…" when wider than the box. */
export const oneLine = (text: string, widthIn: number, pt: number, bold = false) =>
  fitLines(text.replace(/\s*\n\s*/g, ' '), widthIn, pt, 1, bold).text;
