import { type PartialDate, parsePartialDate } from '../../../db/dates';
import type {
  IatiBaseline,
  IatiDimension,
  IatiIndicator,
  IatiPeriod,
  IatiResult,
  IatiValue,
  Severity,
  Texts,
} from './read-types';
import { type ElementNode, attr, child, children, hubAttrs, parseNumber } from './read-tree';

// An activity's <result>s read in full: every indicator with its measure, direction, references,
// baselines and periods (targets and actuals with comments, dimensions and evidence links), each
// with its line. What the hub stores of them is the importer's decision (import-indicators.ts);
// here a value that is not a date or a number is only reported, never a reason to refuse.

/** What reading a result needs of the activity being built. */
export interface ResultContext {
  problem(severity: Severity, line: number, message: string): void;
  texts(node: ElementNode | undefined): Texts;
}

const ISO_DAY = /^(\d{4}-\d{2}-\d{2})(?:T[\d:.]+)?(?:Z|[+-]\d{2}:\d{2})?$/;

/**
 * A period boundary: hub:value/hub:precision when our export wrote them, else the iso-date.
 * Not a date: a warning, and null (the importer then leaves the period out).
 */
function boundary(ctx: ResultContext, n: ElementNode | undefined, what: string) {
  if (!n) return null;
  const hub = hubAttrs(n);
  if (hub.value !== undefined) {
    const partial = parsePartialDate(hub.value);
    if (partial && (!hub.precision || partial.precision === hub.precision)) return partial;
  }
  const iso = attr(n, 'iso-date');
  const day = iso === null ? null : (ISO_DAY.exec(iso)?.[1] ?? null);
  const date: PartialDate | null = day ? parsePartialDate(day) : null;
  if (!date)
    ctx.problem('warning', n.line, `${what} "${iso ?? ''}" is not a real date (YYYY-MM-DD).`);
  return date;
}

function dimensions(n: ElementNode): IatiDimension[] {
  return children(n, 'dimension').map((d) => ({
    line: d.line,
    name: attr(d, 'name'),
    value: attr(d, 'value'),
  }));
}

function value(ctx: ResultContext, n: ElementNode): IatiValue {
  const text = attr(n, 'value');
  return {
    line: n.line,
    text,
    value: parseNumber(text),
    comment: ctx.texts(child(n, 'comment')),
    dimensions: dimensions(n),
    documentUrls: children(n, 'document-link').flatMap((d) => attr(d, 'url') ?? []),
  };
}

const undimensioned = (values: IatiValue[]) =>
  values.find((v) => v.dimensions.length === 0)?.value ?? null;

function period(ctx: ResultContext, p: ElementNode): IatiPeriod {
  const start = child(p, 'period-start');
  const end = child(p, 'period-end');
  const targets = children(p, 'target').map((t) => value(ctx, t));
  const actuals = children(p, 'actual').map((a) => value(ctx, a));
  return {
    line: p.line,
    start: boundary(ctx, start, 'Indicator period-start'),
    end: boundary(ctx, end, 'Indicator period-end'),
    target: undimensioned(targets),
    actual: undimensioned(actuals),
    targets,
    actuals,
    hub: { ...hubAttrs(start), ...hubAttrs(end), ...hubAttrs(p) },
  };
}

function baseline(ctx: ResultContext, b: ElementNode): IatiBaseline {
  const text = attr(b, 'value');
  return {
    line: b.line,
    year: attr(b, 'year'),
    isoDate: attr(b, 'iso-date'),
    text,
    value: parseNumber(text),
    comment: ctx.texts(child(b, 'comment')),
    dimensions: dimensions(b),
    hub: hubAttrs(b),
  };
}

function indicator(ctx: ResultContext, i: ElementNode): IatiIndicator {
  return {
    line: i.line,
    measure: attr(i, 'measure'),
    ascending: attr(i, 'ascending'),
    aggregationStatus: attr(i, 'aggregation-status'),
    title: ctx.texts(child(i, 'title')),
    description: ctx.texts(child(i, 'description')),
    references: children(i, 'reference').map((r) => ({
      line: r.line,
      vocabulary: attr(r, 'vocabulary'),
      code: attr(r, 'code'),
      uri: attr(r, 'indicator-uri'),
    })),
    baselines: children(i, 'baseline').map((b) => baseline(ctx, b)),
    periods: children(i, 'period').map((p) => period(ctx, p)),
    hub: hubAttrs(i),
  };
}

/** Every <result> of an activity, in file order. */
export function readResults(ctx: ResultContext, activity: ElementNode): IatiResult[] {
  return children(activity, 'result').map((r) => ({
    line: r.line,
    type: attr(r, 'type'),
    aggregationStatus: attr(r, 'aggregation-status'),
    title: ctx.texts(child(r, 'title')),
    description: ctx.texts(child(r, 'description')),
    indicators: children(r, 'indicator').map((i) => indicator(ctx, i)),
    hub: hubAttrs(r),
  }));
}
