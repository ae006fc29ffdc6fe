import { statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

import { createSeededDatabase, launchBrowser, startServer } from './harness';
import { createDemoDatabase } from './load-tools';
import { parseCommand, wholeNumber } from './cli';

const { positionals } = parseCommand({
  script: 'measure:map',
  summary:
    "The map's data size (/api/map, plain and gzipped), its load time in Chromium and its longest main-thread task, at the real portfolio and at a synthetic one. Needs npm run build first.",
  arguments: [
    {
      name: 'PROJECTS',
      help: 'projects in the synthetic portfolio (default: 10000)',
      isOptional: true,
    },
  ],
  options: {},
  examples: ['npm run measure:map', 'npm run measure:map -- 1000'],
});
const projects = wholeNumber(positionals[0] ?? '10000', 'PROJECTS');

interface Row {
  database: string;
  apiBytes: number;
  apiGzipBytes: number;
  apiMs: number;
  htmlBytes: number;
  readyMs: number;
  longestTaskMs: number;
  placeMarkers: number;
}

async function measure(name: string, databaseUrl: string): Promise<Row> {
  const server = await startServer({ databaseUrl });
  const browser = await launchBrowser();
  try {
    // Warm up once so that the numbers are not the first request's.
    await fetch(`${server.url}/api/map?lang=en`);
    const started = performance.now();
    const api = Buffer.from(await (await fetch(`${server.url}/api/map?lang=en`)).arrayBuffer());
    const apiMs = performance.now() - started;
    const html = Buffer.from(await (await fetch(`${server.url}/map`)).arrayBuffer());

    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.addInitScript(() => {
      const tasks: number[] = [];
      (window as unknown as { __longTasks: number[] }).__longTasks = tasks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push(entry.duration);
      }).observe({ type: 'longtask', buffered: true });
    });
    const t0 = performance.now();
    await page.goto(`${server.url}/map?lat=20&lon=100&z=3`);
    await page.locator('.map-canvas[data-state="ready"]').waitFor({ timeout: 60_000 });
    const data = JSON.parse(api.toString()) as { places: unknown[] };
    // Chunked cluster loading finishes after "ready"; give it time, then read the longest task.
    await page.waitForTimeout(2000);
    const readyMs = performance.now() - t0;
    const tasks = await page.evaluate(
      () => (window as unknown as { __longTasks: number[] }).__longTasks,
    );
    await page.close();
    return {
      database: name,
      apiBytes: api.length,
      apiGzipBytes: gzipSync(api).length,
      apiMs,
      htmlBytes: html.length,
      readyMs: readyMs - 2000,
      longestTaskMs: Math.max(0, ...tasks),
      placeMarkers: data.places.length,
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}

statSync('build/server/index.js');
const real = createSeededDatabase();
const rows = [await measure('real portfolio', real.path)];
rows.push(await measure(`${projects} demo projects`, createDemoDatabase(projects, 'demo').path));

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
console.log(
  '| database | /api/map | gzip | API time | /map HTML | map ready | longest task | place markers |',
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  console.log(
    `| ${r.database} | ${kb(r.apiBytes)} | ${kb(r.apiGzipBytes)} | ${r.apiMs.toFixed(0)} ms | ${kb(r.htmlBytes)} | ${r.readyMs.toFixed(0)} ms | ${r.longestTaskMs.toFixed(0)} ms | ${r.placeMarkers} |`,
  );
}
