import { createReadStream } from 'node:fs';

import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';

import { type PartialDate, parsePartialDate } from '../../../db/dates';
import { HUB_NS, IATI_DATE_TYPES, WGS84 } from './codes';

// A streaming reader of IATI activity files: the file is read chunk by chunk and handed on one
// <iati-activity> at a time, so a 50 MB file never sits in memory. Each activity is first kept as
// a small element tree (only the elements the hub stores; everything else is skipped unbuilt),
// then checked and turned into a plain object.

/** The IATI versions the reader understands. */
export const IATI_VERSIONS = ['2.02', '2.03'] as const;

/**
 * DAC recipient-region codes (vocabulary 1) that count as "for China" when an activity names no
 * recipient-country CN. Empty by default, on purpose: in the real files, 789 "Far East Asia" is
 * given to an EU–Indonesia/Vietnam facility and 798 "Asia, regional" to a Bangladesh–Sri Lanka
 * project, so a region says nothing about China. `--regions 789,798` (or `regions`) opts in.
 */
export const DEFAULT_CHINA_REGIONS: readonly string[] = [];

/** At most this many problems are listed one by one; the rest are only counted. */
export const MAX_LISTED_PROBLEMS = 1000;

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
/** d-portal's own attributes: the dataset name and the version of the publisher's file. */
const DPORTAL_ACTIVITIES_NS = 'http://d-portal.org/xmlns/iati-activities';
const DPORTAL_DSTORE_NS = 'http://d-portal.org/xmlns/dstore';
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

export type Severity = 'error' | 'warning';

export interface IatiProblem {
  severity: Severity;
  line: number;
  message: string;
  /** The activity the problem is in, when it is in one. */
  identifier?: string;
}

/** A text in the hub's three languages; `other` is the first narrative in any other language. */
export interface Texts {
  en: string | null;
  zh: string | null;
  de: string | null;
  other: string | null;
}

export interface IatiOrg {
  ref: string | null;
  name: Texts;
  /** OrganisationRole code (participating-org only). */
  role: string | null;
  /** OrganisationType code. */
  type: string | null;
  hub: Record<string, string>;
}

export interface IatiLocation {
  ref: string | null;
  name: Texts;
  description: Texts;
  lat: number | null;
  lon: number | null;
  administrative: { vocabulary: string | null; level: string | null; code: string }[];
  hub: Record<string, string>;
}

export interface IatiPeriod {
  start: PartialDate | null;
  end: PartialDate | null;
  target: number | null;
  actual: number | null;
  hub: Record<string, string>;
}

export interface IatiResult {
  line: number;
  type: string | null;
  title: Texts;
  description: Texts;
  /** Every period of every indicator, in file order. */
  periods: IatiPeriod[];
  hub: Record<string, string>;
}

export interface IatiBudget {
  type: string | null;
  value: number | null;
  currency: string | null;
}

export type IatiDateType = 'plannedStart' | 'actualStart' | 'plannedEnd' | 'actualEnd';

/** One activity as the hub reads it: plain JSON, ready for the staging table. */
export interface IatiActivity {
  identifier: string;
  line: number;
  version: string;
  /** d-portal's dstore:dataset (the IATI Registry dataset), when the file comes from d-portal. */
  dataset: string | null;
  defaultCurrency: string | null;
  reportingOrg: { ref: string | null; name: Texts; type: string | null };
  title: Texts;
  description: Texts;
  /** ActivityStatus code, with our own attributes on it (hub:basis, hub:words). */
  status: string | null;
  statusHub: Record<string, string>;
  otherIdentifiers: { ref: string; type: string | null; hub: Record<string, string> }[];
  dates: Partial<Record<IatiDateType, PartialDate>>;
  countries: { code: string; percentage: number | null }[];
  regions: { code: string; vocabulary: string | null }[];
  organisations: IatiOrg[];
  locations: IatiLocation[];
  /** Sectors of vocabularies 98 and 99 (the reporting organisation's own), with their URI. */
  sectors: {
    vocabulary: string;
    vocabularyUri: string | null;
    code: string;
    name: Texts;
    hub: Record<string, string>;
  }[];
  related: { ref: string; type: string | null; hub: Record<string, string> }[];
  results: IatiResult[];
  budgets: IatiBudget[];
  /** Attributes of our own namespace (HUB_NS) on <iati-activity>. */
  hub: Record<string, string>;
}

