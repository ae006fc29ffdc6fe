import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { extractDocumentText } from './extract.server';
import {
  encryptedPdf,
  loopingPdf,
  writeDocx,
  writePdf,
  writePptx,
  xrefLoopPdf,
  zipBombDocx,
  zipBytes,
} from '../../../tests/support/document-files';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

let dir: string;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'extract-'));
  await writePdf(file('good.pdf'), [
    ['Carbon market capacity building in Guangdong', 'First page.'],
    ['第二页：广东省碳排放权交易试点', 'Second page about emissions trading.'],
    ['Third page: 建筑节能 building energy efficiency'],
  ]);
  await writeDocx(
    file('good.docx'),
    Array.from({ length: 45 }, (_, i) =>
      i === 0
        ? 'Urban\tclimate adaptation 城市气候适应 opening paragraph'
        : `Paragraph ${i + 1} 段落${i + 1}`,
    ),
  );
  await writePptx(file('good.pptx'), [
    ['Slide one: sponge city 海绵城市'],
    ['Slide two: 可再生能源 renewable energy', 'Second box'],
    ['Slide three: methane 甲烷'],
  ]);
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('good files', () => {
  test('a PDF printed by Chromium reads as one part per page, English and Chinese', async () => {
    const result = await extractDocumentText(file('good.pdf'), PDF);
    expect(result).toMatchObject({ ok: true, partKind: 'page' });
    if (!result.ok) return;
    expect(result.parts.map((p) => p.part)).toEqual([1, 2, 3]);
    expect(result.parts[0]!.text).toContain('Carbon market capacity building in Guangdong');
    expect(result.parts[1]!.text).toContain('广东省碳排放权交易试点');
    expect(result.parts[1]!.text).toContain('Second page about emissions trading.');
    expect(result.parts[2]!.text).toContain('建筑节能');
  });

  test('a DOCX reads as blocks of twenty paragraphs, tabs as spaces', async () => {
    const result = await extractDocumentText(file('good.docx'), DOCX);
    expect(result).toMatchObject({ ok: true, partKind: 'paragraph' });
    if (!result.ok) return;
    expect(result.parts.map((p) => p.part)).toEqual([1, 2, 3]);
    expect(result.parts[0]!.text).toMatch(
      /^Urban climate adaptation 城市气候适应 opening paragraph Paragraph 2 段落2 /,
    );
    expect(result.parts[0]!.text).toMatch(/Paragraph 20 段落20$/);
    expect(result.parts[1]!.text).toMatch(/^Paragraph 21 段落21 .* Paragraph 40 段落40$/);
    expect(result.parts[2]!.text).toBe(
      'Paragraph 41 段落41 Paragraph 42 段落42 Paragraph 43 段落43 Paragraph 44 段落44 Paragraph 45 段落45',
    );
  });

  test('a PPTX reads as one part per slide in presentation order', async () => {
    const result = await extractDocumentText(file('good.pptx'), PPTX);
    expect(result).toMatchObject({ ok: true, partKind: 'slide' });
    if (!result.ok) return;
    expect(result.parts).toEqual([
      { part: 1, text: 'Slide one: sponge city 海绵城市' },
      { part: 2, text: 'Slide two: 可再生能源 renewable energy Second box' },
      { part: 3, text: 'Slide three: methane 甲烷' },
    ]);
  });

  test('text over the cap is cut off and the file still reads', async () => {
    const result = await extractDocumentText(file('good.docx'), DOCX, { maxTextChars: 30 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.parts.map((p) => p.text).join('').length).toBe(30);
  });

  test('a media type without a text reader is refused without starting a worker', async () => {
    expect(await extractDocumentText(file('good.pdf'), 'image/png')).toMatchObject({
      ok: false,
      reason: 'unreadable',
    });
  });
});

describe('hostile files fail alone, each with its reason', () => {
  test('a zip bomb (document.xml inflating past the part cap) is too large', async () => {
    writeFileSync(file('bomb.docx'), zipBombDocx(60));
    const started = Date.now();
    expect(await extractDocumentText(file('bomb.docx'), DOCX)).toMatchObject({
      ok: false,
      reason: 'too-large',
    });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  test('a zip bomb that declares a small size is stopped while it inflates', async () => {
    writeFileSync(file('liar.docx'), zipBombDocx(60, true));
    // yauzl notices the lie (more bytes than declared) before the part cap is reached.
    expect(await extractDocumentText(file('liar.docx'), DOCX)).toMatchObject({
      ok: false,
      reason: 'too-large',
    });
  });

  test('the streaming caps hold even when the declared sizes pass', async () => {
    writeFileSync(file('bomb-small.docx'), zipBombDocx(3));
    expect(
      await extractDocumentText(file('bomb-small.docx'), DOCX, { maxPartBytes: 2 * 1024 * 1024 }),
    ).toMatchObject({ ok: false, reason: 'too-large' });
    expect(
      await extractDocumentText(file('bomb-small.docx'), DOCX, { maxCompressionRatio: 10 }),
    ).toMatchObject({ ok: false, reason: 'too-large' });
  });

  test('a zip with more entries than the cap is too large', async () => {
    writeFileSync(
      file('many.docx'),
      zipBytes(
        Array.from({ length: 30 }, (_, i) => ({ name: `f${i}.xml`, data: Buffer.from('x') })),
      ),
    );
    expect(await extractDocumentText(file('many.docx'), DOCX, { maxZipEntries: 20 })).toMatchObject(
      { ok: false, reason: 'too-large' },
    );
  });

  test('a PDF cut in half is unreadable', async () => {
    const whole = readFileSync(file('good.pdf'));
    writeFileSync(file('half.pdf'), whole.subarray(0, Math.floor(whole.length / 2)));
    const result = await extractDocumentText(file('half.pdf'), PDF);
    expect(result).toMatchObject({ ok: false });
    expect(['unreadable', 'timeout']).toContain(result.ok ? '' : result.reason);
  });

  test('a PDF whose page tree loops back on itself fails within the time limit', async () => {
    writeFileSync(file('loop.pdf'), loopingPdf());
    const started = Date.now();
    const result = await extractDocumentText(file('loop.pdf'), PDF, { timeoutMs: 5_000 });
    expect(result.ok).toBe(false);
    expect(['unreadable', 'timeout']).toContain(result.ok ? '' : result.reason);
    expect(Date.now() - started).toBeLessThan(7_000);
  });

  test('a PDF whose xref /Prev points at itself fails within the time limit', async () => {
    writeFileSync(file('xref.pdf'), xrefLoopPdf());
    const started = Date.now();
    const result = await extractDocumentText(file('xref.pdf'), PDF, { timeoutMs: 5_000 });
    expect(result.ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(7_000);
  });

  test('a password-protected PDF is encrypted', async () => {
    writeFileSync(file('locked.pdf'), encryptedPdf());
    expect(await extractDocumentText(file('locked.pdf'), PDF)).toMatchObject({
      ok: false,
      reason: 'encrypted',
    });
  });

  test('an HTML page named .pdf, a PDF named .docx and an empty file are unreadable', async () => {
    writeFileSync(file('page.pdf'), '<!doctype html><html><body>Not a PDF</body></html>');
    writeFileSync(file('empty.pptx'), '');
    for (const [name, type] of [
      ['page.pdf', PDF],
      ['good.pdf', DOCX],
      ['empty.pptx', PPTX],
      ['missing.pdf', PDF],
    ] as const) {
      expect(await extractDocumentText(file(name), type), name).toMatchObject({
        ok: false,
        reason: 'unreadable',
      });
    }
  });

  test('a file that takes longer than the time limit is stopped as a timeout', async () => {
    const result = await extractDocumentText(file('good.pdf'), PDF, { timeoutMs: 1 });
    expect(result).toMatchObject({ ok: false, reason: 'timeout' });
  });

  test('a worker that runs out of memory fails as too large', async () => {
    // 60 MB of one paragraph's text in a 16 MB heap.
    writeFileSync(file('big.docx'), zipBombDocx(30));
    const result = await extractDocumentText(file('big.docx'), DOCX, {
      maxHeapMb: 16,
      maxCompressionRatio: 1e9,
      maxTextChars: 1e9,
    });
    expect(result).toMatchObject({ ok: false, reason: 'too-large' });
  });

  test('after every kind of failure the next good file still reads', async () => {
    const results = await Promise.all([
      extractDocumentText(file('bomb.docx'), DOCX),
      extractDocumentText(file('loop.pdf'), PDF, { timeoutMs: 3_000 }),
      extractDocumentText(file('page.pdf'), PDF),
      extractDocumentText(file('good.pptx'), PPTX),
      extractDocumentText(file('good.pdf'), PDF),
    ]);
    expect(results.slice(0, 3).every((r) => !r.ok)).toBe(true);
    expect(results[3]).toMatchObject({ ok: true, partKind: 'slide' });
    expect(results[4]).toMatchObject({ ok: true, partKind: 'page' });
  });
});
