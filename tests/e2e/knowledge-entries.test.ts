import type Database from 'better-sqlite3';
import { beforeAll, expect, test } from 'vitest';

import {
  type HttpSession,
  createAccount,
  httpSession,
  openWatchedPage,
  readDatabase,
  seededHub,
  signIn,
} from './support';

// Knowledge entries (#30, decision 0067): an implementer writes an entry in Chinese with a German
// translation, submits it; an editor returns it with a comment; the author fixes and resubmits;
// the editor publishes. Unpublished, the entry does not exist for anyone but its author and the
// hub team; published, each language shows its text, or the original marked as such.

const hub = seededHub('2026-11-29');
const AUTHOR = { email: 'wang@knowledge.example', password: 'knowledge author pw' };
const OTHER = { email: 'other@knowledge.example', password: 'knowledge other pw' };
const EDITOR = { email: 'editor@knowledge.example', password: 'knowledge editor pw' };
let author: HttpSession;
let other: HttpSession;
let editor: HttpSession;
let anonymous: HttpSession;

beforeAll(async () => {
  await createAccount(hub.database.path, {
    ...AUTHOR,
    role: 'implementer',
    name: 'Wang Fang',
    organisationSlug: 'giz',
  });
  await createAccount(hub.database.path, {
    ...OTHER,
    role: 'implementer',
    organisationSlug: 'giz',
  });
  await createAccount(hub.database.path, { ...EDITOR, role: 'editor', name: 'Li Na' });
  author = await httpSession(hub.server.url, AUTHOR);
  other = await httpSession(hub.server.url, OTHER);
  editor = await httpSession(hub.server.url, EDITOR);
  anonymous = await httpSession(hub.server.url);
});

const inDatabase = <T>(query: (db: Database.Database) => T): T =>
  readDatabase(hub.database.path, query);

async function post(session: HttpSession, path: string, fields: [string, string][]) {
  const body = new URLSearchParams(fields);
  body.append('_csrf', session.csrf);
  const response = await fetch(`${hub.server.url}${path}`, {
    method: 'POST',
    headers: { Cookie: session.cookie },
    body,
    redirect: 'manual',
  });
  return {
    status: response.status,
    location: response.headers.get('location') ?? '',
    html: await response.text(),
  };
}

async function get(session: HttpSession, path: string) {
  const response = await fetch(`${hub.server.url}${path}`, {
    headers: { Cookie: session.cookie },
    redirect: 'manual',
  });
  return { status: response.status, html: await response.text() };
}

/** The error message the page shows next to a field (conform's id: <form>-<field>-error). */
const errorNextTo = (html: string, field: string) =>
  new RegExp(`id="[^"]*-${field}-error"[^>]*>([^<]+)<`).exec(html)?.[1];

const ZH_TITLE = '农村能源合作社如何赢得村民信任';
const DE_TITLE = 'Wie Energiegenossenschaften das Vertrauen der Dörfer gewinnen';
const topicId = () =>
  inDatabase(
    (db) => (db.prepare('SELECT id FROM topics ORDER BY id LIMIT 1').get() as { id: number }).id,
  );

const entryFields = (extra: [string, string][] = []): [string, string][] => [
  ['kind', 'lesson'],
  ['language', 'zh'],
  ['titleZh', ZH_TITLE],
  ['summaryZh', '村民参与决策是关键。'],
  ['contextZh', '在河北的三个村庄试点。'],
  ['lessonsZh', '先开村民大会，再谈投资。'],
  ['titleDe', DE_TITLE],
  ['lessonsDe', 'Erst die Dorfversammlung, dann die Investition.'],
  ['translatedByDe', 'Anna Schmidt'],
  ['topics', String(topicId())],
  ...extra,
];

const entryRow = (slug: string) =>
  inDatabase(
    (db) =>
      db
        .prepare(
          'SELECT id, state, version, review_comment AS reviewComment FROM knowledge_entries WHERE slug = ?',
        )
        .get(slug) as { id: number; state: string; version: number; reviewComment: string | null },
  );

