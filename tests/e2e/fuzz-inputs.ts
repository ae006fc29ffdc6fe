// Deterministic malformed inputs for tests/e2e/fuzz.test.ts: one seeded PRNG, families of bad
// values, and builders for query strings, path segments, form bodies and IATI files. Every value
// is a plain string (or bytes for files); how it travels (encoded, raw, repeated) is decided by
// the builders, so a failing input can be printed and sent again by hand.

import { HUB_NS } from '../../app/features/iati/codes';

/** mulberry32: small, fast, and the same sequence on every machine for the same seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Fuzz {
  readonly random: () => number;
  constructor(seed: number) {
    this.random = prng(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.random() < p;
  }
  /** k distinct items (fewer when there are fewer). */
  some<T>(items: readonly T[], k: number): T[] {
    const pool = [...items];
    const out: T[] = [];
    while (out.length < k && pool.length)
      out.push(pool.splice(this.int(0, pool.length - 1), 1)[0]!);
    return out;
  }
  /** A string of about `length` characters made of one repeated unit (ASCII, CJK or emoji). */
  long(min: number, max: number): string {
    const unit = this.pick(['a', 'é', '中', '😀', '%', '\u200b', 'ab ', '9', '<b>']);
    return unit.repeat(Math.ceil(this.int(min, max) / unit.length));
  }

  // ── Families of malformed values ──────────────────────────────────────────────────────────────

  readonly families = {
    empty: () => this.pick(['', ' ', '\t', '\n', '\u00a0', '\u3000', '   \r\n  ']),
    unicode: () =>
      this.pick([
        '\u202eevil\u202c', // right-to-left override
        'عربي\u200fשלום',
        '\u200b\u200c\u200d\ufeff',
        '😀👩‍👩‍👧🏳️‍🌈',
        '中文项目名称',
        '项目\u0000名称',
        'e\u0301\u0301\u0301\u0301',
        '２０２６',
        '١٢٣',
        'Ｆｕｌｌｗｉｄｔｈ',
        '\ufffd\ufffd',
        'ǅǈǋ İı ß ﬁ',
        '\u2028\u2029',
      ]),
    control: () =>
      this.pick(['\u0000', 'a\u0000b', '\u0001\u001f\u007f', '\r\n\r\n', '\b\f\v', '\u001b[31m']),
    sql: () =>
      this.pick([
        "' OR 1=1 --",
        '" OR ""="',
        '1; DROP TABLE projects; --',
        "x' UNION SELECT password_hash FROM users --",
        "%' AND 1=0 UNION SELECT 1 --",
        '1)) OR ((1=1',
      ]),
    html: () =>
      this.pick([
        '<script>alert(1)</script>',
        '"><img src=x onerror=alert(1)>',
        "javascript:alert('x')",
        '{{7*7}}${7*7}<%= 7*7 %>',
        ']]><!--',
        '<svg/onload=alert(1)>',
      ]),
    traversal: () =>
      this.pick([
        '../../etc/passwd',
        '..\\..\\windows\\win.ini',
        '/etc/passwd',
        'file:///etc/passwd',
        '....//....//',
        '/dev/zero',
      ]),
    number: () =>
      this.pick([
        '-1',
        '0',
        '-0',
        '1e309',
        '-1e309',
        'NaN',
        'Infinity',
        '9223372036854775808',
        '-9223372036854775809',
        '18446744073709551616',
        '1.5',
        '0x10',
        '1e-400',
        '+1',
        ' 7 ',
        '1_000',
        '99999999999999999999999999',
        '2147483648',
        '0.0000001',
      ]),
    date: () =>
      this.pick([
        '2026-13-45',
        '2026-02-30',
        '2025-02-29',
        '0000-00-00',
        '99999-01-01',
        '2026-1-1',
        '2026/01/01',
        '-2026',
        '2026-00',
        '1899',
        '2201-01',
        'yesterday',
        '2026-06-15T25:61:61Z',
        '20260615',
        '2026-06-15 ',
      ]),
    types: () =>
      this.pick([
        'true',
        'null',
        'undefined',
        '[]',
        '{}',
        '[object Object]',
        '__proto__',
        'constructor',
        'toString',
        'hasOwnProperty',
      ]),
    format: () => this.pick(['%s%s%s%n', '{0}{1}', '\\', '\\u0000', '$&$1', '{{t}}']),
    long: () => this.long(10_000, 100_000),
  };

  /** One malformed value from any family (long values rarely: they cost time to send). */
  value(options: { long?: boolean } = {}): string {
    const names = Object.keys(this.families) as (keyof Fuzz['families'])[];
    let name = this.pick(names);
    if (name === 'long' && !options.long) name = 'unicode';
    return this.families[name]();
  }
}

