import { type PartialDate, periodEnd, periodStart, toPartialDate } from '../../../db/dates';
import { dueDate } from '../milestones/progress';
import type { MilestoneKind } from '../../../db/vocabulary';
import {
  AGENCY_IATI_ROLE,
  BUDGET_TYPE_ORIGINAL,
  DEFAULT_REPORTING_ORG_TYPE,
  EXTENDING_ORGANISATION_SLUGS,
  FEATURE_COUNTRY,
  FEATURE_FIRST_ORDER_DIVISION,
  GEO_VOCABULARY_ISO_COUNTRY,
  GOVERNMENT_ORG_TYPE,
  HUB_ATTRIBUTES as A,
  HUB_PREFIX,
  IATI_DATE_TYPES,
  IKI_NUMBER_SCHEME,
  INDICATOR_MEASURE_PERCENTAGE,
  MEASURE_TO_IATI,
  REFERENCE_VOCABULARY_OWN,
  RESULT_TYPE_TO_IATI,
  STANDARD_INDICATOR_URI,
  LOCATION_CLASS_ADMINISTRATIVE,
  OTHER_ACTIVITY_IDENTIFIER,
  RESULT_TYPE_OUTPUT,
  ROLE_TO_IATI,
  SECTOR_VOCABULARIES,
  WGS84,
} from './codes';
import type {
  IatiIndicatorOut,
  IatiIndicatorPeriod,
  IatiMilestone,
  IatiProject,
  IatiSettings,
} from './write-types';
import { type XmlAttributes, type XmlElement, el } from './xml';

// The elements of an <iati-activity>, one function per IATI element group; write.ts puts them
// together in the order the schema fixes.

type Lang = 'en' | 'zh' | 'de';

export const hub = (name: string) => `${HUB_PREFIX}:${name}`;

export function narratives(texts: [Lang | null, string | null][]): XmlElement[] {
  return texts.flatMap(([lang, text]) =>
    text && text.trim() ? [el('narrative', lang ? { 'xml:lang': lang } : {}, text)] : [],
  );
}

function precisionAttributes(date: PartialDate): XmlAttributes {
  return { [hub(A.precision)]: date.precision, [hub(A.value)]: date.value };
}

function achievedDate(project: IatiProject, kind: MilestoneKind): PartialDate | null {
  const m = project.milestones.find((x) => x.kind === kind && x.status === 'achieved');
  return m ? toPartialDate(m.actualDate, m.actualPrecision) : null;
}

/**
 * Activity dates. The published start and end are the terms a source announces, so they are
 * planned (1, 3) whatever the status: a stated "completed" says the project ended, not that it
 * ran exactly over the announced months. Actual dates (2, 4) come only from the milestone
 * register: an achieved start or closure milestone with its actual date. For the seeded portfolio
 * that register already holds the rule "a source calling the project ongoing or completed means
 * it started; completed means it ended" (db/seed/derive-milestones.ts), so the rule lives in one
 * place and an editor's recorded actual date wins over it.
 */
export function activityDates(project: IatiProject): XmlElement[] {
  const start = toPartialDate(project.startDate, project.startPrecision);
  const end = toPartialDate(project.endDate, project.endPrecision);
  const actualStart = achievedDate(project, 'start');
  const actualEnd = achievedDate(project, 'closure');
  const date = (type: string, d: PartialDate | null, edge: 'start' | 'end') =>
    d &&
    el('activity-date', {
      type,
      'iso-date': edge === 'start' ? periodStart(d) : periodEnd(d),
      ...precisionAttributes(d),
    });
  return [
    date(IATI_DATE_TYPES.plannedStart, start, 'start'),
    date(IATI_DATE_TYPES.actualStart, actualStart, 'start'),
    date(IATI_DATE_TYPES.plannedEnd, end, 'end'),
    date(IATI_DATE_TYPES.actualEnd, actualEnd, 'end'),
  ].filter((d): d is XmlElement => Boolean(d));
}

