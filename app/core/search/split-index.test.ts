import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';

import type { Db } from '../../../db/client.server';
import { openDatabase } from '../../../db/client.server';
import { documentTexts, documents, knowledgeEntries, projectKeywords } from '../../../db/schema';
import {
  createTestDb,
  insertDocument,
  insertKnowledgeEntry,
  insertProject,
  insertTopic,
} from '../../../db/test-factories';
import { invalidateQueryCache } from '../../../db/query-cache.server';
import { storeUploadedDocument } from '../../features/documents/document-upload.server';
import type { DocumentValues } from '../../features/documents/document-forms';
import {
  updateDocument,
  getDocumentForEdit,
} from '../../features/documents/document-writes.server';
import { tmpDirOf } from '../../features/documents/file-store.server';
import { createMilestone } from '../../features/milestones/milestone-writes.server';
import { samplePng } from '../../features/documents/sample-files';
import { projectColumns, projectEditSchema } from '../../features/projects/project-forms';
import { addProjectTopic } from '../../features/projects/project-link-writes.server';
import { getProjectForEdit, updateProject } from '../../features/projects/project-writes.server';
import { buildSearchIndex, searchIndex, searchIndexes } from './engine';
import {
  getKnowledgeIndex,
  getPortfolioIndex,
  listSearchDocuments,
  searchPortfolio,
  searchSignatures,
} from './search.server';

// The two kept indexes (decision 0073): a write rebuilds only the index whose tables it changed,
// and a query searches both, ranked as one index would rank them.

const who = { at: '2026-11-20T10:00:00.000Z', actor: { id: null, name: 'Editor Eva' } };

function setup() {
  const db = createTestDb();
  const project = insertProject(db, {
    slug: 'geo-heat',
    title: 'Geothermal district heating in Tianjin',
  });
  const report = insertDocument(db, { title: 'Annual report 2025', language: 'en' }).id;
  db.update(documents)
    .set({ textState: 'extracted', textPartKind: 'page' })
    .where(eq(documents.id, report))
    .run();
  db.insert(documentTexts)
    .values([{ documentId: report, part: 1, text: 'A geothermal survey of Tianjin districts.' }])
    .run();
  insertKnowledgeEntry(db, { title: 'Lessons from heat pumps', state: 'published' });
  invalidateQueryCache(db);
  return { db, project, report };
}

/** Both indexes as they are kept now (built if stale). */
const kept = (db: Db) => ({ portfolio: getPortfolioIndex(db), knowledge: getKnowledgeIndex(db) });

const documentValues = (overrides: Partial<DocumentValues> = {}): DocumentValues => ({
  title: 'Site photo',
  language: 'en',
  category: 'A07',
  documentDate: '2026-03',
  documentDatePrecision: 'month',
  visibility: 'public',
  description: null,
  projects: [],
  topics: [],
  events: [],
  entries: [],
  ...overrides,
});

function projectFormValues(db: Db, slug: string, over: Record<string, unknown>) {
  const p = getProjectForEdit(slug, db)!;
  const parsed = projectEditSchema.parse({
    version: p.version,
    title: p.title,
    type: p.type,
    programme: p.programme,
    ...over,
  });
  const { version: _v, changeSource: _s, ...values } = parsed;
  return { version: p.version, values: projectColumns(values) };
}

test('with no change in between, both indexes stay the same objects', () => {
  const { db } = setup();
  const first = kept(db);
  expect(kept(db).portfolio).toBe(first.portfolio);
  expect(kept(db).knowledge).toBe(first.knowledge);
  expect(first.portfolio.documents.has('project:geo-heat')).toBe(true);
  expect(first.portfolio.documents.size).toBe(1);
  expect([...first.knowledge.documents.keys()].map((ref) => ref.split(':')[0]).sort()).toEqual([
    'document',
    'knowledge-entry',
  ]);
});

test('a document upload rebuilds the knowledge index and leaves the portfolio index as it was', async () => {
  const { db } = setup();
  const before = kept(db);
  const root = mkdtempSync(join(tmpdir(), 'hub-files-'));
  const content = samplePng();
  const path = join(await tmpDirOf(root), 'upload-1');
  writeFileSync(path, content);
  const stored = await storeUploadedDocument(
    {
      path,
      size: content.length,
      sha256: createHash('sha256').update(content).digest('hex'),
      name: 'photo.png',
    },
    documentValues({ title: 'Borehole site photograph' }),
    who,
    { extract: null, root, db },
  );
  expect(stored.ok).toBe(true);
  const after = kept(db);
  expect(after.portfolio).toBe(before.portfolio);
  expect(after.knowledge).not.toBe(before.knowledge);
  expect(searchPortfolio('borehole', 10, db).map((r) => r.type)).toEqual(['document']);
});

test('a document edit rebuilds only the knowledge index', () => {
  const { db, report } = setup();
  const before = kept(db);
  const current = getDocumentForEdit(report, db)!;
  const saved = updateDocument(
    report,
    current.version,
    documentValues({ title: 'Drilling report 2025' }),
    who,
    db,
  );
  expect(saved.ok).toBe(true);
  const after = kept(db);
  expect(after.portfolio).toBe(before.portfolio);
  expect(after.knowledge).not.toBe(before.knowledge);
  expect(searchPortfolio('drilling', 10, db)[0]).toMatchObject({ type: 'document' });
});

