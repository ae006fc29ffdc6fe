import type { Table, TextRun } from 'docx';

import { INTL_LOCALE } from '../../core/i18n/config';
import type { Translation } from '../../core/i18n/locales/en';
import { formatEur } from '../../core/format';
import { overviewCharts } from './pack-charts';
import { fill } from './pack-labels';
import type { CountRow } from './pack-types';
import {
  type Part,
  type Ctx,
  type Pick,
  type Span,
  TEXT_WIDTH_PX,
  chart,
  eventsBlock,
  headerCells,
  label,
  labelHeading,
  labelRuns,
  none,
  named,
  reasonSpans,
  num,
  para,
  run,
  runs,
  sourceRefs,
  table,
  words,
} from './pack-docx-blocks.server';

// The pack's portfolio overview in the Word document: key figures, the charts with their numbers
// as tables beneath, the indicator totals, the round's completion and the period's events.

function countTable(ctx: Ctx, rows: CountRow[], first: TextRun[]): Table {
  return table(
    [first, ...headerCells(ctx, [(l) => l.projects])],
    rows.map((r) => [runs(named(ctx, r.label)), [run(num(ctx, r.value))]]),
    [3, 1],
  );
}

export function overview(ctx: Ctx): Part[] {
  const { pack } = ctx;
  const o = pack.overview;
  const specs = new Map(overviewCharts(pack, pack.request.languages).map((s) => [s.id, s]));
  const out: Part[] = [labelHeading(ctx, 1, (l) => l.overview, true)];

  out.push(labelHeading(ctx, 2, (l) => l.keyFigures));
  const coverage = { n: o.projectsWithFunding, total: o.projects };
  const funding = label(
    ctx,
    (l, lang) =>
      `${formatEur(o.fundingKnownEur, INTL_LOCALE[lang])} (${fill(l.fundingCoverage, coverage)})`,
  );
  const figures: [Span[], Span[]][] = [
    [label(ctx, (l) => l.projects), [num(ctx, o.projects)]],
    [label(ctx, (l) => l.activeProjects), [num(ctx, o.active)]],
    [label(ctx, (l) => l.knownFunding), funding],
    [
      label(ctx, (l) => `${l.milestonesInPeriod}: ${l.milestonesAchieved}`),
      [num(ctx, o.milestones.achieved)],
    ],
    [
      label(ctx, (l) => `${l.milestonesInPeriod}: ${l.milestonesDue}`),
      [num(ctx, o.milestones.due)],
    ],
    [
      label(ctx, (l) => `${l.milestonesInPeriod}: ${l.milestonesOverdue}`),
      [num(ctx, o.milestones.overdue)],
    ],
  ];
  if (o.round) {
    figures.push([label(ctx, (l) => l.roundCompletion), roundShare(ctx)]);
  }
  out.push(
    table(
      [],
      figures.map(([name, value]) => [runs(name, { bold: true }), runs(value)]),
      [2, 2],
      false,
    ),
  );

  const counts: [string, CountRow[], Pick, (t: Translation) => string][] = [
    ['byType', o.byType, (l) => l.byType, (t) => t.project.type],
    ['byStatus', o.byStatus, (l) => l.byStatus, (t) => t.project.status],
    ['byFundingArea', o.byFundingArea, (l) => l.byFundingArea, (t) => t.filter.fundingArea],
  ];
  for (const [id, rows, title, column] of counts) {
    const spec = specs.get(id);
    if (!spec) continue;
    out.push(labelHeading(ctx, 2, title));
    out.push(chart(ctx, spec, TEXT_WIDTH_PX));
    out.push(countTable(ctx, rows, runs(words(ctx, column), { bold: true })));
  }

  const milestones = specs.get('milestones');
  out.push(labelHeading(ctx, 2, (l) => l.milestonesInPeriod));
  if (milestones) out.push(chart(ctx, milestones, TEXT_WIDTH_PX));
  out.push(
    table(
      headerCells(ctx, [
        (l) => l.milestonesAchieved,
        (l) => l.milestonesDue,
        (l) => l.milestonesOverdue,
      ]),
      [
        [o.milestones.achieved, o.milestones.due, o.milestones.overdue].map((n) => [
          run(num(ctx, n)),
        ]),
      ],
      [1, 1, 1],
    ),
  );

  out.push(labelHeading(ctx, 2, (l) => l.indicatorTotals));
  if (o.indicatorTotals.length === 0) {
    out.push(none(ctx, (l) => l.noIndicators));
  } else {
    out.push(
      table(
        headerCells(ctx, [
          (l) => l.indicators,
          (l) => l.total,
          (l) => l.projects,
          (l) => l.sources,
        ]),
        o.indicatorTotals.map((t) => [
          [
            run({ text: `${t.code} · `, lang: ctx.main }, { bold: true }),
            ...runs(named(ctx, t.name)),
            ...(t.unit ? [run({ text: ` (${t.unit})`, lang: ctx.main })] : []),
          ],
          t.total === null
            ? t.reason
              ? runs(reasonSpans(ctx, 'total', t.reason), { italics: true })
              : labelRuns(ctx, (l) => l.noTotal, { italics: true })
            : [run(num(ctx, t.total), { bold: true })],
          labelRuns(ctx, (l) =>
            fill(l.reportingProjects, { n: t.reportingProjects, m: t.linkedProjects }),
          ),
          runs(sourceRefs(ctx, t.sourceIds)),
        ]),
        [4, 3, 3, 1.6],
      ),
    );
  }

  if (o.round) {
    out.push(labelHeading(ctx, 2, (l) => l.roundCompletion));
    out.push(para(runs(roundShare(ctx))));
    const spec = specs.get('round');
    if (spec) out.push(chart(ctx, spec, TEXT_WIDTH_PX));
    out.push(
      countTable(
        ctx,
        o.round.byState,
        runs(
          words(ctx, (t) => t.reporting.state),
          { bold: true },
        ),
      ),
    );
  }

  out.push(labelHeading(ctx, 2, (l) => l.eventsInPeriod));
  out.push(...eventsBlock(ctx, o.events));
  return out;
}

function roundShare(ctx: Ctx): Span[] {
  const round = ctx.pack.overview.round!;
  return label(ctx, (l) =>
    fill(l.reportsApproved, { approved: round.approved, asked: round.asked }),
  );
}
