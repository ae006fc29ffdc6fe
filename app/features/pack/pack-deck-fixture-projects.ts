import type { Named, PackEvent, PackIndicator, PackProject } from './pack-types';

// The projects of the hand-written workshop pack (pack-deck-fixture.ts) for the deck's tests
// (decision 0077): Chinese names, an approved bilingual report, a long one that needs a second slide, a project
// that did not report, indicators with a missing actual and a German-only report. It does not go
// through the database; pack-pptx.test.ts also builds one from a test database with buildPack.

export const named = (en: string, zh: string | null = null, de: string | null = null): Named => ({
  en,
  zh,
  de,
});

const ministry = (slug: string, name: Named, acronym: string, kind: string) => ({
  slug,
  name,
  acronym,
  kind,
});

export const BMWK = ministry(
  'bmwk',
  named(
    'Federal Ministry for Economic Affairs and Climate Action',
    '德国联邦经济和气候保护部',
    'Bundesministerium für Wirtschaft und Klimaschutz',
  ),
  'BMWK',
  'german-ministry',
);
export const MEE = ministry(
  'mee',
  named('Ministry of Ecology and Environment', '生态环境部', 'Ministerium für Ökologie und Umwelt'),
  'MEE',
  'chinese-ministry',
);
const GIZ = ministry(
  'giz',
  named('Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ) GmbH', '德国国际合作机构'),
  'GIZ',
  'implementer',
);
const NCSC = ministry(
  'ncsc',
  named(
    'National Center for Climate Change Strategy and International Cooperation',
    '国家应对气候变化战略研究和国际合作中心',
  ),
  'NCSC',
  'research',
);

export const SOURCE_IKI = 1;
export const SOURCE_GIZ = 2;

const emissionsIndicator: PackIndicator = {
  id: 11,
  title: named('Greenhouse gas emissions reduced', '温室气体减排量'),
  standardCode: 'SI 1',
  unit: 'tCO2e',
  measure: 'sum',
  baseline: 0,
  latestTarget: 50000,
  latestActual: 42000,
  share: 0.84,
  noShareReason: null,
  periodActual: 12000,
  points: [
    { periodEnd: '2025-06-30', target: 20000, actual: 18000 },
    { periodEnd: '2025-12-31', target: 35000, actual: 30000 },
    { periodEnd: '2026-06-30', target: 50000, actual: 42000 },
  ],
};

const peopleIndicator: PackIndicator = {
  id: 12,
  title: named('People trained in emissions trading', '接受碳排放交易培训的人数'),
  standardCode: 'SI 4',
  unit: 'people',
  measure: 'sum',
  baseline: null,
  latestTarget: 1200,
  latestActual: null,
  share: null,
  noShareReason: 'no actual reported yet',
  periodActual: null,
  points: [
    { periodEnd: '2025-12-31', target: 600, actual: null },
    { periodEnd: '2026-06-30', target: 1200, actual: null },
  ],
};

export const workshop: PackEvent = {
  slug: 'interface-workshop-2026',
  title: named('Interface Workshop 2026', '2026年对接研讨会', 'Interface Workshop 2026'),
  type: 'workshop',
  startDate: '2026-05-12',
  startPrecision: 'day',
  endDate: '2026-05-13',
  endPrecision: 'day',
  city: 'Beijing',
  sourceIds: [SOURCE_IKI],
};

const LONG_ACHIEVEMENTS = Array.from(
  { length: 9 },
  (_, i) =>
    `Result ${i + 1}: the provincial pilot for emissions trading in the cement and steel sectors ` +
    'completed its monitoring, reporting and verification guidelines with the provincial ' +
    'ecology and environment department, and trained verifiers from eleven cities.',
).join('\n');
const LONG_CHALLENGES = Array.from(
  { length: 6 },
  (_, i) =>
    `Challenge ${i + 1}: data from the enterprises arrives late and in different formats, so ` +
    'the verification bodies spend weeks on reconciling the figures before any review begins.',
).join('\n');

const base = {
  shortName: null,
  startPrecision: 'day' as const,
  endPrecision: 'day' as const,
  partners: [] as PackProject['partners'],
  topics: [] as PackProject['topics'],
  milestonesReached: [] as PackProject['milestonesReached'],
  milestonesNext: [] as PackProject['milestonesNext'],
  milestonesOverdue: 0,
  indicators: [] as PackIndicator[],
  events: [] as PackEvent[],
  entries: [] as PackProject['entries'],
  sourceIds: [SOURCE_IKI],
};