export interface ReadOptions {
  /** DAC region codes that count as China (default DEFAULT_CHINA_REGIONS). */
  regions?: readonly string[];
  /** Called after each chunk with the bytes read so far. */
  onProgress?: (bytesRead: number) => void;
  /** Bytes per chunk (default 64 KiB). */
  chunkSize?: number;
}

export type ReadItem =
  | { kind: 'activity'; activity: IatiActivity }
  | { kind: 'problem'; problem: IatiProblem }
  | { kind: 'end'; summary: ReadSummary };

export interface ReadSummary {
  /** China activities handed on. */
  activities: number;
  /** Activities for other countries (or duplicates), not handed on. */
  skipped: number;
  errors: number;
  warnings: number;
  bytesRead: number;
}

// ── The element tree of one activity ────────────────────────────────────────────────────────────

interface Attr {
  uri: string;
  value: string;
}

interface Node {
  name: string;
  uri: string;
  line: number;
  attrs: Map<string, Attr>;
  children: Node[];
  text: string;
  isTruncated: boolean;
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
]);

const attr = (node: Node | undefined, name: string): string | null => {
  const a = node?.attrs.get(name);
  return a && a.uri === '' ? a.value.trim() : null;
};
/** IATI's own child elements (no namespace) of that name. */
const child = (node: Node | undefined, name: string) =>
  node?.children.find((c) => c.name === name && c.uri === '');
const children = (node: Node | undefined, name: string) =>
  node?.children.filter((c) => c.name === name && c.uri === '') ?? [];
/**
 * What our own export says in HUB_NS, by local name (the prefix may be anything): its attributes,
 * and its child elements where IATI allows no foreign attribute (<hub:relation>successor</…>).
 */
function hubAttrs(node: Node | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of node?.children ?? []) if (c.uri === HUB_NS) out[c.name] = c.text.trim();
  for (const [key, a] of node?.attrs ?? []) {
    if (a.uri === HUB_NS) out[key.slice(key.indexOf(':') + 1)] = a.value.trim();
  }
  return out;
}

const LANG_PRIMARY = /^([a-z]{2,3})/;

function readTexts(node: Node | undefined, defaultLang: string): Texts {
  const texts: Texts = { en: null, zh: null, de: null, other: null };
  for (const n of children(node, 'narrative')) {
    const value = n.text.trim();
    if (!value) continue;
    const raw = [...n.attrs.values()].find((a) => a.uri === XML_NS)?.value ?? defaultLang;
    const lang = LANG_PRIMARY.exec(raw.trim().toLowerCase())?.[1] ?? defaultLang;
    if (lang === 'en' || lang === 'zh' || lang === 'de') texts[lang] ??= value;
    else texts.other ??= value;
  }
  return texts;
}

/** The hub's name for something: English, else German, Chinese, or whatever language is given. */
export function anyText(texts: Texts): string | null {
  return texts.en ?? texts.other ?? texts.de ?? texts.zh;
}

const ISO_DATE =
  /^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:\d{2})?$/;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

const parseNumber = (text: string | null): number | null =>
  text !== null && NUMBER.test(text) ? Number(text) : null;

// ── The reader ──────────────────────────────────────────────────────────────────────────────────

class HardStop extends Error {}

/**
 * Reads an IATI file and yields each China activity and each problem as soon as it is known, and
 * last a summary.
 * Hard errors (`severity: 'error'`) mean the file must be refused as a whole: the caller keeps
 * reading to list them all, but writes nothing. Not well-formed XML, a DTD, an unknown version or
 * nesting deeper than MAX_DEPTH end the reading at once.
 */
