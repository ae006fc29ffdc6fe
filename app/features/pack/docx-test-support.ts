import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';

// The Word document read back as Word reads it: a zip of XML parts, parsed by a real XML parser
// (saxes), not a regex. Test code only; nothing of the app imports it.

/** The parts of a zip file by their paths. */
export function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const parts = new Map<string, Buffer>();
      zip.on('error', reject);
      zip.on('end', () => resolve(parts));
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', reject);
          stream.on('end', () => {
            parts.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

export interface DocRun {
  text: string;
  /** w:lang's val and eastAsia, and w:rFonts' eastAsia, as written on the run. */
  lang: string | null;
  eastAsiaLang: string | null;
  eastAsiaFont: string | null;
}

export type DocBlock =
  | { kind: 'p'; style: string | null; text: string; runs: DocRun[] }
  | { kind: 'table'; rows: string[][] };

export interface DocBody {
  /** The body's paragraphs and tables in order (paragraphs in a table are in its cells only). */
  blocks: DocBlock[];
  /** Every drawing's docPr: its name and description (the alternative text). */
  drawings: { name: string; descr: string }[];
}

/** word/document.xml (or a header) read as Word reads it: paragraphs with styles, runs, tables. */
export function readBody(xml: string): DocBody {
  const parser = new SaxesParser();
  const blocks: DocBlock[] = [];
  const drawings: DocBody['drawings'] = [];
  const tables: { rows: string[][] }[] = [];
  let paragraph: { style: string | null; text: string; runs: DocRun[] } | null = null;
  let current: DocRun | null = null;
  let inText = false;
  parser.on('opentag', (tag) => {
    const attr = (name: string) => {
      const value = tag.attributes[name];
      return typeof value === 'string' ? value : null;
    };
    switch (tag.name) {
      case 'w:tbl':
        tables.push({ rows: [] });
        break;
      case 'w:tr':
        tables.at(-1)?.rows.push([]);
        break;
      case 'w:tc':
        tables.at(-1)?.rows.at(-1)?.push('');
        break;
      case 'w:p':
        paragraph = { style: null, text: '', runs: [] };
        break;
      case 'w:pStyle':
        if (paragraph) paragraph.style = attr('w:val');
        break;
      case 'w:r':
        current = { text: '', lang: null, eastAsiaLang: null, eastAsiaFont: null };
        break;
      case 'w:lang':
        if (current) {
          current.lang = attr('w:val');
          current.eastAsiaLang = attr('w:eastAsia');
        }
        break;
      case 'w:rFonts':
        if (current) current.eastAsiaFont = attr('w:eastAsia');
        break;
      case 'w:t':
        inText = true;
        break;
      case 'w:tab':
        if (current && paragraph) {
          current.text += '\t';
          paragraph.text += '\t';
        }
        break;
      case 'wp:docPr':
        drawings.push({ name: attr('name') ?? '', descr: attr('descr') ?? '' });
        break;
    }
  });
  parser.on('text', (text) => {
    if (!inText || !paragraph) return;
    paragraph.text += text;
    if (current) current.text += text;
  });
  parser.on('closetag', (tag) => {
    switch (tag.name) {
      case 'w:t':
        inText = false;
        break;
      case 'w:r':
        if (current && paragraph) paragraph.runs.push(current);
        current = null;
        break;
      case 'w:p': {
        if (!paragraph) break;
        const row = tables.at(-1)?.rows.at(-1);
        if (tables.length > 0 && row && row.length > 0) {
          const i = row.length - 1;
          row[i] = row[i] ? `${row[i]}\n${paragraph.text}` : paragraph.text;
        } else {
          blocks.push({ kind: 'p', ...paragraph });
        }
        paragraph = null;
        break;
      }
      case 'w:tbl': {
        const table = tables.pop();
        if (table && tables.length === 0) blocks.push({ kind: 'table', rows: table.rows });
        break;
      }
    }
  });
  parser.write(xml).close();
  return { blocks, drawings };
}

/** The headings of a level, in order. */
export function headings(body: DocBody, level: 1 | 2 | 3): string[] {
  return body.blocks.flatMap((b) =>
    b.kind === 'p' && b.style === `Heading${level}` ? [b.text] : [],
  );
}

/** The blocks after the first heading with this text, up to the next heading of its level or above. */
export function sectionOf(body: DocBody, text: string): DocBlock[] {
  const start = body.blocks.findIndex(
    (b) => b.kind === 'p' && /^Heading\d$/.test(b.style ?? '') && b.text === text,
  );
  if (start < 0) throw new Error(`no heading “${text}”`);
  const level = Number((body.blocks[start] as { style: string }).style.slice(-1));
  const end = body.blocks.findIndex(
    (b, i) =>
      i > start &&
      b.kind === 'p' &&
      /^Heading\d$/.test(b.style ?? '') &&
      Number(b.style!.slice(-1)) <= level,
  );
  return body.blocks.slice(start + 1, end < 0 ? undefined : end);
}

/** All the text of some blocks, a line per paragraph and table row (cells joined by " | "). */
export function textOf(blocks: DocBlock[]): string {
  return blocks
    .map((b) => (b.kind === 'p' ? b.text : b.rows.map((r) => r.join(' | ')).join('\n')))
    .join('\n');
}
