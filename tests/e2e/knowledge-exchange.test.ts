import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { expect, test } from 'vitest';

import * as schema from '../../db/schema';
import type { Db } from '../../db/client.server';
import { insertKnowledgeEntry } from '../../db/test-factories';
import { createAccount, openWatchedPage, readDatabase, seededHub, signIn } from './support';

// Knowledge exchange as people use it (decision 0068): the /knowledge list followed facet by
// facet like a reader (what is shown counted against SQL), a challenge answered by an implementer,
// published by an editor and then public, and the Atom feed carrying published entries only.
// The entries are test rows written into this file's copy of the portfolio.

const CHALLENGE = 'e2e-challenge';
const ANSWER = 'We handed the pilot to the city’s own budget in year two.';

const hub = seededHub('2026-11-29', (sqlite: Database.Database) => {
  const db = drizzle(sqlite, { schema }) as unknown as Db;
  const ids = (table: string, n: number) =>
    (sqlite.prepare(`SELECT id FROM ${table} ORDER BY id LIMIT ?`).all(n) as { id: number }[]).map(
      (r) => r.id,
    );
  const topics = ids('topics', 3);
  const projects = ids('projects', 4);
  const kinds = ['lesson', 'instrument', 'case-study', 'challenge'] as const;
  // 24 published entries spread over kinds, topics, projects and languages; two drafts.
  for (let i = 0; i < 24; i += 1) {
    const entry = insertKnowledgeEntry(db, {
      slug: i === 0 ? CHALLENGE : `e2e-entry-${i}`,
      kind: i === 0 ? 'challenge' : kinds[i % 4],
      language: i % 3 === 0 ? 'zh' : 'en',
      title: i === 0 ? 'How do we keep a pilot going?' : `Published entry ${i}`,
      summary: `Summary of entry ${i}`,
      // The challenge is the newest (the feed's first entry).
      publishedAt: `2026-10-${String(i === 0 ? 28 : i + 1).padStart(2, '0')}T09:00:00.000Z`,
    });
    sqlite
      .prepare('INSERT INTO knowledge_entry_topics (entry_id, topic_id) VALUES (?, ?)')
      .run(entry.id, topics[i % 3]);
    sqlite
      .prepare('INSERT INTO knowledge_entry_projects (entry_id, project_id) VALUES (?, ?)')
      .run(entry.id, projects[i % 4]);
  }
  for (const slug of ['e2e-draft-1', 'e2e-draft-2']) {
    const draft = insertKnowledgeEntry(db, {
      slug,
      state: slug.endsWith('1') ? 'draft' : 'in-review',
      title: `Unpublished ${slug}`,
    });
    sqlite
      .prepare('INSERT INTO knowledge_entry_topics (entry_id, topic_id) VALUES (?, ?)')
      .run(draft.id, topics[0]);
  }
});

/** The published entries SQL finds for a facet (the count the page must show). */
function countPublished(where = '1', ...params: unknown[]): number {
  return readDatabase(hub.database.path, (db) => {
    const row = db
      .prepare(
        `SELECT count(*) AS n FROM knowledge_entries k WHERE k.state = 'published' AND ${where}`,
      )
      .get(...params) as { n: number };
    return row.n;
  });
}

