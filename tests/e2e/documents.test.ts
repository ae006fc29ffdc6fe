import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';

import { afterAll, beforeAll, expect, test } from 'vitest';

import { sampleHtml, samplePng, sampleXlsx } from '../../app/features/documents/sample-files';
import { encryptedPdf, writePdf } from '../support/document-files';
import {
  type HttpSession,
  type TestServer,
  createAccount,
  createSeededDatabase,
  httpSession,
  isRunning,
  launchBrowser,
  openWatchedPage,
  readDatabase,
  signIn,
  startServer,
} from './support';

// Documents over HTTP against the production server: uploads (multipart, with a real CSRF token)
// of an image, a spreadsheet and a link; downloads with their headers; a file that is no document
// and one too large refused with nothing stored; who sees what, for every role and visibility; and
// a server killed in the middle of an upload leaves nothing half-kept.

const TODAY = '2026-12-01';
const PASSWORD = 'documents are kept';
const ROLES = ['admin', 'editor', 'implementer', 'viewer'] as const;
type Role = (typeof ROLES)[number];
const email = (role: Role) => `${role}@documents.example`;

let database: { path: string; dir: string };
let server: TestServer;
const sessions = new Map<Role | 'signed-out', HttpSession>();

beforeAll(async () => {
  database = createSeededDatabase();
  for (const role of ROLES) {
    await createAccount(database.path, { email: email(role), password: PASSWORD, role });
  }
  server = await startServer({
    databaseUrl: database.path,
    hubToday: TODAY,
    env: { HUB_MAX_DOCUMENT_MB: '1' },
  });
  sessions.set('signed-out', { cookie: '', csrf: '' });
  for (const role of ROLES) {
    sessions.set(role, await httpSession(server.url, { email: email(role), password: PASSWORD }));
  }
}, 120_000);

afterAll(async () => {
  await server?.stop();
  if (database) rmSync(database.dir, { recursive: true, force: true });
});

const filesDir = () => join(database.dir, 'files');

function storedFiles(root = filesDir()): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((dir) => /^[0-9a-f]{2}$/.test(dir))
    .flatMap((dir) => readdirSync(join(root, dir)));
}

function documentRows(path = database.path) {
  return readDatabase(path, (db) =>
    db.prepare('SELECT id, title, visibility, file_hash AS hash FROM documents ORDER BY id').all(),
  ) as { id: number; title: string; visibility: string; hash: string | null }[];
}

/** Sends the upload form as a browser does: CSRF field first, then the fields, then the file. */
async function upload(
  as: HttpSession,
  fields: Record<string, string | string[]>,
  file?: { name: string; bytes: Buffer; type?: string },
  baseUrl = server.url,
) {
  const form = new FormData();
  form.append('_csrf', as.csrf);
  for (const [name, value] of Object.entries(fields)) {
    for (const one of Array.isArray(value) ? value : [value]) form.append(name, one);
  }
  if (file) {
    form.append(
      'file',
      new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }),
      file.name,
    );
  }
  return fetch(`${baseUrl}/documents/new`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
    headers: { Cookie: as.cookie, Origin: baseUrl },
  });
}

function createdId(response: Response): number {
  expect(response.status).toBe(303);
  const match = /\/documents\/(\d+)\?saved=1$/.exec(response.headers.get('Location') ?? '');
  expect(match).not.toBeNull();
  return Number(match![1]);
}

const get = (path: string, as: HttpSession, method = 'GET') =>
  fetch(`${server.url}${path}`, { method, headers: { Cookie: as.cookie }, redirect: 'manual' });

