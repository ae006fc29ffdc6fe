import type * as t from '../schema';
import type { IndicatorMeasure, IndicatorUnit } from '../vocabulary';
import { type Random, type Row, random } from './synthetic';

// The demo portfolio's indicators (synthetic projects only, never the real database, which has no
// indicator values): one to three per project, some linked to IKI's standard indicators SI 1–SI 5
// in their units, some not, some qualitative, some "lower is better", with yearly periods whose
// targets are set and whose actuals are sometimes missing ("not reported", never 0).

/** The standard indicators' codes and units, in the seed's order (ids 1…5). */
export interface DemoStandardIndicator {
  id: number;
  code: string;
  unit: IndicatorUnit;
}

interface Template {
  title: string;
  titleZh: string | null;
  titleDe: string | null;
  unit: IndicatorUnit | null;
  measure: IndicatorMeasure;
  isAscending: boolean;
  /** The size of a yearly target step, and the baseline (null: none published). */
  step: number;
  baseline: number | null;
}

/** Titles for indicators linked to a standard indicator (by code); their unit is the standard's. */
const LINKED: Record<string, Omit<Template, 'unit' | 'measure' | 'isAscending' | 'baseline'>> = {
  'SI 1': {
    title: 'Greenhouse gas emissions reduced by the pilot measures',
    titleZh: '试点措施减少的温室气体排放',
    titleDe: 'Durch die Pilotmaßnahmen verminderte Treibhausgasemissionen',
    step: 25_000,
  },
  'SI 2': {
    title: 'Area of ecosystems under improved management',
    titleZh: '管理得到改善的生态系统面积',
    titleDe: 'Fläche von Ökosystemen unter verbesserter Bewirtschaftung',
    step: 1_500,
  },
  'SI 3': {
    title: 'People supported in adapting to climate change',
    titleZh: '在适应气候变化方面得到支持的人数',
    titleDe: 'Bei der Anpassung an den Klimawandel unterstützte Menschen',
    step: 4_000,
  },
  'SI 4': {
    title: 'People trained in climate policy and technology',
    titleZh: '接受气候政策和技术培训的人数',
    titleDe: 'In Klimapolitik und -technologie geschulte Personen',
    step: 120,
  },
  'SI 5': {
    title: 'Public and private finance mobilised',
    titleZh: '动员的公共和私人资金',
    titleDe: 'Mobilisierte öffentliche und private Finanzmittel',
    step: 2_000_000,
  },
};

/** Project-specific indicators not linked to a standard indicator. */
const OWN: Template[] = [
  {
    title: 'Provincial policies drafted with project support',
    titleZh: '在项目支持下起草的省级政策',
    titleDe: 'Mit Projektunterstützung entworfene Provinzpolitiken',
    unit: 'policies',
    measure: 'unit',
    isAscending: true,
    step: 2,
    baseline: 0,
  },
  {
    title: 'Renewable capacity installed at demonstration sites',
    titleZh: '示范点新增可再生能源装机容量',
    titleDe: 'An Demonstrationsstandorten installierte erneuerbare Leistung',
    unit: 'MW',
    measure: 'unit',
    isAscending: true,
    step: 15,
    baseline: null,
  },
  {
    title: 'Energy intensity of the pilot industrial parks',
    titleZh: '试点工业园区的能源强度',
    titleDe: 'Energieintensität der Pilot-Industrieparks',
    unit: 'percent',
    measure: 'percentage',
    isAscending: false,
    step: -4,
    baseline: 100,
  },
  {
    title: 'Annual emissions of the partner city',
    titleZh: '合作城市的年排放量',
    titleDe: 'Jährliche Emissionen der Partnerstadt',
    unit: 'tCO2e',
    measure: 'unit',
    isAscending: false,
    step: -40_000,
    baseline: 1_200_000,
  },
  {
    title: 'Partner organisations applying the guidelines',
    titleZh: '采用指南的合作机构',
    titleDe: 'Partnerorganisationen, die die Leitlinien anwenden',
    unit: 'organisations',
    measure: 'unit',
    isAscending: true,
    step: 5,
    baseline: 0,
  },
  {
    title: 'Cycle lanes built in the pilot district',
    titleZh: null,
    titleDe: null,
    unit: 'km',
    measure: 'unit',
    isAscending: true,
    step: 12,
    baseline: 30,
  },
];

const QUALITATIVE: Template[] = [
  {
    title: 'Quality of the provincial emissions inventory',
    titleZh: '省级排放清单的质量',
    titleDe: 'Qualität des Emissionsinventars der Provinz',
    unit: null,
    measure: 'qualitative',
    isAscending: true,
    step: 0,
    baseline: null,
  },
  {
    title: 'Climate risks considered in urban planning',
    titleZh: '城市规划中对气候风险的考虑',
    titleDe: 'Berücksichtigung von Klimarisiken in der Stadtplanung',
    unit: null,
    measure: 'qualitative',
    isAscending: true,
    step: 0,
    baseline: null,
  },
];