test('written in Chinese with a German translation, returned, fixed and published; readers see it only then, each language its text', async () => {
  // Writing: a draft of its author, with the original and the labelled translation.
  const created = await post(author, '/zh/knowledge/new', entryFields());
  expect(created.status).toBe(303);
  const [, slug] = /^\/zh\/knowledge\/([^?]+)\?saved=created$/.exec(created.location)!;
  expect(slug).toBe('wie-energiegenossenschaften-das-vertrauen-der-dorfer-gewinnen');
  expect(entryRow(slug!)).toMatchObject({ state: 'draft', version: 1 });
  const texts = inDatabase((db) =>
    db
      .prepare(
        'SELECT language, title, translated_by AS translatedBy FROM knowledge_entry_texts WHERE entry_id = ? ORDER BY language',
      )
      .all(entryRow(slug!).id),
  );
  expect(texts).toEqual([
    { language: 'de', title: DE_TITLE, translatedBy: 'Anna Schmidt' },
    { language: 'zh', title: ZH_TITLE, translatedBy: null },
  ]);

  // A draft does not exist for readers, other implementers, or its history and edit pages.
  for (const session of [anonymous, other]) {
    for (const path of [
      `/knowledge/${slug}`,
      `/zh/knowledge/${slug}`,
      `/knowledge/${slug}/history`,
    ]) {
      expect((await get(session, path)).status, path).toBe(404);
    }
  }
  expect((await get(other, `/knowledge/${slug}/edit`)).status).toBe(404);
  expect(
    (
      await post(other, `/knowledge/${slug}/edit`, [
        ['intent', 'submit'],
        ['version', '1'],
      ])
    ).status,
  ).toBe(404);
  const own = await get(author, `/zh/knowledge/${slug}`);
  expect(own.status).toBe(200);
  expect(own.html).toContain('草稿：只有作者和平台团队可以看到本条目。');

  // The author submits (from the entry page's button); the editor finds it in the review queue.
  const submitted = await post(author, `/knowledge/${slug}/edit`, [
    ['intent', 'submit'],
    ['version', '1'],
  ]);
  expect(submitted).toMatchObject({ status: 303, location: `/knowledge/${slug}?saved=submitted` });
  const queue = await get(editor, '/knowledge/drafts');
  expect(queue.html).toContain(ZH_TITLE);
  expect((await get(other, '/knowledge/drafts')).html).not.toContain(ZH_TITLE);
  // Only an editor reviews.
  expect(
    (
      await post(author, `/knowledge/${slug}/review`, [
        ['intent', 'publish'],
        ['version', '2'],
      ])
    ).status,
  ).toBe(403);

  // Returning needs a comment, said next to the field.
  const noComment = await post(editor, `/knowledge/${slug}/review`, [
    ['intent', 'return'],
    ['version', '2'],
  ]);
  expect(noComment.status).toBe(400);
  expect(errorNextTo(noComment.html, 'reviewComment')).toBe('Say what the author should change.');
  const returned = await post(editor, `/knowledge/${slug}/review`, [
    ['intent', 'return'],
    ['version', '2'],
    ['reviewComment', 'Bitte die Ergebnisse mit Zahlen ergänzen.'],
  ]);
  expect(returned).toMatchObject({ status: 303, location: `/knowledge/${slug}?saved=returned` });
  expect(entryRow(slug!)).toMatchObject({
    state: 'draft',
    reviewComment: 'Bitte die Ergebnisse mit Zahlen ergänzen.',
  });
  expect((await get(author, `/knowledge/${slug}`)).html).toContain(
    'Bitte die Ergebnisse mit Zahlen ergänzen.',
  );

  // The author fixes it; a save on the old version is refused with both versions.
  const fixed = await post(author, `/knowledge/${slug}/edit`, [
    ['intent', 'save'],
    ['version', '3'],
    ...entryFields([['outcomesZh', '三个村庄共装机 1.2 兆瓦。']]),
  ]);
  expect(fixed).toMatchObject({ status: 303, location: `/knowledge/${slug}?saved=saved` });
  const stale = await post(author, `/knowledge/${slug}/edit`, [
    ['intent', 'save'],
    ['version', '3'],
    ...entryFields([['outcomesZh', '另一个版本']]),
  ]);
  expect(stale.status).toBe(409);
  expect(stale.html).toContain('另一个版本');
  expect(stale.html).toContain('三个村庄共装机 1.2 兆瓦。');
  expect(
    (
      await post(author, `/knowledge/${slug}/edit`, [
        ['intent', 'submit'],
        ['version', '4'],
      ])
    ).status,
  ).toBe(303);

  // The editor publishes; from now on the author may no longer change it (a clear 403 page).
  const published = await post(editor, `/knowledge/${slug}/review`, [
    ['intent', 'publish'],
    ['version', '5'],
  ]);
  expect(published).toMatchObject({ status: 303, location: `/knowledge/${slug}?saved=published` });
  expect(entryRow(slug!)).toMatchObject({ state: 'published', reviewComment: null });
  const refused = await get(author, `/knowledge/${slug}/edit`);
  expect(refused.status).toBe(403);
  expect(refused.html).toContain('This entry is published: only the hub team changes it now.');
  expect(
    (
      await post(author, `/knowledge/${slug}/edit`, [
        ['intent', 'save'],
        ['version', '6'],
        ...entryFields(),
      ])
    ).status,
  ).toBe(403);

  // Every step is in the entry's history, its fields named in the page's language.
  const moves = inDatabase((db) =>
    db
      .prepare(
        "SELECT action, user_name AS who FROM audit_log WHERE entity = 'knowledge-entry' AND entity_id = ? ORDER BY id",
      )
      .all(entryRow(slug!).id),
  );
  expect(moves).toEqual([
    { action: 'create', who: 'Wang Fang' },
    { action: 'state-change', who: 'Wang Fang' },
    { action: 'state-change', who: 'Li Na' },
    { action: 'update', who: 'Wang Fang' },
    { action: 'state-change', who: 'Wang Fang' },
    { action: 'state-change', who: 'Li Na' },
  ]);
  const history = await get(anonymous, `/de/knowledge/${slug}/history`);
  expect(history.status).toBe(200);
  expect(history.html).toContain('Ergebnisse (Chinesisch)');
  expect(history.html).toContain('Übersetzt von (Deutsch)');

  // Signed out, each language: its own text, a labelled translation, or the original marked.
  const zh = await get(anonymous, `/zh/knowledge/${slug}`);
  expect(zh.status).toBe(200);
  expect(zh.html).toContain(`<h1 lang="zh-Hans">${ZH_TITLE}</h1>`);
  expect(zh.html).not.toContain('尚未译成');
  const de = await get(anonymous, `/de/knowledge/${slug}`);
  expect(de.html).toContain(`<h1 lang="de">${DE_TITLE}</h1>`);
  expect(de.html).toContain('Übersetzung von Anna Schmidt');
  expect(de.html).toContain(`href="/de/knowledge/${slug}?text=original"`);
  const en = await get(anonymous, `/knowledge/${slug}`);
  expect(en.html).toContain(`<h1 lang="zh-Hans">${ZH_TITLE}</h1>`);
  expect(en.html).toContain('Not translated into English yet: this is the original in Chinese.');
  const original = await get(anonymous, `/de/knowledge/${slug}?text=original`);
  expect(original.html).toContain(`<h1 lang="zh-Hans">${ZH_TITLE}</h1>`);
});