test('an implementer uploads a PNG; its download has the stored type, nosniff, an attachment name in Chinese and a strict policy', async () => {
  const implementer = sessions.get('implementer')!;
  const project = readDatabase(database.path, (db) =>
    db.prepare('SELECT slug, title FROM projects ORDER BY id LIMIT 1').get(),
  ) as { slug: string; title: string };
  const response = await upload(
    implementer,
    {
      title: '项目照片',
      language: 'zh',
      category: 'A08',
      documentDate: '2026-05',
      visibility: 'public',
      projects: [project.slug],
    },
    // The browser's type and the name say PDF: the content says PNG, and the content decides.
    { name: '项目照片.pdf', bytes: samplePng(), type: 'application/pdf' },
  );
  const id = createdId(response);

  const file = await get(`/documents/${id}/file`, sessions.get('signed-out')!);
  expect(file.status).toBe(200);
  expect(file.headers.get('Content-Type')).toBe('image/png');
  expect(file.headers.get('X-Content-Type-Options')).toBe('nosniff');
  expect(file.headers.get('Content-Length')).toBe(String(samplePng().length));
  expect(file.headers.get('Content-Disposition')).toBe(
    `attachment; filename="____.png"; filename*=UTF-8''${encodeURIComponent('项目照片.png')}`,
  );
  expect(file.headers.get('Content-Security-Policy')).toMatch(/^default-src 'none'/);
  expect(file.headers.get('Cache-Control')).toMatch(/no-store/);
  expect(Buffer.from(await file.arrayBuffer()).equals(samplePng())).toBe(true);

  const page = await (await get(`/documents/${id}`, sessions.get('signed-out')!)).text();
  expect(page).toContain('项目照片');
  expect(page).toContain('Results, outcomes and outputs');
  expect(page).toContain('Chinese');
  expect(page).toContain(`/documents/${id}/file`);
  expect(page).toContain('Nothing to read: an image or a spreadsheet is kept as it is.');
  // The project's page lists it in its documents section.
  const projectPage = await (await get(`/projects/${project.slug}`, implementer)).text();
  expect(projectPage).toContain(`/documents/${id}`);
});

