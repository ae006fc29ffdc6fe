import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, test } from 'vitest';

import type { Db } from '../../../db/client.server';
import { invalidateQueryCache } from '../../../db/query-cache.server';
import {
  documentTexts,
  documents,
  knowledgeEntries,
  knowledgeEntryTexts,
} from '../../../db/schema';
import {
  createTestDb,
  insertDocument,
  insertKnowledgeEntry,
  insertProject,
} from '../../../db/test-factories';
import { documentVisibilitiesFor } from '../auth/visibility';
import type { SessionUser } from '../auth/auth';
import { searchPortfolio } from './search.server';

// Documents (their extracted text, page by page) and published knowledge entries in the same
// search as projects; each reader finds only what they may open.

const asUser = (role: SessionUser['role']) => ({ id: 99, role }) as SessionUser;
const SIGNED_OUT = documentVisibilitiesFor(null);
const IMPLEMENTER = documentVisibilitiesFor(asUser('implementer'));
const EDITOR = documentVisibilitiesFor(asUser('editor'));

let db: Db;
let report: number;
let deck: number;
let members: number;
let team: number;
let long: number;

function addText(documentId: number, partKind: 'page' | 'slide' | 'paragraph', parts: string[]) {
  db.update(documents)
    .set({ textState: 'extracted', textPartKind: partKind })
    .where(eq(documents.id, documentId))
    .run();
  db.insert(documentTexts)
    .values(parts.map((text, i) => ({ documentId, part: i + 1, text })))
    .run();
}

beforeAll(() => {
  db = createTestDb();
  insertProject(db, { slug: 'heat', title: 'District heating in Tianjin' });
  report = insertDocument(db, { title: 'Annual report 2025', language: 'en' }).id;
  addText(report, 'page', [
    'Introduction and acknowledgements.',
    'The pilot reduced emissions in Guangdong.',
    'Methodology: a geothermal survey of emissions in three districts was carried out in spring.',
    '第四页：广东省碳排放权交易试点取得进展。',
  ]);
  deck = insertDocument(db, { title: '研讨会幻灯片', language: 'zh' }).id;
  addText(deck, 'slide', ['开场', '海绵城市建设经验 sponge city']);
  members = insertDocument(db, { title: 'Partner minutes', visibility: 'signed-in' }).id;
  addText(members, 'paragraph', ['Confidential figures on photovoltaic tender prices.']);
  team = insertDocument(db, { title: 'Hub team notes', visibility: 'hub-team' }).id;
  addText(team, 'page', ['Internal assessment of the hydrogen roadmap.']);
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `filler${i}`).join(' ');
  long = insertDocument(db, { title: 'Long scan' }).id;
  addText(long, 'page', [
    filler(50),
    `${filler(200)} The kiwifruit orchard ${filler(100)} and the cooperative runs the pumps ${filler(80)}`,
  ]);
  // A failed extraction: found by its title, never by text it does not have.
  insertDocument(db, {
    title: 'Scanned agreement',
    textState: 'failed',
    textError: 'unreadable',
  });

  const lesson = insertKnowledgeEntry(db, {
    slug: 'lesson-biogas',
    kind: 'lesson',
    title: 'Village biogas needs maintenance budgets',
    summary: 'Digesters fail without upkeep.',
  });
  db.update(knowledgeEntryTexts)
    .set({ lessons: 'Budget for the caretaker from the start of the cooperative.' })
    .where(eq(knowledgeEntryTexts.entryId, lesson.id))
    .run();
  db.insert(knowledgeEntryTexts)
    .values({
      entryId: lesson.id,
      language: 'zh',
      title: '农村沼气需要维护预算',
      summary: '没有维护，沼气池会失效。',
      lessons: '从合作社成立之初就为管理员安排预算。',
      translatedBy: 'hub',
    })
    .run();
  insertKnowledgeEntry(db, {
    slug: 'draft-tidal',
    kind: 'challenge',
    state: 'draft',
    title: 'Tidal energy permits',
    summary: 'A draft about tidal turbines.',
  });
  insertKnowledgeEntry(db, {
    slug: 'review-wind',
    kind: 'instrument',
    state: 'in-review',
    title: 'Offshore wind auction',
  });
});

const found = (q: string, visibilities = SIGNED_OUT) =>
  searchPortfolio(q, 50, db, visibilities).map((r) => `${r.type}:${r.slug}`);

