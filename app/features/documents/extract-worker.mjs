// Reads the text of one PDF, DOCX or PPTX file inside a worker thread (started by
// extract.server.ts, which limits its memory and wall time and terminates it on a timeout). Plain
// JavaScript so that the built server and tsx both run it as it is. Posts exactly one message:
// { ok: true, partKind, parts } or { ok: false, reason, detail }.
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';

const PDF = 'application/pdf';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

/** A failure with its reason (one of EXTRACT_FAILURES). */
class Refusal extends Error {
  constructor(reason, detail) {
    super(detail);
    this.reason = reason;
  }
}

// C0 controls (NUL included) and the replacement/BOM characters carry no text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufeff\ufffd]/g;
const normalise = (text) => text.replace(CONTROL, '').replace(/\s+/g, ' ').trim();

/** Keeps parts while the total text stays under the cap; the rest is cut, not failed. */
function partCollector(maxTextChars) {
  const parts = [];
  let total = 0;
  return {
    parts,
    get full() {
      return total >= maxTextChars;
    },
    add(raw) {
      const number = parts.length + 1;
      let text = normalise(raw);
      if (total >= maxTextChars) return false;
      if (total + text.length > maxTextChars) text = text.slice(0, maxTextChars - total);
      total += text.length;
      parts.push({ part: number, text });
      return total < maxTextChars;
    },
  };
}

// ---------- PDF ----------