test('the list is followed facet by facet like a reader, each showing what SQL counts', async () => {
  const { page, watch } = await openWatchedPage(hub.browser.context);
  await hub.browser.context.clearCookies();
  await page.goto(`${hub.server.url}/knowledge`);
  const shownOnPages = async () => {
    let shown = await page.locator('.knowledge-list > li').count();
    // Follow "next" through the pages.
    while ((await page.locator('.pagination a[rel="next"]').count()) > 0) {
      await page.locator('.pagination a[rel="next"]').click();
      shown += await page.locator('.knowledge-list > li').count();
    }
    return shown;
  };
  expect(await page.locator('.knowledge-list > li').count()).toBe(20);
  expect(await shownOnPages()).toBe(countPublished());
  await expect(page.locator('[data-entry^="e2e-draft"]').count()).resolves.toBe(0);

  // A topic: click its link in the entry facets.
  await page.goto(`${hub.server.url}/knowledge`);
  const topicLink = page.locator('[data-facet="entryTopic"] a[data-value]').first();
  const topic = (await topicLink.getAttribute('data-value'))!;
  await topicLink.click();
  expect(new URL(page.url()).searchParams.get('entryTopic')).toBe(topic);
  const byTopic = countPublished(
    `k.id IN (SELECT kt.entry_id FROM knowledge_entry_topics kt JOIN topics t ON t.id = kt.topic_id
              WHERE t.slug = ?)`,
    topic,
  );
  expect(await page.locator('.knowledge-list > li').count()).toBe(byTopic);

  // Then a kind, on top of the topic.
  await page.locator('[data-facet="kind"] a[data-value="lesson"]').click();
  const byTopicAndKind = countPublished(
    `k.kind = 'lesson' AND k.id IN (SELECT kt.entry_id FROM knowledge_entry_topics kt
       JOIN topics t ON t.id = kt.topic_id WHERE t.slug = ?)`,
    topic,
  );
  expect(await page.locator('.knowledge-list > li').count()).toBe(byTopicAndKind);
  expect(await page.locator('[data-entry]').evaluateAll((els) => els.length)).toBe(byTopicAndKind);

  // A language: entries available in Chinese.
  await page.goto(`${hub.server.url}/knowledge`);
  await page.locator('[data-facet="language"] a[data-value="zh"]').click();
  const inChinese = countPublished(
    `k.id IN (SELECT entry_id FROM knowledge_entry_texts WHERE language = 'zh')`,
  );
  expect(await shownOnPages()).toBe(inChinese);

  // A project, from the entry facets.
  await page.goto(`${hub.server.url}/knowledge`);
  const projectLink = page.locator('[data-facet="project"] a[data-value]').first();
  const project = (await projectLink.getAttribute('data-value'))!;
  await projectLink.click();
  const byProject = countPublished(
    `k.id IN (SELECT kp.entry_id FROM knowledge_entry_projects kp JOIN projects p
              ON p.id = kp.project_id WHERE p.slug = ?)`,
    project,
  );
  expect(await page.locator('.knowledge-list > li').count()).toBe(byProject);
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
});