describe('documents', () => {
  test('a word on a page finds the document, with the passage and its page number', () => {
    const [hit] = searchPortfolio('geothermal', 10, db);
    expect(hit).toMatchObject({ type: 'document', slug: String(report), part: 3 });
    expect(hit!.partKind).toBe('page');
    expect(hit!.snippet.filter((p) => p.isMatch).map((p) => p.text)).toEqual(['geothermal']);
    expect(hit!.snippet.map((p) => p.text).join('')).toContain(
      'survey of emissions in three districts',
    );
  });

  test('English words are stemmed in document text (emission finds emissions)', () => {
    expect(found('emission')).toContain(`document:${report}`);
    const hit = searchPortfolio('emission', 10, db).find((r) => r.slug === String(report));
    expect(hit?.part).toBe(2);
  });

  test('Chinese in a document is found by its words, on the page it stands on', () => {
    const hit = searchPortfolio('碳排放', 10, db).find((r) => r.type === 'document');
    expect(hit).toMatchObject({ slug: String(report), part: 4, snippetLang: 'zh' });
    expect(
      hit!.snippet
        .filter((p) => p.isMatch)
        .map((p) => p.text)
        .join(''),
    ).toBe('碳排放');
  });

  test('a slide is numbered as a slide; a Chinese title finds the document', () => {
    const hit = searchPortfolio('海绵城市', 10, db)[0];
    expect(hit).toMatchObject({ type: 'document', slug: String(deck), part: 2, partKind: 'slide' });
    expect(found('研讨会')).toEqual([`document:${deck}`]);
  });

  test('on a long page the passage around a match deep inside it is shown and marked', () => {
    const [hit] = searchPortfolio('kiwifruit', 10, db);
    expect(hit).toMatchObject({ slug: String(long), part: 2 });
    expect(hit!.snippet.filter((p) => p.isMatch).map((p) => p.text)).toEqual(['kiwifruit']);
    expect(hit!.snippet.map((p) => p.text).join('')).toMatch(/^… .*The kiwifruit orchard .* …$/);
  });

  test('the passage is from the page holding most of the query, not the first with one word', () => {
    // Page 2 holds "emissions" alone; page 3 both words.
    const [hit] = searchPortfolio('geothermal emissions', 10, db);
    expect(hit).toMatchObject({ slug: String(report), part: 3 });
  });

  test('a stemmed match the query’s letters do not find as they are is still marked', () => {
    // "running" and "runs" share the stem "run", but "runn" stands nowhere in the page.
    const [hit] = searchPortfolio('running', 10, db);
    expect(hit).toMatchObject({ slug: String(long), part: 2 });
    expect(hit!.snippet.filter((p) => p.isMatch).map((p) => p.text)).toEqual(['runs']);
  });

  test('a document without extracted text is found by its title and shows no page', () => {
    const [hit] = searchPortfolio('scanned agreement', 10, db);
    expect(hit).toMatchObject({ type: 'document', part: null, partKind: null });
  });

  test('signed out, signed-in and hub-team documents are never found, not even by their text', () => {
    expect(found('photovoltaic')).toEqual([]);
    expect(found('partner minutes')).toEqual([]);
    expect(found('hydrogen')).toEqual([]);
    expect(found('hub team notes')).toEqual([]);
  });

  test('an implementer finds signed-in documents, not the hub team’s', () => {
    expect(found('photovoltaic', IMPLEMENTER)).toEqual([`document:${members}`]);
    expect(found('hydrogen', IMPLEMENTER)).toEqual([]);
  });

  test('an editor finds every document', () => {
    expect(found('photovoltaic', EDITOR)).toEqual([`document:${members}`]);
    expect(found('hydrogen', EDITOR)).toEqual([`document:${team}`]);
  });

  test('hidden documents take no place among the first results', () => {
    // Only one result asked for: the hidden hydrogen notes must not take it and leave nothing.
    insertProject(db, { slug: 'h2', title: 'Hydrogen valley' });
    invalidateQueryCache(db);
    expect(searchPortfolio('hydrogen', 1, db).map((r) => r.slug)).toEqual(['h2']);
  });
});

describe('knowledge entries', () => {
  test('a published entry is found by its title, summary and sections, with its kind', () => {
    for (const q of ['biogas', 'upkeep', 'caretaker']) {
      const [hit] = searchPortfolio(q, 10, db);
      expect(hit, q).toMatchObject({
        type: 'knowledge-entry',
        slug: 'lesson-biogas',
        kind: 'lesson',
      });
    }
  });

  test('an entry is found by its Chinese translation', () => {
    expect(found('沼气')).toEqual(['knowledge-entry:lesson-biogas']);
    expect(found('合作社')).toEqual(['knowledge-entry:lesson-biogas']);
    const [hit] = searchPortfolio('合作社', 10, db);
    expect(hit!.snippetLang).toBe('zh');
    expect(hit!.titleZh).toBe('农村沼气需要维护预算');
  });

  test('drafts and entries in review are found by no one', () => {
    for (const visibilities of [SIGNED_OUT, IMPLEMENTER, EDITOR]) {
      expect(found('tidal', visibilities)).toEqual([]);
      expect(found('turbines', visibilities)).toEqual([]);
      expect(found('offshore wind auction', visibilities)).toEqual([]);
    }
  });

  test('publishing an entry brings it into the search at the next data change', () => {
    expect(found('tidal')).toEqual([]);
    db.update(knowledgeEntries)
      .set({ state: 'published', publishedAt: '2026-11-02T10:00:00.000Z' })
      .where(eq(knowledgeEntries.slug, 'draft-tidal'))
      .run();
    invalidateQueryCache(db);
    expect(found('tidal')).toEqual(['knowledge-entry:draft-tidal']);
  });
});