test('a spreadsheet is typed from its zip parts, and a link is kept as a link to where it is published', async () => {
  const implementer = sessions.get('implementer')!;
  const sheet = createdId(
    await upload(
      implementer,
      { title: 'Emission factors', visibility: 'signed-in' },
      { name: 'factors.xlsx', bytes: sampleXlsx() },
    ),
  );
  const file = await get(`/documents/${sheet}/file`, implementer);
  expect(file.headers.get('Content-Type')).toBe(
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
  expect(file.headers.get('Content-Disposition')).toContain("filename*=UTF-8''factors.xlsx");

  const link = createdId(
    await upload(implementer, {
      title: 'Published study',
      url: 'https://example.org/study.pdf',
      category: 'A07',
    }),
  );
  const page = await (await get(`/documents/${link}`, implementer)).text();
  expect(page).toContain('href="https://example.org/study.pdf"');
  expect((await get(`/documents/${link}/file`, implementer)).status).toBe(404);
  // Listed under its type.
  const links = await (await get('/documents?type=link', implementer)).text();
  expect(links).toContain('Published study');
  expect(links).not.toContain('Emission factors');
});

test('a PDF printed by Chromium is read page by page when it is added; an encrypted one is refused and not kept', async () => {
  const implementer = sessions.get('implementer')!;
  const path = join(database.dir, 'printed.pdf');
  await writePdf(path, [['Climate policy dialogue'], ['气候政策对话', 'Second page']]);
  const id = createdId(
    await upload(
      implementer,
      { title: 'Printed report', language: 'en' },
      { name: 'printed.pdf', bytes: readFileSync(path) },
    ),
  );
  const texts = readDatabase(database.path, (db) =>
    db.prepare('SELECT part, text FROM document_texts WHERE document_id = ? ORDER BY part').all(id),
  ) as { part: number; text: string }[];
  expect(texts.map((t) => t.part)).toEqual([1, 2]);
  expect(texts[1]!.text).toContain('气候政策对话');
  const page = await (await get(`/documents/${id}`, implementer)).text();
  expect(page).toContain('Text read from 2 pages.');

  const before = { rows: documentRows().length, files: storedFiles().length };
  const refused = await upload(
    implementer,
    { title: 'Locked report' },
    { name: 'locked.pdf', bytes: encryptedPdf() },
  );
  expect(refused.status).toBe(400);
  expect(await refused.text()).toContain('form-field--invalid');
  expect(documentRows()).toHaveLength(before.rows);
  expect(storedFiles()).toHaveLength(before.files);
  expect(readdirSync(join(filesDir(), 'tmp'))).toEqual([]);
});

test('in Chromium an implementer adds a file through the form, with JavaScript and without; a refused file keeps what was typed', async () => {
  const png = join(database.dir, '表格.png');
  writeFileSync(png, Buffer.concat([samplePng(), Buffer.from('browser')]));
  const html = join(database.dir, 'fake.pdf');
  writeFileSync(html, sampleHtml());
  const browser = await launchBrowser();
  try {
    for (const javaScript of [true, false]) {
      const context = javaScript
        ? browser.context
        : await browser.context.browser()!.newContext({ javaScriptEnabled: false });
      const { page, watch } = javaScript
        ? await openWatchedPage(context)
        : { page: await context.newPage(), watch: { consoleErrors: [] as string[] } };
      await signIn(page, server.url, email('implementer'), PASSWORD);
      await page.goto(`${server.url}/documents/new`);
      // Refused: the message next to the file field, the title still there.
      await page.getByLabel('File', { exact: true }).setInputFiles(html);
      await page.getByLabel('Title').fill(`Refused in the browser ${javaScript}`);
      await page.getByRole('button', { name: 'Add the document' }).click();
      await page
        .getByText('This file is not a PDF, Word, PowerPoint, Excel or image file.')
        .waitFor();
      expect(await page.getByLabel('Title').inputValue()).toBe(
        `Refused in the browser ${javaScript}`,
      );
      // Kept: the page of the new document.
      await page.getByLabel('File', { exact: true }).setInputFiles(png);
      await page.getByLabel('Title').fill(`Added in the browser ${javaScript}`);
      await page.getByLabel('Who may see it').selectOption('signed-in');
      await Promise.all([
        page.waitForURL(/\/documents\/\d+\?saved=1$/),
        page.getByRole('button', { name: 'Add the document' }).click(),
      ]);
      await page
        .getByRole('heading', { level: 1, name: `Added in the browser ${javaScript}` })
        .waitFor();
      expect(await page.getByText('Signed-in readers').count()).toBeGreaterThan(0);
      // The refusal's 400 is the one failed request the browser reports.
      expect(watch.consoleErrors.filter((e) => !e.includes('status of 400'))).toEqual([]);
      await page.close();
      if (!javaScript) await context.close();
    }
  } finally {
    await browser.close();
  }
  const titles = documentRows().map((d) => d.title);
  expect(titles).toContain('Added in the browser true');
  expect(titles).toContain('Added in the browser false');
  expect(titles.some((t) => t.startsWith('Refused in the browser'))).toBe(false);
});

test('an HTML file renamed .pdf is refused next to the file field, and nothing is stored', async () => {
  const before = { rows: documentRows().length, files: storedFiles().length };
  const response = await upload(
    sessions.get('implementer')!,
    { title: 'Not a PDF at all' },
    { name: 'report.pdf', bytes: sampleHtml(), type: 'application/pdf' },
  );
  expect(response.status).toBe(400);
  const html = await response.text();
  expect(html).toContain('This file is not a PDF, Word, PowerPoint, Excel or image file.');
  // The title typed is kept in the form.
  expect(html).toContain('value="Not a PDF at all"');
  expect(documentRows()).toHaveLength(before.rows);
  expect(storedFiles()).toHaveLength(before.files);
  expect(readdirSync(join(filesDir(), 'tmp'))).toEqual([]);
});

test('a file over the size limit is refused with its message, and nothing is stored', async () => {
  const before = { rows: documentRows().length, files: storedFiles().length };
  const big = Buffer.concat([samplePng(), Buffer.alloc(1024 * 1024 + 10, 7)]);
  const response = await upload(
    sessions.get('implementer')!,
    { title: 'Too big' },
    { name: 'big.png', bytes: big },
  );
  expect(response.status).toBe(413);
  expect(await response.text()).toContain('This file is larger than the limit above');
  expect(documentRows()).toHaveLength(before.rows);
  expect(storedFiles()).toHaveLength(before.files);
  expect(readdirSync(join(filesDir(), 'tmp'))).toEqual([]);
});

test('a viewer and a signed-out visitor may not upload', async () => {
  const viewer = await upload(sessions.get('viewer')!, {
    title: 'Viewer link',
    url: 'https://example.org/v.pdf',
  });
  expect(viewer.status).toBe(403);
  const signedOut = await upload(
    await httpSession(server.url),
    { title: 'Anonymous', url: 'https://example.org/a.pdf' },
    { name: 'a.png', bytes: samplePng() },
  );
  expect(signedOut.status).toBe(401);
  expect(documentRows().some((d) => d.title === 'Viewer link' || d.title === 'Anonymous')).toBe(
    false,
  );
});

test('each role sees exactly the documents its visibility allows: in the list, on the page and as a file', async () => {
  const editor = sessions.get('editor')!;
  const event = readDatabase(database.path, (db) =>
    db.prepare('SELECT slug FROM events ORDER BY id LIMIT 1').pluck().get(),
  ) as string;
  const ids: Record<string, number> = {};
  for (const [i, visibility] of (['public', 'signed-in', 'hub-team'] as const).entries()) {
    ids[visibility] = createdId(
      await upload(
        editor,
        { title: `Visibility ${visibility}`, visibility, events: [event] },
        // Different content each: three stored files.
        { name: `v${i}.png`, bytes: Buffer.concat([samplePng(), Buffer.from([i])]) },
      ),
    );
  }
  const sees: Record<Role | 'signed-out', string[]> = {
    'signed-out': ['public'],
    viewer: ['public', 'signed-in'],
    implementer: ['public', 'signed-in'],
    editor: ['public', 'signed-in', 'hub-team'],
    admin: ['public', 'signed-in', 'hub-team'],
  };
  for (const [who, visible] of Object.entries(sees)) {
    const as = sessions.get(who as Role)!;
    const list = await (await get('/documents', as)).text();
    const eventPage = await (await get(`/events/${event}`, as)).text();
    for (const visibility of ['public', 'signed-in', 'hub-team']) {
      const id = ids[visibility]!;
      const allowed = visible.includes(visibility);
      const context = `${who} × ${visibility}`;
      expect(list.includes(`/documents/${id}"`), context).toBe(allowed);
      expect(eventPage.includes(`/documents/${id}"`), `${context} (event page)`).toBe(allowed);
      expect((await get(`/documents/${id}`, as)).status, context).toBe(allowed ? 200 : 404);
      expect((await get(`/documents/${id}/file`, as)).status, context).toBe(allowed ? 200 : 404);
    }
  }
});

test('an editor changes a document’s visibility; a stale save is refused with 409', async () => {
  const editor = sessions.get('editor')!;
  const id = createdId(
    await upload(editor, { title: 'Editable', url: 'https://example.org/e.pdf' }),
  );
  const save = (version: number, title: string) =>
    fetch(`${server.url}/documents/${id}/edit`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Cookie: editor.cookie, Origin: server.url },
      body: new URLSearchParams({
        _csrf: editor.csrf,
        version: String(version),
        title,
        visibility: 'hub-team',
      }),
    });
  expect((await save(1, 'Edited')).status).toBe(303);
  expect(documentRows().find((d) => d.id === id)).toMatchObject({
    title: 'Edited',
    visibility: 'hub-team',
  });
  expect((await get(`/documents/${id}`, sessions.get('signed-out')!)).status).toBe(404);
  const stale = await save(1, 'Stale');
  expect(stale.status).toBe(409);
  const audit = readDatabase(database.path, (db) =>
    db.prepare("SELECT action FROM audit_log WHERE entity = 'document' AND entity_id = ?").all(id),
  );
  expect(audit).toEqual([{ action: 'create' }, { action: 'update' }]);
});

