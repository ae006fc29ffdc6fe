// The browser tests share the server and Chromium harness with the measuring scripts.
import { readFileSync, rmSync } from 'node:fs';

import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

import {
  type TestBrowser,
  type TestServer,
  createSeededDatabase,
  launchBrowser,
  startServer,
} from '../../scripts/harness';

export * from '../../scripts/harness';

/** A seed file, parsed: tests compute expected values from these, never from the code. */
export function readSeed<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../db/seed/${name}`, import.meta.url), 'utf8')) as T;
}

export interface SeededHub {
  database: { path: string; dir: string };
  server: TestServer;
  browser: TestBrowser;
}

/** One test file's hub: the real portfolio in a fresh file, the production server, Chromium. */
export function seededHub(hubToday = '2026-11-29'): SeededHub {
  const hub = {} as SeededHub;
  beforeAll(async () => {
    hub.database = createSeededDatabase();
    hub.server = await startServer({ databaseUrl: hub.database.path, hubToday });
    hub.browser = await launchBrowser();
  });
  afterAll(async () => {
    await hub.browser?.close();
    await hub.server?.stop();
    if (hub.database) rmSync(hub.database.dir, { recursive: true, force: true });
  });
  return hub;
}

/** axe-core's violations on the page as "rule: targets" lines (empty when accessible). */
export async function axeViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Every project title the list shows for its filter, following "Next" through all pages. */
export async function allListedTitles(page: Page): Promise<string[]> {
  const titles: string[] = [];
  for (let current = 1; current < 50; current++) {
    titles.push(...(await page.locator('tbody th a').allTextContents()));
    const next = page.getByRole('link', { name: 'Next →' });
    if ((await next.count()) === 0) break;
    await next.click();
    await page
      .locator('.pagination [aria-current="page"]', { hasText: String(current + 1) })
      .waitFor();
  }
  return titles;
}