export const projects: PackProject[] = [
  {
    ...base,
    id: 101,
    slug: 'ets-capacity',
    title: named(
      'Capacity building for the national emissions trading system',
      '全国碳排放权交易体系能力建设',
      'Kapazitätsaufbau für das nationale Emissionshandelssystem',
    ),
    shortName: 'ETS CB',
    type: 'bilateral',
    status: 'ongoing',
    startDate: '2022-01-01',
    endDate: '2026-12-31',
    fundingEur: 4500000,
    ministries: [BMWK, MEE],
    implementers: [GIZ],
    partners: [NCSC],
    topics: [{ slug: 'carbon-markets', name: named('Carbon markets', '碳市场', 'CO₂-Märkte') }],
    report: {
      state: 'approved',
      roundSlug: 'h1-2026',
      roundTitle: named('First half of 2026', '2026年上半年', 'Erstes Halbjahr 2026'),
      approvedAt: '2026-07-10',
      language: 'en',
      texts: {
        en: {
          achievements: 'Verifiers from twelve provinces completed the training course.',
          challenges: 'Enterprise data arrives late.',
          nextSteps: 'Extend the pilot to the aluminium sector.',
          supportNeeded: 'Contacts at the provincial statistics bureaus.',
        },
        zh: {
          achievements: '来自十二个省份的核查人员完成了培训课程。',
          challenges: '企业数据提交较晚。',
          nextSteps: '将试点扩展到铝行业。',
          supportNeeded: '省级统计局的联系人。',
        },
      },
    },
    milestonesReached: [
      {
        id: 1001,
        title: named('MRV guidelines adopted', '监测、报告与核查指南通过'),
        status: 'achieved',
        date: '2026-03-15',
        precision: 'day',
        progress: 100,
        sourceIds: [SOURCE_GIZ],
      },
    ],
    milestonesNext: [
      {
        id: 1002,
        title: named('Aluminium sector pilot launched', '铝行业试点启动'),
        status: 'planned',
        date: '2026-09',
        precision: 'month',
        progress: 0,
        sourceIds: [SOURCE_GIZ],
      },
    ],
    milestonesOverdue: 1,
    indicators: [emissionsIndicator, peopleIndicator],
    events: [workshop],
    entries: [
      {
        slug: 'mrv-lessons',
        kind: 'lesson',
        title: named('Lessons from provincial MRV', '省级监测报告核查的经验'),
        language: 'en',
        publishedAt: '2026-04-02',
        isResolved: false,
      },
    ],
    sourceIds: [SOURCE_IKI, SOURCE_GIZ],
  },
  {
    ...base,
    id: 102,
    slug: 'urban-adaptation',
    // An official name only in English: the Chinese one is "not published".
    title: named('Ecosystem-based adaptation in Chinese cities'),
    type: 'regional',
    status: 'ongoing',
    startDate: '2023-04-01',
    endDate: '2027-03-31',
    fundingEur: null,
    ministries: [BMWK],
    implementers: [GIZ],
    report: {
      state: 'approved',
      roundSlug: 'h1-2026',
      roundTitle: named('First half of 2026', '2026年上半年', 'Erstes Halbjahr 2026'),
      approvedAt: '2026-07-12',
      language: 'en',
      texts: {
        en: {
          achievements: LONG_ACHIEVEMENTS,
          challenges: LONG_CHALLENGES,
          nextSteps: 'Publish the city guidelines.',
          supportNeeded: '',
        },
      },
    },
  },
  {
    ...base,
    id: 103,
    slug: 'green-cooling',
    title: named(
      'Green cooling initiative China',
      '中国绿色制冷倡议',
      'Green Cooling Initiative China',
    ),
    type: 'bilateral',
    status: 'ongoing',
    startDate: '2021',
    startPrecision: 'year',
    endDate: null,
    endPrecision: null,
    fundingEur: 2000000,
    ministries: [BMWK, MEE],
    implementers: [GIZ],
    report: { state: 'not-reported', reportState: 'draft' },
  },
  {
    ...base,
    id: 104,
    slug: 'low-carbon-transport',
    title: named('Low-carbon transport in Jiangsu', '江苏低碳交通', 'CO₂-armer Verkehr in Jiangsu'),
    type: 'bilateral',
    status: 'completed',
    startDate: '2019-01-01',
    endDate: '2026-02-28',
    fundingEur: 1250000,
    ministries: [BMWK],
    implementers: [GIZ],
    // Written in German only: en and zh readers see the original, marked as not translated.
    report: {
      state: 'approved',
      roundSlug: 'h1-2026',
      roundTitle: named('First half of 2026', '2026年上半年', 'Erstes Halbjahr 2026'),
      approvedAt: '2026-07-01',
      language: 'de',
      texts: {
        de: {
          achievements: 'Der Abschlussbericht wurde der Provinzregierung übergeben.',
          challenges: 'Keine.',
          nextSteps: 'Projekt abgeschlossen.',
          supportNeeded: 'Keine.',
        },
      },
    },
  },
];
