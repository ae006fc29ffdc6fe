import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

import lighthouse from 'lighthouse';

import { CHROMIUM_ARGS, CHROMIUM_PATH, makeTempDir, startServer } from '../harness';
import { type Goal, HUB_TODAY, type LoadDatabase, ms, quiet } from '../load-tools';
import type { Target } from './targets';

// Lighthouse (pinned in package.json: its scores move between versions) on every page, in
// Debian's Chromium, with its default configuration: the mobile profile (a Moto G Power's screen,
// simulated slow 4G and a 4× slower CPU). The server runs as it does by default (the response
// cache on), on the first database of the run. Goals (issue #32): performance ≥ 90 and
// accessibility 100 on every page.

export const LIGHTHOUSE_GOALS = { performance: 90, accessibility: 100 };

export interface LighthouseRow {
  path: string;
  performance: number;
  accessibility: number;
  /** Largest contentful paint, total blocking time (ms) and cumulative layout shift. */
  lcpMs: number;
  tbtMs: number;
  cls: number;
  /** The accessibility audits that failed: what keeps a page from 100. */
  failedAccessibility: string[];
}

/**
 * Chromium with its DevTools port for Lighthouse to drive: headless, its own profile, never the
 * network beyond 127.0.0.1. Port 0 lets Chromium choose one and write it to DevToolsActivePort.
 */
async function startChromium(): Promise<{ port: number; stop: () => Promise<void> }> {
  const profile = makeTempDir('lighthouse-chromium');
  const child: ChildProcess = spawn(
    CHROMIUM_PATH,
    [
      '--headless=new',
      '--remote-debugging-port=0',
      `--user-data-dir=${profile}`,
      ...CHROMIUM_ARGS,
      '--disable-extensions',
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  const portFile = join(profile, 'DevToolsActivePort');
  const deadline = Date.now() + 20_000;
  while (!existsSync(portFile) || readFileSync(portFile, 'utf8').split('\n').length < 2) {
    if (child.exitCode !== null) throw new Error('Chromium exited before it opened its port');
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('Chromium did not open its DevTools port within 20 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const port = Number(readFileSync(portFile, 'utf8').split('\n')[0]);
  return {
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => {
          rmSync(profile, { recursive: true, force: true });
          resolve();
        };
        if (child.exitCode !== null || child.signalCode !== null) return done();
        child.once('exit', done);
        child.kill('SIGTERM');
      }),
  };
}

/** Lighthouse's performance and accessibility categories for each page, one page at a time. */
export async function measureLighthouse(
  database: LoadDatabase,
  pages: Pick<Target, 'path'>[],
): Promise<LighthouseRow[]> {
  const server = await startServer({ databaseUrl: database.path, hubToday: HUB_TODAY });
  const log = quiet(server);
  const chromium = await startChromium();
  const rows: LighthouseRow[] = [];
  try {
    for (const { path } of pages) {
      console.error(`· ${database.label}: Lighthouse ${path} …`);
      const result = await lighthouse(`${server.url}${path}`, {
        port: chromium.port,
        output: 'json',
        logLevel: 'error',
        onlyCategories: ['performance', 'accessibility'],
      });
      if (!result) throw new Error(`Lighthouse returned nothing for ${path}`);
      const { categories, audits, runtimeError } = result.lhr;
      if (runtimeError) throw new Error(`Lighthouse on ${path}: ${runtimeError.message}`);
      const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
      const failedAccessibility = (categories.accessibility?.auditRefs ?? [])
        .filter((ref) => ref.weight > 0 && audits[ref.id]?.score === 0)
        .map((ref) => ref.id);
      rows.push({
        path,
        performance: score('performance'),
        accessibility: score('accessibility'),
        lcpMs: audits['largest-contentful-paint']?.numericValue ?? NaN,
        tbtMs: audits['total-blocking-time']?.numericValue ?? NaN,
        cls: audits['cumulative-layout-shift']?.numericValue ?? NaN,
        failedAccessibility,
      });
    }
  } catch (error) {
    console.error(log());
    throw error;
  } finally {
    await chromium.stop();
    await server.stop();
  }
  return rows;
}

/** The report's table and the goals of each page. */
export function lighthouseSection(
  label: string,
  rows: LighthouseRow[] | null,
  goals: Goal[],
): string[] {
  if (!rows) return [];
  const lines = [
    '',
    `Lighthouse (its default mobile profile, Debian's Chromium; the server as it runs by default):`,
    '',
    '| page | performance | accessibility | largest paint | total blocking | layout shift | failed accessibility audits |',
    '| --- | --: | --: | --: | --: | --: | --- |',
  ];
  for (const r of rows) {
    lines.push(
      `| \`${r.path}\` | ${r.performance} | ${r.accessibility} | ${ms(r.lcpMs)} | ${ms(r.tbtMs)} | ${r.cls.toFixed(3)} | ${r.failedAccessibility.join(', ') || '–'} |`,
    );
    goals.push(
      {
        goal: `${label}: ${r.path} Lighthouse performance ≥ ${LIGHTHOUSE_GOALS.performance}`,
        ok: r.performance >= LIGHTHOUSE_GOALS.performance,
        detail: `${r.performance} (largest paint ${ms(r.lcpMs)}, total blocking ${ms(r.tbtMs)})`,
      },
      {
        goal: `${label}: ${r.path} Lighthouse accessibility ${LIGHTHOUSE_GOALS.accessibility}`,
        ok: r.accessibility >= LIGHTHOUSE_GOALS.accessibility,
        detail: `${r.accessibility}${r.failedAccessibility.length ? ` (${r.failedAccessibility.join(', ')})` : ''}`,
      },
    );
  }
  return lines;
}