test('a project edit rebuilds the portfolio index and leaves the knowledge index as it was', () => {
  const { db, project } = setup();
  const before = kept(db);
  const { version, values } = projectFormValues(db, project.slug, {
    title: 'Geothermal heat supply in Xiong’an',
  });
  expect(updateProject(project.id, version, values, who, db).ok).toBe(true);
  const after = kept(db);
  expect(after.knowledge).toBe(before.knowledge);
  expect(after.portfolio).not.toBe(before.portfolio);
  expect(searchPortfolio('xiong’an', 10, db)[0]).toMatchObject({ slug: 'geo-heat' });
});

test('a topic added to a project (a link table, no version bump) still refreshes the portfolio index', () => {
  const { db, project } = setup();
  const topic = insertTopic(db, { slug: 'heat', name: 'Heating' });
  invalidateQueryCache(db);
  const before = kept(db);
  expect(addProjectTopic(project.id, { topicId: topic.id, reason: null }, who, db).ok).toBe(true);
  const after = kept(db);
  expect(after.portfolio).not.toBe(before.portfolio);
  expect(after.knowledge).toBe(before.knowledge);
});

test('keywords replaced by another process, without a version bump, refresh the portfolio index', () => {
  const { db, project } = setup();
  const before = kept(db);
  const other = openDatabase(db.$client.name);
  other
    .insert(projectKeywords)
    .values({ projectId: project.id, keyword: 'aquifer', position: 1 })
    .run();
  const after = kept(db);
  expect(after.portfolio).not.toBe(before.portfolio);
  expect(after.knowledge).toBe(before.knowledge);
  expect(searchPortfolio('aquifer', 10, db)[0]).toMatchObject({ slug: 'geo-heat' });
  other.delete(projectKeywords).run();
  other
    .insert(projectKeywords)
    .values({ projectId: project.id, keyword: 'borehole', position: 1 })
    .run();
  other.$client.close();
  expect(kept(db).portfolio).not.toBe(after.portfolio);
  expect(searchPortfolio('aquifer', 10, db)).toEqual([]);
});

test('a write that changes neither index (a milestone) rebuilds neither', () => {
  const { db, project } = setup();
  const before = kept(db);
  const signatures = searchSignatures(db);
  createMilestone(
    project.id,
    {
      title: 'Drilling done',
      kind: 'deliverable',
      plannedDate: { value: '2026-09', precision: 'month' },
      responsibleOrganisationId: null,
    },
    { at: who.at, by: 'Reporter', actor: who.actor },
    db,
  );
  expect(searchSignatures(db)).toEqual(signatures);
  const after = kept(db);
  expect(after.portfolio).toBe(before.portfolio);
  expect(after.knowledge).toBe(before.knowledge);
});

test('an entry published by another process refreshes the knowledge index alone', () => {
  const { db } = setup();
  const draft = insertKnowledgeEntry(db, { title: 'Permafrost boreholes', state: 'draft' });
  invalidateQueryCache(db);
  const before = kept(db);
  expect(searchPortfolio('permafrost', 10, db)).toEqual([]);
  const other = openDatabase(db.$client.name);
  other
    .update(knowledgeEntries)
    .set({ state: 'published' })
    .where(eq(knowledgeEntries.id, draft.id))
    .run();
  other.$client.close();
  const after = kept(db);
  expect(after.portfolio).toBe(before.portfolio);
  expect(after.knowledge).not.toBe(before.knowledge);
  expect(searchPortfolio('permafrost', 10, db)[0]).toMatchObject({ type: 'knowledge-entry' });
});

test('both indexes searched together score as the single index did: same order, same scores', () => {
  const { db } = setup();
  insertProject(db, {
    slug: 'ets',
    title: 'Emissions trading in Guangdong',
    summary: '碳排放交易',
  });
  insertProject(db, { slug: 'heat-pumps', title: 'Heat pumps for rural homes' });
  const entry = insertDocument(db, { title: 'Heat pump survey', language: 'en' }).id;
  db.update(documents)
    .set({ textState: 'extracted', textPartKind: 'page' })
    .where(eq(documents.id, entry))
    .run();
  db.insert(documentTexts)
    .values([
      { documentId: entry, part: 1, text: 'Heat pumps, heat pumps and more heat in Tianjin.' },
      { documentId: entry, part: 2, text: '广东碳排放交易试点的经验。Emissions trading lessons.' },
    ])
    .run();
  invalidateQueryCache(db);
  const single = buildSearchIndex(listSearchDocuments(db));
  const split = [getPortfolioIndex(db), getKnowledgeIndex(db)];
  expect(split[0]!.documents.size + split[1]!.documents.size).toBe(single.documents.size);
  const queries = ['geothermal tianjin', 'geothermal', 'heat pumps', 'heat', 'emissions trading'];
  for (const q of [...queries, '碳排放交易', 'annual', 'lessons', 'tian']) {
    const one = searchIndex(single, q);
    const two = searchIndexes(split, q);
    expect(
      two.map((r) => `${r.type}:${r.slug}`),
      q,
    ).toEqual(one.map((r) => `${r.type}:${r.slug}`));
    two.forEach((r, i) => {
      expect(r.coverage, q).toBe(one[i]!.coverage);
      expect(r.score, q).toBeCloseTo(one[i]!.score, 6);
    });
  }
  // The project's title holds both words, the document's text too: the title's weight puts the
  // project first.
  const [first, second] = searchIndexes(split, 'geothermal tianjin');
  expect(first).toMatchObject({ type: 'project', slug: 'geo-heat', coverage: 2 });
  expect(second).toMatchObject({ type: 'document', coverage: 2 });
  // A document holding more of the query ranks before a project holding less.
  expect(searchIndexes(split, 'survey districts geothermal')[0]).toMatchObject({
    type: 'document',
    coverage: 3,
  });
});