test('deleting the last document of a file removes the file once the delete is committed', async () => {
  const editor = sessions.get('editor')!;
  const bytes = Buffer.concat([samplePng(), Buffer.from('delete me')]);
  const id = createdId(await upload(editor, { title: 'To delete' }, { name: 'd.png', bytes }));
  const hash = documentRows().find((d) => d.id === id)!.hash!;
  expect(storedFiles()).toContain(hash);
  const response = await fetch(`${server.url}/documents/${id}/delete`, {
    method: 'POST',
    redirect: 'manual',
    headers: { Cookie: editor.cookie, Origin: server.url },
    body: new URLSearchParams({ _csrf: editor.csrf, version: '1', confirm: 'yes' }),
  });
  expect(response.status).toBe(303);
  expect(documentRows().some((d) => d.id === id)).toBe(false);
  expect(storedFiles()).not.toContain(hash);
});

/** Sends the start of a multipart upload and leaves the body unfinished; resolves once sent. */
function startUnfinishedUpload(baseUrl: string, as: HttpSession, sent: Buffer) {
  const boundary = '----hubcrash';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${as.csrf}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nHalf a file\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.png"\r\n` +
      'Content-Type: image/png\r\n\r\n',
  );
  const url = new URL('/documents/new', baseUrl);
  const req = httpRequest({
    host: url.hostname,
    port: url.port,
    path: url.pathname,
    method: 'POST',
    headers: {
      Cookie: as.cookie,
      Origin: baseUrl,
      'Content-Type': `multipart/form-data; boundary=${boundary}`,
      'Content-Length': String(head.length + sent.length * 4),
    },
  });
  req.on('error', () => {});
  req.write(head);
  req.write(sent);
  return req;
}

