import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { type TestServer, launchBrowser, waitForMaps } from '../harness';
import { ROOT } from '../load-tools';
import { GOALS } from './options';
import type { Target } from './targets';

// Client JavaScript per page, gzipped: what the HTML preloads, and what the page loads in use.

interface JsRow {
  path: string;
  initialGz: number;
  loadedGz: number;
  files: number;
  budgetKb: number;
  /** The biggest files in use, gzipped: where a page over budget spends it. */
  largest: { file: string; gz: number }[];
}

export async function measureJavaScript(
  server: TestServer,
  pages: Pick<Target, 'path' | 'chartPage'>[],
): Promise<JsRow[]> {
  const gz = new Map<string, number>();
  const gzipped = (asset: string) => {
    if (!gz.has(asset)) {
      gz.set(asset, gzipSync(readFileSync(join(ROOT, 'build/client', asset))).length);
    }
    return gz.get(asset)!;
  };
  const browser = await launchBrowser();
  const rows: JsRow[] = [];
  try {
    for (const { path, chartPage } of pages) {
      // What the HTML makes the browser fetch at once: module preloads and the module script.
      const html = await (await fetch(`${server.url}${path}`)).text();
      const initial = new Set<string>();
      for (const [link] of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*>/g)) {
        initial.add(/\bhref="([^"]+)"/.exec(link)![1]!);
      }
      for (const m of html.matchAll(/(?:import|from)\s*["'](\/assets\/[^"']+\.js)["']/g)) {
        initial.add(m[1]!);
      }
      // What the page has loaded once it is in use: lazy chunks (Leaflet, Chart.js) too.
      const page = await browser.context.newPage();
      // Intercepting requests switches Chromium's cache off: every page counts all it loads.
      await page.route('**/*', (route) => route.continue());
      const loaded = new Set<string>();
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (response.request().resourceType() === 'script' && url.pathname.startsWith('/assets/')) {
          loaded.add(url.pathname);
        }
      });
      await page.goto(`${server.url}${path}`);
      await page.waitForLoadState('networkidle');
      await waitForMaps(page);
      await page.close();
      for (const a of initial) loaded.add(a);
      const sum = (assets: Set<string>) => [...assets].reduce((s, a) => s + gzipped(a), 0);
      rows.push({
        path,
        initialGz: sum(initial),
        loadedGz: sum(loaded),
        files: loaded.size,
        // The dashboard's point is its Chart.js charts, as the map's is its Leaflet map, and a
        // project page with indicator charts is theirs: these have the map's budget. Every other
        // page is a text page (the project page's locator map is server-drawn SVG).
        budgetKb: chartPage ? GOALS.mapJsKb : GOALS.textPageJsKb,
        largest: [...loaded]
          .map((file) => ({ file, gz: gzipped(file) }))
          .sort((a, b) => b.gz - a.gz)
          .slice(0, 5),
      });
    }
  } finally {
    await browser.close();
  }
  return rows;
}
