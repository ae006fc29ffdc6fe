import type Database from 'better-sqlite3';
import { beforeAll, expect, test } from 'vitest';

import { en } from '../../app/core/i18n/locales/en';
import { zh } from '../../app/core/i18n/locales/zh';
import { de } from '../../app/core/i18n/locales/de';
import {
  type HttpSession,
  createAccount,
  httpSession,
  openWatchedPage,
  readDatabase,
  readSeed,
  seededHub,
  signIn,
} from './support';

// Topic pages as the topic's space and the open-space sessions of events (issue #30, decision
// 0071), against the production server and Chromium: the real default database's sessions in
// three languages, an editor adding one, and a hub-team document kept from signed-out readers
// (whose copies of the page are cached and shared).

interface SeedSession {
  eventId: string;
  topic: string;
  title: string;
  titleZh: string;
  titleDe: string;
  outcomes: string | null;
}
const SESSIONS = readSeed<{ sessions: SeedSession[] }>('event-sessions.json').sessions;
const EVENT_TITLES = readSeed<{ translations: { eventId: string; zh: string; de: string }[] }>(
  'event-title-translations.json',
).translations;
const EVENTS = readSeed<{ events: { id: string; title: string }[] }>(
  'iki-china-projects.json',
).events;
const TAGS = readSeed<{ tags: { topic: string }[] }>('topic-tags.json').tags;

const GENDER = SESSIONS.find((s) => s.topic === 'gender')!;
const HIDDEN = 'Hub-team notes on gender-responsive budgeting';
const PUBLIC = 'Public gender toolkit';

const hub = seededHub('2026-12-01', (db: Database.Database) => {
  // Two documents on the gender topic, as the documents feature stores them: one public, one for
  // the hub team only.
  const topic = (db.prepare("SELECT id FROM topics WHERE slug = 'gender'").get() as { id: number })
    .id;
  const insert = db.prepare(
    `INSERT INTO documents (title, origin, url, visibility, created_at, created_by_name)
     VALUES (?, 'link', ?, ?, '2026-11-01T10:00:00.000Z', 'setup') RETURNING id`,
  );
  for (const [title, visibility] of [
    [PUBLIC, 'public'],
    [HIDDEN, 'hub-team'],
  ] as const) {
    const { id } = insert.get(title, `https://example.org/${visibility}.pdf`, visibility) as {
      id: number;
    };
    db.prepare('INSERT INTO document_topics (document_id, topic_id) VALUES (?, ?)').run(id, topic);
  }
});
const EDITOR = { email: 'editor@topic-space.example', password: 'topic space editor pw' };
let editor: HttpSession;
let anonymous: HttpSession;

beforeAll(async () => {
  await createAccount(hub.database.path, { ...EDITOR, role: 'editor', name: 'Wang Lei' });
  editor = await httpSession(hub.server.url, EDITOR);
  anonymous = await httpSession(hub.server.url);
});

