import type { Paragraph, Table, TextRun } from 'docx';

import { INTL_LOCALE, LANGS, type Lang } from '../../core/i18n/config';
import { formatEur } from '../../core/format';
import { REPORT_SECTIONS, type ReportSection } from '../../../db/vocabulary';
import { indicatorChart } from './pack-charts';
import type { PackIndicator, PackMilestone, PackProject } from './pack-types';
import {
  type ApprovedReport,
  type Block,
  type Part,
  type Ctx,
  MUTED,
  type Pick,
  type Span,
  afterTable,
  chart,
  dateSpans,
  entriesBlock,
  eventsBlock,
  headerCells,
  heading,
  hubHeaders,
  label,
  labelHeading,
  labelRuns,
  named,
  none,
  num,
  organisations,
  para,
  periodSpans,
  reasonSpans,
  run,
  runs,
  sourceRefs,
  table,
  vocabulary,
  words,
} from './pack-docx-blocks.server';

// A project's section in the pack's Word document: its facts and organisations (official names),
// its approved report in full or why there is none (a draft is never shown), milestones reached
// and next, indicators with their small charts, events and knowledge entries.

/** The small chart of an indicator over its periods, in CSS pixels (about 11.6 cm). */
const INDICATOR_CHART_WIDTH = 440;

function milestoneTable(ctx: Ctx, milestones: PackMilestone[], date: Pick): Paragraph | Table {
  if (milestones.length === 0) return none(ctx, (l) => l.noneInPeriod);
  return table(
    [
      ...hubHeaders(ctx, [(t) => t.milestone.title, (t) => t.milestone.status]),
      ...headerCells(ctx, [date]),
      [run({ text: '%', lang: ctx.main }, { bold: true })],
      ...headerCells(ctx, [(l) => l.sources]),
    ],
    milestones.map((m) => [
      runs(named(ctx, m.title)),
      runs(vocabulary(ctx, 'milestoneStatus', m.status)),
      runs(dateSpans(ctx, m.date, m.precision)),
      [run({ text: `${Math.round(m.progress)} %`, lang: ctx.main })],
      runs(sourceRefs(ctx, m.sourceIds)),
    ]),
    [5, 2, 3, 1.2, 1.6],
  );
}

function shareRuns(ctx: Ctx, indicator: PackIndicator): TextRun[] {
  if (indicator.share !== null) {
    return [run({ text: ctx.percent.format(indicator.share), lang: ctx.main })];
  }
  if (indicator.noShareReason) {
    return runs(reasonSpans(ctx, 'share', indicator.noShareReason), { italics: true });
  }
  return [run({ text: '–', lang: ctx.main })];
}

function indicatorsBlock(ctx: Ctx, indicators: PackIndicator[]): Part[] {
  if (indicators.length === 0) return [none(ctx, (l) => l.noIndicators)];
  const out: Part[] = [
    table(
      headerCells(ctx, [
        (l) => l.indicators,
        (l) => l.baseline,
        (l) => l.target,
        (l) => l.actual,
        (l) => l.shareOfTarget,
      ]),
      indicators.map((i) => [
        [
          ...(i.standardCode
            ? [run({ text: `${i.standardCode} · `, lang: ctx.main }, { bold: true })]
            : []),
          ...runs(named(ctx, i.title)),
          ...(i.unit ? [run({ text: ` (${i.unit})`, lang: ctx.main })] : []),
        ],
        [run(num(ctx, i.baseline))],
        [run(num(ctx, i.latestTarget))],
        [run(num(ctx, i.latestActual))],
        shareRuns(ctx, i),
      ]),
      [5, 2, 2, 2, 2],
    ),
  ];
  for (const indicator of indicators) {
    const spec = indicatorChart(indicator, ctx.pack.request.languages);
    if (spec) out.push(chart(ctx, spec, INDICATOR_CHART_WIDTH));
  }
  return out;
}

/** A report section in each pack language it is written in; else in its original, marked so. */
function sectionText(ctx: Ctx, report: ApprovedReport, section: ReportSection): Paragraph[] {
  const { texts, language } = report;
  const has = (lang: Lang | null): lang is Lang =>
    lang !== null && !!texts[lang]?.[section]?.trim();
  let written = ctx.languages.filter(has);
  const out: Paragraph[] = [];
  if (written.length === 0) {
    const original = [language, ...LANGS].find(has);
    if (!original) return [];
    written = [original];
    out.push(para(labelRuns(ctx, (l) => `(${l.notTranslated})`, { italics: true, color: MUTED })));
  }
  for (const lang of written) {
    for (const text of texts[lang]![section]!.split(/\n+/)) {
      if (text.trim()) out.push(para([run({ text: text.trim(), lang })]));
    }
  }
  return out;
}

