import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

import type * as PdfJs from 'pdfjs-dist';
import type { Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';

import { openDatabase } from '../../db/client.server';
import { insertReport, insertRound } from '../../app/features/reporting/report-factories.server';
import {
  type HttpSession,
  axeViolations,
  createAccount,
  httpSession,
  openWatchedPage,
  readDatabase,
  readSeed,
  seededHub,
  signIn,
} from './support';

// The Interface Workshop pack's print view (#31, decision 0076): a round's pack has one section
// per project of the round, shows approved report text only (a draft's never), prints as A4 with
// a page per project and page numbers; a period pack is public; bad parameters are refused next
// to their field; it speaks en, zh, de and en+zh, and passes axe.

const hub = seededHub('2026-11-29');
const VIEWER = { email: 'viewer@pack.example', password: 'a long viewer password' };
const EDITOR = { email: 'editor@pack.example', password: 'a long editor password' };
const ROUND = 'pack-round-2026';
const DRAFT_ROUND = 'pack-draft-round';
// Texts that must never appear: the reports not approved.
const SECRETS = ['SECRET-DRAFT-TEXT', 'SECRET-SUBMITTED-TEXT', 'SECRET-RETURNED-TEXT'];
const APPROVED_EN = 'Approved achievements: 1,200 buses converted.';
const APPROVED_ZH = '已批准的成果：改造了一千二百辆公交车。';
const APPROVED_ZH_ONLY = '仅以中文撰写的已批准成果。';
let viewer: HttpSession;
let editor: HttpSession;

beforeAll(async () => {
  await createAccount(hub.database.path, { ...VIEWER, role: 'viewer' });
  await createAccount(hub.database.path, { ...EDITOR, role: 'editor' });
  viewer = await httpSession(hub.server.url, VIEWER);
  editor = await httpSession(hub.server.url, EDITOR);
  const projectIds = readDatabase(
    hub.database.path,
    (db) =>
      db
        .prepare(`SELECT id FROM projects WHERE origin = 'hub' ORDER BY id LIMIT 7`)
        .pluck()
        .all() as number[],
  );
  const [p0, p1, p2, p3, p4, p5, p6] = projectIds as [number, ...number[]];
  const db = openDatabase(hub.database.path);
  try {
    const round = insertRound(db, {
      slug: ROUND,
      title: 'Interface Workshop 2026',
      titleZh: '2026年对接研讨会',
      titleDe: 'Interface Workshop 2026 (de)',
      periodStart: '2026-01-01',
      periodEnd: '2026-10-31',
    });
    const approved = { state: 'approved' as const, approvedAt: '2026-11-10T09:00:00.000Z' };
    insertReport(db, {
      roundId: round.id,
      projectId: p0,
      ...approved,
      language: 'en',
      texts: {
        en: { achievements: APPROVED_EN, challenges: 'Charging depots were late.' },
        zh: { achievements: APPROVED_ZH },
      },
    });
    insertReport(db, {
      roundId: round.id,
      projectId: p1!,
      ...approved,
      language: 'zh',
      texts: { zh: { achievements: APPROVED_ZH_ONLY } },
    });
    for (const [projectId, state, text] of [
      [p2, 'draft', SECRETS[0]],
      [p3, 'submitted', SECRETS[1]],
      [p4, 'returned', SECRETS[2]],
    ] as const) {
      insertReport(db, {
        roundId: round.id,
        projectId: projectId!,
        state,
        language: 'en',
        texts: { en: { achievements: text } },
      });
    }
    insertReport(db, { roundId: round.id, projectId: p5! });
    // A draft round (its reports not started: a round takes reports once open) is the hub
    // team's alone.
    const draft = insertRound(db, {
      slug: DRAFT_ROUND,
      title: 'Pack draft round',
      state: 'draft',
      openedAt: null,
    });
    insertReport(db, { roundId: draft.id, projectId: p6! });
  } finally {
    db.$client.close();
  }
});

const get = async (path: string, session?: HttpSession) => {
  const response = await fetch(`${hub.server.url}${path}`, {
    headers: session ? { Cookie: session.cookie } : {},
    redirect: 'manual',
  });
  return { status: response.status, html: await response.text(), response };
};

/** The round's projects and their report states, read from the file as an auditor would. */
const roundProjects = (slug: string) =>
  readDatabase(
    hub.database.path,
    (db) =>
      db
        .prepare(
          `SELECT p.slug, r.state FROM reports r JOIN projects p ON p.id = r.project_id
             JOIN reporting_rounds rr ON rr.id = r.round_id WHERE rr.slug = ? ORDER BY p.slug`,
        )
        .all(slug) as { slug: string; state: string }[],
  );

/** Each project section's slug and what it says of its report, in page order. */
async function projectSections(page: Page) {
  return page.locator('section.pack-project').evaluateAll((sections) =>
    sections.map((s) => ({
      slug: s.id.replace(/^project-/, ''),
      report: s.querySelector('[data-report]')?.getAttribute('data-report') ?? null,
      text: s.textContent ?? '',
    })),
  );
}

test('a round’s pack has exactly the round’s projects; only approved text appears, a draft’s never', async () => {
  const expected = roundProjects(ROUND);
  expect(expected).toHaveLength(6);
  const { page, watch } = await openWatchedPage(hub.browser.context);
  await signIn(page, hub.server.url, VIEWER.email, VIEWER.password);
  const response = await page.goto(`${hub.server.url}/reporting/${ROUND}/report`);
  expect(response?.status()).toBe(200);
  const sections = await projectSections(page);
  expect(sections.map((s) => s.slug).sort()).toEqual(expected.map((p) => p.slug));
  // The table of contents links to every project section.
  const contents = await page
    .locator('nav.pack-contents a[href^="#project-"]')
    .evaluateAll((links) => links.map((a) => a.getAttribute('href')!.slice('#project-'.length)));
  expect(contents).toEqual(sections.map((s) => s.slug));
  for (const project of expected) {
    const section = sections.find((s) => s.slug === project.slug)!;
    expect(section.report, project.slug).toBe(
      project.state === 'approved' ? 'approved' : 'not-reported',
    );
    if (project.state !== 'approved') expect(section.text).toContain('Not reported —');
  }
  const html = await page.content();
  expect(html).toContain(APPROVED_EN);
  // Written in Chinese only: shown as written, marked as not translated, in its own language.
  await expect(
    page.locator(`[lang="zh-Hans"]`, { hasText: APPROVED_ZH_ONLY }).count(),
  ).resolves.toBe(1);
  expect(html).not.toContain(APPROVED_ZH); // an English pack shows the English text
  for (const secret of SECRETS) expect(html).not.toContain(secret);
  expect(await page.locator('h1').textContent()).toContain('Interface Workshop 2026');
  expect(await axeViolations(page)).toEqual([]);
  // The files of the same pack, in each language, keep its filter.
  const deck = await page
    .locator('a[href*="report.pptx"]')
    .evaluateAll((a) => a.map((l) => l.getAttribute('href')));
  expect(deck).toContain(`/reporting/${ROUND}/report.pptx?lang=en%2Bzh`);
  expect(deck).toContain(`/reporting/${ROUND}/report.pptx?lang=zh`);
  // …and they are the files: the bilingual deck and the Word document of this round.
  for (const [selector, type] of [
    ['a[href$="report.pptx?lang=en%2Bzh"]', 'presentationml'],
    ['a[href$="report.docx?lang=en"]', 'wordprocessingml'],
  ] as const) {
    const href = await page.locator(selector).getAttribute('href');
    const file = await page.request.get(`${hub.server.url}${href}`);
    expect(file.status(), href!).toBe(200);
    expect(file.headers()['content-type'], href!).toContain(type);
  }
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
});

test('the print view prints on A4: a page for the opening, one per project, each numbered', async () => {
  const projects = roundProjects(ROUND).length;
  const { page } = await openWatchedPage(hub.browser.context);
  await signIn(page, hub.server.url, VIEWER.email, VIEWER.password);
  await page.goto(`${hub.server.url}/reporting/${ROUND}/report`);
  await page.emulateMedia({ media: 'print' });
  // In print the hub's header and footer are gone; the pack is all there is.
  await expect(page.locator('.site-header').isVisible()).resolves.toBe(false);
  const pdf = await page.pdf({ format: 'A4' });
  await page.close();
  const pages = await pdfPages(pdf);
  expect(pages.length).toBeGreaterThanOrEqual(1 + projects);
  // Every page carries its number and the page count ("3 / 14") in its bottom margin box.
  pages.forEach((text, i) => expect(text, `page ${i + 1}`).toContain(`${i + 1} / ${pages.length}`));
  // A project starts a page: the page with its title and its facts is no other project's.
  const titles = readDatabase(
    hub.database.path,
    (db) =>
      db
        .prepare(
          `SELECT p.title FROM reports r JOIN projects p ON p.id = r.project_id
             JOIN reporting_rounds rr ON rr.id = r.round_id WHERE rr.slug = ?`,
        )
        .pluck()
        .all(ROUND) as string[],
  );
  const squeeze = (s: string) => s.replace(/\s+/g, '');
  const firstPages = titles.map((title) =>
    pages.findIndex(
      (text) => squeeze(text).includes(squeeze(title).slice(0, 40)) && text.includes('Runtime'),
    ),
  );
  expect(
    firstPages.every((i) => i > 0),
    firstPages.join(),
  ).toBe(true);
  expect(new Set(firstPages).size).toBe(titles.length);
});

/** The text of each page of a PDF, read with pdf.js (as the document reader does). */
async function pdfPages(pdf: Buffer): Promise<string[]> {
  const pdfjsPath = createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.mjs');
  const pdfjs = (await import(pathToFileURL(pdfjsPath).href)) as typeof PdfJs;
  const root = join(dirname(pdfjsPath), '..', '..');
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(pdf),
    isEvalSupported: false,
    useSystemFonts: false,
    cMapUrl: `${join(root, 'cmaps')}/`,
    cMapPacked: true,
    standardFontDataUrl: `${join(root, 'standard_fonts')}/`,
    verbosity: 0,
  }).promise;
  try {
    const texts: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
    }
    return texts;
  } finally {
    await doc.destroy();
  }
}

