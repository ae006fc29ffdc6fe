import { type SKRSContext2D, createCanvas } from '@napi-rs/canvas';
import type { ChartSpec } from './pack-charts';

// The pack's charts as PNG images for the slide deck and the Word document (decision 0077). They
// draw exactly the numbers of a ChartSpec (pack-charts.ts): horizontal bars with the category on
// the left and the value at the bar's end; over periods, target and actual side by side with a
// legend. null is "not reported": no bar and a dash, never a zero-length bar that reads as 0.
// Drawn with @napi-rs/canvas, which needs no browser and finds the system fonts: Latin from
// Liberation/DejaVu, Chinese from WenQuanYi Zen Hei (installed here and in CI).

export interface ChartPngOptions {
  /** CSS pixels; the PNG is `width * scale` pixels wide. */
  width?: number;
  /** CSS pixels; by default as tall as the bars need. */
  height?: number;
  /** Pixel density: 2 keeps the text sharp on a projector and in print. */
  scale?: number;
  /** How numbers are written (grouping); the pack's first language. */
  locale?: string;
}

const FONT_FAMILY = '"Liberation Sans", "DejaVu Sans", "WenQuanYi Zen Hei", sans-serif';

// The site's palette (app/app.css: --ink, --muted, --line) and the dashboard's two series colours,
// so the pack's images look like the dashboard they summarise.
const INK = '#1b1f23';
const MUTED = '#4a5560';
const LINE = '#d5d9dd';
const SERIES = ['#2f6f8f', '#b0641c', '#0b5d4b', '#6b2a7a'];

const PAD = 16;
const TITLE_SIZE = 17;
const TEXT_SIZE = 13;
const LINE_HEIGHT = 1.25;
const BAR_HEIGHT = 16;
const BAR_GAP = 3;
const ROW_GAP = 12;
const MAX_LABEL_LINES = 3;

/** libpng's PNG_FILTER_NONE. */
const PNG_FILTER_NONE = 0x08;

const font = (size: number, bold = false) => `${bold ? 'bold ' : ''}${size}px ${FONT_FAMILY}`;

// Chinese (and other CJK) text may break between any two characters; Latin text between words.
const CJK = '\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F';
const TOKEN = new RegExp(`[${CJK}]|[^\\s${CJK}]+|\\s+`, 'g');
const tokens = (text: string) => text.match(TOKEN) ?? [];

/**
 * The text as lines no wider than `maxWidth`, at most `maxLines` of them; when cut, the last line
 * ends in an ellipsis (the full label is in the chart's alternative text and the table beside it).
 */
export function wrapText(
  ctx: SKRSContext2D,
  text: string,
  maxWidth: number,
  maxLines: number,
): string[] {
  const fits = (s: string) => ctx.measureText(s).width <= maxWidth;
  const lines: string[] = [];
  let line = '';
  let cut = false;
  const push = () => {
    if (line.trim()) lines.push(line.trim());
    line = '';
  };
  for (const token of tokens(text.trim())) {
    if (lines.length >= maxLines) {
      cut = true;
      break;
    }
    if (/^\s+$/.test(token)) {
      if (line) line += ' ';
      continue;
    }
    if (fits(line + token)) {
      line += token;
      continue;
    }
    if (line.trim()) push();
    if (lines.length >= maxLines) {
      cut = true;
      break;
    }
    if (fits(token)) {
      line = token;
      continue;
    }
    // A word longer than the line: broken between characters.
    for (const char of token) {
      if (!fits(line + char)) {
        push();
        if (lines.length >= maxLines) {
          cut = true;
          break;
        }
      }
      line += char;
    }
  }
  if (lines.length < maxLines) push();
  else if (line.trim()) cut = true;
  if (cut && lines.length > 0) {
    let last = lines[lines.length - 1]!;
    while (last.length > 0 && !fits(`${last}…`)) last = [...last].slice(0, -1).join('');
    lines[lines.length - 1] = `${last.trimEnd()}…`;
  }
  return lines;
}

/** One small canvas to measure text on, shared by all charts. */
let scratch: SKRSContext2D | null = null;

