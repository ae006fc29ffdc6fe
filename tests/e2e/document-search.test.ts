import { expect, test } from 'vitest';

import { en } from '../../app/core/i18n/locales/en';
import { zh } from '../../app/core/i18n/locales/zh';
import { axeViolations, createAccount, openWatchedPage, seededHub, signIn } from './support';

// Documents' text and knowledge entries in the search page of the production server: the
// passage with its page, the link to the record, and nothing a reader may not open.

const AT = '2026-11-01T10:00:00.000Z';
const MEMBER = {
  email: 'member@hub.example',
  password: 'a member of the hub',
  role: 'implementer',
} as const;

const hub = seededHub('2026-11-29', (db) => {
  const addDocument = (title: string, visibility: string, pages: string[]) => {
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO documents (title, origin, url, visibility, text_state, text_part_kind, created_at, created_by_name)
         VALUES (?, 'link', 'https://example.org/x.pdf', ?, 'extracted', 'page', ?, 'test')`,
      )
      .run(title, visibility, AT);
    pages.forEach((text, i) =>
      db
        .prepare('INSERT INTO document_texts (document_id, part, text) VALUES (?, ?, ?)')
        .run(lastInsertRowid, i + 1, text),
    );
    return Number(lastInsertRowid);
  };
  addDocument('Survey report', 'public', [
    'Contents.',
    'A zeppelinite survey of three districts was carried out in spring.',
    '第三页：广东省碳排放权交易试点取得进展。',
  ]);
  addDocument('Partner minutes', 'signed-in', ['Confidential quokkanite tender prices.']);
  const addEntry = (slug: string, state: string, title: string, titleZh: string) => {
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO knowledge_entries (slug, kind, state, language, author_name, created_at, updated_at, published_at)
         VALUES (?, 'lesson', ?, 'en', 'Author', ?, ?, ?)`,
      )
      .run(slug, state, AT, AT, state === 'published' ? AT : null);
    db.prepare(
      `INSERT INTO knowledge_entry_texts (entry_id, language, title, translated_by) VALUES (?, 'en', ?, NULL), (?, 'zh', ?, 'hub')`,
    ).run(lastInsertRowid, title, lastInsertRowid, titleZh);
  };
  addEntry(
    'biogas-upkeep',
    'published',
    'Wombatine digesters need upkeep budgets',
    '沼气池需要维护预算',
  );
  addEntry('tidal-draft', 'draft', 'Narwhalite tidal permits', '潮汐许可');
});

async function results(path: string, cookiePage?: Awaited<ReturnType<typeof openWatchedPage>>) {
  const { page } = cookiePage ?? (await openWatchedPage(hub.browser.context));
  await page.goto(`${hub.server.url}${path}`);
  return page.locator('.search-results > li').evaluateAll((items) =>
    items.map((li) => ({
      href: li.querySelector('a')!.getAttribute('href'),
      badge: li.querySelector('.badge')!.textContent!.trim(),
      snippet: li.querySelector('.search-snippet')?.textContent ?? '',
      marked: [...li.querySelectorAll('mark')].map((m) => m.textContent),
    })),
  );
}

test('a word on a document’s page finds it, with the page number and the passage', async () => {
  const [hit, ...rest] = await results('/search?q=zeppelinite');
  expect(rest).toEqual([]);
  expect(hit!.href).toMatch(/^\/documents\/\d+$/);
  expect(hit!.badge).toBe(en.documentText.result.document);
  expect(hit!.snippet.startsWith(`${en.documentText.result.page.replace('{{n}}', '2')}: `)).toBe(
    true,
  );
  expect(hit!.marked).toEqual(['zeppelinite']);
});

test('in Chinese, the page number in Chinese and the Chinese passage marked', async () => {
  const hits = await results(`/zh/search?q=${encodeURIComponent('碳排放')}`);
  const hit = hits.find((h) => h.href?.startsWith('/zh/documents/'));
  expect(hit, JSON.stringify(hits)).toBeDefined();
  expect(hit!.snippet.startsWith(`${zh.documentText.result.page.replace('{{n}}', '3')}：`)).toBe(
    true,
  );
  expect(hit!.marked.join('')).toBe('碳排放');
});

test('a published entry is found in English and Chinese, a draft by no one', async () => {
  const [hit] = await results('/search?q=wombatine');
  expect(hit).toMatchObject({
    href: '/knowledge/biogas-upkeep',
    badge: en.documentText.result.kind.lesson,
  });
  const [zhHit] = await results(`/zh/search?q=${encodeURIComponent('沼气池')}`);
  expect(zhHit?.href).toBe('/zh/knowledge/biogas-upkeep');
  expect(await results('/search?q=narwhalite')).toEqual([]);
});

test('signed out, a signed-in document’s text is not found; signed in, it is', async () => {
  expect(await results('/search?q=quokkanite')).toEqual([]);
  await createAccount(hub.database.path, MEMBER);
  const watched = await openWatchedPage(hub.browser.context);
  await signIn(watched.page, hub.server.url, MEMBER.email, MEMBER.password);
  const hits = await results('/search?q=quokkanite', watched);
  expect(hits.map((h) => h.href)).toEqual([expect.stringMatching(/^\/documents\/\d+$/)]);
  // The search page with document and entry results passes axe.
  await watched.page.goto(`${hub.server.url}/search?q=survey`);
  expect(await axeViolations(watched.page)).toEqual([]);
});
