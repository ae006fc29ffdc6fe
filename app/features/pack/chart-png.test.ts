import { createCanvas, loadImage } from '@napi-rs/canvas';
import { expect, test } from 'vitest';

import { renderChartPng, wrapText } from './chart-png.server';
import type { ChartSpec } from './pack-charts';

const bars = (categories: string[], values: (number | null)[], title = 'Projects'): ChartSpec => ({
  id: 'test',
  title,
  kind: 'bars',
  categories,
  series: [{ name: 'Projects', values }],
  unit: null,
});

/** Width and height from the PNG's IHDR chunk (bytes 16–23). */
const size = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

async function pixels(png: Buffer) {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return Buffer.from(ctx.getImageData(0, 0, image.width, image.height).data.buffer);
}

/** How many pixels have exactly this colour (the bars are filled with flat colours). */
async function countColour(png: Buffer, hex: string) {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16));
  const data = await pixels(png);
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] === r && data[i + 1] === g && data[i + 2] === b) n++;
  }
  return n;
}

test('a PNG comes out, at the asked size times the pixel density', async () => {
  const png = await renderChartPng(bars(['Bilateral', 'Regional'], [3, 1]), {
    width: 400,
    height: 200,
    scale: 2,
  });
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(size(png)).toEqual({ width: 800, height: 400 });
});

test('without a height the chart is as tall as its bars need', async () => {
  const few = size(await renderChartPng(bars(['a', 'b'], [1, 2]), { scale: 1 }));
  const many = size(
    await renderChartPng(
      bars(
        Array.from({ length: 12 }, (_, i) => `c${i}`),
        Array.from({ length: 12 }, (_, i) => i),
      ),
      { scale: 1 },
    ),
  );
  expect(few.width).toBe(800);
  expect(many.height).toBeGreaterThan(few.height + 200);
});

test('Chinese labels are drawn as glyphs, not as empty boxes', async () => {
  // Two different Chinese labels of the same length: missing glyphs (tofu) would draw the same
  // boxes for both, and an empty label nothing at all.
  const options = { width: 500, height: 150, scale: 1 };
  const a = await renderChartPng(bars(['减缓气候变化'], [4], '项目'), options);
  const b = await renderChartPng(bars(['适应生态系统'], [4], '项目'), options);
  const empty = await renderChartPng(bars([''], [4], '项目'), options);
  expect(Buffer.compare(await pixels(a), await pixels(b))).not.toBe(0);
  expect(Buffer.compare(await pixels(a), await pixels(empty))).not.toBe(0);
});

test('null draws no bar (not reported), zero and numbers do', async () => {
  const bar = '#2f6f8f';
  const options = { width: 400, scale: 1 };
  expect(await countColour(await renderChartPng(bars(['x'], [null]), options), bar)).toBe(0);
  expect(await countColour(await renderChartPng(bars(['x'], [5]), options), bar)).toBeGreaterThan(
    1000,
  );
  // Target and actual: each series has its own colour; a null actual leaves only the target's.
  const grouped: ChartSpec = {
    id: 'g',
    title: 'Indicator',
    kind: 'grouped',
    categories: ['2025-12-31'],
    series: [
      { name: 'Target', values: [10] },
      { name: 'Actual', values: [null] },
    ],
    unit: 't',
  };
  const png = await renderChartPng(grouped, options);
  // The legend's swatch (12 × 12) is the only orange left.
  expect(await countColour(png, '#b0641c')).toBe(144);
  expect(await countColour(png, bar)).toBeGreaterThan(1000);
});

test('long labels wrap within the label column, and a label too long ends in an ellipsis', () => {
  const ctx = createCanvas(10, 10).getContext('2d');
  ctx.font = '13px "Liberation Sans", "DejaVu Sans", "WenQuanYi Zen Hei", sans-serif';
  const label =
    'Federal Ministry for Economic Affairs and Climate Action / 德国联邦经济和气候保护部';
  const lines = wrapText(ctx, label, 200, 5);
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.join(' ').replace(/\s+/g, '')).toBe(label.replace(/\s+/g, ''));
  for (const line of lines) expect(ctx.measureText(line).width).toBeLessThanOrEqual(200);

  const cut = wrapText(ctx, label, 120, 2);
  expect(cut).toHaveLength(2);
  expect(cut[1]!.endsWith('…')).toBe(true);
  for (const line of cut) expect(ctx.measureText(line).width).toBeLessThanOrEqual(120);

  // Chinese text has no spaces: it breaks between characters.
  const zh = wrapText(ctx, '生态环境部对外合作与交流中心气候变化项目管理办公室', 80, 10);
  expect(zh.length).toBeGreaterThan(2);
  expect(zh.join('')).toBe('生态环境部对外合作与交流中心气候变化项目管理办公室');
});

test('long labels make taller rows instead of overlapping the next one', async () => {
  const short = size(await renderChartPng(bars(['a', 'b', 'c'], [1, 2, 3]), { scale: 1 }));
  const long = 'Adaptation to climate change and ecosystem-based approaches '.repeat(2);
  const tall = size(await renderChartPng(bars([long, long, long], [1, 2, 3]), { scale: 1 }));
  expect(tall.height).toBeGreaterThan(short.height + 3 * 20);
});
