import { rmSync } from 'node:fs';

import Database from 'better-sqlite3';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { DEMO_ROUND } from '../../scripts/bench/targets';
import { createDemoDatabase } from '../../scripts/load-tools';
import {
  type HttpSession,
  type TestServer,
  createAccount,
  createSeededDatabase,
  httpSession,
  readDatabase,
  startServer,
} from './support';

// The workshop pack's files over HTTP from the production server (npm run build first): a
// period's pack signed out, a round's signed in, each opened again as the zip it must be; the
// refusals; and, on a demo portfolio of 300 projects, that a pack being built keeps no other
// request waiting (the build runs in the pack's worker thread).

const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const ROUND = { slug: '2024-round', title: 'Reporting round 2024', titleZh: '2024年报告轮次' };
const DRAFT = 'draft-round-2025';
const VIEWER = { email: 'viewer@pack.example', password: 'a viewer of the pack' };
const EDITOR = { email: 'editor@pack.example', password: 'an editor of the pack' };
const PERIOD = '/report.pptx?lang=en%2Bzh&start=2015-01-01&end=2026-12-31';

/** Every entry of a zip file, by name. */
function readZip(bytes: Uint8Array): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** The name a Content-Disposition's filename* gives, decoded. */
function utf8Name(disposition: string | null): string {
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition ?? '')?.[1];
  return encoded ? decodeURIComponent(encoded) : '';
}

function asciiName(disposition: string | null): string {
  return /filename="([^"]*)"/.exec(disposition ?? '')?.[1] ?? '';
}