export function participatingOrgs(project: IatiProject): XmlElement[] {
  const seen = new Set<string>();
  const rows = project.organisations.flatMap((o) => {
    const role = EXTENDING_ORGANISATION_SLUGS.includes(o.slug)
      ? AGENCY_IATI_ROLE
      : ROLE_TO_IATI[o.role];
    // One element per organisation and IATI role (both implementing roles are 4).
    if (!role || seen.has(`${o.slug} ${role}`)) return [];
    seen.add(`${o.slug} ${role}`);
    return [{ o, role }];
  });
  rows.sort((a, b) => a.role.localeCompare(b.role) || a.o.name.localeCompare(b.o.name));
  return rows.map(({ o, role }) =>
    el(
      'participating-org',
      {
        ref: o.iatiRef,
        type:
          o.kind === 'german-ministry' || o.kind === 'chinese-ministry'
            ? GOVERNMENT_ORG_TYPE
            : null,
        role,
        [hub(A.role)]: o.role,
        // What IATI has no field for, so an import recreates the same organisation.
        [hub(A.slug)]: o.slug,
        [hub(A.acronym)]: o.acronym,
        [hub(A.organisationKind)]: o.kind,
      },
      // The name is as the organisation writes it, in no stated language; zh and de are marked.
      narratives([
        [null, o.name],
        ['zh', o.nameZh],
        ['de', o.nameDe],
      ]),
    ),
  );
}

/**
 * Recipient countries. IATI wants percentages adding up to 100 once there is more than one; the
 * hub does not know the shares, so 100 is split evenly (to the hundredth, the remainder going to
 * the first countries) and each is marked hub:percentage-basis="even-split". The hub stores no
 * regions, so there is never a recipient-region.
 */
export function recipientCountries(project: IatiProject): XmlElement[] {
  const codes = [...new Set(project.countries)].sort();
  const n = codes.length;
  if (n === 0) return [];
  const base = Math.floor(10_000 / n);
  const remainder = 10_000 - base * n;
  return codes.map((code, i) =>
    el('recipient-country', {
      code,
      percentage: n === 1 ? 100 : (base + (i < remainder ? 1 : 0)) / 100,
      [hub(A.percentageBasis)]: n === 1 ? null : 'even-split',
    }),
  );
}

export function locations(project: IatiProject): XmlElement[] {
  return project.locations.map((l) => {
    if (l.kind === 'place') {
      return el(
        'location',
        {
          ref: l.slug,
          [hub(A.locationKind)]: 'place',
          [hub(A.province)]: l.provinceCode,
          [hub(A.country)]: l.countryCode,
        },
        el(
          'name',
          {},
          narratives([
            ['en', l.nameEn],
            ['zh', l.nameZh],
          ]),
        ),
        // GML pos is "latitude longitude" for EPSG:4326.
        l.lat !== null &&
          l.lon !== null &&
          el('point', { srsName: WGS84 }, el('pos', {}, `${l.lat} ${l.lon}`)),
      );
    }
    if (l.kind === 'province') {
      return el(
        'location',
        { ref: l.code, [hub(A.locationKind)]: 'province' },
        el(
          'name',
          {},
          narratives([
            ['en', l.nameEn],
            ['zh', l.nameZh],
          ]),
        ),
        el('location-class', { code: LOCATION_CLASS_ADMINISTRATIVE }),
        el('feature-designation', { code: FEATURE_FIRST_ORDER_DIVISION }),
      );
    }
    return el(
      'location',
      { ref: l.code, [hub(A.locationKind)]: 'country' },
      el('administrative', { vocabulary: GEO_VOCABULARY_ISO_COUNTRY, level: 0, code: l.code }),
      el('location-class', { code: LOCATION_CLASS_ADMINISTRATIVE }),
      el('feature-designation', { code: FEATURE_COUNTRY }),
    );
  });
}

/**
 * Funding areas and topics as sectors of the hub's own vocabularies. They are tags, not shares
 * of the money, so no percentage is given (IATI's rules ask for one when a vocabulary has several
 * sectors; the schema does not, and inventing shares would be worse).
 */
export function sectors(project: IatiProject): XmlElement[] {
  const { fundingArea, topic } = SECTOR_VOCABULARIES;
  return [
    ...project.fundingAreas.map((f) =>
      el(
        'sector',
        {
          vocabulary: fundingArea.code,
          'vocabulary-uri': fundingArea.uri,
          code: f.slug,
          [hub(A.inferred)]: f.isInferred,
        },
        narratives([['en', f.name]]),
      ),
    ),
    ...project.topics.map((t) =>
      el(
        'sector',
        { vocabulary: topic.code, 'vocabulary-uri': topic.uri, code: t.slug },
        narratives([
          ['en', t.name],
          ['zh', t.nameZh],
          ['de', t.nameDe],
        ]),
      ),
    ),
  ];
}

/**
 * The IKI funding as one original budget over the whole term, only when the amount and both
 * dates are known (no zero for "unknown"). The source states one total, so the period is the
 * term, though IATI's rules prefer periods of at most a year.
 */
