import { createReadStream } from 'node:fs';

import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';

import { HUB_NS, IATI_VERSIONS, isReadVersion } from './codes';
import type { ReadItem } from './read-types';
import { type ElementNode, toNode } from './read-tree';
import { ReadLog, Tallies, type Tally, tally } from './read-log';
import { ActivityMapper, type RootDefaults } from './read-activity';
import { type CountryChoice, DEFAULT_COUNTRIES } from './country-choice';

// A streaming reader of IATI activity files: the file is read chunk by chunk and handed on one
// <iati-activity> at a time, so a 50 MB file never sits in memory. Each activity is first kept as
// a small element tree (only the elements the hub stores; everything else is skipped unbuilt),
// then checked and turned into a plain object (read-activity.ts).

export type { IatiActivity, IatiProblem, ReadItem, ReadSummary } from './read-types';

/**
 * DAC recipient-region codes (vocabulary 1) that count as "for China" when an activity names no
 * recipient-country CN. Empty by default, on purpose: in the real files, 789 "Far East Asia" is
 * given to an EU–Indonesia/Vietnam facility and 798 "Asia, regional" to a Bangladesh–Sri Lanka
 * project, so a region says nothing about China. `--regions 789,798` (or `regions`) opts in.
 */
export const DEFAULT_CHINA_REGIONS: readonly string[] = [];

/** A text longer than this (a 1 MB "narrative") is cut, with a warning. */
const MAX_TEXT = 100_000;
/**
 * Elements nested deeper than this refuse the file; <iati-activities> is level 1. The deepest
 * element IATI 2.03 defines is at level 9 (…/result/indicator/period/target/document-link/title/
 * narrative), the real files go to 8. The limit is checked as each start tag begins, before saxes
 * resolves its namespace: saxes looks a prefix up through every open element, so without a limit
 * each element costs time in proportion to its depth and a deep file quadratic time (40 000
 * levels, 280 KB: 11 s), during which no other request is answered.
 */
export const MAX_DEPTH = 64;

export interface ReadOptions {
  /** The recipient countries whose activities are read (default DEFAULT_COUNTRIES: China). */
  countries?: CountryChoice;
  /** DAC region codes that count as China (default DEFAULT_CHINA_REGIONS). */
  regions?: readonly string[];
  /** Called after each chunk with the bytes read so far. */
  onProgress?: (bytesRead: number) => void;
  /** Bytes per chunk (default 64 KiB). */
  chunkSize?: number;
}

/** The children of iati-activity the hub stores; the others are skipped without being built. */
const READ_ELEMENTS = new Set([
  'iati-identifier',
  'reporting-org',
  'other-identifier',
  'title',
  'description',
  'activity-status',
  'activity-date',
  'recipient-country',
  'recipient-region',
  'participating-org',
  'location',
  'sector',
  'related-activity',
  'result',
  'budget',
  'document-link',
]);

class HardStop extends Error {}

type ActivityHandler = (node: ElementNode, activityIgnored: Tally, root: RootDefaults) => void;

/**
 * XML events to element trees: builds the tree of each <iati-activity> and hands it on when its
 * end tag is read. Refuses, by throwing HardStop, what must not be read further: a DTD, another
 * encoding than UTF-8, XML that is not well-formed, another root or version, nesting deeper than
 * MAX_DEPTH.
 */
class ElementReader {
  private readonly parser = new SaxesParser({ xmlns: true, position: true });
  private rootSeen = false;
  private readonly root: RootDefaults = { version: '', lang: 'en' };
  /** The open elements of the whole document. */
  private depth = 0;
  /** Depth of the current iati-activity element (0: none open). */
  private activityDepth = 0;
  private activity: ElementNode | null = null;
  /** Elements of the activity being read that are not imported; they count if it is kept. */
  private activityIgnored: Tally = new Map();
  /** The open elements of the activity tree being built. */
  private readonly stack: ElementNode[] = [];
  /** >0 while inside an element that is skipped (not built). */
  private skipDepth = 0;
  private tagLine = 1;

  constructor(
    private readonly log: ReadLog,
    private readonly tallies: Tallies,
    private readonly onActivity: ActivityHandler,
  ) {
    const parser = this.parser;
    parser.on('doctype', () => {
      this.refuse(parser.line, 'The file has a DOCTYPE: DTDs and entity declarations are refused.');
    });
    parser.on('xmldecl', (decl) => {
      if (decl.encoding && !/^utf-?8$/i.test(decl.encoding)) {
        this.refuse(parser.line, `The file is declared as ${decl.encoding}; only UTF-8 is read.`);
      }
    });
    parser.on('error', (err) => {
      const message = err.message.replace(/^[^:]*:\d+:\d+: /, '');
      this.refuse(parser.line, `Not well-formed XML: ${message}`);
    });
    parser.on('opentagstart', (tag) => {
      this.tagLine = parser.line;
      // `depth` counts the open elements, so this one is at level depth + 1.
      if (this.depth >= MAX_DEPTH) {
        this.refuse(
          this.tagLine,
          `<${tag.name}> is nested ${this.depth + 1} levels deep; at most ${MAX_DEPTH} are read (<iati-activities> is level 1), so the file is not read further.`,
        );
      }
    });
    parser.on('opentag', (tag: SaxesTagNS) => this.open(tag));
    parser.on('text', (text) => this.addText(text));
    parser.on('cdata', (text) => this.addText(text));
    parser.on('closetag', () => this.close());
  }