test('a period pack is public: the whole real portfolio, approved text only, no report state told', async () => {
  const seed = readSeed<{ projects: unknown[] }>('iki-china-projects.json');
  const portfolio = readDatabase(
    hub.database.path,
    (db) =>
      db
        .prepare(`SELECT slug FROM projects WHERE origin = 'hub' ORDER BY slug`)
        .pluck()
        .all() as string[],
  );
  expect(portfolio).toHaveLength(seed.projects.length);
  expect(portfolio).toHaveLength(25);
  const { page } = await openWatchedPage(hub.browser.context);
  const response = await page.goto(`${hub.server.url}/report?start=2015-01-01&end=2026-12-31`);
  expect(response?.status()).toBe(200);
  const sections = await projectSections(page);
  expect(sections.map((s) => s.slug).sort()).toEqual(portfolio);
  const html = await page.content();
  expect(html).toContain(APPROVED_EN);
  for (const secret of SECRETS) expect(html).not.toContain(secret);
  // Signed out, a project without an approved report says only that.
  const notReported = sections.filter((s) => s.report === 'not-reported');
  expect(notReported.length).toBe(25 - 2);
  for (const s of notReported) {
    expect(s.text).toContain('Not reported — no approved report for this period');
    expect(s.text).not.toMatch(/in draft|submitted|returned|not started/);
  }
  expect(await axeViolations(page)).toEqual([]);
  await page.close();
});