describe('on the real portfolio', () => {
  let database: { path: string; dir: string };
  let server: TestServer;
  let viewer: HttpSession;
  let editor: HttpSession;
  /** The projects asked in the round, from the file itself. */
  let roundProjects: number;

  beforeAll(async () => {
    database = createSeededDatabase();
    const db = new Database(database.path);
    try {
      const insertRound = db.prepare(
        `INSERT INTO reporting_rounds (slug, title, title_zh, period_start, period_end, due_on,
           state, opened_at, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, '2024-10-01T00:00:00.000Z')`,
      );
      const round = insertRound.run(
        ROUND.slug,
        ROUND.title,
        ROUND.titleZh,
        '2024-01-01',
        '2024-12-31',
        '2025-01-31',
        'open',
        '2024-11-01T00:00:00.000Z',
      );
      insertRound.run(
        DRAFT,
        'Round 2025',
        null,
        '2025-01-01',
        '2025-12-31',
        '2026-01-31',
        'draft',
        null,
      );
      const ids = db.prepare('SELECT id FROM projects ORDER BY id LIMIT 3').pluck().all();
      for (const id of ids) {
        db.prepare('INSERT INTO reports (round_id, project_id) VALUES (?, ?)').run(
          round.lastInsertRowid,
          id,
        );
      }
    } finally {
      db.close();
    }
    roundProjects = readDatabase(
      database.path,
      (db) =>
        db
          .prepare(
            `SELECT count(*) FROM reports r JOIN reporting_rounds rr ON rr.id = r.round_id WHERE rr.slug = ?`,
          )
          .pluck()
          .get(ROUND.slug) as number,
    );
    await createAccount(database.path, { ...VIEWER, role: 'viewer' });
    await createAccount(database.path, { ...EDITOR, role: 'editor' });
    server = await startServer({ databaseUrl: database.path, hubToday: '2026-12-01' });
    viewer = await httpSession(server.url, VIEWER);
    editor = await httpSession(server.url, EDITOR);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    if (database) rmSync(database.dir, { recursive: true, force: true });
  });

  test('a period pack downloads signed out as a slide deck and as a Word document', async () => {
    const deck = await fetch(`${server.url}${PERIOD}`);
    expect(deck.status).toBe(200);
    expect(deck.headers.get('content-type')).toBe(PPTX);
    const disposition = deck.headers.get('content-disposition');
    expect(disposition).toMatch(/^attachment;/);
    expect(asciiName(disposition)).toBe('iki-china-pack-2015-01-01-2026-12-31-en+zh.pptx');
    expect(utf8Name(disposition)).toBe(
      'Interface Workshop pack – 2015-01-01 – 2026-12-31 (en+zh).pptx',
    );
    expect(deck.headers.get('x-content-type-options')).toBe('nosniff');
    const bytes = new Uint8Array(await deck.arrayBuffer());
    expect(Number(deck.headers.get('content-length'))).toBe(bytes.byteLength);
    const parts = await readZip(bytes);
    expect(parts.has('ppt/presentation.xml')).toBe(true);
    expect(
      [...parts.keys()].filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name)).length,
    ).toBeGreaterThan(1);

    const document = await fetch(
      `${server.url}/report.docx?lang=zh&start=2015-01-01&end=2026-12-31`,
    );
    expect(document.status).toBe(200);
    expect(document.headers.get('content-type')).toBe(DOCX);
    expect(utf8Name(document.headers.get('content-disposition'))).toBe(
      '对接研讨会资料 – 2015-01-01 – 2026-12-31 (zh).docx',
    );
    const word = await readZip(new Uint8Array(await document.arrayBuffer()));
    expect(word.get('word/document.xml')?.toString('utf8')).toContain('<w:body>');
  }, 60_000);

  test('a round pack downloads signed in, named with the round’s Chinese title, never kept', async () => {
    const deck = await fetch(`${server.url}/reporting/${ROUND.slug}/report.pptx?lang=zh`, {
      headers: { Cookie: viewer.cookie },
    });
    expect(deck.status).toBe(200);
    expect(deck.headers.get('content-type')).toBe(PPTX);
    expect(deck.headers.get('cache-control')).toMatch(/no-store/);
    const disposition = deck.headers.get('content-disposition');
    expect(asciiName(disposition)).toBe(`iki-china-pack-${ROUND.slug}-zh.pptx`);
    expect(utf8Name(disposition)).toBe(`对接研讨会资料 – ${ROUND.titleZh} (zh).pptx`);
    const parts = await readZip(new Uint8Array(await deck.arrayBuffer()));
    const slides = [...parts].filter(([name]) => /^ppt\/slides\/slide\d+\.xml$/.test(name));
    expect(slides.length).toBeGreaterThan(roundProjects);
    // The round's title, in Chinese, is on a slide as written (its runs joined: the deck sets
    // Latin and CJK text in runs of their own fonts).
    const slideText = (xml: Buffer) =>
      [...xml.toString('utf8').matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join('');
    expect(slides.some(([, xml]) => slideText(xml).includes(ROUND.titleZh))).toBe(true);

    const both = await fetch(`${server.url}/reporting/${ROUND.slug}/report.docx?lang=en%2Bzh`, {
      headers: { Cookie: viewer.cookie },
    });
    expect(both.status).toBe(200);
    expect(both.headers.get('content-type')).toBe(DOCX);
    expect(utf8Name(both.headers.get('content-disposition'))).toBe(
      `Interface Workshop pack – ${ROUND.title} · ${ROUND.titleZh} (en+zh).docx`,
    );
    const word = await readZip(new Uint8Array(await both.arrayBuffer()));
    expect(word.get('word/document.xml')?.toString('utf8')).toContain(ROUND.titleZh);
  }, 60_000);

  test('a HEAD answers the GET’s header fields without a body, and the size of a kept file', async () => {
    const fresh = '/report.docx?lang=de&start=2020-01-01&end=2025-12-31';
    const unbuilt = await fetch(`${server.url}${fresh}`, { method: 'HEAD' });
    expect(unbuilt.status).toBe(200);
    expect(unbuilt.headers.get('content-type')).toBe(DOCX);
    expect(asciiName(unbuilt.headers.get('content-disposition'))).toBe(
      'iki-china-pack-2020-01-01-2025-12-31-de.docx',
    );
    expect(unbuilt.headers.get('content-length')).toBeNull();
    expect((await unbuilt.arrayBuffer()).byteLength).toBe(0);

    // Built once, the file is kept: a second GET gets the same bytes, a HEAD their length.
    const first = new Uint8Array(await (await fetch(`${server.url}${fresh}`)).arrayBuffer());
    const second = new Uint8Array(await (await fetch(`${server.url}${fresh}`)).arrayBuffer());
    expect(second.byteLength).toBe(first.byteLength);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    const head = await fetch(`${server.url}${fresh}`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String(first.byteLength));
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    const roundHead = await fetch(`${server.url}/reporting/${ROUND.slug}/report.docx`, {
      method: 'HEAD',
      headers: { Cookie: viewer.cookie },
    });
    expect(roundHead.status).toBe(200);
    expect(roundHead.headers.get('content-type')).toBe(DOCX);
  });

  test('a bad parameter is a 400 in plain text naming it', async () => {
    const cases: [string, string][] = [
      ['/report.pptx?lang=fr', 'lang'],
      ['/report.docx?start=2024-13-01', 'start'],
      ['/report.pptx?start=2024-06-01&end=2024-01-01', 'end'],
      ['/report.pptx?type=no-such-type', 'type'],
    ];
    for (const [path, parameter] of cases) {
      const response = await fetch(`${server.url}${path}`);
      expect(response.status, path).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(await response.text(), path).toMatch(new RegExp(`^${parameter}: `, 'm'));
    }
    const roundDates = await fetch(
      `${server.url}/reporting/${ROUND.slug}/report.pptx?start=2024-02-01`,
      { headers: { Cookie: viewer.cookie } },
    );
    expect(roundDates.status).toBe(400);
    expect(await roundDates.text()).toMatch(/^start: /m);
  });

  test('a round that does not exist, or a draft round for anyone but the hub team, is a 404', async () => {
    for (const path of [
      `/reporting/no-such-round/report.pptx`,
      `/reporting/${DRAFT}/report.docx`,
    ]) {
      const response = await fetch(`${server.url}${path}`, {
        headers: { Cookie: viewer.cookie },
      });
      expect(response.status, path).toBe(404);
    }
    const forTheTeam = await fetch(`${server.url}/reporting/${DRAFT}/report.docx`, {
      method: 'HEAD',
      headers: { Cookie: editor.cookie },
    });
    expect(forTheTeam.status).toBe(200);
  });

  test('a round pack signed out sends the reader to sign in; other methods than GET and HEAD are 405', async () => {
    const signedOut = await fetch(`${server.url}/reporting/${ROUND.slug}/report.pptx`, {
      redirect: 'manual',
    });
    expect([302, 303]).toContain(signedOut.status);
    expect(signedOut.headers.get('location')).toMatch(/^\/login\?next=/);
    const headSignedOut = await fetch(`${server.url}/reporting/${ROUND.slug}/report.pptx`, {
      method: 'HEAD',
    });
    expect(headSignedOut.status).toBe(401);
    const post = await fetch(`${server.url}/report.pptx`, {
      method: 'POST',
      headers: { Cookie: viewer.cookie },
      body: new URLSearchParams({ _csrf: viewer.csrf }),
    });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('on a demo portfolio of 300 projects', () => {
  let database: { path: string; dir: string };
  let server: TestServer;
  let viewer: HttpSession;

  beforeAll(async () => {
    database = createDemoDatabase(300, 'pack-files');
    await createAccount(database.path, { ...VIEWER, role: 'viewer' });
    // No pack may wait behind another: the second one asked while one builds is refused.
    server = await startServer({
      databaseUrl: database.path,
      hubToday: '2026-12-01',
      env: { HUB_PACK_QUEUE: '0' },
    });
    viewer = await httpSession(server.url, VIEWER);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    if (database) rmSync(database.dir, { recursive: true, force: true });
  });

  test('while a round’s pack builds, pages and the API answer at once, and a second pack is refused with 429', async () => {
    const asked = readDatabase(
      database.path,
      (db) =>
        db
          .prepare(
            `SELECT count(*) FROM reports r JOIN reporting_rounds rr ON rr.id = r.round_id WHERE rr.slug = ?`,
          )
          .pluck()
          .get(DEMO_ROUND) as number,
    );
    expect(asked).toBeGreaterThan(100);
    const finished: string[] = [];
    const started = performance.now();
    const pack = fetch(`${server.url}/reporting/${DEMO_ROUND}/report.pptx?lang=en%2Bzh`, {
      headers: { Cookie: viewer.cookie },
    }).then(async (response) => {
      const bytes = new Uint8Array(await response.arrayBuffer());
      finished.push('pack');
      return { response, bytes, ms: performance.now() - started };
    });
    // The build has begun once the queue refuses another file (asked a moment later, so that
    // the deck is the one running).
    await new Promise((resolve) => setTimeout(resolve, 1000));
    let refused: Response | null = null;
    for (let i = 0; i < 100 && !refused; i++) {
      const other = await fetch(`${server.url}/reporting/${DEMO_ROUND}/report.docx`, {
        method: 'GET',
        headers: { Cookie: viewer.cookie },
      });
      if (other.status === 429) refused = other;
      else await other.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(refused?.status).toBe(429);
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused?.text()).toMatch(/try again/);

    const latencies: Record<string, number> = {};
    for (const path of ['/', '/api/projects']) {
      const before = performance.now();
      const response = await fetch(`${server.url}${path}`);
      expect(response.status).toBe(200);
      await response.arrayBuffer();
      latencies[path] = performance.now() - before;
      finished.push(path);
    }
    const built = await pack;
    expect(built.response.status).toBe(200);
    expect(finished).toEqual(['/', '/api/projects', 'pack']);
    const parts = await readZip(built.bytes);
    const slides = [...parts.keys()].filter((name) => /^ppt\/slides\/slide\d+\.xml$/.test(name));
    expect(slides.length).toBeGreaterThan(asked);
    console.log(
      `pack of ${asked} projects: ${Math.round(built.ms)} ms, ${Math.round(built.bytes.byteLength / 1024)} KB; ` +
        `meanwhile / ${latencies['/']!.toFixed(0)} ms, /api/projects ${latencies['/api/projects']!.toFixed(0)} ms`,
    );
  }, 180_000);
});