  write(chunk: string): void {
    this.parser.write(chunk);
  }

  /** The end of the file: what is still open is an error, then the file-wide tallies. */
  end(): void {
    this.parser.close();
    if (!this.rootSeen)
      this.log.report('error', this.parser.line, 'The file holds no XML element.');
    this.tallies.reportTo(this.log);
  }

  private refuse(line: number, message: string): never {
    this.log.report('error', line, message);
    throw new HardStop();
  }

  private open(tag: SaxesTagNS): void {
    this.depth += 1;
    const line = this.tagLine;
    if (this.depth === 1) return this.openRoot(tag, line);
    if (this.depth === 2) return this.openTopLevel(tag, line);
    if (this.skipDepth > 0) {
      this.skipDepth += 1;
      return;
    }
    if (!this.activity) return;
    if (tag.uri !== '' && tag.uri !== HUB_NS) {
      tally(this.activityIgnored, `<${tag.name}> (namespace ${tag.uri})`, line);
      this.skipDepth = 1;
      return;
    }
    if (this.depth === this.activityDepth + 1 && tag.uri === '' && !READ_ELEMENTS.has(tag.local)) {
      tally(this.activityIgnored, `<${tag.local}>`, line);
      this.skipDepth = 1;
      return;
    }
    const node = toNode(tag, line);
    this.stack[this.stack.length - 1]!.children.push(node);
    this.stack.push(node);
  }

  private openRoot(tag: SaxesTagNS, line: number): void {
    const attrs = tag.attributes as Record<string, SaxesAttributeNS>;
    this.rootSeen = true;
    if (tag.uri !== '' || tag.local !== 'iati-activities') {
      this.refuse(line, `The root element is <${tag.name}>, not <iati-activities>.`);
    }
    const version = attrs.version?.value.trim();
    if (!version) this.refuse(line, 'The root element has no IATI version.');
    if (!isReadVersion(version)) {
      this.refuse(line, `IATI version ${version} is not read (only ${IATI_VERSIONS.join(', ')}).`);
    }
    this.root.version = version;
    this.root.lang = attrs['xml:lang']?.value.trim().toLowerCase().slice(0, 2) || 'en';
    this.tallies.noteForeign(attrs, line, ['version']);
  }

  private openTopLevel(tag: SaxesTagNS, line: number): void {
    if (tag.uri !== '' || tag.local !== 'iati-activity') {
      this.tallies.noteIgnored(`<${tag.name}> outside an activity`, line);
      this.skipDepth = 1;
      return;
    }
    this.activityDepth = this.depth;
    this.activityIgnored = new Map();
    this.activity = toNode(tag, line);
    this.stack.length = 0;
    this.stack.push(this.activity);
  }

  private addText(text: string): void {
    if (this.skipDepth > 0 || this.stack.length === 0) return;
    const node = this.stack[this.stack.length - 1]!;
    if (node.isTruncated) return;
    node.text += text;
    if (node.text.length > MAX_TEXT) {
      node.text = node.text.slice(0, MAX_TEXT);
      node.isTruncated = true;
      this.log.report(
        'warning',
        this.parser.line,
        `<${node.name}> is longer than ${MAX_TEXT} characters and was cut.`,
      );
    }
  }

  private close(): void {
    this.depth -= 1;
    if (this.skipDepth > 0) {
      this.skipDepth -= 1;
      return;
    }
    if (!this.activity) return;
    this.stack.pop();
    if (this.depth + 1 === this.activityDepth) {
      this.onActivity(this.activity, this.activityIgnored, this.root);
      this.activity = null;
      this.activityDepth = 0;
    }
  }
}

/**
 * Reads an IATI file and yields each activity of the chosen countries (China unless told) and each problem as soon as it is known, and
 * last a summary.
 * Hard errors (`severity: 'error'`) mean the file must be refused as a whole: the caller keeps
 * reading to list them all, but writes nothing. Not well-formed XML, a DTD, an unknown version or
 * nesting deeper than MAX_DEPTH end the reading at once.
 */
export async function* readIatiFile(
  path: string,
  options: ReadOptions = {},
): AsyncGenerator<ReadItem> {
  const log = new ReadLog();
  const tallies = new Tallies();
  const countries = options.countries ?? DEFAULT_COUNTRIES;
  const mapper = new ActivityMapper(
    countries === 'all' ? 'all' : new Set(countries),
    new Set(options.regions ?? DEFAULT_CHINA_REGIONS),
    log,
    tallies,
  );
  const reader = new ElementReader(log, tallies, (node, ignored, root) =>
    mapper.finish(node, ignored, root),
  );

  const stream = createReadStream(path, {
    encoding: 'utf8',
    highWaterMark: options.chunkSize ?? 64 * 1024,
  });
  let stopped = false;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      log.summary.bytesRead = stream.bytesRead;
      try {
        reader.write(chunk);
      } catch (err) {
        if (!(err instanceof HardStop)) throw err;
        stopped = true;
      }
      options.onProgress?.(stream.bytesRead);
      yield* log.drain();
      if (stopped) break;
    }
    if (!stopped) {
      try {
        reader.end();
      } catch (err) {
        if (!(err instanceof HardStop)) throw err;
      }
    }
  } finally {
    stream.destroy();
  }
  yield* log.drain();
  yield { kind: 'end', summary: log.summary };
}