test('a form with a title too long and a translation without a title is refused next to each field, the input kept', async () => {
  const long = '长'.repeat(201);
  const refused = await post(author, '/zh/knowledge/new', [
    ['kind', 'challenge'],
    ['language', 'zh'],
    ['titleZh', long],
    ['contextEn', 'Only a context, no title'],
  ]);
  expect(refused.status).toBe(400);
  expect(errorNextTo(refused.html, 'titleZh')).toBe('标题最多 200 个字符。');
  expect(errorNextTo(refused.html, 'titleEn')).toBe('译文至少需要一个标题。');
  expect(refused.html).toContain(long);
  expect(refused.html).toContain('Only a context, no title');
  expect(
    inDatabase((db) =>
      db.prepare("SELECT count(*) AS n FROM knowledge_entries WHERE kind = 'challenge'").get(),
    ),
  ).toEqual({ n: 0 });
});

test('in the browser, an implementer chooses a kind, writes a challenge and finds it among their drafts', async () => {
  const { page, watch } = await openWatchedPage(hub.browser.context);
  await signIn(page, hub.server.url, AUTHOR.email, AUTHOR.password);
  await page.goto(`${hub.server.url}/knowledge/new`);
  await page.getByRole('link', { name: 'Write a Challenge' }).click();
  await page.waitForURL(/kind=challenge/);
  // A challenge's sections read as questions.
  await expect.poll(() => page.getByText('What makes it hard').count()).toBeGreaterThan(0);
  await page.locator('input[name="titleEn"]').fill('Keeping women in the cooperative boards');
  await page
    .locator('textarea[name="barriersEn"]')
    .fill('Meetings are held when women work in the fields.');
  await Promise.all([
    page.waitForURL(/saved=created/),
    page.getByRole('button', { name: 'Save as draft' }).click(),
  ]);
  await expect
    .poll(() => page.locator('h1').textContent())
    .toBe('Keeping women in the cooperative boards');
  expect(await page.getByRole('heading', { name: 'What makes it hard' }).count()).toBe(1);
  await page.goto(`${hub.server.url}/knowledge/drafts`);
  expect(
    await page.getByRole('link', { name: 'Keeping women in the cooperative boards' }).count(),
  ).toBe(1);
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
  await hub.browser.context.clearCookies();
});

test('the hub team deletes an entry through the shared confirmation page; its history keeps it', async () => {
  const created = await post(author, '/knowledge/new', [
    ['kind', 'case-study'],
    ['language', 'en'],
    ['titleEn', 'A case to delete'],
  ]);
  const slug = /^\/knowledge\/([^?]+)\?/.exec(created.location)![1]!;
  const { id } = entryRow(slug);
  // Its author may not delete it; the hub team is told what goes with it, then deletes.
  expect((await get(author, `/knowledge/${slug}/delete`)).status).toBe(403);
  const confirm = await get(editor, `/knowledge/${slug}/delete`);
  expect(confirm.html).toContain('Its texts in every language, its links and any answers');
  const deleted = await post(editor, `/knowledge/${slug}/delete`, [
    ['version', '1'],
    ['confirm', 'yes'],
  ]);
  expect(deleted).toMatchObject({
    status: 303,
    location: '/knowledge/drafts?deleted=A%20case%20to%20delete',
  });
  expect((await get(editor, `/knowledge/${slug}`)).status).toBe(404);
  const entries = inDatabase((db) =>
    db
      .prepare(
        "SELECT action FROM audit_log WHERE entity = 'knowledge-entry' AND entity_id = ? ORDER BY id",
      )
      .all(id),
  );
  expect(entries).toEqual([{ action: 'create' }, { action: 'delete' }]);
});
