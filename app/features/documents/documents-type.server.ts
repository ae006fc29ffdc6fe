import { open } from 'node:fs/promises';

import yauzl from 'yauzl';

import type { DocumentMediaType } from '../../../db/vocabulary';

// A stored file's type is read from its first bytes (and, for Office files, the names inside the
// zip), never from its name or the type the browser claims: an HTML page renamed .pdf, an SVG or
// a program is refused, so nothing the hub serves can run in a reader's browser.

/** Entries of a zip read before giving up: an Office file names its parts in the first few dozen. */
const MAX_ZIP_ENTRIES = 5_000;

const startsWith = (head: Buffer, bytes: number[], at = 0) =>
  head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b);

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The image or PDF type the first bytes say, or null. */
export function typeFromMagic(head: Buffer): DocumentMediaType | null {
  if (startsWith(head, ascii('%PDF-'))) return 'application/pdf';
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'image/gif';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'image/webp';
  return null;
}

const OFFICE_PARTS: [string, DocumentMediaType][] = [
  ['word/document.xml', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  [
    'ppt/presentation.xml',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  ],
  ['xl/workbook.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
];

/** The names of a zip's entries (at most MAX_ZIP_ENTRIES), or null when it is not a readable zip. */
function zipEntryNames(path: string): Promise<Set<string> | null> {
  return new Promise((resolve) => {
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (error, zip) => {
      if (error || !zip) return resolve(null);
      const names = new Set<string>();
      let settled = false;
      const done = (value: Set<string> | null) => {
        if (settled) return;
        settled = true;
        zip.close();
        resolve(value);
      };
      zip.on('entry', (entry: yauzl.Entry) => {
        names.add(entry.fileName);
        if (names.size >= MAX_ZIP_ENTRIES) return done(names);
        zip.readEntry();
      });
      zip.on('end', () => done(names));
      zip.on('error', () => done(null));
      zip.readEntry();
    });
  });
}

/** The type of an Office Open XML file (DOCX, PPTX, XLSX) from the parts its zip holds, or null. */
export async function officeType(path: string): Promise<DocumentMediaType | null> {
  const names = await zipEntryNames(path);
  if (!names || !names.has('[Content_Types].xml')) return null;
  return OFFICE_PARTS.find(([part]) => names.has(part))?.[1] ?? null;
}

/** The stored file's type from its content, or null: not a PDF, Word, PowerPoint, Excel or image. */
export async function sniffDocumentType(path: string): Promise<DocumentMediaType | null> {
  const handle = await open(path, 'r');
  let head: Buffer;
  try {
    head = Buffer.alloc(16);
    const { bytesRead } = await handle.read(head, 0, 16, 0);
    head = head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const magic = typeFromMagic(head);
  if (magic) return magic;
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return officeType(path);
  return null;
}