/** Percent sequences that are not valid (or not valid UTF-8) when sent as they are. */
export const BAD_PERCENT = [
  '%',
  '%E0%A4%A',
  '%zz',
  '%%',
  '%C0%AE',
  '%FF%FE',
  '%ED%A0%80',
  '%00',
  '%2',
  '%u0041',
  '%E2%82',
];

/** Whether a URL piece would fail to decode (Express then answers 400 before the app). */
export function isUndecodable(piece: string): boolean {
  try {
    decodeURIComponent(piece);
    return false;
  } catch {
    return true;
  }
}

/** A value as it goes into a URL: encoded, or with a malformed percent sequence left raw. */
export function urlPiece(fuzz: Fuzz, value: string): string {
  if (fuzz.chance(0.15)) return fuzz.pick(BAD_PERCENT) + encodeURIComponent(value.slice(0, 20));
  return encodeURIComponent(value);
}

/** Parameter names that are not the route's own: injection in names, brackets, prototypes. */
const JUNK_NAMES = [
  'a[b]',
  'page[]',
  'q[0][1]',
  '__proto__',
  'constructor',
  '',
  'x'.repeat(300),
  '中文',
  '%',
  '_data',
  '_routes',
  'index',
];

/** A malformed query string for a route that reads `names` (plus junk names). */
export function queryString(fuzz: Fuzz, names: readonly string[]): string {
  const parts: string[] = [];
  const count = fuzz.int(1, 4);
  for (let i = 0; i < count; i++) {
    const name = fuzz.chance(0.8) ? fuzz.pick(names) : fuzz.pick(JUNK_NAMES);
    const key = JUNK_NAMES.includes(name) && fuzz.chance(0.5) ? name : encodeURIComponent(name);
    // Long values here stay under Node's 16 KB header limit, so they reach the app.
    const value = () => (fuzz.chance(0.08) ? fuzz.long(2_000, 12_000) : (fuzz.value() as string));
    const repeat = fuzz.chance(0.2) ? fuzz.int(2, 5) : 1;
    for (let r = 0; r < repeat; r++) {
      const shape = fuzz.int(0, 9);
      if (shape === 0) parts.push(key);
      else if (shape === 1) parts.push(`${key}=`);
      else if (shape === 2)
        parts.push(`${key}[${urlPiece(fuzz, fuzz.value())}]=${urlPiece(fuzz, value())}`);
      else parts.push(`${key}=${urlPiece(fuzz, value())}`);
    }
  }
  const separator = fuzz.pick(['&', '&', '&', '&&', ';']);
  return `?${parts.join(separator)}${fuzz.chance(0.1) ? '&' : ''}`;
}

/** A malformed value for one path segment (never a real slug or id). */
export function pathSegment(fuzz: Fuzz): string {
  const raw = fuzz.pick([
    () => fuzz.value(),
    () => fuzz.families.number(),
    () => fuzz.families.traversal(),
    // Under Node's 16 KB header limit even when every character is encoded as 12 bytes.
    () => fuzz.long(200, 1_000),
    () => 'CLCT',
    () => ' clct',
    () => 'clct\u0000',
    () => 'clct.json',
    () => 'clct;drop',
    () => '1 OR 1=1',
  ])();
  if (raw === '') return '%20';
  return urlPiece(fuzz, raw);
}

// ── Forms ──────────────────────────────────────────────────────────────────────────────────────

