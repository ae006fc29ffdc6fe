import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { beforeAll, expect, test } from 'vitest';

import { axeViolations, createAccount, openWatchedPage, seededHub, signIn } from './support';
import { IATI_DATA_URL } from '../../scripts/shared-data';
import { all, attr, parse } from '../../app/features/iati/test-support';

// The upload page: an editor checks a real IATI file (read from ../shared/data/iati, never copied
// into the repo), sees the dry run, applies it, and the imported activity is labelled and kept out
// of the IKI portfolio.

const hub = seededHub('2026-11-29');
const EDITOR = { email: 'importer@hub.example', password: 'imports real files' };
const AA_FILE = fileURLToPath(new URL('dportal_114_incl_XM-DAC-5-7_CN.xml', IATI_DATA_URL));
const AA_ACTIVITY = 'XM-DAC-5-7-6615032';
const COVID_FILE = fileURLToPath(
  new URL('covid_fixture_dportal_incl_UNDP_Gates_CN.xml', IATI_DATA_URL),
);

beforeAll(async () => {
  await createAccount(hub.database.path, { ...EDITOR, role: 'editor', name: 'Import Editor' });
});

const count = (sql: string) => {
  const db = new Database(hub.database.path, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

test('an editor checks a real IATI file, applies it, and the activity is labelled, not counted as IKI', async () => {
  const projectsBefore = count('SELECT count(*) AS n FROM projects');
  const { page, watch } = await openWatchedPage(hub.browser.context);
  await signIn(page, hub.server.url, EDITOR.email, EDITOR.password);
  await page.goto(`${hub.server.url}/import`);
  expect(await axeViolations(page)).toEqual([]);
  await page.getByLabel('IATI file (XML)').setInputFiles(AA_FILE);
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.getByRole('heading', { name: 'What this file would change' }).waitFor();
  const dryRun = (await page.locator('main').textContent()) ?? '';
  expect(dryRun).toContain(AA_ACTIVITY);
  expect(dryRun).toContain('Warning');
  expect(await axeViolations(page)).toEqual([]);
  // The dry run wrote nothing.
  expect(count('SELECT count(*) AS n FROM projects')).toBe(projectsBefore);

  await page.getByRole('button', { name: 'Apply this import' }).click();
  await page.getByText('Import applied — new: 1').waitFor();
  expect(count('SELECT count(*) AS n FROM projects')).toBe(projectsBefore + 1);
  expect(count("SELECT count(*) AS n FROM projects WHERE origin = 'iati'")).toBe(1);

  // The IKI list still shows the portfolio alone; origin=iati shows the imported activity.
  const list = await (await fetch(`${hub.server.url}/projects`)).text();
  expect(list).not.toContain('Training of Trainers');
  await page.goto(`${hub.server.url}/projects?origin=iati`);
  await page.locator('tbody th a').first().click();
  await page.locator('strong', { hasText: 'not an IKI project' }).waitFor();
  expect((await page.locator('main').textContent()) ?? '').toContain('Federal Foreign Office');
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
});

test('a file nested deeper than 64 levels is refused on the upload page with its line, and nothing is staged', async () => {
  const projectsBefore = count('SELECT count(*) AS n FROM projects');
  const { page } = await openWatchedPage(hub.browser.context);
  await signIn(page, hub.server.url, EDITOR.email, EDITOR.password);
  await page.goto(`${hub.server.url}/import`);
  // 200 000 levels in 1.4 MB: without the limit the server read it for minutes, answering nobody.
  const deep = `<?xml version="1.0"?>\n<iati-activities version="2.03">\n<iati-activity>\n${'<x>'.repeat(200_000)}${'</x>'.repeat(200_000)}</iati-activity></iati-activities>\n`;
  await page
    .getByLabel('IATI file (XML)')
    .setInputFiles({ name: 'deep.xml', mimeType: 'text/xml', buffer: Buffer.from(deep) });
  const answer = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Check the file' }).click();
  expect((await answer).status()).toBe(400);
  await page.getByRole('alert').filter({ hasText: 'The file was refused' }).waitFor();
  const problems = await page.locator('.import-problems li').allTextContents();
  expect(problems).toEqual([
    'Error, Line 4: <x> is nested 65 levels deep; at most 64 are read (<iati-activities> is level 1), so the file is not read further.',
  ]);
  expect(count('SELECT count(*) AS n FROM iati_staging')).toBe(0);
  expect(count('SELECT count(*) AS n FROM projects')).toBe(projectsBefore);
  await page.close();
});

test('the recipient countries are chosen on the page: an unknown code is refused at the field, a list imports those activities with their results as indicators', async () => {
  const { page, watch } = await openWatchedPage(hub.browser.context);
  await signIn(page, hub.server.url, EDITOR.email, EDITOR.password);
  await page.goto(`${hub.server.url}/import`);
  await page.getByLabel('IATI file (XML)').setInputFiles(COVID_FILE);
  const field = page.getByLabel('Recipient countries');
  await field.fill('VN, QQ');
  // Refused in the browser by the same rule the action applies (tests/e2e/fuzz.test.ts posts it).
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect.poll(() => field.getAttribute('aria-invalid')).toBe('true');
  const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
  const messages = await Promise.all(
    describedBy.split(' ').map((id) => page.locator(`[id="${id}"]`).textContent()),
  );
  expect(messages.join(' ')).toContain('two-letter country codes');
  expect(count('SELECT count(*) AS n FROM iati_staging')).toBe(0);

  // Indicators of the VN and ET activities, counted from the XML.
  const root = parse(readFileSync(COVID_FILE, 'utf8')).root;
  const chosen = all(root, 'iati-activity').filter((a) =>
    all(a, 'recipient-country').some((c) => ['VN', 'ET'].includes(attr(c, 'code') ?? '')),
  );
  const indicators = chosen.flatMap((a) => all(a, 'indicator')).length;
  expect(indicators).toBeGreaterThan(0);

  await page.getByLabel('IATI file (XML)').setInputFiles(COVID_FILE);
  await field.fill('vn,et');
  const answer = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Check the file' }).click();
  expect((await answer).status()).toBe(200);
  await page.getByRole('heading', { name: 'What this file would change' }).waitFor();
  const dryRun = (await page.locator('main').textContent()) ?? '';
  expect(dryRun).toContain(`Read ${chosen.length} activities of the chosen countries (VN,ET)`);
  // ET is not in the hub's list of countries: a warning, not an error.
  expect(dryRun).toContain("Recipient country ET is not in the hub's list of countries");
  expect(await axeViolations(page)).toEqual([]);
  const before = count('SELECT count(*) AS n FROM indicators');
  await page.getByRole('button', { name: 'Apply this import' }).click();
  await page.getByText('Import applied').waitFor();
  expect(count('SELECT count(*) AS n FROM indicators') - before).toBe(indicators);
  expect(
    count(
      "SELECT count(*) AS n FROM indicators i JOIN projects p ON p.id = i.project_id WHERE p.origin <> 'iati'",
    ),
  ).toBe(0);
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
});