export function budget(project: IatiProject): XmlElement | null {
  const start = toPartialDate(project.startDate, project.startPrecision);
  const end = toPartialDate(project.endDate, project.endPrecision);
  if (project.ikiFundingEur === null || !start || !end) return null;
  return el(
    'budget',
    { type: BUDGET_TYPE_ORIGINAL },
    el('period-start', { 'iso-date': periodStart(start), ...precisionAttributes(start) }),
    el('period-end', { 'iso-date': periodEnd(end), ...precisionAttributes(end) }),
    el(
      'value',
      { currency: 'EUR', 'value-date': periodStart(start) },
      String(project.ikiFundingEur),
    ),
  );
}

export function otherIdentifiers(project: IatiProject): XmlElement[] {
  const numbers: [string, string][] = [
    ...(project.ikiProjectNumber
      ? [[IKI_NUMBER_SCHEME, project.ikiProjectNumber] as [string, string]]
      : []),
    ...Object.entries(project.otherProjectNumbers ?? {}),
  ];
  return numbers.map(([scheme, ref]) =>
    el('other-identifier', { ref, type: OTHER_ACTIVITY_IDENTIFIER, [hub(A.scheme)]: scheme }),
  );
}

/**
 * A milestone as an output result with one percentage indicator: the period is the due period
 * (revised, else planned), target 100, actual the progress. "Not reported" has no actual: its 0
 * is no measurement. A milestone without dates keeps its result and indicator without a period
 * (the schema allows that). Everything IATI has no field for is in hub: attributes.
 */
export function result(m: IatiMilestone): XmlElement {
  const title = () =>
    el(
      'title',
      {},
      narratives([
        ['en', m.title],
        ['zh', m.titleZh],
      ]),
    );
  const due = dueDate(m);
  return el(
    'result',
    {
      type: RESULT_TYPE_OUTPUT,
      [hub(A.milestoneKind)]: m.kind,
      [hub(A.milestoneStatus)]: m.status,
      [hub(A.progress)]: m.progress,
      [hub(A.plannedDate)]: m.plannedDate,
      [hub(A.plannedPrecision)]: m.plannedDate ? m.plannedPrecision : null,
      [hub(A.revisedDate)]: m.revisedDate,
      [hub(A.revisedPrecision)]: m.revisedDate ? m.revisedPrecision : null,
      [hub(A.actualDate)]: m.actualDate,
      [hub(A.actualPrecision)]: m.actualDate ? m.actualPrecision : null,
      [hub(A.derived)]: m.isDerived,
    },
    title(),
    el(
      'indicator',
      { measure: INDICATOR_MEASURE_PERCENTAGE },
      title(),
      due &&
        el(
          'period',
          {},
          el('period-start', { 'iso-date': periodStart(due), ...precisionAttributes(due) }),
          el('period-end', { 'iso-date': periodEnd(due), ...precisionAttributes(due) }),
          el('target', { value: 100 }),
          m.status !== 'not-reported' && el('actual', { value: m.progress }),
        ),
    ),
  );
}

/** IATI's ResultType "9 Other" for an indicator whose result type the hub does not know. */
const RESULT_TYPE_OTHER = RESULT_TYPE_TO_IATI.other;

/**
 * A stored period boundary as IATI's iso-date (always a day) and, when less precise than a day,
 * hub:precision and hub:value, so the import gives back the same boundary.
 */
function boundaryAttributes(
  value: string,
  precision: IatiIndicatorPeriod['periodStartPrecision'],
  end: boolean,
) {
  const partial =
    precision === 'day' ? null : { value: value.slice(0, precision === 'year' ? 4 : 7), precision };
  return {
    'iso-date': partial ? (end ? periodEnd(partial) : periodStart(partial)) : value,
    ...(partial ? precisionAttributes(partial) : {}),
  };
}

/**
 * A target or an actual: the whole value, then one element per value by sex (IATI's dimension
 * name "sex"). A qualitative indicator's numbers may not be values in IATI (they are kept in hub:
 * attributes of the period), so it writes only the comment.
 */
function periodValues(
  name: 'target' | 'actual',
  value: number | null,
  comment: string | null,
  dimensions: Record<string, number> | null,
  isQualitative: boolean,
): XmlElement[] {
  const commentEl = comment ? el('comment', {}, narratives([['en', comment]])) : null;
  const whole =
    (value !== null && !isQualitative) || commentEl
      ? [el(name, { value: isQualitative ? null : value }, commentEl)]
      : [];
  const split = isQualitative
    ? []
    : Object.entries(dimensions ?? {}).map(([sex, v]) =>
        el(name, { value: v }, el('dimension', { name: 'sex', value: sex })),
      );
  return [...whole, ...split];
}

