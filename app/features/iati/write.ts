// Writes the portfolio as IATI 2.03 activity XML (the export half of issue #13). Pure: the caller
// loads the projects (app/features/iati/export.server.ts) and passes "today" and the settings.
// The mapping decisions are documented next to the codes in ./codes.ts and where they are made.
import {
  type PartialDate,
  periodEnd,
  periodStart,
  resolveStatus,
  toPartialDate,
} from '../../../db/dates';
import { dueDate } from '../milestones/progress';
import type {
  DatePrecision,
  LocationKind,
  MilestoneKind,
  MilestoneStatus,
  OrganisationKind,
  ProjectOrigin,
  ProjectRole,
  ProjectStatus,
  ProjectType,
} from '../../../db/vocabulary';
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
  HUB_ELEMENTS,
  HUB_NS,
  HUB_PREFIX,
  type HubRelation,
  IATI_DATE_TYPES,
  IATI_VERSION,
  IKI_NUMBER_SCHEME,
  INDICATOR_MEASURE_PERCENTAGE,
  LOCATION_CLASS_ADMINISTRATIVE,
  OTHER_ACTIVITY_IDENTIFIER,
  RELATED_SIBLING,
  RESULT_TYPE_OUTPUT,
  ROLE_TO_IATI,
  SECTOR_VOCABULARIES,
  STATUS_TO_IATI,
  WGS84,
} from './codes';

// ── XML ─────────────────────────────────────────────────────────────────────────────────────────

export type XmlAttributes = Record<string, string | number | boolean | null | undefined>;
export interface XmlElement {
  name: string;
  attributes: XmlAttributes;
  children: XmlNode[];
}
/** A string child is text. */
export type XmlNode = XmlElement | string;
type XmlChildren = (XmlNode | null | undefined | false | XmlChildren)[];

// XML 1.0 cannot carry these even as character references (C0 controls other than tab, line
// feed and carriage return; U+FFFE/U+FFFF; unpaired surrogates), so they are dropped.
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\0-\x08\v\f\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

