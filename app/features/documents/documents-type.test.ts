import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Document, Packer, Paragraph } from 'docx';
import PptxGenJS from 'pptxgenjs';
import { expect, test } from 'vitest';

import { sniffDocumentType } from './documents-type.server';
import { sampleHtml, samplePng, sampleXlsx, zipOf } from './sample-files';

const dir = mkdtempSync(join(tmpdir(), 'hub-sniff-'));
let n = 0;
function file(content: Buffer | string, name = 'upload.bin') {
  n += 1;
  const path = join(dir, `${n}-${name}`);
  writeFileSync(path, content);
  return path;
}

test('a PDF is known by %PDF- at its start, whatever its name', async () => {
  expect(await sniffDocumentType(file('%PDF-1.7\n%âãÏÓ\n', 'report.docx'))).toBe('application/pdf');
});

test('PNG, JPEG, GIF and WEBP images are known by their magic bytes', async () => {
  expect(await sniffDocumentType(file(samplePng(), 'x.pdf'))).toBe('image/png');
  expect(await sniffDocumentType(file(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])))).toBe(
    'image/jpeg',
  );
  expect(await sniffDocumentType(file('GIF89a\x01\x00\x01\x00'))).toBe('image/gif');
  expect(await sniffDocumentType(file('RIFF\x24\x00\x00\x00WEBPVP8 '))).toBe('image/webp');
});

test('a Word file written by the docx library is known from the parts inside its zip', async () => {
  const doc = new Document({ sections: [{ children: [new Paragraph('气候 climate')] }] });
  const path = file(await Packer.toBuffer(doc), 'notes.pdf');
  expect(await sniffDocumentType(path)).toBe(
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  );
});

test('a PowerPoint deck written by pptxgenjs is known from the parts inside its zip', async () => {
  const deck = new PptxGenJS();
  deck.addSlide().addText('Slide one', { x: 1, y: 1 });
  const buffer = (await deck.write({ outputType: 'nodebuffer' })) as Buffer;
  expect(await sniffDocumentType(file(buffer))).toBe(
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  );
});

test('a spreadsheet is known by xl/workbook.xml and [Content_Types].xml', async () => {
  expect(await sniffDocumentType(file(sampleXlsx()))).toBe(
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  );
});

test('an HTML page renamed .pdf, an SVG, a program, a plain zip and an empty file are refused', async () => {
  expect(await sniffDocumentType(file(sampleHtml(), 'report.pdf'))).toBeNull();
  expect(
    await sniffDocumentType(file('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')),
  ).toBeNull();
  expect(
    await sniffDocumentType(file(Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'))),
  ).toBeNull();
  expect(await sniffDocumentType(file(zipOf({ 'readme.txt': 'hello' })))).toBeNull();
  // Office's part without the content types of an Office file is not one.
  expect(await sniffDocumentType(file(zipOf({ 'word/document.xml': '<w/>' })))).toBeNull();
  expect(await sniffDocumentType(file(''))).toBeNull();
});

test('a file that starts like a zip but is broken is refused, not thrown on', async () => {
  expect(
    await sniffDocumentType(file(Buffer.from('PK\x03\x04garbage-after-the-magic'))),
  ).toBeNull();
});