function indicatorPeriod(p: IatiIndicatorPeriod, isQualitative: boolean): XmlElement {
  return el(
    'period',
    {
      [hub(A.targetNumber)]: isQualitative ? p.targetValue : null,
      [hub(A.actualNumber)]: isQualitative ? p.actualValue : null,
      [hub(A.evidenceUrl)]: p.evidenceUrl,
      [hub(A.reportedBy)]: p.reportedBy,
    },
    el('period-start', boundaryAttributes(p.periodStart, p.periodStartPrecision, false)),
    el('period-end', boundaryAttributes(p.periodEnd, p.periodEndPrecision, true)),
    periodValues('target', p.targetValue, p.targetComment, p.targetDimensions, isQualitative),
    periodValues('actual', p.actualValue, p.actualComment, p.actualDimensions, isQualitative),
  );
}

/**
 * The baseline: IATI requires a year, so a baseline with only a date takes the date's year
 * (hub:year-derived says so) and one with neither is kept in hub: attributes of the indicator.
 */
function baselineElement(i: IatiIndicatorOut, isQualitative: boolean): XmlElement | null {
  const year = i.baselineYear ?? (i.baselineDate ? Number(i.baselineDate.slice(0, 4)) : null);
  if (year === null) return null;
  return el(
    'baseline',
    {
      year,
      'iso-date': i.baselineDate,
      value: isQualitative ? null : i.baselineValue,
      [hub(A.yearDerived)]: i.baselineYear === null ? true : null,
      [hub(A.number)]: isQualitative ? i.baselineValue : null,
    },
    i.baselineComment && el('comment', {}, narratives([['en', i.baselineComment]])),
  );
}

function indicatorElement(i: IatiIndicatorOut): XmlElement {
  const isQualitative = i.measure === 'qualitative';
  const baseline = baselineElement(i, isQualitative);
  const hasBaseline = i.baselineValue !== null || i.baselineComment !== null;
  return el(
    'indicator',
    {
      measure: MEASURE_TO_IATI[i.measure],
      ascending: i.isAscending ? '1' : '0',
      [hub(A.unit)]: i.unit,
      [hub(A.position)]: i.position,
      [hub(A.disaggregation)]: i.disaggregation,
      [hub(A.baselineValue)]: !baseline && hasBaseline ? i.baselineValue : null,
      [hub(A.baselineComment)]: !baseline && hasBaseline ? i.baselineComment : null,
    },
    el(
      'title',
      {},
      narratives([
        ['en', i.title],
        ['zh', i.titleZh],
        ['de', i.titleDe],
      ]),
    ),
    i.description && el('description', {}, narratives([['en', i.description]])),
    i.standardCode &&
      el('reference', {
        vocabulary: REFERENCE_VOCABULARY_OWN,
        code: i.standardCode,
        'indicator-uri': STANDARD_INDICATOR_URI,
      }),
    baseline,
    i.periods.map((p) => indicatorPeriod(p, isQualitative)),
  );
}

/**
 * A project's indicators as <result>s: indicators of the same result type and title share one
 * result, in the order of their first indicator. IATI requires a type and a title: one the hub
 * does not know is written as "9 Other" and the first indicator's title, with hub:untyped /
 * hub:untitled so the import leaves them unknown again.
 */
export function indicatorResults(indicators: IatiIndicatorOut[]): XmlElement[] {
  const groups = new Map<string, IatiIndicatorOut[]>();
  for (const i of indicators) {
    const key = JSON.stringify([i.resultType, i.resultTitle]);
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0]!;
    return el(
      'result',
      {
        type: first.resultType ? RESULT_TYPE_TO_IATI[first.resultType] : RESULT_TYPE_OTHER,
        [hub(A.untyped)]: first.resultType ? null : true,
        [hub(A.untitled)]: first.resultTitle ? null : true,
      },
      el('title', {}, narratives([['en', first.resultTitle ?? first.title]])),
      group.map(indicatorElement),
    );
  });
}

export function reportingOrg(project: IatiProject, settings: IatiSettings): XmlElement {
  // An imported activity keeps its publisher. The hub does not store the publisher's type, and
  // the schema requires one: 90 ("Other") is the code that claims least.
  if (project.origin === 'iati' && project.publisherRef) {
    return el(
      'reporting-org',
      { ref: project.publisherRef, type: DEFAULT_REPORTING_ORG_TYPE },
      narratives([[null, project.publisherName ?? project.publisherRef]]),
    );
  }
  // The hub republishes what IKI, ZUG and the implementers published: a secondary reporter.
  const { ref, name, type } = settings.reportingOrg;
  return el('reporting-org', { ref, type, 'secondary-reporter': true }, narratives([['en', name]]));
}
