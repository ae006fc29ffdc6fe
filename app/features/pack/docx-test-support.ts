import { SaxesParser } from 'saxes';
import yauzl from 'yauzl';

import { EMPTY_FILTER } from '../../core/filter/filter';
import type { Named, PackData, PackLanguages, PackProject } from './pack-types';

// What the Word document's tests share: a realistic hand-written pack (Chinese names, a project
// whose report was not approved, indicators with and without a total) and the produced file read
// back as Word reads it — a zip of XML parts, parsed by a real XML parser. Test code only.

const n = (en: string, zh: string | null = null, de: string | null = null): Named => ({
  en,
  zh,
  de,
});

const bmwk = {
  slug: 'bmwk',
  name: n(
    'Federal Ministry for Economic Affairs and Climate Action',
    '德国联邦经济和气候保护部',
    'Bundesministerium für Wirtschaft und Klimaschutz',
  ),
  acronym: 'BMWK',
  kind: 'german-ministry',
};
const mee = {
  slug: 'mee',
  name: n(
    'Ministry of Ecology and Environment',
    '生态环境部',
    'Ministerium für Ökologie und Umwelt',
  ),
  acronym: 'MEE',
  kind: 'chinese-ministry',
};
const giz = {
  slug: 'giz',
  name: n('Deutsche Gesellschaft für Internationale Zusammenarbeit', '德国国际合作机构', null),
  acronym: 'GIZ',
  kind: 'implementer',
};
const ets = {
  slug: 'emissions-trading',
  name: n('Emissions trading', '碳排放交易', 'Emissionshandel'),
};

const partnership: PackProject = {
  id: 11,
  slug: 'climate-partnership',
  title: n('Sino-German Climate Partnership', '中德气候变化伙伴关系', null),
  shortName: 'SGCP',
  type: 'bilateral',
  status: 'ongoing',
  startDate: '2021-01-01',
  startPrecision: 'day',
  endDate: '2027-12',
  endPrecision: 'month',
  fundingEur: 7_500_000,
  ministries: [bmwk, mee],
  implementers: [giz],
  partners: [
    {
      slug: 'ncsc',
      name: n(
        'National Center for Climate Change Strategy',
        '国家应对气候变化战略研究和国际合作中心',
      ),
      acronym: 'NCSC',
      kind: 'chinese-agency',
    },
  ],
  topics: [ets],
  report: {
    state: 'approved',
    roundSlug: 'spring-2026',
    roundTitle: n('Spring 2026', '2026年春季', 'Frühjahr 2026'),
    approvedAt: '2026-05-20T09:30:00.000Z',
    language: 'en',
    texts: {
      en: {
        achievements: 'Twelve provinces trained 340 verifiers.\nThe MRV guideline was adopted.',
        challenges: 'Data access at provincial level remains slow.',
        nextSteps: 'Extend the training to the cement sector.',
        supportNeeded: 'A joint letter to the provincial bureaus.',
      },
      zh: {
        achievements: '十二个省份培训了340名核查员。\n监测、报告与核查指南已通过。',
        challenges: '省级数据获取仍然缓慢。',
      },
    },
  },
  milestonesReached: [
    {
      id: 101,
      title: n('MRV guideline adopted', 'MRV指南通过'),
      status: 'achieved',
      date: '2026-03-14',
      precision: 'day',
      progress: 100,
      sourceIds: [2],
    },
  ],
  milestonesNext: [
    {
      id: 102,
      title: n('Cement sector pilot', '水泥行业试点'),
      status: 'in-progress',
      date: '2026-09',
      precision: 'month',
      progress: 40,
      sourceIds: [],
    },
  ],
  milestonesOverdue: 1,
  indicators: [
    {
      id: 201,
      title: n('Verifiers trained', '培训的核查员'),
      standardCode: 'SI 6',
      unit: 'people',
      measure: 'unit',
      baseline: 0,
      latestTarget: 500,
      latestActual: 340,
      share: 0.68,
      noShareReason: null,
      periodActual: 120,
      points: [
        { periodEnd: '2025-06-30', target: 200, actual: 150 },
        { periodEnd: '2025-12-31', target: 350, actual: 220 },
        { periodEnd: '2026-06-30', target: 500, actual: 340 },
      ],
    },
  ],
  events: [
    {
      slug: 'ets-forum-2026',
      title: n('China ETS Forum 2026', '2026年全国碳市场论坛'),
      type: 'conference',
      startDate: '2026-04-22',
      startPrecision: 'day',
      endDate: '2026-04-23',
      endPrecision: 'day',
      city: 'Beijing',
      sourceIds: [3],
    },
  ],
  entries: [
    {
      slug: 'provincial-verifiers',
      kind: 'lesson',
      title: n('Train verifiers in the provinces first', '先在省级培训核查员'),
      language: 'en',
      publishedAt: '2026-05-02T08:00:00.000Z',
      isResolved: false,
    },
  ],
  sourceIds: [1, 2],
};

const ets2: PackProject = {
  ...partnership,
  id: 12,
  slug: 'ets-capacity',
  title: n(
    'Capacity building for emissions trading',
    '碳排放权交易能力建设',
    'Kapazitätsaufbau Emissionshandel',
  ),
  shortName: null,
  fundingEur: 5_000_000,
  ministries: [bmwk],
  partners: [],
  report: {
    state: 'approved',
    roundSlug: 'spring-2026',
    roundTitle: n('Spring 2026', '2026年春季', 'Frühjahr 2026'),
    approvedAt: '2026-05-28T16:00:00.000Z',
    language: 'en',
    texts: { en: { achievements: 'Allocation rules for the power sector were drafted with MEE.' } },
  },
  milestonesReached: [],
  milestonesNext: [],
  milestonesOverdue: 0,
  indicators: [
    {
      id: 202,
      title: n('Emissions covered by the ETS', '碳市场覆盖的排放量'),
      standardCode: 'SI 1',
      unit: 'tCO2e',
      measure: 'unit',
      baseline: null,
      latestTarget: null,
      latestActual: 1_234_567,
      share: null,
      noShareReason: 'no target published',
      periodActual: 1_234_567,
      points: [{ periodEnd: '2026-06-30', target: null, actual: 1_234_567 }],
    },
  ],
  events: [],
  entries: [],
  sourceIds: [1],
};