// What escapeText or escapeAttribute would change: most values (codes, dates, plain titles) hold
// none of it and are returned as they are (at 10 000 projects the replace passes were a fifth of
// the export). Any surrogate takes the full path, which keeps pairs and drops lone halves.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const TEXT_SPECIAL = /[&<>\0-\x08\v\f\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const ATTRIBUTE_SPECIAL = /[&<>"\0-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** Text content: & < > escaped (> too, so "]]>" can never appear), characters XML forbids dropped. */
export function escapeText(value: string): string {
  if (!TEXT_SPECIAL.test(value)) return value;
  return value
    .replace(NOT_XML, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}

/** An attribute value in double quotes; tab and line breaks as references, or parsers fold them. */
export function escapeAttribute(value: string): string {
  if (!ATTRIBUTE_SPECIAL.test(value)) return value;
  return escapeText(value)
    .replaceAll('"', '&quot;')
    .replaceAll('\t', '&#9;')
    .replaceAll('\n', '&#10;')
    .replaceAll('\r', '&#13;');
}

/** An XML comment: "--" may not occur inside one. */
export function xmlComment(text: string): string {
  return `<!-- ${text
    .replace(NOT_XML, '')
    .replace(/-(?=-)/g, '- ')
    .replace(/-$/, '- ')} -->`;
}

/** An element; null, undefined and false children and attributes are left out. */
export function el(
  name: string,
  attributes: XmlAttributes = {},
  ...children: XmlChildren
): XmlElement {
  const flat: XmlNode[] = [];
  const add = (items: XmlChildren) => {
    for (const item of items) {
      if (Array.isArray(item)) add(item);
      else if (item !== null && item !== undefined && item !== false) flat.push(item);
    }
  };
  add(children);
  return { name, attributes, children: flat };
}

function attributeText(attributes: XmlAttributes): string {
  let text = '';
  for (const name in attributes) {
    const value = attributes[name];
    if (value !== null && value !== undefined)
      text += ` ${name}="${escapeAttribute(String(value))}"`;
  }
  return text;
}

/** Serialises an element, one child element per line, text inline. */
export function serialize(node: XmlElement, indent = ''): string {
  const open = `<${node.name}${attributeText(node.attributes)}`;
  if (node.children.length === 0) return `${open}/>`;
  if (node.children.every((c) => typeof c === 'string')) {
    return `${open}>${node.children.map((c) => escapeText(c as string)).join('')}</${node.name}>`;
  }
  const inner = `${indent}  `;
  const lines = node.children.map((c) =>
    typeof c === 'string' ? `${inner}${escapeText(c)}` : `${inner}${serialize(c, inner)}`,
  );
  return `${open}>\n${lines.join('\n')}\n${indent}</${node.name}>`;
}

// ── The data the export needs, as plain values ──────────────────────────────────────────────────

type Lang = 'en' | 'zh' | 'de';

export interface IatiOrganisationLink {
  slug: string;
  acronym: string | null;
  name: string;
  nameZh: string | null;
  nameDe: string | null;
  kind: OrganisationKind;
  iatiRef: string | null;
  role: ProjectRole;
}

export type IatiLocation =
  | {
      kind: Extract<LocationKind, 'place'>;
      slug: string;
      nameEn: string;
      nameZh: string | null;
      lat: number | null;
      lon: number | null;
      provinceCode: string | null;
      countryCode: string;
    }
  | { kind: Extract<LocationKind, 'province'>; code: string; nameEn: string; nameZh: string | null }
  | { kind: Extract<LocationKind, 'country'>; code: string };

export interface IatiMilestone {
  id: number;
  title: string;
  titleZh: string | null;
  kind: MilestoneKind;
  plannedDate: string | null;
  plannedPrecision: DatePrecision | null;
  revisedDate: string | null;
  revisedPrecision: DatePrecision | null;
  actualDate: string | null;
  actualPrecision: DatePrecision | null;
  status: MilestoneStatus;
  progress: number;
  isDerived: boolean;
}

/** One project with everything the activity shows (see listIatiExportProjects). */
export interface IatiProject {
  slug: string;
  origin: ProjectOrigin;
  iatiIdentifier: string | null;
  publisherRef: string | null;
  publisherName: string | null;
  title: string;
  titleZh: string | null;
  titleDe: string | null;
  summary: string | null;
  summaryZh: string | null;
  summaryDe: string | null;
  ikiProjectNumber: string | null;
  otherProjectNumbers: Record<string, string> | null;
  type: ProjectType;
  programme: string;
  statusStated: ProjectStatus | null;
  statusSource: string | null;
  startDate: string | null;
  startPrecision: DatePrecision | null;
  endDate: string | null;
  endPrecision: DatePrecision | null;
  ikiFundingEur: number | null;
  /** ISO 8601 date-time of the last change the hub knows of, if any. */
  lastUpdated: string | null;
  organisations: IatiOrganisationLink[];
  countries: string[];
  locations: IatiLocation[];
  fundingAreas: { slug: string; name: string; isInferred: boolean }[];
  topics: { slug: string; name: string; nameZh: string | null; nameDe: string | null }[];
  related: { relation: HubRelation; slug: string; iatiIdentifier: string | null }[];
  milestones: IatiMilestone[];
}

export interface IatiSettings {
  /** The hub's own reporting-org (HUB_IATI_REPORTING_ORG_*). */
  reportingOrg: { ref: string; name: string; type: string };
  today: string;
  /** ISO 8601 date-time the file is written at. */
  generatedAt: string;
}

// ── Mapping ─────────────────────────────────────────────────────────────────────────────────────

const hub = (name: string) => `${HUB_PREFIX}:${name}`;

/** The activity's identifier: an imported activity keeps its own; a hub project is <ref>-<slug>. */
export function iatiIdentifierOf(
  project: { slug: string; iatiIdentifier: string | null },
  reportingOrgRef: string,
): string {
  return project.iatiIdentifier ?? `${reportingOrgRef}-${project.slug}`;
}

function narratives(texts: [Lang | null, string | null][]): XmlElement[] {
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
function activityDates(project: IatiProject): XmlElement[] {
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

function participatingOrgs(project: IatiProject): XmlElement[] {
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
function recipientCountries(project: IatiProject): XmlElement[] {
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

function locations(project: IatiProject): XmlElement[] {
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
function sectors(project: IatiProject): XmlElement[] {
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
function budget(project: IatiProject): XmlElement | null {
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

function otherIdentifiers(project: IatiProject): XmlElement[] {
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
function result(m: IatiMilestone): XmlElement {
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

/**
 * What the schema requires that this record cannot give without inventing it: such a project
 * is left out of the file (and named in a comment at its top) rather than written invalid.
 */
export function missingRequired(project: IatiProject, today: string): string[] {
  const missing: string[] = [];
  if (narratives([['en', project.title]]).length === 0) missing.push('title');
  if (
    narratives([
      ['en', project.summary],
      ['zh', project.summaryZh],
      ['de', project.summaryDe],
    ]).length === 0
  ) {
    missing.push('description');
  }
  if (participatingOrgs(project).length === 0) missing.push('participating-org');
  // IATI has no "unknown" status; any code would be a guess.
  if (STATUS_TO_IATI[resolveStatus(project, today).status] === null)
    missing.push('activity-status');
  if (activityDates(project).length === 0) missing.push('activity-date');
  return missing;
}

function reportingOrg(project: IatiProject, settings: IatiSettings): XmlElement {
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

/** One project as an <iati-activity> element (the elements in the order the schema fixes). */
export function activityElement(project: IatiProject, settings: IatiSettings): XmlElement {
  const status = resolveStatus(project, settings.today);
  const ref = settings.reportingOrg.ref;
  return el(
    'iati-activity',
    {
      'last-updated-datetime': project.lastUpdated,
      'xml:lang': 'en',
      'default-currency': 'EUR',
      [hub(A.projectType)]: project.type,
      [hub(A.programme)]: project.programme,
    },
    el('iati-identifier', {}, iatiIdentifierOf(project, ref)),
    reportingOrg(project, settings),
    el(
      'title',
      {},
      narratives([
        ['en', project.title],
        ['zh', project.titleZh],
        ['de', project.titleDe],
      ]),
    ),
    el(
      'description',
      { type: 1 },
      narratives([
        ['en', project.summary],
        ['zh', project.summaryZh],
        ['de', project.summaryDe],
      ]),
    ),
    participatingOrgs(project),
    otherIdentifiers(project),
    STATUS_TO_IATI[status.status] !== null &&
      el('activity-status', {
        code: STATUS_TO_IATI[status.status],
        [hub(A.statusBasis)]: status.basis,
        [hub(A.statusWords)]: status.words,
      }),
    activityDates(project),
    recipientCountries(project),
    locations(project),
    sectors(project),
    budget(project),
    project.related.map((r) =>
      el(
        'related-activity',
        { ref: iatiIdentifierOf(r, ref), type: RELATED_SIBLING },
        el(hub(HUB_ELEMENTS.relation), {}, r.relation),
      ),
    ),
    project.milestones.map(result),
  );
}

export function iatiActivityXml(project: IatiProject, settings: IatiSettings): string {
  return serialize(activityElement(project, settings), '  ');
}

/**
 * The whole file. Projects the schema cannot take without invented values are listed in a
 * comment instead. With none left the root is empty, which the schema (one activity at least)
 * rejects: there is no valid way to say "nothing matched".
 */
export function iatiActivitiesXml(projects: IatiProject[], settings: IatiSettings): string {
  const kept: IatiProject[] = [];
  const leftOut: string[] = [];
  for (const p of projects) {
    const missing = missingRequired(p, settings.today);
    if (missing.length) leftOut.push(`${p.slug} (${missing.join(', ')})`);
    else kept.push(p);
  }
  const root = `<iati-activities version="${IATI_VERSION}" generated-datetime="${escapeAttribute(settings.generatedAt)}" xmlns:${HUB_PREFIX}="${HUB_NS}">`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    xmlComment(
      `IKI China portfolio hub: ${kept.length} of ${projects.length} selected projects. hub: attributes keep what IATI has no field for (date precision, milestone status).`,
    ),
    ...(leftOut.length
      ? [xmlComment(`Left out, IATI requires what these records do not say: ${leftOut.join('; ')}`)]
      : []),
    root,
    ...kept.map((p) => `  ${iatiActivityXml(p, settings)}`),
    '</iati-activities>',
    '',
  ].join('\n');
}
