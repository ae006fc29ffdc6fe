import { type SKRSContext2D, createCanvas } from '@napi-rs/canvas';
import type PptxGenJS from 'pptxgenjs';
import { wrapText } from './chart-png.server';

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

/**
 * A text as runs: Chinese stretches in the East-Asian font tagged zh-CN (so PowerPoint picks a
 * CJK font and line-breaks it as Chinese), the rest in the Latin font with the pack's language.
 */
export function runs(text: string, options: RunOptions, latinLang: string): PptxGenJS.TextProps[] {
  const parts = text.match(SEGMENTS) ?? [''];
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
function measureContext(pt: number, bold: boolean) {
  scratch ??= createCanvas(10, 10).getContext('2d');
  // Points as pixels: only the ratio of text width to box width matters.
  scratch.font = `${bold ? 'bold ' : ''}${pt}px "Liberation Sans", "WenQuanYi Zen Hei", sans-serif`;
  return scratch;
}

/** PowerPoint's single line spacing is about 1.2 em; measured a little wider to be safe. */
export const LINE = 1.2;
const SAFETY = 0.94;

/** How many lines a text takes in a box `widthIn` inches wide at `pt` points. */
export function lineCount(text: string, widthIn: number, pt: number, bold = false): number {
  const ctx = measureContext(pt, bold);
  return text
    .split('\n')
    .reduce(
      (n, para) => n + Math.max(1, wrapText(ctx, para, widthIn * 72 * SAFETY, 10_000).length),
      0,
    );
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
