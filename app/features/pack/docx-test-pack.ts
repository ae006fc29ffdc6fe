import { EMPTY_FILTER } from '../../core/filter/filter';
import type { Named, PackData, PackLanguages, PackProject } from './pack-types';

// A realistic hand-written pack for the Word document's tests: Chinese names, a project whose
// report was not approved, indicators with and without a total, a name with no Chinese version.
// Test code only; nothing of the app imports it.

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
      noShareReason: 'no-target',
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
          reason: 'not-additive',
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