async function get(session: HttpSession | null, path: string) {
  const response = await fetch(`${hub.server.url}${path}`, {
    headers: session ? { Cookie: session.cookie } : {},
    redirect: 'manual',
  });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

test('the default database holds the five open-space groups of the 2024 workshop, and no more', () => {
  const stored = readDatabase(hub.database.path, (db) =>
    db
      .prepare(
        `SELECT e.slug AS event, t.slug AS topic, s.outcomes FROM event_sessions s
           JOIN events e ON e.id = s.event_id LEFT JOIN topics t ON t.id = s.topic_id
          ORDER BY s.position`,
      )
      .all(),
  );
  expect(stored).toEqual(
    SESSIONS.map((s) => ({ event: s.eventId, topic: s.topic, outcomes: s.outcomes })),
  );
});

test('the gender topic page shows its open-space session at the 2024 workshop, outcomes not published, in en, zh and de', async () => {
  // Gender has no project: its space still holds its session and an invitation to contribute.
  expect(TAGS.some((t) => t.topic === 'gender')).toBe(false);
  const event = EVENTS.find((e) => e.id === GENDER.eventId)!;
  const eventTitle = EVENT_TITLES.find((t) => t.eventId === GENDER.eventId)!;
  const { page, watch } = await openWatchedPage(hub.browser.context);
  const cases = [
    { prefix: '', t: en, title: GENDER.title, event: event.title },
    { prefix: '/zh', t: zh, title: GENDER.titleZh, event: eventTitle.zh },
    { prefix: '/de', t: de, title: GENDER.titleDe, event: eventTitle.de },
  ];
  for (const { prefix, t, title, event: eventName } of cases) {
    await page.goto(`${hub.server.url}${prefix}/topics/gender`);
    const section = page.locator('section[aria-labelledby="topic-sessions"]');
    await expect(section.locator('h2').textContent()).resolves.toBe(t.topicSpace.sessionsTitle);
    const session = section.locator('article');
    expect(await session.count()).toBe(1);
    expect(await session.locator('h3').textContent()).toContain(title);
    if (prefix) {
      // The hub's translation is marked as such.
      expect(await session.locator('h3').textContent()).toContain(t.common.hubTranslationShort);
    }
    const eventLink = session.locator(`a[href^="${prefix}/events/${GENDER.eventId}"]`);
    expect(await eventLink.textContent()).toContain(eventName);
    // The date of the workshop (2024) is shown with it.
    expect(await session.locator('p').first().textContent()).toContain('2024');
    const outcomes = session.locator('dt', { hasText: t.sessions.outcomes }).locator('+ dd');
    expect(await outcomes.textContent()).toBe(t.common.notPublished);
    // Empty sections say so, and invite a signed-out reader to sign in and contribute.
    expect(await page.locator('#topic-entries + p').textContent()).toBe(t.topicSpace.entriesNone);
    expect(await page.getByRole('link', { name: t.topicSpace.contribute }).count()).toBe(1);
  }
  // The event page lists the same session, linked to the topic.
  await page.goto(`${hub.server.url}/events/${GENDER.eventId}`);
  const listed = page.locator('section[aria-labelledby="event-sessions"] article');
  expect(await listed.count()).toBe(SESSIONS.filter((s) => s.eventId === GENDER.eventId).length);
  expect(await listed.first().locator('a[href="/topics/gender"]').count()).toBe(1);
  expect(watch.consoleErrors).toEqual([]);
  await page.close();
});

test('a hub-team document on the topic is absent for signed-out readers and present for an editor', async () => {
  const signedOut = await get(anonymous, '/topics/gender');
  expect(signedOut.html).toContain(PUBLIC);
  expect(signedOut.html).not.toContain(HIDDEN);
  const asEditor = await get(editor, '/topics/gender');
  expect(asEditor.status).toBe(200);
  expect(asEditor.html).toContain(PUBLIC);
  expect(asEditor.html).toContain(HIDDEN);
  // The editor's page is private: never kept for, nor served to, the next signed-out reader.
  expect(asEditor.headers.get('cache-control')).toMatch(/private|no-store/);
  for (const path of ['/topics/gender', '/zh/topics/gender', '/de/topics/gender']) {
    const again = await get(null, path);
    expect(again.html, path).toContain(PUBLIC);
    expect(again.html, path).not.toContain(HIDDEN);
  }
  expect((await get(null, '/topics/gender')).headers.get('x-hub-cache')).toBe('hit');
});

test('an editor adds a session with outcomes; it appears on the event and the topic pages, audited', async () => {
  const { page, watch } = await openWatchedPage(hub.browser.context);
  await signIn(page, hub.server.url, EDITOR.email, EDITOR.password);
  await page.goto(`${hub.server.url}/events/${GENDER.eventId}`);
  await page.getByRole('link', { name: en.sessions.add }).click();
  await page.waitForURL(`**/events/${GENDER.eventId}/sessions/new`);
  await page.getByLabel(en.sessions.form.title).fill('Open-space group: Cooling');
  await page.getByLabel(en.sessions.form.titleZh).fill('开放空间分组：制冷');
  await page.getByLabel(en.sessions.form.topic).selectOption('cooling');
  await page
    .getByLabel(en.sessions.form.outcomes)
    .fill('Projects agreed to share their refrigerant inventories.');
  // Who took part: checkboxes, no script needed.
  await page.locator('input[name="organisations"][value="giz"]').check();
  await Promise.all([
    page.waitForURL((url) => url.pathname === `/events/${GENDER.eventId}`),
    page.getByRole('button', { name: en.sessions.create }).click(),
  ]);
  const added = page.locator('section[aria-labelledby="event-sessions"] article').last();
  expect(await added.locator('h3').textContent()).toContain('Open-space group: Cooling');
  expect(await added.textContent()).toContain(
    'Projects agreed to share their refrigerant inventories.',
  );
  expect(await added.locator('a[href="/organisations/giz"]').count()).toBe(1);

  await page.goto(`${hub.server.url}/zh/topics/cooling`);
  const onTopic = page.locator('section[aria-labelledby="topic-sessions"] article');
  expect(await onTopic.count()).toBe(1);
  expect(await onTopic.locator('h3').textContent()).toContain('开放空间分组：制冷');
  expect(await onTopic.textContent()).toContain(
    'Projects agreed to share their refrigerant inventories.',
  );
  // GIZ is now one of the organisations involved in the topic, by its session too.
  expect(
    await page
      .locator('section[aria-labelledby="topic-organisations"] li[data-slug="giz"]')
      .textContent(),
  ).toContain(zh.topicSpace.sessions_other.replace('{{count}}', '1'));
  expect(watch.consoleErrors).toEqual([]);

  const audit = readDatabase(hub.database.path, (db) =>
    db
      .prepare(
        "SELECT action, label, user_name AS actor FROM audit_log WHERE entity = 'event-session'",
      )
      .all(),
  );
  expect(audit).toEqual([
    { action: 'create', label: 'Open-space group: Cooling', actor: 'Wang Lei' },
  ]);
  await hub.browser.context.clearCookies();
  await page.close();
});

test('editing a session on a stale version is refused with 409, bad input with 400 next to the field', async () => {
  const path = `/events/${GENDER.eventId}/sessions/1/edit`;
  const post = async (fields: Record<string, string>) => {
    const response = await fetch(`${hub.server.url}${path}`, {
      method: 'POST',
      headers: { Cookie: editor.cookie },
      body: new URLSearchParams({ ...fields, _csrf: editor.csrf }),
      redirect: 'manual',
    });
    return { status: response.status, html: await response.text() };
  };
  const saved = await post({
    version: '1',
    title: GENDER.title,
    topic: 'gender',
    outcomes: 'Shared a checklist.',
  });
  expect(saved.status).toBe(303);
  const stale = await post({
    version: '1',
    title: GENDER.title,
    topic: 'gender',
    outcomes: 'Something else.',
  });
  expect(stale.status).toBe(409);
  expect(stale.html).toContain('Shared a checklist.');
  expect(stale.html).toContain('Something else.');
  const bad = await post({ version: '2', title: '', topic: 'no-such-topic' });
  expect(bad.status).toBe(400);
  expect(bad.html).toMatch(/id="[^"]*title[^"]*-error"/);
  expect(bad.html).toMatch(/id="[^"]*topic[^"]*-error"/);
  // A session of no event, or no session: 404.
  expect((await get(editor, `/events/${GENDER.eventId}/sessions/999/edit`)).status).toBe(404);
  expect((await get(editor, '/events/no-such-event/sessions/new')).status).toBe(404);
});

test('deleting a session through the confirmation page removes it from the event and the topic, audited', async () => {
  const added = readDatabase(
    hub.database.path,
    (db) =>
      db
        .prepare("SELECT id, version FROM event_sessions WHERE title = 'Open-space group: Cooling'")
        .get() as { id: number; version: number },
  );
  const path = `/events/${GENDER.eventId}/sessions/${added.id}/delete`;
  const page = await get(editor, path);
  expect(page.status).toBe(200);
  const response = await fetch(`${hub.server.url}${path}`, {
    method: 'POST',
    headers: { Cookie: editor.cookie },
    body: new URLSearchParams({
      version: String(added.version),
      confirm: 'yes',
      _csrf: editor.csrf,
    }),
    redirect: 'manual',
  });
  expect(response.status).toBe(303);
  expect(response.headers.get('location')).toMatch(
    new RegExp(`^/events/${GENDER.eventId}\\?deleted=.*#sessions$`),
  );
  expect((await get(null, `/events/${GENDER.eventId}`)).html).not.toContain(
    'Open-space group: Cooling',
  );
  expect((await get(null, '/topics/cooling')).html).not.toContain('Open-space group: Cooling');
  const actions = readDatabase(hub.database.path, (db) =>
    db
      .prepare(
        "SELECT action FROM audit_log WHERE entity = 'event-session' AND entity_id = ? ORDER BY id",
      )
      .pluck()
      .all(added.id),
  );
  expect(actions).toEqual(['create', 'delete']);
});
