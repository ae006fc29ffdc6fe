import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';

import { auditLog, documentProjects, documents } from '../../../db/schema';
import { createTestDb, insertProject } from '../../../db/test-factories';
import type { DocumentValues } from './document-forms';
import { storeUploadedDocument } from './document-upload.server';
import { deleteDocument, getDocumentForEdit, updateDocument } from './document-writes.server';
import {
  cleanTmp,
  listStoredHashes,
  prepareFileStore,
  storedPath,
  tmpDirOf,
} from './file-store.server';
import { sampleHtml, samplePng, sampleXlsx } from './sample-files';

const who = { at: '2026-11-20T10:00:00.000Z', actor: { id: null, name: 'Test uploader' } };

const values = (overrides: Partial<DocumentValues> = {}): DocumentValues => ({
  title: 'Annual report',
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

function setup() {
  const db = createTestDb();
  const root = mkdtempSync(join(tmpdir(), 'hub-files-'));
  return { db, root };
}

let n = 0;
async function upload(root: string, content: Buffer, name = 'file.bin') {
  n += 1;
  const path = join(await tmpDirOf(root), `upload-${n}`);
  writeFileSync(path, content);
  return {
    path,
    size: content.length,
    sha256: createHash('sha256').update(content).digest('hex'),
    name,
  };
}

test('an uploaded image is kept under its hash, with one row, its links and an audit entry', async () => {
  const { db, root } = setup();
  const project = insertProject(db);
  const file = await upload(root, samplePng(), '图表.png');
  const stored = await storeUploadedDocument(file, values({ projects: [project.slug] }), who, {
    extract: null,
    root,
    db,
  });
  expect(stored.ok).toBe(true);
  const id = stored.ok ? stored.id : 0;
  const row = db.select().from(documents).where(eq(documents.id, id)).get()!;
  expect(row).toMatchObject({
    origin: 'upload',
    mediaType: 'image/png',
    fileHash: file.sha256,
    fileSize: samplePng().length,
    fileName: '图表.png',
    textState: 'not-applicable',
  });
  expect(existsSync(storedPath(file.sha256, root))).toBe(true);
  expect(existsSync(file.path)).toBe(false);
  expect(readdirSync(join(root, 'tmp'))).toEqual([]);
  expect(db.select().from(documentProjects).all()).toEqual([
    { documentId: id, projectId: project.id },
  ]);
  expect(db.select().from(auditLog).where(eq(auditLog.entity, 'document')).all()).toHaveLength(1);
});

test('the same content uploaded twice is stored once; deleting one keeps the file, deleting both removes it', async () => {
  const { db, root } = setup();
  const first = await storeUploadedDocument(await upload(root, sampleXlsx()), values(), who, {
    extract: null,
    root,
    db,
  });
  const second = await storeUploadedDocument(
    await upload(root, sampleXlsx()),
    values({ title: 'Same sheet' }),
    who,
    { extract: null, root, db },
  );
  expect(first.ok && second.ok).toBe(true);
  const hashes = await listStoredHashes(root);
  expect(hashes).toHaveLength(1);
  expect(db.select().from(documents).all()).toHaveLength(2);
  expect(deleteDocument(first.ok ? first.id : 0, 1, who, db, root).ok).toBe(true);
  expect(await listStoredHashes(root)).toEqual(hashes);
  expect(deleteDocument(second.ok ? second.id : 0, 1, who, db, root).ok).toBe(true);
  expect(await listStoredHashes(root)).toEqual([]);
});

test('a file that is no document type is refused and nothing is kept, temp file included', async () => {
  const { db, root } = setup();
  const file = await upload(root, sampleHtml(), 'report.pdf');
  const stored = await storeUploadedDocument(file, values(), who, { extract: null, root, db });
  expect(stored).toEqual({ ok: false, error: 'documents.error.notSupported' });
  expect(existsSync(file.path)).toBe(false);
  expect(await listStoredHashes(root)).toEqual([]);
  expect(db.select().from(documents).all()).toEqual([]);
});

test('a failed extraction fails the upload with its reason and keeps nothing', async () => {
  const { db, root } = setup();
  const file = await upload(root, Buffer.from('%PDF-1.7\nbroken'));
  const stored = await storeUploadedDocument(file, values(), who, {
    extract: async () => ({ ok: false, reason: 'unreadable' }),
    root,
    db,
  });
  expect(stored).toEqual({ ok: false, error: 'documentText.error.unreadable' });
  expect(existsSync(file.path)).toBe(false);
  expect(await listStoredHashes(root)).toEqual([]);
  expect(db.select().from(documents).all()).toEqual([]);
});

test('an extracted text is stored with the document, part by part', async () => {
  const { db, root } = setup();
  const stored = await storeUploadedDocument(
    await upload(root, Buffer.from('%PDF-1.7\nfine')),
    values(),
    who,
    {
      extract: async () => ({
        ok: true,
        partKind: 'page',
        parts: [
          { part: 1, text: 'First page' },
          { part: 2, text: '第二页' },
        ],
      }),
      root,
      db,
    },
  );
  const id = stored.ok ? stored.id : 0;
  const row = db.select().from(documents).where(eq(documents.id, id)).get()!;
  expect(row).toMatchObject({
    textState: 'extracted',
    textPartKind: 'page',
    mediaType: 'application/pdf',
  });
});

test('a row that cannot be written takes its just-kept file with it', async () => {
  const { db, root } = setup();
  const file = await upload(root, samplePng());
  // A link to a project that does not exist is dropped, but a title that is not text breaks the insert.
  await expect(
    storeUploadedDocument(file, values({ title: null as unknown as string }), who, {
      extract: null,
      root,
      db,
    }),
  ).rejects.toThrow();
  expect(await listStoredHashes(root)).toEqual([]);
  expect(existsSync(file.path)).toBe(false);
});

test('an edit saved on a stale version is refused with the saved document', async () => {
  const { db, root } = setup();
  const stored = await storeUploadedDocument(await upload(root, samplePng()), values(), who, {
    extract: null,
    root,
    db,
  });
  const id = stored.ok ? stored.id : 0;
  const saved = updateDocument(
    id,
    1,
    values({ title: 'Renamed', visibility: 'hub-team' }),
    who,
    db,
  );
  expect(saved).toMatchObject({ ok: true, version: 2 });
  expect(getDocumentForEdit(id, db)).toMatchObject({ title: 'Renamed', visibility: 'hub-team' });
  const stale = updateDocument(id, 1, values({ title: 'Other' }), who, db);
  expect(stale).toMatchObject({ ok: false, reason: 'stale', current: { title: 'Renamed' } });
});

test('what a crash left in tmp/ is removed when the store is prepared', async () => {
  const root = mkdtempSync(join(tmpdir(), 'hub-files-'));
  mkdirSync(join(root, 'tmp', 'hub-upload-x'), { recursive: true });
  writeFileSync(join(root, 'tmp', 'hub-upload-x', 'upload'), 'half a file');
  await prepareFileStore(root);
  expect(readdirSync(join(root, 'tmp'))).toEqual([]);
  expect(await cleanTmp(root)).toBe(0);
});