/** What a field accepts, for choosing a value it certainly refuses. */
export type FieldKind =
  | { kind: 'required'; max: number }
  | { kind: 'text'; max: number }
  | { kind: 'date' }
  | { kind: 'number'; min: number; max: number; integer?: boolean }
  | { kind: 'choice' }
  | { kind: 'slug' }
  | { kind: 'url' }
  | { kind: 'version' }
  | { kind: 'confirm' }
  | { kind: 'checkbox' };

/** How far past a length limit: mostly just past it, sometimes by tens of kilobytes. */
const overLimit = (fuzz: Fuzz) => (fuzz.chance(0.15) ? fuzz.int(10_000, 60_000) : fuzz.int(1, 200));

/** A value the field's rule refuses, whatever the other fields say. */
export function invalidFor(fuzz: Fuzz, field: FieldKind): string {
  switch (field.kind) {
    case 'required':
      return fuzz.chance(0.5)
        ? fuzz.pick(['', ' ', '\t\n', '\u3000'])
        : fuzz.pick(['x', '中', '😀', '<', "'"]).repeat(field.max + overLimit(fuzz));
    case 'text':
      return fuzz.pick(['y', '中', '😀', '%', '\u0000']).repeat(field.max + overLimit(fuzz));
    case 'date':
      return fuzz.pick([
        '2026-13-45',
        '2026-02-30',
        '2025-02-29',
        '0000-00-00',
        '2026-1-1',
        '2026/01/01',
        '1899',
        '2201',
        'soon',
        '２０２６',
        '2026-06-15T00:00',
        "2026' OR 1=1 --",
        '<script>2026</script>',
      ]);
    case 'number':
      return fuzz.pick([
        String(field.min - 1),
        String(field.max + 1),
        'NaN',
        '1e309',
        '-1e309',
        'Infinity',
        'abc',
        '١٢',
        "1' OR 1=1",
        ...(field.integer ? ['1.5', '0.1'] : []),
      ]);
    case 'choice':
      return fuzz.pick([
        'nonsense',
        '__proto__',
        "' OR 1=1 --",
        '<script>',
        '中文',
        '../../etc/passwd',
        'GIZ',
        ' giz',
      ]);
    case 'slug':
      return fuzz.pick([
        'Upper-Case',
        'with space',
        '-leading',
        'trailing-',
        'double--dash',
        'ümlaut',
        '中文',
        '../x',
        'a'.repeat(81),
        "x' OR 1=1",
        '',
      ]);
    case 'url':
      return fuzz.pick([
        "javascript:alert('x')",
        'not a url',
        'ftp://example.org/file',
        'file:///etc/passwd',
        '../../etc/passwd',
        'http://',
        `https://example.org/${'a'.repeat(600)}`,
        'data:text/html,<script>alert(1)</script>',
      ]);
    case 'version':
      return fuzz.pick(['', 'abc', '0', '-1', '1.5', '1e309', 'NaN', '[]', "1' OR 1=1"]);
    case 'confirm':
      return fuzz.pick(['', 'no', 'YES', 'yes ', 'true', 'on', '1', 'ｙｅｓ']);
    case 'checkbox':
      return fuzz.value();
  }
}

export interface FormCase {
  fields: [string, string][];
  /** The field given a value its rule refuses (the reason the post must be refused). */
  breaker: string;
}

/**
 * A form body that its action must refuse: one field (the breaker) gets a value its rule refuses,
 * each other field a malformed value that may or may not pass, sometimes repeated or missing.
 */
export function invalidForm(
  fuzz: Fuzz,
  schema: Record<string, FieldKind>,
  valid: Record<string, string>,
  breakers: readonly string[] = Object.keys(schema),
): FormCase {
  const breaker = fuzz.pick(breakers);
  const fields: [string, string][] = [];
  for (const [name, kind] of Object.entries(schema)) {
    if (name === breaker) {
      fields.push([name, invalidFor(fuzz, kind)]);
      continue;
    }
    const roll = fuzz.int(0, 9);
    if (roll <= 3 && valid[name] !== undefined) fields.push([name, valid[name]]);
    else if (roll === 4) continue;
    else if (roll === 5) for (let i = fuzz.int(2, 4); i > 0; i--) fields.push([name, fuzz.value()]);
    else fields.push([name, fuzz.value({ long: fuzz.chance(0.04) })]);
  }
  if (fuzz.chance(0.2))
    fields.push([fuzz.pick(['extra', '__proto__', 'a[b]', 'intent']), fuzz.value()]);
  return { fields, breaker };
}

