import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';

// What the deck's tests read back from a produced PPTX (decision 0077): the zip's slide parts,
// parsed with a real XML parser (saxes), as shapes with their paragraphs, runs, tables and
// pictures. Test code only; nothing of the app imports it.

export interface Run {
  text: string;
  lang: string | null;
  /** The East-Asian typeface of the run (a:ea), if set. */
  eastAsian: string | null;
}

export interface Shape {
  /** p:cNvPr's name ("Heading", "Footer"… for the shapes the deck names). */
  name: string;
  /** Its paragraphs' text (text boxes, and each table cell's paragraphs). */
  paragraphs: string[];
  runs: Run[];
  placeholder: boolean;
}

export interface SlidePart {
  number: number;
  shapes: Shape[];
  pictures: { name: string; descr: string | null }[];
  /** Table rows as cell texts (a cell's paragraphs joined by a line break). */
  tables: string[][][];
  /** Every a:t of the slide, in order. */
  texts: string[];
}

/** The zip's entries as buffers, by name. */
export function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('not a zip'));
      const files = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (err, stream) => {
          if (err || !stream) return reject(err ?? new Error('no stream'));
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => resolve(files));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

function parseSlide(number: number, xml: string): SlidePart {
  const slide: SlidePart = { number, shapes: [], pictures: [], tables: [], texts: [] };
  const parser = new SaxesParser();
  let shape: Shape | null = null;
  let picture: { name: string; descr: string | null } | null = null;
  let paragraph: string | null = null;
  let run: Run | null = null;
  let inText = false;
  let table: string[][] | null = null;
  let cell: string[] | null = null;
  parser.on('opentag', (tag) => {
    const a = (name: string) => {
      const value = tag.attributes[name];
      return typeof value === 'string' ? value : null;
    };
    switch (tag.name) {
      case 'p:sp':
      case 'p:graphicFrame':
        shape = { name: '', paragraphs: [], runs: [], placeholder: false };
        break;
      case 'p:pic':
        picture = { name: '', descr: null };
        break;
      case 'p:cNvPr':
        if (picture) Object.assign(picture, { name: a('name') ?? '', descr: a('descr') });
        else if (shape) shape.name = a('name') ?? '';
        break;
      case 'p:ph':
        if (shape) shape.placeholder = true;
        break;
      case 'a:tbl':
        table = [];
        break;
      case 'a:tr':
        table?.push([]);
        break;
      case 'a:tc':
        cell = [];
        break;
      case 'a:p':
        paragraph = '';
        break;
      case 'a:r':
      case 'a:fld':
        run = { text: '', lang: null, eastAsian: null };
        break;
      case 'a:rPr':
        if (run) run.lang = a('lang');
        break;
      case 'a:ea':
        if (run) run.eastAsian = a('typeface');
        break;
      case 'a:t':
        inText = true;
        break;
    }
  });
  parser.on('text', (text) => {
    if (!inText) return;
    if (run) run.text += text;
    if (paragraph !== null) paragraph += text;
    slide.texts.push(text);
  });
  parser.on('closetag', (tag) => {
    switch (tag.name) {
      case 'a:t':
        inText = false;
        break;
      case 'a:r':
      case 'a:fld':
        if (run && shape) (shape as Shape).runs.push(run);
        run = null;
        break;
      case 'a:p':
        if (paragraph !== null) {
          if (cell) cell.push(paragraph);
          else if (shape) (shape as Shape).paragraphs.push(paragraph);
        }
        paragraph = null;
        break;
      case 'a:tc':
        if (cell && table) table.at(-1)!.push(cell.join('\n'));
        if (cell && shape) (shape as Shape).paragraphs.push(...cell);
        cell = null;
        break;
      case 'a:tbl':
        if (table) slide.tables.push(table);
        table = null;
        break;
      case 'p:sp':
      case 'p:graphicFrame':
        if (shape) slide.shapes.push(shape);
        shape = null;
        break;
      case 'p:pic':
        if (picture) slide.pictures.push(picture);
        picture = null;
        break;
    }
  });
  parser.write(xml).close();
  return slide;
}

/** The deck's slides in order (slide1.xml, slide2.xml…: pptxgenjs numbers them as it adds them). */
export async function readSlides(pptx: Buffer): Promise<SlidePart[]> {
  const files = await unzip(pptx);
  const numbers = [...files.keys()]
    .map((name) => /^ppt\/slides\/slide(\d+)\.xml$/.exec(name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  return numbers.map((n) => parseSlide(n, files.get(`ppt/slides/slide${n}.xml`)!.toString('utf8')));
}

/** The slide's heading (the shape the deck names "Heading"), its paragraphs. */
export const heading = (slide: SlidePart): string[] =>
  slide.shapes.find((s) => s.name === 'Heading')?.paragraphs ?? [];

/** All of a slide's text but its footer, one paragraph a line. */
export const bodyText = (slide: SlidePart): string =>
  slide.shapes
    .filter((s) => s.name !== 'Footer')
    .flatMap((s) => s.paragraphs)
    .join('\n');
