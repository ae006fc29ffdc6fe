import type { BrowserContext } from 'playwright-core';

import { type TestServer, launchBrowser } from '../harness';
import { type Goal, median, ms } from '../load-tools';

// The portfolio map in headless Chromium: how long from navigation until its markers are drawn
// and it answers (the widget marks `map-ready` then), and the longest main-thread task meanwhile.

/** The map as the bench and `npm run measure:map` open it: Asia, so every cluster is in view. */
export const MAP_READY_PATH = '/map?lat=20&lon=100&z=3';
const ROUNDS = 3;
/** The goal at 10 000 projects (issue #32; decision 0083). Here, not in options.ts, so that
 * `npm run measure:map` checks it without reading the bench's command line. */
export const MAP_READY_GOAL_MS = 1_500;

export interface MapReady {
  /** From navigation start to the widget's `map-ready` mark, the median of ROUNDS loads. */
  readyMs: number;
  /** The longest main-thread task until one second after ready, the median of the loads'. */
  longestTaskMs: number;
}

/** One load of the map page: its ready time and longest task. */
export async function loadMap(context: BrowserContext, url: string) {
  const page = await context.newPage();
  try {
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.addInitScript(() => {
      const tasks: number[] = [];
      (window as unknown as { __longTasks: number[] }).__longTasks = tasks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(url);
    await page.locator('.map-canvas[data-state="ready"]').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(1000);
    return await page.evaluate(() => ({
      readyMs: performance.getEntriesByName('map-ready')[0]!.startTime,
      longestTaskMs: Math.max(0, ...(window as unknown as { __longTasks: number[] }).__longTasks),
    }));
  } finally {
    await page.close();
  }
}

export async function measureMapReady(server: TestServer): Promise<MapReady> {
  const browser = await launchBrowser();
  try {
    // Once before timing: the first load also fills the server's caches of the map's data.
    await loadMap(browser.context, `${server.url}${MAP_READY_PATH}`);
    const loads = [];
    for (let i = 0; i < ROUNDS; i++) {
      loads.push(await loadMap(browser.context, `${server.url}${MAP_READY_PATH}`));
    }
    return {
      readyMs: median(loads.map((l) => l.readyMs)),
      longestTaskMs: median(loads.map((l) => l.longestTaskMs)),
    };
  } finally {
    await browser.close();
  }
}

/** The report's line on the map, and its goal at 10 000 projects or more. */
export function mapReadySection(
  label: string,
  projects: number,
  row: MapReady,
  goals: Goal[],
): string[] {
  if (projects >= 10_000) {
    goals.push({
      goal: `${label}: the map ready (markers drawn) < ${MAP_READY_GOAL_MS} ms in headless Chromium`,
      ok: row.readyMs < MAP_READY_GOAL_MS,
      detail: `${ms(row.readyMs)}; longest task ${ms(row.longestTaskMs)}`,
    });
  }
  return [
    '',
    `The map (\`${MAP_READY_PATH}\`, rendered server, headless Chromium at 1280 × 1000): ready with its markers drawn ${ms(row.readyMs)} after navigation, longest main-thread task ${ms(row.longestTaskMs)} (medians of ${ROUNDS} loads after one).`,
  ];
}