const cities: PackProject = {
  ...partnership,
  id: 13,
  slug: 'low-carbon-cities',
  title: n('Low-carbon cities in Jiangsu'),
  shortName: null,
  status: 'planned',
  startDate: '2026',
  startPrecision: 'year',
  endDate: null,
  endPrecision: null,
  fundingEur: null,
  ministries: [bmwk],
  implementers: [],
  partners: [],
  topics: [],
  report: { state: 'not-reported', reportState: 'draft' },
  milestonesReached: [],
  milestonesNext: [],
  milestonesOverdue: 0,
  indicators: [],
  events: [],
  entries: [],
  sourceIds: [3],
};

/** A round pack of three projects, in the languages asked for. */
export function samplePack(languages: PackLanguages = ['en']): PackData {
  return {
    request: {
      round: 'spring-2026',
      start: '2026-01-01',
      end: '2026-06-30',
      filter: { ...EMPTY_FILTER, type: ['bilateral'] },
      languages,
    },
    round: {
      slug: 'spring-2026',
      title: n('Spring 2026', '2026年春季', 'Frühjahr 2026'),
      state: 'open',
      periodStart: '2026-01-01',
      periodEnd: '2026-06-30',
      dueOn: '2026-07-15',
      event: {
        slug: 'interface-workshop-2026',
        title: n('Interface Workshop 2026', '2026年对接研讨会'),
      },
    },
    filterText: [n('Type: Bilateral', '类型：双边', 'Art: Bilateral')],
    asOf: '2026-06-15',
    overview: {
      projects: 3,
      active: 2,
      fundingKnownEur: 12_500_000,
      projectsWithFunding: 2,
      byType: [{ key: 'bilateral', label: n('Bilateral', '双边', 'Bilateral'), value: 3 }],
      byStatus: [
        { key: 'ongoing', label: n('Ongoing', '进行中', 'Laufend'), value: 2 },
        { key: 'planned', label: n('Planned', '计划中', 'Geplant'), value: 1 },
      ],
      byFundingArea: [
        { key: 'mitigation', label: n('Mitigation', '减缓', 'Minderung'), value: 3 },
        { key: 'adaptation', label: n('Adaptation', '适应', 'Anpassung'), value: 1 },
      ],
      milestones: { achieved: 4, due: 6, overdue: 1 },
      indicatorTotals: [
        {
          code: 'SI 1',
          name: n('GHG emissions reduced', '减少的温室气体排放', 'Reduzierte THG-Emissionen'),
          unit: 'tCO2e',
          total: 2_469_134,
          reason: null,
          linkedProjects: 3,
          reportingProjects: 2,
          sourceIds: [1],
        },
        {
          code: 'SI 6',
          name: n('People trained', '接受培训的人员', 'Geschulte Personen'),
          unit: null,
          total: null,
          reason: 'units differ',
          linkedProjects: 2,
          reportingProjects: 1,
          sourceIds: [],
        },
      ],
      round: {
        asked: 3,
        byState: [
          { key: 'approved', label: n('Approved', '已批准', 'Freigegeben'), value: 2 },
          { key: 'draft', label: n('Draft', '草稿', 'Entwurf'), value: 1 },
        ],
        approved: 2,
      },
      events: partnership.events,
    },
    projects: [partnership, ets2, cities],
    germanMinistries: [
      {
        key: 'bmwk',
        name: bmwk.name,
        acronym: 'BMWK',
        projectIds: [11, 12, 13],
        milestonesAchieved: 4,
        milestonesOverdue: 1,
        reportsApproved: 2,
        entries: [],
        sessions: [],
      },
    ],
    chineseMinistries: [
      {
        key: 'mee',
        name: mee.name,
        acronym: 'MEE',
        projectIds: [11],
        milestonesAchieved: 1,
        milestonesOverdue: 1,
        reportsApproved: 1,
        entries: [],
        sessions: [],
      },
    ],
    topics: [
      {
        key: 'emissions-trading',
        name: ets.name,
        acronym: null,
        projectIds: [11, 12],
        milestonesAchieved: 1,
        milestonesOverdue: 1,
        reportsApproved: 2,
        entries: partnership.entries,
        sessions: [
          {
            title: n('MRV at provincial level', '省级监测、报告与核查'),
            eventSlug: 'interface-workshop-2025',
            eventTitle: n('Interface Workshop 2025', '2025年对接研讨会'),
            outcomes: 'Share verifier curricula between provinces.',
          },
        ],
      },
    ],
    sources: [
      {
        id: 1,
        title: 'IKI project database',
        url: 'https://www.international-climate-initiative.com/en/projects',
        publisher: 'IKI',
      },
      {
        id: 2,
        title: 'MRV guideline announcement',
        url: 'https://www.mee.gov.cn/mrv',
        publisher: '生态环境部',
      },
      {
        id: 3,
        title: 'China ETS Forum programme',
        url: 'https://example.org/ets-forum',
        publisher: null,
      },
    ],
  };
}

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