/** The chart as a PNG image (a Buffer with the PNG bytes). */
export async function renderChartPng(
  spec: ChartSpec,
  options: ChartPngOptions = {},
): Promise<Buffer> {
  const width = Math.max(240, Math.round(options.width ?? 800));
  const scale = options.scale ?? 2;
  const number = new Intl.NumberFormat(options.locale ?? 'en', { maximumFractionDigits: 2 });
  const format = (v: number | null) => (v === null ? '–' : number.format(v));

  // Measure on a scratch canvas first: the height depends on how the labels wrap.
  scratch ??= createCanvas(10, 10).getContext('2d');
  const measure = scratch;
  const innerWidth = width - 2 * PAD;
  measure.font = font(TITLE_SIZE, true);
  const titleLines = wrapText(measure, spec.title, innerWidth, 2);
  const grouped = spec.series.length > 1;
  const labelWidth = Math.round(innerWidth * (grouped ? 0.22 : 0.36));
  measure.font = font(TEXT_SIZE);
  const labelLines = spec.categories.map((c) => wrapText(measure, c, labelWidth, MAX_LABEL_LINES));
  const valueWidth =
    Math.max(
      ...spec.series.flatMap((s) => s.values.map((v) => measure.measureText(format(v)).width)),
      measure.measureText('–').width,
    ) + 8;

  const textLine = TEXT_SIZE * LINE_HEIGHT;
  const barsPerRow = spec.series.length;
  const barBlock = barsPerRow * BAR_HEIGHT + (barsPerRow - 1) * BAR_GAP;
  const rowHeights = labelLines.map((lines) => Math.max(barBlock, lines.length * textLine));
  const titleHeight = titleLines.length * TITLE_SIZE * LINE_HEIGHT;
  const unitHeight = spec.unit ? textLine : 0;
  const legendHeight = grouped ? textLine + 6 : 0;
  const headHeight = PAD + titleHeight + unitHeight + legendHeight + 8;
  const bodyHeight =
    rowHeights.reduce((a, b) => a + b, 0) + ROW_GAP * Math.max(0, rowHeights.length - 1);
  const naturalHeight = Math.ceil(headHeight + bodyHeight + PAD);
  const height = Math.max(120, Math.round(options.height ?? naturalHeight));
  // A fixed height smaller than the bars need: the rows are squeezed evenly, never clipped.
  const squeeze = Math.min(1, (height - headHeight - PAD) / Math.max(1, bodyHeight));

  const canvas = createCanvas(Math.round(width * scale), Math.round(height * scale));
  const ctx = canvas.getContext('2d');
  ctx.scale(scale, scale);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  ctx.textBaseline = 'top';

  let y = PAD;
  ctx.fillStyle = INK;
  ctx.font = font(TITLE_SIZE, true);
  for (const line of titleLines) {
    ctx.fillText(line, PAD, y);
    y += TITLE_SIZE * LINE_HEIGHT;
  }
  ctx.font = font(TEXT_SIZE);
  if (spec.unit) {
    ctx.fillStyle = MUTED;
    ctx.fillText(wrapText(ctx, spec.unit, innerWidth, 1)[0] ?? '', PAD, y);
    y += textLine;
  }
  if (grouped) {
    let x = PAD;
    y += 4;
    spec.series.forEach((series, i) => {
      ctx.fillStyle = SERIES[i % SERIES.length]!;
      ctx.fillRect(Math.round(x), Math.round(y) + 1, 12, 12);
      ctx.fillStyle = INK;
      const name = wrapText(ctx, series.name, innerWidth / barsPerRow - 30, 1)[0] ?? '';
      ctx.fillText(name, x + 17, y);
      x += 17 + ctx.measureText(name).width + 20;
    });
    y += textLine + 2;
  }
  y = headHeight;

  // The value axis: zero on the left unless a value is negative.
  const values = spec.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const min = Math.min(0, ...values);
  const max = Math.max(0, ...values);
  const span = max - min || 1;
  const plotLeft = PAD + labelWidth + 10;
  const plotWidth = Math.max(40, width - PAD - valueWidth - plotLeft);
  const xOf = (v: number) => plotLeft + ((v - min) / span) * plotWidth;
  const zeroX = xOf(0);

  const bar = BAR_HEIGHT * squeeze;
  const gap = BAR_GAP * squeeze;
  spec.categories.forEach((_, row) => {
    const rowHeight = rowHeights[row]! * squeeze;
    const lines = labelLines[row]!;
    const lineHeight = Math.min(textLine, rowHeight / Math.max(1, lines.length));
    ctx.fillStyle = INK;
    ctx.textAlign = 'right';
    const labelTop = y + (rowHeight - lines.length * lineHeight) / 2;
    lines.forEach((line, i) => ctx.fillText(line, PAD + labelWidth, labelTop + i * lineHeight));
    ctx.textAlign = 'left';
    const blockTop = y + (rowHeight - (barsPerRow * bar + (barsPerRow - 1) * gap)) / 2;
    spec.series.forEach((series, s) => {
      const value = series.values[row] ?? null;
      const top = blockTop + s * (bar + gap);
      const textTop = top + (bar - TEXT_SIZE) / 2;
      if (value === null) {
        ctx.fillStyle = MUTED;
        ctx.fillText('–', zeroX + 4, textTop);
        return;
      }
      const end = xOf(value);
      ctx.fillStyle = SERIES[s % SERIES.length]!;
      ctx.fillRect(Math.min(zeroX, end), top, Math.max(1, Math.abs(end - zeroX)), bar);
      ctx.fillStyle = INK;
      ctx.fillText(format(value), Math.max(zeroX, end) + 4, textTop);
    });
    y += rowHeight + ROW_GAP * squeeze;
  });

  // The zero line, drawn last so it is not hidden by the bars.
  ctx.strokeStyle = LINE;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(Math.round(zeroX) + 0.5, headHeight - 4);
  ctx.lineTo(Math.round(zeroX) + 0.5, Math.min(height - PAD / 2, y));
  ctx.stroke();

  // No row filter: flat bars and text compress better unfiltered, and encode three times faster
  // (measured on a 750 × 345 chart: 3.5 ms and 22.6 KB against 10.8 ms and 29.4 KB).
  return canvas.encode('png', { filters: PNG_FILTER_NONE });
}