test('an implementer answers a challenge, an editor publishes it, and then everyone sees it', async () => {
  await createAccount(hub.database.path, {
    email: 'implementer@knowledge.example',
    password: 'knowledge exchange pw',
    role: 'implementer',
    name: 'Li Implementer',
    organisationSlug: 'giz',
  });
  await createAccount(hub.database.path, {
    email: 'editor@knowledge.example',
    password: 'knowledge exchange pw',
    role: 'editor',
    name: 'Erika Editor',
  });
  const { page } = await openWatchedPage(hub.browser.context);
  await hub.browser.context.clearCookies();
  await signIn(page, hub.server.url, 'implementer@knowledge.example', 'knowledge exchange pw');
  await page.goto(`${hub.server.url}/knowledge/${CHALLENGE}/answers`);
  // Too long: refused next to the field, the text kept.
  const body = page.getByLabel('Your answer');
  await body.evaluate((el) => el.removeAttribute('maxlength'));
  await body.fill('x'.repeat(2001));
  await page.locator('#answer-form').evaluate((form: HTMLFormElement) => form.submit());
  await page.waitForLoadState('load');
  await expect(page.locator('.form-field__error').first().textContent()).resolves.toContain(
    '2 000',
  );
  // The page's scripts are loaded and running before the answer is sent (a click in the middle of
  // hydration is a race no reader wins on purpose); it lands on the challenge, answered.
  await page.waitForLoadState('networkidle');
  await page.getByLabel('Your answer').fill(ANSWER);
  await Promise.all([
    page.waitForURL((url) => url.searchParams.get('answered') === '1'),
    page.getByRole('button', { name: 'Send the answer' }).click(),
  ]);
  // The author sees it, awaiting moderation; others do not yet.
  await page.goto(`${hub.server.url}/knowledge/${CHALLENGE}/answers`);
  const own = page.locator('[data-state="pending"]');
  await expect(own.textContent()).resolves.toContain(ANSWER);
  await expect(own.textContent()).resolves.toContain('Awaiting moderation');
  const stored = readDatabase(hub.database.path, (db) =>
    db
      .prepare(
        `SELECT a.state, a.author_name AS author, o.slug AS org FROM knowledge_answers a
           LEFT JOIN organisations o ON o.id = a.organisation_id WHERE a.body = ?`,
      )
      .get(ANSWER),
  );
  // The user's organisation by default.
  expect(stored).toEqual({ state: 'pending', author: 'Li Implementer', org: 'giz' });

  // The editor publishes it from the queue.
  await hub.browser.context.clearCookies();
  await signIn(page, hub.server.url, 'editor@knowledge.example', 'knowledge exchange pw');
  await page.goto(`${hub.server.url}/knowledge/answers`);
  const row = page.locator('tr', { hasText: ANSWER });
  await Promise.all([
    page.waitForURL((url) => url.searchParams.get('done') === 'published'),
    row.getByRole('button', { name: 'Publish' }).click(),
  ]);
  await page.locator('tr', { hasText: ANSWER }).waitFor({ state: 'detached' });
  const audit = readDatabase(hub.database.path, (db) =>
    db
      .prepare(
        `SELECT action, user_name AS who FROM audit_log WHERE entity = 'knowledge-answer'
          ORDER BY id`,
      )
      .all(),
  );
  expect(audit).toEqual([
    { action: 'create', who: 'Li Implementer' },
    { action: 'update', who: 'Erika Editor' },
  ]);

  // Signed out, the entry page (where AnswersSection is rendered) shows the published answer,
  // with no moderation mark.
  await hub.browser.context.clearCookies();
  const response = await page.goto(`${hub.server.url}/knowledge/${CHALLENGE}`);
  expect(response?.status()).toBe(200);
  const answers = page.locator('#answers');
  await expect(answers.textContent()).resolves.toContain(ANSWER);
  await expect(answers.textContent()).resolves.not.toContain('Awaiting moderation');
  await page.close();
});

test('a project page lists its published entries, each linking to the entry', async () => {
  const { page } = await openWatchedPage(hub.browser.context);
  await hub.browser.context.clearCookies();
  const slug = readDatabase(hub.database.path, (db) =>
    db
      .prepare(
        `SELECT p.slug FROM projects p JOIN knowledge_entry_projects kp ON kp.project_id = p.id
          GROUP BY p.id ORDER BY p.id LIMIT 1`,
      )
      .pluck()
      .get(),
  ) as string;
  const published = countPublished(
    `k.id IN (SELECT kp.entry_id FROM knowledge_entry_projects kp JOIN projects p
              ON p.id = kp.project_id WHERE p.slug = ?)`,
    slug,
  );
  expect(published).toBeGreaterThan(0);
  await page.goto(`${hub.server.url}/zh/projects/${slug}`);
  const links = page.locator('.knowledge-entries li a');
  expect(await links.count()).toBe(published);
  expect(await links.first().getAttribute('href')).toMatch(/^\/zh\/knowledge\/e2e-/);
  await expect(page.locator('[data-entry^="e2e-draft"]').count()).resolves.toBe(0);
  await page.close();
});

test('the feed carries published entries and never a draft', async () => {
  const atom = await (await fetch(`${hub.server.url}/feeds/changes.atom`)).text();
  expect(atom).toContain(`/knowledge/${CHALLENGE}`);
  expect(atom).toContain('Knowledge exchange — Challenge: How do we keep a pilot going?');
  expect(atom).not.toContain('e2e-draft');
  expect(atom).not.toContain('Unpublished');
  const zh = await (await fetch(`${hub.server.url}/zh/feeds/changes.atom`)).text();
  expect(zh).toContain(`/zh/knowledge/${CHALLENGE}`);
  expect(zh).toContain('知识交流');
});