test('a round’s pack is seen as its board is: sign-in needed, a draft round the hub team’s only', async () => {
  const board = await get(`/reporting/${ROUND}`);
  const pack = await get(`/reporting/${ROUND}/report`);
  expect([302, 303, 401, 403]).toContain(pack.status);
  expect(pack.status).toBe(board.status);
  // Signed in, the sign-in page sends the reader back to the pack.
  expect(pack.response.headers.get('location')).toBe(
    board.response.headers
      .get('location')!
      .replace(
        encodeURIComponent(`/reporting/${ROUND}`),
        encodeURIComponent(`/reporting/${ROUND}/report`),
      ),
  );
  expect(pack.html).not.toContain(APPROVED_EN);

  expect((await get(`/reporting/${DRAFT_ROUND}/report`, viewer)).status).toBe(404);
  expect((await get(`/reporting/${DRAFT_ROUND}`, viewer)).status).toBe(404);
  const forTeam = await get(`/reporting/${DRAFT_ROUND}/report`, editor);
  expect(forTeam.status).toBe(200);
  expect(forTeam.html).toContain('Pack draft round');
  expect(forTeam.html.replace(/<[^>]+>/g, '')).toContain('Not reported — report not started');
  expect((await get('/reporting/no-such-round/report', viewer)).status).toBe(404);
  // A round's pack covers the round's period: a period asked of it is refused.
  const period = await get(`/reporting/${ROUND}/report?start=2020-01-01`, viewer);
  expect(period.status).toBe(400);
  expect(period.html).toContain('round’s period');
});