// ── IATI files ─────────────────────────────────────────────────────────────────────────────────

const activity = (body: string, identifier = 'XM-FUZZ-1') => `<iati-activity>
  <iati-identifier>${identifier}</iati-identifier>
  <reporting-org ref="XM-FUZZ" type="10"><narrative>Fuzz Publisher</narrative></reporting-org>
  <title><narrative xml:lang="en">A fuzz activity</narrative></title>
  <recipient-country code="CN" percentage="100"/>
  <activity-status code="2"/>
${body}
 </iati-activity>`;

const document = (activities: string, root = '<iati-activities version="2.03">') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n ${activities}\n</iati-activities>\n`;

/** A well-formed China activity that the importer accepts: the control for the mutations. */
export const VALID_IATI = document(
  activity(`  <activity-date type="1" iso-date="2021-03-01"/>
  <location><name><narrative>Beijing</narrative></name><point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>39.9 116.4</pos></point></location>`),
);

export interface IatiCase {
  name: string;
  bytes: Uint8Array<ArrayBuffer>;
}

const utf8 = (text: string) => new TextEncoder().encode(text);

/** VALID_IATI with `levels` elements nested in an element the hub reads, one it skips, or the root. */
function deeplyNested(fuzz: Fuzz, levels: number): IatiCase {
  const name = fuzz.pick(['narrative', 'x', 'hub:x', 'iati-activity']);
  const deep = `${`<${name}>`.repeat(levels)}${`</${name}>`.repeat(levels)}`;
  const where = fuzz.pick(['a title', 'a skipped element', 'the root']);
  const xml =
    where === 'a title'
      ? VALID_IATI.replace('</narrative></title>', `</narrative>${deep}</title>`)
      : where === 'a skipped element'
        ? VALID_IATI.replace('<activity-status code="2"/>', `<transaction>${deep}</transaction>`)
        : VALID_IATI.replace('\n <iati-activity>', `\n ${deep}\n <iati-activity>`);
  return {
    name: `well-formed, ${levels} levels of <${name}> in ${where}`,
    bytes: utf8(xml.replace('<iati-activities ', `<iati-activities xmlns:hub="${HUB_NS}" `)),
  };
}

/** IATI files the importer must refuse as a whole (hard errors), each with what is wrong. */
export function malformedIatiFiles(fuzz: Fuzz, count: number): IatiCase[] {
  const makers: (() => IatiCase)[] = [
    () => ({ name: 'empty', bytes: new Uint8Array(0) }),
    () => ({ name: 'only whitespace', bytes: utf8(' \n\t\n') }),
    () => {
      const cut = fuzz.int(10, VALID_IATI.length - 30);
      return { name: `truncated at ${cut}`, bytes: utf8(VALID_IATI.slice(0, cut)) };
    },
    () => ({
      name: 'not well-formed (unclosed element)',
      bytes: utf8(VALID_IATI.replace('</title>', '')),
    }),
    () => ({
      name: 'not well-formed (mismatched tag)',
      bytes: utf8(VALID_IATI.replace('</reporting-org>', '</reporting-orgx>')),
    }),
    () => ({
      name: 'not well-formed (stray ampersand)',
      bytes: utf8(VALID_IATI.replace('A fuzz activity', 'Fuzz & Co <b>')),
    }),
    () => ({
      name: 'entity bomb',
      bytes: utf8(`<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"><!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&lol4;</iati-identifier></iati-activity></iati-activities>`),
    }),
    () => ({
      name: 'external entity',
      bytes: utf8(
        `<?xml version="1.0"?>\n<!DOCTYPE iati-activities [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${document(activity('', '&xxe;')).split('\n').slice(1).join('\n')}`,
      ),
    }),
    () => ({
      name: 'DTD reference',
      bytes: utf8(
        `<?xml version="1.0"?>\n<!DOCTYPE iati-activities SYSTEM "http://example.org/iati.dtd">\n${VALID_IATI.split('\n').slice(1).join('\n')}`,
      ),
    }),
    () => {
      const root = fuzz.pick(['iati-organisations', 'html', 'rss', 'IATI-ACTIVITIES', 'svg']);
      return {
        name: `wrong root <${root}>`,
        bytes: utf8(
          VALID_IATI.replace('<iati-activities', `<${root}`).replace(
            '</iati-activities>',
            `</${root}>`,
          ),
        ),
      };
    },
    () => ({
      name: 'no version',
      bytes: utf8(VALID_IATI.replace(' version="2.03"', '')),
    }),
    () => {
      const version = fuzz.pick(['1.05', '2.01', '3.0', '', 'two', '2.03; DROP', '2.030']);
      return {
        name: `version "${version}"`,
        bytes: utf8(VALID_IATI.replace('version="2.03"', `version="${version}"`)),
      };
    },
    () => {
      const date = fuzz.pick(['2026-13-45', '2021-02-30', '21-03-01', 'soon', '2021-3-1', '']);
      return {
        name: `activity date "${date}"`,
        bytes: utf8(VALID_IATI.replace('iso-date="2021-03-01"', `iso-date="${date}"`)),
      };
    },
    () => {
      const pos = fuzz.pick([
        '91 116.4',
        '39.9 181',
        '1e309 1e309',
        'NaN NaN',
        '-90.5 0',
        '39.9',
        'a b',
      ]);
      return {
        name: `coordinates "${pos}"`,
        bytes: utf8(VALID_IATI.replace('<pos>39.9 116.4</pos>', `<pos>${pos}</pos>`)),
      };
    },
    () => ({
      name: 'no identifier',
      bytes: utf8(VALID_IATI.replace('<iati-identifier>XM-FUZZ-1</iati-identifier>', '')),
    }),
    () => {
      const bytes = new Uint8Array(fuzz.int(16, 4096));
      for (let i = 0; i < bytes.length; i++) bytes[i] = fuzz.int(0, 255);
      return { name: `binary garbage (${bytes.length} bytes)`, bytes };
    },
    () => ({
      name: 'declared UTF-16',
      bytes: utf8(VALID_IATI.replace('encoding="UTF-8"', 'encoding="UTF-16"')),
    }),
    () => ({
      name: 'two roots',
      bytes: utf8(`${VALID_IATI}<iati-activities version="2.03"></iati-activities>`),
    }),
    () => ({
      name: 'text before the declaration',
      bytes: utf8(`garbage${VALID_IATI}`),
    }),
    () => ({
      name: 'NUL inside the title',
      bytes: utf8(VALID_IATI.replace('A fuzz activity', 'A fuzz\u0000activity')),
    }),
    () => {
      const junk = fuzz.pick([
        '<html><body>not xml</body></html>',
        '{"iati": []}',
        'id,title\n1,x\n',
      ]);
      return { name: `not XML (${junk.slice(0, 12)}…)`, bytes: utf8(junk) };
    },
    () => ({
      name: 'deeply nested then cut',
      bytes: utf8(VALID_IATI.replace('<activity-status code="2"/>', '<x>'.repeat(5_000))),
    }),
    // Well-formed but deeper than the reader's 64 levels: just over the limit, and so deep that
    // (each level costing more than the last) 200 000 used to take minutes.
    () => deeplyNested(fuzz, fuzz.pick([65, 66, fuzz.int(67, 1_000)])),
    () => deeplyNested(fuzz, fuzz.int(5_000, 200_000)),
  ];
  const out: IatiCase[] = makers.map((make) => make());
  while (out.length < count) out.push(fuzz.pick(makers)());
  return out.slice(0, Math.max(count, makers.length));
}
