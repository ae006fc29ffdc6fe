import { EMPTY_FILTER } from '../../core/filter/filter';
import {
  BMWK,
  MEE,
  SOURCE_GIZ,
  SOURCE_IKI,
  named,
  projects,
  workshop,
} from './pack-deck-fixture-projects';
import type { Named, PackData, PackGroup, PackLanguages } from './pack-types';

// A hand-written workshop pack for the deck's tests (decision 0077): a closed round over four
// projects (pack-deck-fixture-projects.ts), its overview, ministries, a topic and sources.

const group = (
  key: string,
  name: Named,
  acronym: string | null,
  projectIds: number[],
  extra: Partial<PackGroup> = {},
): PackGroup => ({
  key,
  name,
  acronym,
  projectIds,
  milestonesAchieved: 1,
  milestonesOverdue: 1,
  reportsApproved: projectIds.filter((id) => id !== 103).length,
  entries: [],
  sessions: [],
  ...extra,
});

const row = (key: string, label: Named, value: number) => ({ key, label, value });

/** The fixture pack in the given languages (everything else the same). */
export function deckFixture(languages: PackLanguages = ['en']): PackData {
  return {
    request: {
      round: 'h1-2026',
      start: '2026-01-01',
      end: '2026-06-30',
      filter: EMPTY_FILTER,
      languages,
    },
    round: {
      slug: 'h1-2026',
      title: named('First half of 2026', '2026年上半年', 'Erstes Halbjahr 2026'),
      state: 'closed',
      periodStart: '2026-01-01',
      periodEnd: '2026-06-30',
      dueOn: '2026-07-15',
      event: { slug: workshop.slug, title: workshop.title },
    },
    filterText: [],
    asOf: '2026-07-20',
    overview: {
      projects: 4,
      active: 3,
      fundingKnownEur: 7750000,
      projectsWithFunding: 3,
      byType: [
        row('bilateral', named('Bilateral', '双边', 'Bilateral'), 3),
        row('regional', named('Regional', '区域', 'Regional'), 1),
      ],
      byStatus: [
        row('ongoing', named('Ongoing', '进行中', 'Laufend'), 3),
        row('completed', named('Completed', '已完成', 'Abgeschlossen'), 1),
      ],
      byFundingArea: [
        row(
          'mitigation',
          named('Mitigating greenhouse gas emissions', '减少温室气体排放', 'Minderung'),
          3,
        ),
        row(
          'adaptation',
          named(
            'Adapting to the impacts of climate change',
            '适应气候变化的影响',
            'Anpassung an die Folgen des Klimawandels',
          ),
          1,
        ),
      ],
      milestones: { achieved: 1, due: 2, overdue: 1 },
      indicatorTotals: [
        {
          code: 'SI 1',
          name: named(
            'Greenhouse gas emissions reduced',
            '温室气体减排量',
            'Reduzierte Emissionen',
          ),
          unit: 'tCO2e',
          total: 42000,
          reason: null,
          linkedProjects: 1,
          reportingProjects: 1,
          sourceIds: [SOURCE_GIZ],
        },
        {
          code: 'SI 4',
          name: named('People trained', '接受培训的人数', 'Geschulte Personen'),
          unit: 'people',
          total: null,
          reason: 'measured differently by the projects',
          linkedProjects: 2,
          reportingProjects: 0,
          sourceIds: [],
        },
      ],
      round: {
        asked: 4,
        approved: 3,
        byState: [
          row('approved', named('Approved', '已批准', 'Freigegeben'), 3),
          row('draft', named('Draft', '草稿', 'Entwurf'), 1),
        ],
      },
      events: [workshop],
    },
    projects: structuredClone(projects),
    germanMinistries: [group('bmwk', BMWK.name, 'BMWK', [101, 102, 103, 104])],
    chineseMinistries: [group('mee', MEE.name, 'MEE', [101, 103])],
    topics: [
      group('carbon-markets', named('Carbon markets', '碳市场', 'CO₂-Märkte'), null, [101], {
        entries: projects[0]!.entries,
        sessions: [
          {
            title: named('Carbon markets session', '碳市场分组讨论'),
            eventSlug: workshop.slug,
            eventTitle: workshop.title,
            outcomes: 'Agreed to share the MRV guidelines.',
          },
        ],
      }),
    ],
    sources: [
      {
        id: SOURCE_IKI,
        title: 'IKI project database',
        url: 'https://www.international-climate-initiative.com/en/projects/',
        publisher: 'IKI',
      },
      {
        id: SOURCE_GIZ,
        title: 'GIZ project page: emissions trading in China',
        url: 'https://www.giz.de/en/worldwide/china.html',
        publisher: 'GIZ',
      },
    ],
  };
}