function reportBlock(ctx: Ctx, project: PackProject): Block[] {
  const { report } = project;
  if (report.state !== 'approved') {
    // Never the draft: only that it was not reported, and why.
    return [
      labelHeading(ctx, 3, (l) => l.achievements),
      para([
        ...labelRuns(ctx, (l) => l.notReported, { bold: true }),
        run({ text: ' — ', lang: ctx.main }, { bold: true }),
        ...labelRuns(ctx, (l) => l.reportStates[report.reportState] ?? report.reportState),
      ]),
    ];
  }
  const muted = { italics: true, color: MUTED };
  const out: Block[] = [
    afterTable([
      ...runs(named(ctx, report.roundTitle), muted),
      run({ text: ' · ', lang: ctx.main }, muted),
      ...labelRuns(ctx, (l) => l.approvedOn, muted),
      run({ text: ' ', lang: ctx.main }, muted),
      ...runs(dateSpans(ctx, report.approvedAt.slice(0, 10), 'day'), muted),
    ]),
  ];
  for (const section of REPORT_SECTIONS) {
    const text = sectionText(ctx, report, section);
    if (text.length === 0) continue;
    out.push(
      labelHeading(ctx, 3, (l) => l.reportSections[section]),
      ...text,
    );
  }
  return out;
}

export function projectSection(ctx: Ctx, project: PackProject, first: boolean): Part[] {
  const { overview } = ctx.pack;
  const typeRow = overview.byType.find((r) => r.key === project.type);
  const statusRow = overview.byStatus.find((r) => r.key === project.status);
  const out: Part[] = [heading(2, named(ctx, project.title), !first)];
  const facts: [Span[], TextRun[]][] = [];
  if (project.shortName) {
    facts.push([
      words(ctx, (t) => t.project.shortName),
      [run({ text: project.shortName, lang: ctx.main })],
    ]);
  }
  facts.push(
    [
      words(ctx, (t) => t.project.type),
      runs(typeRow ? named(ctx, typeRow.label) : vocabulary(ctx, 'type', project.type)),
    ],
    [
      words(ctx, (t) => t.project.status),
      runs(statusRow ? named(ctx, statusRow.label) : vocabulary(ctx, 'status', project.status)),
    ],
    [
      label(ctx, (l) => l.runtime),
      runs(
        periodSpans(
          ctx,
          { value: project.startDate, precision: project.startPrecision },
          { value: project.endDate, precision: project.endPrecision },
        ),
      ),
    ],
    [
      label(ctx, (l) => l.funding),
      project.fundingEur === null
        ? labelRuns(ctx, (l) => l.notPublished, { italics: true })
        : [run({ text: formatEur(project.fundingEur, INTL_LOCALE[ctx.main]), lang: ctx.main })],
    ],
    [label(ctx, (l) => l.commissionedBy), organisations(ctx, project.ministries)],
    [label(ctx, (l) => l.implementers), organisations(ctx, project.implementers)],
    [label(ctx, (l) => l.partners), organisations(ctx, project.partners)],
    [
      label(ctx, (l) => l.topics),
      project.topics.length === 0
        ? labelRuns(ctx, (l) => l.notPublished, { italics: true })
        : project.topics.flatMap((t, i) => [
            ...(i > 0 ? [run({ text: '; ', lang: ctx.main })] : []),
            ...runs(named(ctx, t.name)),
          ]),
    ],
  );
  const sources = sourceRefs(ctx, project.sourceIds);
  if (sources.length > 0) facts.push([label(ctx, (l) => l.sources), runs(sources)]);
  out.push(
    table(
      [[], []],
      facts.map(([name, value]) => [runs(name, { bold: true }), value]),
      [1.3, 3],
      false,
    ),
  );

  out.push(...reportBlock(ctx, project));

  out.push(labelHeading(ctx, 3, (l) => l.milestonesReached));
  out.push(milestoneTable(ctx, project.milestonesReached, (l) => l.milestonesAchieved));
  out.push(labelHeading(ctx, 3, (l) => l.nextMilestones));
  out.push(milestoneTable(ctx, project.milestonesNext, (l) => l.milestonesDue));
  if (project.milestonesOverdue > 0) {
    out.push(
      afterTable([
        ...labelRuns(ctx, (l) => l.milestonesOverdue, { bold: true }),
        run({ text: ': ', lang: ctx.main }),
        run(num(ctx, project.milestonesOverdue)),
      ]),
    );
  }

  out.push(labelHeading(ctx, 3, (l) => l.indicators));
  out.push(...indicatorsBlock(ctx, project.indicators));
  out.push(labelHeading(ctx, 3, (l) => l.events));
  out.push(...eventsBlock(ctx, project.events));
  out.push(labelHeading(ctx, 3, (l) => l.knowledgeEntries));
  out.push(...entriesBlock(ctx, project.entries));
  return out;
}
