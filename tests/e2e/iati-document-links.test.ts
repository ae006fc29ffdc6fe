import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { beforeAll, expect, test } from 'vitest';

import { axeViolations, createAccount, openWatchedPage, seededHub, signIn } from './support';
import { IATI_DATA_URL } from '../../scripts/shared-data';
import { all, attr, parse } from '../../app/features/iati/test-support';

// The upload page's dry run counts the document links a real file would add (decision 0072), and
// applying stores them as public documents of the imported activities. Expected numbers come from
// the XML (read from ../shared/data/iati, never copied into the repo).

const hub = seededHub('2026-11-29');
const EDITOR = { email: 'documents@hub.example', password: 'imports document links' };
const COVID_FILE = fileURLToPath(
  new URL('covid_fixture_dportal_incl_UNDP_Gates_CN.xml', IATI_DATA_URL),
);

beforeAll(async () => {
  await createAccount(hub.database.path, { ...EDITOR, role: 'editor', name: 'Document Importer' });
});

const count = (sql: string) => {
  const db = new Database(hub.database.path, { readonly: true });
  try {
    return (db.prepare(sql).get() as { n: number }).n;
  } finally {
    db.close();
  }
};

test('the dry run counts the document links of the China activities, and applying stores them as public documents', async () => {
  const root = parse(readFileSync(COVID_FILE, 'utf8')).root;
  const links = all(root, 'iati-activity')
    .filter((a) =>
      all(a, 'recipient-country').some((c) => (attr(c, 'code') ?? '').toUpperCase() === 'CN'),
    )
    .flatMap((a) => a.children.filter((c) => c.name === 'document-link'));
  expect(links.length).toBeGreaterThan(100);
  const before = count('SELECT count(*) AS n FROM documents');

  const { page, watch } = await openWatchedPage(hub.browser.context);
  await signIn(page, hub.server.url, EDITOR.email, EDITOR.password);
  await page.goto(`${hub.server.url}/import`);
  await page.getByLabel('IATI file (XML)').setInputFiles(COVID_FILE);
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.getByRole('heading', { name: 'What this file would change' }).waitFor();
  const table = page.getByRole('table', { name: 'Document links' });
  expect(await table.getByRole('row', { name: /New documents/ }).textContent()).toContain(
    String(links.length),
  );
  expect(await table.locator('[data-documents="remove"]').textContent()).toBe('0');
  expect(await axeViolations(page)).toEqual([]);
  expect(count('SELECT count(*) AS n FROM documents')).toBe(before);

  await page.getByRole('button', { name: 'Apply this import' }).click();
  await page.getByText('Import applied').waitFor();
  expect(count('SELECT count(*) AS n FROM documents') - before).toBe(links.length);
  expect(
    count(
      "SELECT count(*) AS n FROM documents d JOIN document_projects dp ON dp.document_id = d.id JOIN projects p ON p.id = dp.project_id WHERE d.origin = 'iati' AND d.visibility = 'public' AND p.origin = 'iati'",
    ),
  ).toBe(links.length);

  // The same file again: nothing new, nothing removed.
  await page.goto(`${hub.server.url}/import`);
  await page.getByLabel('IATI file (XML)').setInputFiles(COVID_FILE);
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.getByRole('heading', { name: 'What this file would change' }).waitFor();
  const again = page.getByRole('table', { name: 'Document links' });
  expect(await again.locator('[data-documents="create"]').textContent()).toBe('0');
  expect(await again.locator('[data-documents="update"]').textContent()).toBe('0');
  expect(await again.locator('[data-documents="remove"]').textContent()).toBe('0');
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
});