test('bad parameters: 400 and a form with each message next to its field, the input kept', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  const response = await page.goto(
    `${hub.server.url}/report?lang=fr&start=2024-13-01&end=2024-12-31&type=bilateral`,
  );
  expect(response?.status()).toBe(400);
  await expect(page.locator('#pack-lang').inputValue()).resolves.toBe('fr');
  await expect(page.locator('#pack-start').inputValue()).resolves.toBe('2024-13-01');
  await expect(page.locator('#pack-end').inputValue()).resolves.toBe('2024-12-31');
  expect(await page.locator('#pack-lang-error').textContent()).toContain('“fr”');
  expect(await page.locator('#pack-start-error').textContent()).toContain('2024-13-01');
  await expect(page.locator('#pack-end-error').count()).resolves.toBe(0);
  // Each message is tied to its field for screen readers.
  expect(await page.locator('#pack-lang').getAttribute('aria-describedby')).toContain(
    'pack-lang-error',
  );
  // The filter stays: a chip to remove it, and the form sends it again.
  await expect(page.locator('.chips li').count()).resolves.toBe(1);
  await expect(
    page.locator('form.pack-form__form input[type="hidden"][name="type"]').inputValue(),
  ).resolves.toBe('bilateral');
  expect(await axeViolations(page)).toEqual([]);
  // Corrected, the same form makes the pack of the bilateral projects.
  await page.locator('#pack-lang').fill('en+zh');
  await page.locator('#pack-start').fill('2024-01-01');
  await Promise.all([
    page.waitForURL(/lang=en/),
    page.locator('form.pack-form__form button').click(),
  ]);
  await page.locator('section.pack-project').first().waitFor();
  const bilateral = readDatabase(
    hub.database.path,
    (db) =>
      db
        .prepare(
          `SELECT slug FROM projects WHERE origin = 'hub' AND type = 'bilateral' ORDER BY slug`,
        )
        .pluck()
        .all() as string[],
  );
  const slugs = (await projectSections(page)).map((s) => s.slug).sort();
  expect(slugs).toEqual(bilateral);
  await page.close();
  expect((await get('/de/report?lang=english')).status).toBe(400);
});

test('the pack speaks Chinese, German and English beside Chinese', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  await signIn(page, hub.server.url, VIEWER.email, VIEWER.password);
  const cases = [
    {
      url: `/zh/reporting/${ROUND}/report`,
      html: 'zh-Hans',
      h1: '报告轮次“2026年对接研讨会”的进展',
      text: APPROVED_ZH,
    },
    {
      url: `/de/reporting/${ROUND}/report`,
      html: 'de',
      h1: 'Fortschritt in der Berichtsrunde',
      text: 'Nicht berichtet — Bericht im Entwurf',
    },
    {
      url: `/reporting/${ROUND}/report?lang=en%2Bzh`,
      html: 'en',
      h1: 'Progress in the reporting round “Interface Workshop 2026” / 报告轮次',
      text: APPROVED_ZH,
    },
    {
      url: `/zh/report?start=2026-01-01&end=2026-12-31`,
      html: 'zh-Hans',
      h1: '国际气候倡议在华项目进展',
      text: '截至',
    },
  ];
  for (const c of cases) {
    const response = await page.goto(`${hub.server.url}${c.url}`);
    expect(response?.status(), c.url).toBe(200);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe(c.html);
    expect(await page.locator('h1').textContent(), c.url).toContain(c.h1);
    expect(await page.locator('article.pack').textContent(), c.url).toContain(c.text);
    expect(await axeViolations(page), c.url).toEqual([]);
  }
  // English beside Chinese: both approved texts of the bilingual report, each in its language.
  await page.goto(`${hub.server.url}/reporting/${ROUND}/report?lang=en%2Bzh`);
  await expect(page.locator('[lang="zh-Hans"]', { hasText: APPROVED_ZH }).count()).resolves.toBe(1);
  expect(await page.locator('article.pack').textContent()).toContain(APPROVED_EN);
  await page.close();
});