async function readPdf(path, limits) {
  const data = new Uint8Array(await readFile(path));
  // Not a PDF at all (an HTML page saved as .pdf, an empty file): say so before pdf.js guesses.
  const head = Buffer.from(data.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) throw new Refusal('unreadable', 'no PDF header');
  const pdfjsPath = createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.mjs');
  const pdfjs = await import(pathToFileURL(pdfjsPath).href);
  const root = join(dirname(pdfjsPath), '..', '..');
  const task = pdfjs.getDocument({
    data,
    disableFontFace: true,
    isEvalSupported: false,
    useSystemFonts: false,
    disableAutoFetch: true,
    disableStream: true,
    useWorkerFetch: false,
    stopAtErrors: false,
    verbosity: 0,
    cMapUrl: join(root, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(root, 'standard_fonts') + '/',
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (error) {
    if (error?.name === 'PasswordException') throw new Refusal('encrypted', error.message);
    throw new Refusal('unreadable', error?.message ?? String(error));
  }
  try {
    const collector = partCollector(limits.maxTextChars);
    const pages = Math.min(doc.numPages, limits.maxParts);
    let broken = 0;
    for (let n = 1; n <= pages; n++) {
      let text = '';
      try {
        const page = await doc.getPage(n);
        const content = await page.getTextContent();
        for (const item of content.items) {
          if (typeof item.str !== 'string') continue;
          text += item.str;
          if (item.hasEOL) text += ' ';
        }
        page.cleanup();
      } catch {
        // One broken page of a readable file: a part without text; a file whose pages all break
        // is unreadable (below).
        broken++;
        text = '';
      }
      if (!collector.add(text)) break;
    }
    if (pages === 0 || broken === collector.parts.length) {
      throw new Refusal('unreadable', pages === 0 ? 'no pages' : 'no page could be read');
    }
    return { ok: true, partKind: 'page', parts: collector.parts };
  } catch (error) {
    if (error instanceof Refusal) throw error;
    throw new Refusal('unreadable', error?.message ?? String(error));
  } finally {
    await doc.destroy();
  }
}

// ---------- ZIP (DOCX, PPTX) ----------

function openZip(path) {
  return new Promise((resolve, reject) => {
    yauzl.open(
      path,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, autoClose: true },
      (error, zip) => (error ? reject(new Refusal('unreadable', error.message)) : resolve(zip)),
    );
  });
}

/**
 * Walks a zip's entries once; for each name `wanted` returns a handler for, streams the entry's
 * bytes into it, counting them against the caps (any entry, all entries, the compression ratio),
 * and stops at the first cap exceeded ('too-large').
 */
async function walkZip(path, limits, wanted) {
  const zip = await openZip(path);
  if (zip.entryCount > limits.maxZipEntries) {
    zip.close();
    throw new Refusal('too-large', `${zip.entryCount} entries`);
  }
  let total = 0;
  await new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error) => {
      if (settled) return;
      settled = true;
      try {
        zip.close();
      } catch {
        // already closed
      }
      // An entry inflating past the size it declared is how a zip bomb hides: yauzl stops it.
      const tooBig = /too many bytes/.test(error?.message ?? '');
      reject(
        error instanceof Refusal
          ? error
          : new Refusal(tooBig ? 'too-large' : 'unreadable', error?.message),
      );
    };
    zip.on('error', fail);
    zip.on('end', () => {
      if (!settled) {
        settled = true;
        resolve();
      }
    });
    zip.on('entry', (entry) => {
      if (settled) return;
      const handler = /\/$/.test(entry.fileName) ? undefined : wanted(entry.fileName);
      if (!handler) {
        zip.readEntry();
        return;
      }
      const declared = entry.uncompressedSize;
      if (declared > limits.maxPartBytes) return fail(new Refusal('too-large', entry.fileName));
      if (total + declared > limits.maxTotalBytes) return fail(new Refusal('too-large', 'total'));
      const compressed = Math.max(entry.compressedSize, 1);
      if (declared > 1024 * 1024 && declared / compressed > limits.maxCompressionRatio) {
        return fail(new Refusal('too-large', `${entry.fileName} compression ratio`));
      }
      zip.openReadStream(entry, (error, stream) => {
        if (error) return fail(error);
        let bytes = 0;
        stream.on('data', (chunk) => {
          bytes += chunk.length;
          total += chunk.length;
          if (bytes > limits.maxPartBytes || total > limits.maxTotalBytes) {
            stream.destroy();
            return fail(new Refusal('too-large', entry.fileName));
          }
          try {
            handler.write(chunk);
          } catch (parseError) {
            stream.destroy();
            fail(parseError);
          }
        });
        stream.on('error', fail);
        stream.on('end', () => {
          if (settled) return;
          try {
            handler.end();
          } catch (parseError) {
            return fail(parseError);
          }
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
}

/** A streaming XML reader: feed it chunks, it calls back for opening/closing tags and text. */
function xmlReader({ open, close, text }) {
  const parser = new SaxesParser({ xmlns: false });
  const decoder = new TextDecoder('utf-8');
  parser.on('error', (error) => {
    throw new Refusal('unreadable', error.message);
  });
  if (open) parser.on('opentag', open);
  if (close) parser.on('closetag', close);
  if (text) parser.on('text', text);
  return {
    write(chunk) {
      parser.write(decoder.decode(chunk, { stream: true }));
    },
    end() {
      parser.write(decoder.decode());
      parser.close();
    },
  };
}

/** DOCX: the paragraphs of word/document.xml (w:t texts; tabs and breaks as spaces) in blocks. */
async function readDocx(path, limits) {
  const paragraphs = [];
  let found = false;
  await walkZip(path, limits, (name) => {
    if (name !== 'word/document.xml') return undefined;
    found = true;
    let current = null;
    let inText = false;
    let size = 0;
    return xmlReader({
      open(tag) {
        if (tag.name === 'w:p') current = '';
        else if (tag.name === 'w:t') inText = true;
        else if (current !== null && ['w:tab', 'w:br', 'w:cr'].includes(tag.name)) current += ' ';
      },
      close(tag) {
        if (tag.name === 'w:t') inText = false;
        else if (tag.name === 'w:p' && current !== null) {
          const text = normalise(current);
          if (text && size < limits.maxTextChars) {
            paragraphs.push(text);
            size += text.length;
          }
          current = null;
        }
      },
      text(value) {
        if (inText && current !== null) current += value;
      },
    });
  });
  if (!found) throw new Refusal('unreadable', 'no word/document.xml');
  const collector = partCollector(limits.maxTextChars);
  for (let i = 0; i < paragraphs.length; i += limits.paragraphsPerBlock) {
    if (collector.parts.length >= limits.maxParts) break;
    if (!collector.add(paragraphs.slice(i, i + limits.paragraphsPerBlock).join(' '))) break;
  }
  return { ok: true, partKind: 'paragraph', parts: collector.parts };
}

/** PPTX: the a:t texts of each slide, in the order ppt/presentation.xml lists them. */
async function readPptx(path, limits) {
  const order = []; // relationship ids, in presentation order
  const targets = new Map(); // relationship id → slide path inside the zip
  const slides = new Map(); // slide path → its text
  let sawPresentation = false;
  let size = 0;
  await walkZip(path, limits, (name) => {
    if (name === 'ppt/presentation.xml') {
      sawPresentation = true;
      return xmlReader({
        open(tag) {
          if (tag.name === 'p:sldId') {
            const id = tag.attributes['r:id'];
            if (typeof id === 'string') order.push(id);
          }
        },
      });
    }
    if (name === 'ppt/_rels/presentation.xml.rels') {
      return xmlReader({
        open(tag) {
          if (tag.name !== 'Relationship') return;
          const { Id: id, Target: target } = tag.attributes;
          if (typeof id !== 'string' || typeof target !== 'string') return;
          const resolved = target.startsWith('/')
            ? target.slice(1)
            : `ppt/${target}`.replace(/\/\.\//g, '/');
          targets.set(id, resolved);
        },
      });
    }
    if (/^ppt\/slides\/slide\d+\.xml$/.test(name)) {
      let text = '';
      let inText = false;
      const xml = xmlReader({
        open(tag) {
          if (tag.name === 'a:t') inText = true;
          else if (tag.name === 'a:br') text += ' ';
        },
        close(tag) {
          if (tag.name === 'a:t') inText = false;
          else if (tag.name === 'a:p') text += ' ';
        },
        text(value) {
          if (inText && size < limits.maxTextChars) {
            text += value;
            size += value.length;
          }
        },
      });
      return {
        write: (chunk) => xml.write(chunk),
        end: () => {
          xml.end();
          slides.set(name, text);
        },
      };
    }
    return undefined;
  });
  if (!sawPresentation) throw new Refusal('unreadable', 'no ppt/presentation.xml');
  const collector = partCollector(limits.maxTextChars);
  for (const id of order) {
    if (collector.parts.length >= limits.maxParts) break;
    const target = targets.get(id);
    if (!collector.add(target ? (slides.get(target) ?? '') : '')) break;
  }
  return { ok: true, partKind: 'slide', parts: collector.parts };
}

async function extract({ path, mediaType, limits }) {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new Refusal('unreadable', 'no such file');
  if (info.size > limits.maxFileBytes) throw new Refusal('too-large', `${info.size} bytes`);
  if (mediaType === PDF) return readPdf(path, limits);
  if (mediaType === DOCX) return readDocx(path, limits);
  if (mediaType === PPTX) return readPptx(path, limits);
  throw new Refusal('unreadable', `no text reader for ${mediaType}`);
}

try {
  parentPort.postMessage(await extract(workerData));
} catch (error) {
  if (error instanceof Refusal) {
    parentPort.postMessage({ ok: false, reason: error.reason, detail: error.message });
  } else {
    parentPort.postMessage({ ok: false, reason: 'unreadable', detail: String(error?.message) });
  }
}