export async function* readIatiFile(
  path: string,
  options: ReadOptions = {},
): AsyncGenerator<ReadItem> {
  const regions = new Set(options.regions ?? DEFAULT_CHINA_REGIONS);
  const summary: ReadSummary = { activities: 0, skipped: 0, errors: 0, warnings: 0, bytesRead: 0 };
  const queue: ReadItem[] = [];
  let listed = 0;
  const report = (severity: Severity, line: number, message: string, identifier?: string) => {
    if (severity === 'error') summary.errors += 1;
    else summary.warnings += 1;
    listed += 1;
    if (listed <= MAX_LISTED_PROBLEMS) {
      queue.push({
        kind: 'problem',
        problem: identifier ? { severity, line, message, identifier } : { severity, line, message },
      });
    }
  };

  // File-wide tallies, reported once at the end: attributes of other namespaces, ignored elements.
  const foreign = new Map<string, { names: Set<string>; line: number; count: number }>();
  const ignored = new Map<string, { line: number; count: number }>();
  const tally = (map: Map<string, { line: number; count: number }>, key: string, line: number) => {
    const entry = map.get(key) ?? { line, count: 0 };
    entry.count += 1;
    map.set(key, entry);
  };
  /** Ignored elements of the activity being read; they count only if the activity is kept. */
  let activityIgnored = new Map<string, { line: number; count: number }>();
  const seen = new Map<string, number>();

  const parser = new SaxesParser({ xmlns: true, position: true });
  let rootSeen = false;
  let rootLang = 'en';
  let rootVersion = '';
  let depth = 0;
  /** Depth of the current iati-activity element (0: none open). */
  let activityDepth = 0;
  let activity: Node | null = null;
  /** The open elements of the activity tree being built. */
  const stack: Node[] = [];
  /** >0 while inside an element that is skipped (not built). */
  let skipDepth = 0;
  let tagLine = 1;

  parser.on('doctype', () => {
    report(
      'error',
      parser.line,
      'The file has a DOCTYPE: DTDs and entity declarations are refused.',
    );
    throw new HardStop();
  });
  parser.on('xmldecl', (decl) => {
    if (decl.encoding && !/^utf-?8$/i.test(decl.encoding)) {
      report('error', parser.line, `The file is declared as ${decl.encoding}; only UTF-8 is read.`);
      throw new HardStop();
    }
  });
  parser.on('error', (err) => {
    report(
      'error',
      parser.line,
      `Not well-formed XML: ${err.message.replace(/^[^:]*:\d+:\d+: /, '')}`,
    );
    throw new HardStop();
  });
  parser.on('opentagstart', (tag) => {
    tagLine = parser.line;
    // `depth` counts the open elements, so this one is at level depth + 1.
    if (depth >= MAX_DEPTH) {
      report(
        'error',
        tagLine,
        `<${tag.name}> is nested ${depth + 1} levels deep; at most ${MAX_DEPTH} are read (<iati-activities> is level 1), so the file is not read further.`,
      );
      throw new HardStop();
    }
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    depth += 1;
    const line = tagLine;
    const attrs = tag.attributes as Record<string, SaxesAttributeNS>;
    if (depth === 1) {
      rootSeen = true;
      if (tag.uri !== '' || tag.local !== 'iati-activities') {
        report('error', line, `The root element is <${tag.name}>, not <iati-activities>.`);
        throw new HardStop();
      }
      const version = attrs.version?.value.trim();
      if (!version) {
        report('error', line, 'The root element has no IATI version.');
        throw new HardStop();
      }
      if (!(IATI_VERSIONS as readonly string[]).includes(version)) {
        report(
          'error',
          line,
          `IATI version ${version} is not read (only ${IATI_VERSIONS.join(', ')}).`,
        );
        throw new HardStop();
      }
      rootVersion = version;
      rootLang = attrs['xml:lang']?.value.trim().toLowerCase().slice(0, 2) || 'en';
      noteForeign(attrs, line, ['version']);
      return;
    }
    if (depth === 2) {
      if (tag.uri !== '' || tag.local !== 'iati-activity') {
        tally(ignored, `<${tag.name}> outside an activity`, line);
        skipDepth = 1;
        return;
      }
      activityDepth = depth;
      activityIgnored = new Map();
      activity = toNode(tag, line);
      stack.length = 0;
      stack.push(activity);
      return;
    }
    if (skipDepth > 0) {
      skipDepth += 1;
      return;
    }
    if (!activity) return;
    if (tag.uri !== '' && tag.uri !== HUB_NS) {
      tally(activityIgnored, `<${tag.name}> (namespace ${tag.uri})`, line);
      skipDepth = 1;
      return;
    }
    if (depth === activityDepth + 1 && tag.uri === '' && !READ_ELEMENTS.has(tag.local)) {
      tally(activityIgnored, `<${tag.local}>`, line);
      skipDepth = 1;
      return;
    }
    const node = toNode(tag, line);
    stack[stack.length - 1]!.children.push(node);
    stack.push(node);
  });
  parser.on('text', (text) => {
    if (skipDepth > 0 || stack.length === 0) return;
    appendText(stack[stack.length - 1]!, text);
  });
  parser.on('cdata', (text) => {
    if (skipDepth > 0 || stack.length === 0) return;
    appendText(stack[stack.length - 1]!, text);
  });
  parser.on('closetag', () => {
    depth -= 1;
    if (skipDepth > 0) {
      skipDepth -= 1;
      return;
    }
    if (!activity) return;
    stack.pop();
    if (depth + 1 === activityDepth) {
      finishActivity(activity);
      activity = null;
      activityDepth = 0;
    }
  });

  function appendText(node: Node, text: string) {
    if (node.isTruncated) return;
    node.text += text;
    if (node.text.length > MAX_TEXT) {
      node.text = node.text.slice(0, MAX_TEXT);
      node.isTruncated = true;
      report(
        'warning',
        parser.line,
        `<${node.name}> is longer than ${MAX_TEXT} characters and was cut.`,
      );
    }
  }

  function toNode(tag: SaxesTagNS, line: number): Node {
    const attrs = new Map<string, Attr>();
    for (const [name, a] of Object.entries(tag.attributes as Record<string, SaxesAttributeNS>)) {
      if (a.uri === XMLNS_NS || a.prefix === 'xmlns' || name === 'xmlns') continue;
      attrs.set(name, { uri: a.uri, value: a.value });
    }
    return {
      name: tag.local,
      uri: tag.uri,
      line,
      attrs,
      children: [],
      text: '',
      isTruncated: false,
    };
  }

  /** Counts attributes of namespaces other than IATI's, xml: and ours (read ones excepted). */
  function noteForeign(attrs: Record<string, SaxesAttributeNS>, line: number, read: string[] = []) {
    for (const [name, a] of Object.entries(attrs)) {
      if (a.uri === '' || a.uri === XML_NS || a.uri === HUB_NS || a.uri === XMLNS_NS) continue;
      if (a.prefix === 'xmlns' || name === 'xmlns' || read.includes(name)) continue;
      const entry = foreign.get(a.uri) ?? { names: new Set<string>(), line, count: 0 };
      entry.names.add(name);
      entry.count += 1;
      foreign.set(a.uri, entry);
    }
  }

  function noteForeignInTree(node: Node) {
    for (const [name, a] of node.attrs) {
      if (a.uri === '' || a.uri === XML_NS || a.uri === HUB_NS) continue;
      if (a.uri === DPORTAL_ACTIVITIES_NS && name.endsWith(':version')) continue;
      if (a.uri === DPORTAL_DSTORE_NS && name.endsWith(':dataset')) continue;
      const entry = foreign.get(a.uri) ?? { names: new Set<string>(), line: node.line, count: 0 };
      entry.names.add(name);
      entry.count += 1;
      foreign.set(a.uri, entry);
    }
    for (const c of node.children) noteForeignInTree(c);
  }

  function finishActivity(node: Node) {
    const identifier = child(node, 'iati-identifier')?.text.trim() ?? '';
    if (!identifier) {
      report('error', node.line, 'An activity has no <iati-identifier>.');
      return;
    }
    const versionAttr = [...node.attrs.entries()]
      .find(
        ([name, a]) =>
          name === 'version' || (a.uri === DPORTAL_ACTIVITIES_NS && name.endsWith(':version')),
      )?.[1]
      .value.trim();
    if (versionAttr && !(IATI_VERSIONS as readonly string[]).includes(versionAttr)) {
      report(
        'error',
        node.line,
        `Activity ${identifier} is IATI version ${versionAttr}; only ${IATI_VERSIONS.join(', ')} are read.`,
        identifier,
      );
      return;
    }
    const countries = children(node, 'recipient-country').flatMap((c) => {
      const code = attr(c, 'code')?.toUpperCase();
      return code ? [{ code, percentage: parseNumber(attr(c, 'percentage')) }] : [];
    });
    const regionList = children(node, 'recipient-region').flatMap((r) => {
      const code = attr(r, 'code');
      return code ? [{ code, vocabulary: attr(r, 'vocabulary') }] : [];
    });
    const isChina =
      countries.some((c) => c.code === 'CN') ||
      regionList.some((r) => (r.vocabulary ?? '1') === '1' && regions.has(r.code));
    if (!isChina) {
      summary.skipped += 1;
      return;
    }
    const first = seen.get(identifier);
    if (first !== undefined) {
      report(
        'warning',
        node.line,
        `Activity ${identifier} appears again (first at line ${first}); this copy is skipped.`,
        identifier,
      );
      summary.skipped += 1;
      return;
    }
    seen.set(identifier, node.line);
    noteForeignInTree(node);
    for (const [what, entry] of activityIgnored) {
      const total = ignored.get(what) ?? { line: entry.line, count: 0 };
      total.count += entry.count;
      ignored.set(what, total);
    }
    const before = summary.errors;
    const built = buildActivity(
      node,
      identifier,
      versionAttr ?? rootVersion,
      countries,
      regionList,
    );
    if (summary.errors > before) return;
    summary.activities += 1;
    queue.push({ kind: 'activity', activity: built });
  }

  function buildActivity(
    node: Node,
    identifier: string,
    version: string,
    countries: IatiActivity['countries'],
    regionList: IatiActivity['regions'],
  ): IatiActivity {
    const problem = (severity: Severity, line: number, message: string) =>
      report(severity, line, message, identifier);
    const lang =
      [...node.attrs.values()]
        .find((a) => a.uri === XML_NS)
        ?.value.trim()
        .toLowerCase()
        .slice(0, 2) || rootLang;
    const texts = (n: Node | undefined) => readTexts(n, lang);

    /** An iso-date, honouring hub:precision / hub:value when our own export wrote them. */
    const readDate = (n: Node, what: string): PartialDate | null => {
      const iso = attr(n, 'iso-date');
      let day: PartialDate | null = null;
      if (iso !== null) {
        const match = ISO_DATE.exec(iso);
        day = match ? parsePartialDate(match[1]!) : null;
        if (!match) {
          problem('error', n.line, `${what}: "${iso}" is not an ISO date (YYYY-MM-DD).`);
          return null;
        }
        if (!day) {
          problem('error', n.line, `${what}: ${iso} is not a real date.`);
          return null;
        }
      }
      const hub = hubAttrs(n);
      if (hub.value !== undefined || hub.precision !== undefined) {
        const partial = hub.value ? parsePartialDate(hub.value) : null;
        if (!partial || (hub.precision && partial.precision !== hub.precision)) {
          problem(
            'error',
            n.line,
            `${what}: hub:value "${hub.value ?? ''}" is not a real date of precision ${hub.precision ?? '?'}.`,
          );
          return null;
        }
        return partial;
      }
      if (iso === null) return null;
      return day;
    };

    const dateTypes = Object.fromEntries(
      Object.entries(IATI_DATE_TYPES).map(([k, v]) => [v, k as IatiDateType]),
    ) as Record<string, IatiDateType>;
    const dates: IatiActivity['dates'] = {};
    for (const d of children(node, 'activity-date')) {
      const type = attr(d, 'type');
      const key = type ? dateTypes[type] : undefined;
      if (!key) {
        problem('warning', d.line, `activity-date of unknown type "${type ?? ''}" is ignored.`);
        continue;
      }
      const date = readDate(d, `activity-date type ${type}`);
      if (date && !dates[key]) dates[key] = date;
    }

    const statusCode = attr(child(node, 'activity-status'), 'code');
    if (statusCode !== null && !/^[1-6]$/.test(statusCode)) {
      problem(
        'warning',
        child(node, 'activity-status')!.line,
        `Unknown activity-status code "${statusCode}".`,
      );
    }

    const organisations: IatiOrg[] = children(node, 'participating-org').map((o) => {
      const role = attr(o, 'role');
      if (!attr(o, 'ref') && !anyText(texts(o))) {
        problem('warning', o.line, 'participating-org without a name or ref is not imported.');
      }
      if (role !== null && !/^[1-4]$/.test(role)) {
        problem('warning', o.line, `participating-org with unknown role "${role}".`);
      }
      return {
        ref: attr(o, 'ref') || null,
        name: texts(o),
        role,
        type: attr(o, 'type'),
        hub: hubAttrs(o),
      };
    });

    const locations: IatiLocation[] = children(node, 'location').map((l) => {
      let lat: number | null = null;
      let lon: number | null = null;
      const point = child(l, 'point');
      if (point) {
        const srs = attr(point, 'srsName');
        if (srs && srs !== WGS84)
          problem('warning', point.line, `Location point in ${srs}, read as WGS 84.`);
        const pos = child(point, 'pos');
        const parts = pos?.text.trim().split(/\s+/) ?? [];
        const numbers = parts.map((p) => parseNumber(p));
        if (parts.length !== 2 || numbers.some((n) => n === null)) {
          problem(
            'error',
            pos?.line ?? point.line,
            `Location pos "${pos?.text.trim() ?? ''}" is not "latitude longitude".`,
          );
        } else {
          const [la, lo] = numbers as [number, number];
          if (la < -90 || la > 90 || lo < -180 || lo > 180) {
            problem(
              'error',
              pos!.line,
              `Location pos "${pos!.text.trim()}" is out of range (latitude ±90, longitude ±180).`,
            );
          } else {
            lat = la;
            lon = lo;
          }
        }
      }
      if (lat === null && !point && !hubAttrs(l).kind) {
        const name = anyText(texts(child(l, 'name'))) ?? anyText(texts(child(l, 'description')));
        problem(
          'warning',
          l.line,
          `Location "${name ?? '?'}" has no coordinates and is not imported.`,
        );
      }
      return {
        ref: attr(l, 'ref') || null,
        name: texts(child(l, 'name')),
        description: texts(child(l, 'description')),
        lat,
        lon,
        administrative: children(l, 'administrative').flatMap((a) => {
          const code = attr(a, 'code');
          return code ? [{ vocabulary: attr(a, 'vocabulary'), level: attr(a, 'level'), code }] : [];
        }),
        hub: hubAttrs(l),
      };
    });

    const sectors = children(node, 'sector').flatMap((s) => {
      const code = attr(s, 'code');
      const vocabulary = attr(s, 'vocabulary');
      if ((vocabulary !== '98' && vocabulary !== '99') || !code) return [];
      return [
        {
          vocabulary,
          vocabularyUri: attr(s, 'vocabulary-uri'),
          code,
          name: texts(s),
          hub: hubAttrs(s),
        },
      ];
    });
    const otherIdentifiers = children(node, 'other-identifier').flatMap((o) => {
      const ref = attr(o, 'ref');
      return ref ? [{ ref, type: attr(o, 'type'), hub: hubAttrs(o) }] : [];
    });

    const related = children(node, 'related-activity').flatMap((r) => {
      const ref = attr(r, 'ref');
      return ref ? [{ ref, type: attr(r, 'type'), hub: hubAttrs(r) }] : [];
    });

    const results: IatiResult[] = children(node, 'result').map((r) => ({
      line: r.line,
      type: attr(r, 'type'),
      title: texts(child(r, 'title')),
      description: texts(child(r, 'description')),
      periods: children(r, 'indicator').flatMap((i) =>
        children(i, 'period').map((p) => {
          const start = child(p, 'period-start');
          const end = child(p, 'period-end');
          return {
            start: start ? readDate(start, 'result period-start') : null,
            end: end ? readDate(end, 'result period-end') : null,
            target: parseNumber(attr(child(p, 'target'), 'value')),
            actual: parseNumber(attr(child(p, 'actual'), 'value')),
            hub: { ...hubAttrs(start), ...hubAttrs(end), ...hubAttrs(p) },
          };
        }),
      ),
      hub: hubAttrs(r),
    }));
    for (const r of results) {
      const hub = r.hub;
      for (const [key, precisionKey] of [
        ['planned-date', 'planned-precision'],
        ['actual-date', 'actual-precision'],
        ['revised-date', 'revised-precision'],
      ] as const) {
        if (hub[key] === undefined) continue;
        const partial = parsePartialDate(hub[key]);
        if (!partial || (hub[precisionKey] && hub[precisionKey] !== partial.precision)) {
          problem('error', r.line, `result hub:${key} "${hub[key]}" is not a real date.`);
        }
      }
    }

    const defaultCurrency = attr(node, 'default-currency');
    const budgets: IatiBudget[] = children(node, 'budget').map((b) => {
      const value = child(b, 'value');
      const currency = attr(value, 'currency') ?? defaultCurrency;
      const amount = parseNumber(value?.text.trim() ?? null);
      if (value && amount === null)
        problem('warning', value.line, `Budget value "${value.text.trim()}" is not a number.`);
      if (amount !== null && currency !== 'EUR') {
        problem(
          'warning',
          b.line,
          `Budget in ${currency ?? 'no currency'} is not read as funding (only EUR is).`,
        );
      }
      return { type: attr(b, 'type'), value: amount, currency };
    });

    const reporting = child(node, 'reporting-org');
    if (!reporting) problem('warning', node.line, `Activity ${identifier} has no <reporting-org>.`);
    const title = texts(child(node, 'title'));
    if (!anyText(title))
      problem('warning', node.line, `Activity ${identifier} has no title; its identifier is used.`);

    return {
      identifier,
      line: node.line,
      version,
      dataset:
        [...node.attrs.entries()].find(
          ([name, a]) => a.uri === DPORTAL_DSTORE_NS && name.endsWith(':dataset'),
        )?.[1].value ?? null,
      defaultCurrency,
      reportingOrg: {
        ref: attr(reporting, 'ref') || null,
        name: texts(reporting),
        type: attr(reporting, 'type'),
      },
      title,
      // The general description (type 1, or untyped); objectives and target groups are not read.
      description: texts(
        children(node, 'description').find((d) => (attr(d, 'type') ?? '1') === '1'),
      ),
      status: statusCode,
      statusHub: hubAttrs(child(node, 'activity-status')),
      otherIdentifiers,
      dates,
      countries,
      regions: regionList,
      organisations,
      locations,
      sectors,
      related,
      results,
      budgets,
      hub: hubAttrs(node),
    };
  }

  function finishFile() {
    if (!rootSeen) report('error', parser.line, 'The file holds no XML element.');
    for (const [uri, entry] of foreign) {
      report(
        'warning',
        entry.line,
        `Attributes of namespace ${uri} (${[...entry.names].join(', ')}) are not IATI and are ignored (${entry.count} in the activities read, the first here).`,
      );
    }
    for (const [what, entry] of ignored) {
      report(
        'warning',
        entry.line,
        `${what} is not imported (${entry.count} in the activities read, the first here).`,
      );
    }
  }

  const stream = createReadStream(path, {
    encoding: 'utf8',
    highWaterMark: options.chunkSize ?? 64 * 1024,
  });
  let stopped = false;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      summary.bytesRead = stream.bytesRead;
      try {
        parser.write(chunk);
      } catch (err) {
        if (!(err instanceof HardStop)) throw err;
        stopped = true;
      }
      options.onProgress?.(stream.bytesRead);
      while (queue.length) yield queue.shift()!;
      if (stopped) break;
    }
    if (!stopped) {
      try {
        parser.close();
        finishFile();
      } catch (err) {
        if (!(err instanceof HardStop)) throw err;
      }
    }
  } finally {
    stream.destroy();
  }
  while (queue.length) yield queue.shift()!;
  yield { kind: 'end', summary };
}
