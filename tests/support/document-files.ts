// Files for the tests of reading a document's text: good ones written by the writers people use
// (Chromium's print to PDF, the docx and pptxgenjs libraries), hostile ones written byte by byte.
import { writeFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

import { Document, Packer, Paragraph, Tab, TextRun } from 'docx';
import PptxGenJS from 'pptxgenjs';
import { chromium } from 'playwright-core';

import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../scripts/harness';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A PDF printed by Chromium with one page per entry of `pages` (each a list of paragraphs). */
export async function writePdf(path: string, pages: string[][]): Promise<void> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
  });
  try {
    const page = await browser.newPage();
    const body = pages
      .map(
        (paragraphs, i) =>
          `<section style="${i > 0 ? 'page-break-before:always' : ''}">${paragraphs
            .map((p) => `<p>${escapeHtml(p)}</p>`)
            .join('')}</section>`,
      )
      .join('');
    await page.setContent(
      `<!doctype html><html><head><meta charset="utf-8"><style>body{font-family:"WenQuanYi Zen Hei",sans-serif}</style></head><body>${body}</body></html>`,
    );
    writeFileSync(path, await page.pdf({ format: 'A4' }));
  } finally {
    await browser.close();
  }
}

/** A DOCX written with the docx library: one paragraph each; a "\t" becomes a real tab. */
export async function writeDocx(path: string, paragraphs: string[]): Promise<void> {
  const doc = new Document({
    sections: [
      {
        children: paragraphs.map(
          (text) =>
            new Paragraph({
              children: text
                .split('\t')
                .flatMap((piece, i) => [
                  ...(i > 0 ? [new TextRun({ children: [new Tab()] })] : []),
                  new TextRun(piece),
                ]),
            }),
        ),
      },
    ],
  });
  writeFileSync(path, await Packer.toBuffer(doc));
}

/** A PPTX written with pptxgenjs: one slide per entry of `slides` (each a list of text boxes). */
export async function writePptx(path: string, slides: string[][]): Promise<void> {
  const pptx = new PptxGenJS();
  for (const boxes of slides) {
    const slide = pptx.addSlide();
    boxes.forEach((text, i) => slide.addText(text, { x: 0.5, y: 0.5 + i, w: 9, h: 0.8 }));
  }
  const data = (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
  writeFileSync(path, data);
}

interface ZipEntry {
  name: string;
  /** The bytes as they unpack. */
  data?: Buffer;
  /** Or: already deflated bytes with the sizes to declare (a hostile file may lie about them). */
  deflated?: { bytes: Buffer; crc: number; size: number };
}

/** A zip written by hand (deflate, no data descriptors), to say what a hostile one declares. */
export function zipBytes(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const packed = entry.deflated ?? {
      bytes: deflateRawSync(entry.data ?? Buffer.alloc(0)),
      crc: crc32(entry.data ?? Buffer.alloc(0)),
      size: entry.data?.length ?? 0,
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(packed.crc >>> 0, 14);
    local.writeUInt32LE(packed.bytes.length, 18);
    local.writeUInt32LE(packed.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.crc >>> 0, 16);
    central.writeUInt32LE(packed.bytes.length, 20);
    central.writeUInt32LE(packed.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed.bytes);
    centrals.push(central, name);
    offset += local.length + name.length + packed.bytes.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A DOCX whose word/document.xml inflates to `megabytes` MB; `lie` declares it as 1 KB. */
export function zipBombDocx(megabytes: number, lie = false): Buffer {
  const size = megabytes * 1024 * 1024;
  const xml = Buffer.alloc(size, 'a');
  Buffer.from('<w:document><w:body><w:p><w:r><w:t>').copy(xml);
  const bytes = deflateRawSync(xml, { level: 9 });
  return zipBytes([
    { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
    {
      name: 'word/document.xml',
      deflated: { bytes, crc: crc32(xml), size: lie ? 1024 : size },
    },
  ]);
}

/** A PDF written by hand from its objects, with a correct xref table unless told otherwise. */
export function pdfBytes(objects: string[], trailer = ''): Buffer {
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body, 'latin1'));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body, 'latin1');
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) body += `${String(o).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/** A PDF whose page tree's /Kids points back at itself (a reader that follows it never ends). */
export function loopingPdf(): Buffer {
  return pdfBytes([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 3 >>',
    '<< /Type /Pages /Parent 2 0 R /Kids [2 0 R] /Count 2 >>',
  ]);
}

/** A PDF whose trailer's /Prev sends the reader back to the same xref table, forever. */
export function xrefLoopPdf(): Buffer {
  const objects = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [] /Count 0 >>'];
  const probe = pdfBytes(objects);
  const xref = Number(/startxref\n(\d+)/.exec(probe.toString('latin1'))![1]);
  return pdfBytes(objects, `/Prev ${xref} `);
}

/** A PDF that asks for a password (a standard security handler dictionary, RC4 40-bit). */
export function encryptedPdf(): Buffer {
  return pdfBytes(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
      `<< /Filter /Standard /V 1 /R 2 /O <${'11'.repeat(32)}> /U <${'22'.repeat(32)}> /P -4 >>`,
    ],
    `/Encrypt 4 0 R /ID [<${'33'.repeat(16)}> <${'33'.repeat(16)}>] `,
  );
}
