import { readFileSync } from 'node:fs';

import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';

import { openWatchedPage, seededHub } from './support';

// Every chart labels every category (no skipped labels, none cut off) at every width in every
// language, and its PNG is large, titled and on white.

const hub = seededHub('2026-11-29');

interface ChartState {
  id: string;
  ticks: string[];
  fit: string | undefined;
  rows: number;
  tableLabels: string[];
}

async function chartStates(page: Page): Promise<ChartState[]> {
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('section[data-chart]')].every(
        (s) => !s.querySelector('table') || s.querySelector('canvas[data-ticks]'),
      ),
    undefined,
    { timeout: 20_000 },
  );
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('section[data-chart]')]
      .filter((s) => s.querySelector('canvas'))
      .map((s) => {
        const canvas = s.querySelector('canvas')!;
        const rows = [...s.querySelectorAll('tbody tr')];
        return {
          id: s.dataset.chart!,
          ticks: JSON.parse(canvas.dataset.ticks ?? '[]') as string[],
          fit: canvas.dataset.labelsFit,
          rows: rows.length,
          tableLabels: rows.map((r) => r.querySelector('th')!.textContent!.trim()),
        };
      }),
  );
}

test.each(['en', 'zh', 'de'] as const)(
  'in %s every chart labels each of its categories in full, at 360, 768, 1366 and 1920 px',
  async (lang) => {
    const { page, watch } = await openWatchedPage(hub.browser.context);
    const prefix = lang === 'en' ? '' : `/${lang}`;
    for (const width of [360, 768, 1366, 1920]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${hub.server.url}${prefix}/dashboard`);
      const charts = await chartStates(page);
      expect(charts.length, `${width}`).toBeGreaterThanOrEqual(8);
      for (const c of charts) {
        const where = `${lang} ${width}px ${c.id}`;
        expect(c.ticks, where).toHaveLength(c.rows);
        expect(c.fit, where).toBe('true');
        for (const tick of c.ticks) expect(tick, where).not.toMatch(/…|\.\.\./);
        // Each axis label is its table row's name, or (a ministry) the short name it begins with.
        c.ticks.forEach((tick, i) => {
          const full = c.tableLabels[i]!.replace(/\s+/g, ' ');
          const compact = (s: string) => s.replace(/\s+/g, '');
          if (c.id === 'byMinistry') expect(compact(full), where).toContain(compact(tick));
          else expect(compact(tick), where).toBe(compact(full));
        });
      }
      const topics = charts.find((c) => c.id === 'byTopic')!;
      expect(topics.rows).toBeGreaterThan(10);
    }
    expect(watch.consoleErrors).toEqual([]);
    await page.close();
  },
);

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test('the PNG of a chart is large, on white, with its title, in Chinese too', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  await page.setViewportSize({ width: 1366, height: 900 });
  for (const [lang, chart] of [
    ['zh', 'byMinistry'],
    ['en', 'byTopic'],
    ['de', 'runningPerYear'],
  ] as const) {
    await page.goto(`${hub.server.url}${lang === 'en' ? '' : `/${lang}`}/dashboard`);
    await chartStates(page);
    const section = page.locator(`section[data-chart="${chart}"]`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.locator('button.dashboard-chart__png').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${chart}.png`);
    const bytes = readFileSync((await download.path())!);
    const size = pngSize(bytes);
    expect(size.width, chart).toBeGreaterThanOrEqual(2400);
    expect(size.height, chart).toBeGreaterThanOrEqual(1400);
    // White in the corners; the title's ink in the top band.
    const pixels = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const corner = [...ctx.getImageData(2, 2, 1, 1).data];
      const band = ctx.getImageData(0, 0, img.width, 90).data;
      let dark = 0;
      for (let i = 0; i < band.length; i += 4) if (band[i]! < 128) dark += 1;
      return { corner, dark };
    }, bytes.toString('base64'));
    expect(pixels.corner, chart).toEqual([255, 255, 255, 255]);
    expect(pixels.dark, chart).toBeGreaterThan(200);
  }
  await page.close();
});
