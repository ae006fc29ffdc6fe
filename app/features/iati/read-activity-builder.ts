import { type PartialDate, parsePartialDate } from '../../../db/dates';
import { IATI_DATE_TYPES, WGS84 } from './codes';
import {
  type IatiActivity,
  type IatiBudget,
  type IatiDateType,
  type IatiLocation,
  type IatiOrg,
  type IatiResult,
  type Severity,
  anyText,
} from './read-types';
import {
  DPORTAL_DSTORE_NS,
  type ElementNode,
  attr,
  child,
  children,
  hubAttrs,
  parseNumber,
  readTexts,
} from './read-tree';
import type { ReadLog } from './read-log';
import { readResults } from './read-results';
import { readDocumentLinks } from './read-documents';

// The element tree of one kept <iati-activity> as the plain object the import stages, every
// value checked (which activities are kept is read-activity.ts).

/** An activity worth building: the checks that decide it have read these already. */
export interface Chosen {
  identifier: string;
  version: string;
  countries: IatiActivity['countries'];
  regions: IatiActivity['regions'];
}

const ISO_DATE =
  /^(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(?:Z|[+-]\d{2}:\d{2})?$/;

const DATE_TYPES = Object.fromEntries(
  Object.entries(IATI_DATE_TYPES).map(([k, v]) => [v, k as IatiDateType]),
) as Record<string, IatiDateType>;

/**
 * Builds one activity, reporting each problem with the activity's identifier. A hard error in
 * any value refuses the activity: build() then returns null.
 */
export class ActivityBuilder {
  private hasError = false;

  constructor(
    private readonly node: ElementNode,
    private readonly chosen: Chosen,
    private readonly lang: string,
    private readonly log: ReadLog,
  ) {}

  build(): IatiActivity | null {
    const { node, chosen } = this;
    const dates = this.dates();
    const statusCode = this.statusCode();
    const organisations = this.organisations();
    const locations = children(node, 'location').map((l) => this.location(l));
    const sectors = children(node, 'sector').flatMap((s) => {
      const code = attr(s, 'code');
      const vocabulary = attr(s, 'vocabulary');
      if ((vocabulary !== '98' && vocabulary !== '99') || !code) return [];
      const vocabularyUri = attr(s, 'vocabulary-uri');
      return [{ vocabulary, vocabularyUri, code, name: this.texts(s), hub: hubAttrs(s) }];
    });
    const otherIdentifiers = children(node, 'other-identifier').flatMap((o) => {
      const ref = attr(o, 'ref');
      return ref ? [{ ref, type: attr(o, 'type'), hub: hubAttrs(o) }] : [];
    });
    const related = children(node, 'related-activity').flatMap((r) => {
      const ref = attr(r, 'ref');
      return ref ? [{ ref, type: attr(r, 'type'), hub: hubAttrs(r) }] : [];
    });
    const results = this.results();
    const defaultCurrency = attr(node, 'default-currency');
    const budgets = this.budgets(defaultCurrency);
    const documents = readDocumentLinks(node, this.lang, (severity, line, message) =>
      this.problem(severity, line, message),
    );

    const reporting = child(node, 'reporting-org');
    if (!reporting) {
      this.problem('warning', node.line, `Activity ${chosen.identifier} has no <reporting-org>.`);
    }
    const title = this.texts(child(node, 'title'));
    if (!anyText(title)) {
      const message = `Activity ${chosen.identifier} has no title; its identifier is used.`;
      this.problem('warning', node.line, message);
    }
    if (this.hasError) return null;

    return {
      identifier: chosen.identifier,
      line: node.line,
      version: chosen.version,
      dataset:
        [...node.attrs.entries()].find(
          ([name, a]) => a.uri === DPORTAL_DSTORE_NS && name.endsWith(':dataset'),
        )?.[1].value ?? null,
      defaultCurrency,
      reportingOrg: {
        ref: attr(reporting, 'ref') || null,
        name: this.texts(reporting),
        type: attr(reporting, 'type'),
      },
      title,
      // The general description (type 1, or untyped); objectives and target groups are not read.
      description: this.texts(
        children(node, 'description').find((d) => (attr(d, 'type') ?? '1') === '1'),
      ),
      status: statusCode,
      statusHub: hubAttrs(child(node, 'activity-status')),
      otherIdentifiers,
      dates,
      countries: chosen.countries,
      regions: chosen.regions,
      organisations,
      locations,
      sectors,
      related,
      results,
      budgets,
      documents,
      hub: hubAttrs(node),
    };
  }

  private problem(severity: Severity, line: number, message: string): void {
    if (severity === 'error') this.hasError = true;
    this.log.report(severity, line, message, this.chosen.identifier);
  }

  private texts(n: ElementNode | undefined) {
    return readTexts(n, this.lang);
  }

  /** An iso-date, honouring hub:precision / hub:value when our own export wrote them. */
  private readDate(n: ElementNode, what: string): PartialDate | null {
    const iso = attr(n, 'iso-date');
    let day: PartialDate | null = null;
    if (iso !== null) {
      const match = ISO_DATE.exec(iso);
      day = match ? parsePartialDate(match[1]!) : null;
      if (!match) {
        this.problem('error', n.line, `${what}: "${iso}" is not an ISO date (YYYY-MM-DD).`);
        return null;
      }
      if (!day) {
        this.problem('error', n.line, `${what}: ${iso} is not a real date.`);
        return null;
      }
    }
    const hub = hubAttrs(n);
    if (hub.value !== undefined || hub.precision !== undefined) {
      const partial = hub.value ? parsePartialDate(hub.value) : null;
      if (!partial || (hub.precision && partial.precision !== hub.precision)) {
        this.problem(
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
  }

  private dates(): IatiActivity['dates'] {
    const dates: IatiActivity['dates'] = {};
    for (const d of children(this.node, 'activity-date')) {
      const type = attr(d, 'type');
      const key = type ? DATE_TYPES[type] : undefined;
      if (!key) {
        this.problem(
          'warning',
          d.line,
          `activity-date of unknown type "${type ?? ''}" is ignored.`,
        );
        continue;
      }
      const date = this.readDate(d, `activity-date type ${type}`);
      if (date && !dates[key]) dates[key] = date;
    }
    return dates;
  }

  private statusCode(): string | null {
    const status = child(this.node, 'activity-status');
    const code = attr(status, 'code');
    if (code !== null && !/^[1-6]$/.test(code)) {
      this.problem('warning', status!.line, `Unknown activity-status code "${code}".`);
    }
    return code;
  }

  private organisations(): IatiOrg[] {
    return children(this.node, 'participating-org').map((o) => {
      const role = attr(o, 'role');
      if (!attr(o, 'ref') && !anyText(this.texts(o))) {
        this.problem('warning', o.line, 'participating-org without a name or ref is not imported.');
      }
      if (role !== null && !/^[1-4]$/.test(role)) {
        this.problem('warning', o.line, `participating-org with unknown role "${role}".`);
      }
      return {
        ref: attr(o, 'ref') || null,
        name: this.texts(o),
        role,
        type: attr(o, 'type'),
        hub: hubAttrs(o),
      };
    });
  }

  private location(l: ElementNode): IatiLocation {
    const point = child(l, 'point');
    const { lat, lon } = point ? this.point(point) : { lat: null, lon: null };
    if (lat === null && !point && !hubAttrs(l).kind) {
      const name =
        anyText(this.texts(child(l, 'name'))) ?? anyText(this.texts(child(l, 'description')));
      this.problem(
        'warning',
        l.line,
        `Location "${name ?? '?'}" has no coordinates and is not imported.`,
      );
    }
    return {
      ref: attr(l, 'ref') || null,
      name: this.texts(child(l, 'name')),
      description: this.texts(child(l, 'description')),
      lat,
      lon,
      administrative: children(l, 'administrative').flatMap((a) => {
        const code = attr(a, 'code');
        return code ? [{ vocabulary: attr(a, 'vocabulary'), level: attr(a, 'level'), code }] : [];
      }),
      hub: hubAttrs(l),
    };
  }

  private point(point: ElementNode): { lat: number | null; lon: number | null } {
    const srs = attr(point, 'srsName');
    if (srs && srs !== WGS84)
      this.problem('warning', point.line, `Location point in ${srs}, read as WGS 84.`);
    const pos = child(point, 'pos');
    const parts = pos?.text.trim().split(/\s+/) ?? [];
    const numbers = parts.map((p) => parseNumber(p));
    if (parts.length !== 2 || numbers.some((n) => n === null)) {
      this.problem(
        'error',
        pos?.line ?? point.line,
        `Location pos "${pos?.text.trim() ?? ''}" is not "latitude longitude".`,
      );
      return { lat: null, lon: null };
    }
    const [la, lo] = numbers as [number, number];
    if (la < -90 || la > 90 || lo < -180 || lo > 180) {
      this.problem(
        'error',
        pos!.line,
        `Location pos "${pos!.text.trim()}" is out of range (latitude ±90, longitude ±180).`,
      );
      return { lat: null, lon: null };
    }
    return { lat: la, lon: lo };
  }

  private results(): IatiResult[] {
    const results = readResults(
      {
        problem: (severity, line, message) => this.problem(severity, line, message),
        texts: (n) => this.texts(n),
      },
      this.node,
    );
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
          this.problem('error', r.line, `result hub:${key} "${hub[key]}" is not a real date.`);
        }
      }
    }
    return results;
  }

  private budgets(defaultCurrency: string | null): IatiBudget[] {
    return children(this.node, 'budget').map((b) => {
      const value = child(b, 'value');
      const currency = attr(value, 'currency') ?? defaultCurrency;
      const amount = parseNumber(value?.text.trim() ?? null);
      if (value && amount === null)
        this.problem('warning', value.line, `Budget value "${value.text.trim()}" is not a number.`);
      if (amount !== null && currency !== 'EUR') {
        this.problem(
          'warning',
          b.line,
          `Budget in ${currency ?? 'no currency'} is not read as funding (only EUR is).`,
        );
      }
      return { type: attr(b, 'type'), value: amount, currency };
    });
  }
}