const QUALITATIVE_TARGETS = ['Method agreed with partners', 'Adopted by the provincial government'];
const QUALITATIVE_ACTUALS = ['Draft under review', 'Partly achieved', 'Achieved as planned'];

const CREATED_AT = '2026-11-29T00:00:00.000Z';
/** Periods that end after this day have targets only (the demo's "today" is late 2026). */
const LAST_REPORTED_YEAR = 2025;

/** Splits a people count by sex (female, male, other), adding up to the total. */
function bySex(rnd: Random, total: number): Record<string, number> {
  const female = Math.round(total * (0.35 + rnd.next() * 0.3));
  const other = Math.round(total * 0.01);
  return { female, male: total - female - other, other };
}

function pickTemplate(
  rnd: Random,
  standards: DemoStandardIndicator[],
): { template: Template; standard: DemoStandardIndicator | null } {
  const r = rnd.next();
  if (r < 0.45 && standards.length) {
    const standard = rnd.pick(standards);
    const linked = LINKED[standard.code] ?? {
      title: `Contribution to ${standard.code}`,
      titleZh: null,
      titleDe: null,
      step: 100,
    };
    return {
      template: {
        ...linked,
        unit: standard.unit,
        measure: 'unit',
        isAscending: true,
        baseline: rnd.chance(0.6) ? 0 : null,
      },
      standard,
    };
  }
  if (r < 0.8) return { template: rnd.pick(OWN), standard: null };
  return { template: rnd.pick(QUALITATIVE), standard: null };
}

/** One to three indicators per project, each with one to three yearly periods. */
export function demoIndicators(
  seed: number,
  projects: Row<typeof t.projects>[],
  standards: DemoStandardIndicator[],
) {
  // Its own sequence: the rest of the portfolio stays what the seed always gave.
  const rnd = random(seed + 29);
  const indicators: Row<typeof t.indicators>[] = [];
  const periods: Row<typeof t.indicatorPeriods>[] = [];
  for (const project of projects) {
    const startYear = project.startsOn ? Number(project.startsOn.slice(0, 4)) : rnd.int(2018, 2025);
    const howMany = rnd.int(1, 3);
    const used = new Set<string>();
    for (let k = 0; k < howMany; k++) {
      const { template, standard } = pickTemplate(rnd, standards);
      if (used.has(template.title)) continue;
      used.add(template.title);
      const id = indicators.length + 1;
      const quantitative = template.measure !== 'qualitative';
      const disaggregated = template.unit === 'people' && rnd.chance(0.5);
      indicators.push({
        id,
        projectId: project.id!,
        title: template.title,
        titleZh: template.titleZh,
        titleDe: template.titleDe,
        description: 'Synthetic indicator, generated for scale tests. Not a real result.',
        unit: template.unit,
        measure: template.measure,
        isAscending: template.isAscending,
        standardIndicatorId: standard?.id ?? null,
        disaggregation: disaggregated ? 'sex' : null,
        resultType: rnd.pick(['output', 'outcome'] as const),
        resultTitle: null,
        baselineValue: template.baseline,
        baselineYear: template.baseline === null ? null : startYear - 1,
        baselineDate: null,
        baselineComment: quantitative ? null : 'No inventory method agreed yet',
        position: k + 1,
        sourceId: project.sourceId ?? null,
        createdAt: CREATED_AT,
      });
      const years = rnd.int(1, 3);
      for (let y = 0; y < years; y++) {
        const year = startYear + y;
        const target = quantitative ? (template.baseline ?? 0) + template.step * (y + 1) : null;
        // Earlier years are reported more often; later ones are not yet due.
        const reported = year <= LAST_REPORTED_YEAR && rnd.chance(0.75);
        const actual =
          reported && target !== null
            ? Math.round(
                (template.baseline ?? 0) +
                  (target - (template.baseline ?? 0)) * (0.3 + rnd.next() * 0.9),
              )
            : null;
        periods.push({
          id: periods.length + 1,
          indicatorId: id,
          periodStart: `${year}-01-01`,
          periodStartPrecision: 'day',
          periodEnd: `${year}-12-31`,
          periodEndPrecision: 'day',
          targetValue: target,
          targetComment: quantitative ? null : rnd.pick(QUALITATIVE_TARGETS),
          targetDimensions: disaggregated && target !== null ? bySex(rnd, target) : null,
          actualValue: actual,
          actualComment: reported && !quantitative ? rnd.pick(QUALITATIVE_ACTUALS) : null,
          actualDimensions: disaggregated && actual !== null ? bySex(rnd, actual) : null,
          evidenceUrl: reported
            ? `https://example.org/demo/projects/${project.id}/report-${year}`
            : null,
          reportedBy: reported ? 'synthetic reporter' : null,
        });
      }
    }
  }
  return { indicators, periods };
}