test('a server killed in the middle of an upload leaves no half file, no orphan row and no tmp file after its restart', async () => {
  const crash = createSeededDatabase();
  try {
    await createAccount(crash.path, { email: email('editor'), password: PASSWORD, role: 'editor' });
    let hub = await startServer({
      databaseUrl: crash.path,
      hubToday: TODAY,
      env: { HUB_MAX_DOCUMENT_MB: '64' },
    });
    const editor = await httpSession(hub.url, { email: email('editor'), password: PASSWORD });
    // One whole upload first: what was kept before the crash must survive it.
    createdId(
      await upload(
        editor,
        { title: 'Kept before' },
        { name: 'k.png', bytes: samplePng() },
        hub.url,
      ),
    );
    const tmp = join(crash.dir, 'files', 'tmp');
    const req = startUnfinishedUpload(
      hub.url,
      editor,
      Buffer.concat([samplePng(), Buffer.alloc(4 * 1024 * 1024, 1)]),
    );
    // Wait until the half file is on disk in tmp/.
    const deadline = Date.now() + 20_000;
    const tmpBytes = () =>
      existsSync(tmp)
        ? readdirSync(tmp, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
            .length
        : 0;
    while (tmpBytes() === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(tmpBytes()).toBeGreaterThan(0);
    const pids = hub.pids();
    const exited = new Promise<void>((resolve) => hub.process.once('exit', () => resolve()));
    for (const pid of pids.slice(1)) process.kill(pid, 'SIGKILL');
    process.kill(pids[0]!, 'SIGKILL');
    await exited;
    for (const pid of pids) {
      while (isRunning(pid)) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    req.destroy();
    hub = await startServer({ databaseUrl: crash.path, hubToday: TODAY });
    try {
      expect(readdirSync(tmp)).toEqual([]);
      const rows = documentRows(crash.path);
      expect(rows.map((r) => r.title)).toEqual(['Kept before']);
      const files = storedFiles(join(crash.dir, 'files'));
      expect(files.sort()).toEqual(rows.map((r) => r.hash).sort());
    } finally {
      await hub.stop();
    }
  } finally {
    rmSync(crash.dir, { recursive: true, force: true });
  }
}, 120_000);
