import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  Footer,
  Header,
  HeadingLevel,
  LevelFormat,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  TableOfContents,
  TextRun,
} from 'docx';

import { INTL_LOCALE } from '../../core/i18n/config';
import { resources } from '../../core/i18n/resources';
import { PACK_LABELS, fill, nameOr } from './pack-labels';
import type { PackData, PackGroup, PackProject } from './pack-types';
import {
  ACCENT,
  BULLETS,
  type Block,
  CJK_FONT,
  type Ctx,
  type Part,
  LATIN_FONT,
  MUTED,
  PAGE,
  type Pick,
  RUN_LANGUAGE,
  bullet,
  dateSpans,
  entriesBlock,
  heading,
  headerCells,
  label,
  labelHeading,
  labelLine,
  labelRuns,
  named,
  num,
  para,
  periodSpans,
  run,
  runs,
  slots,
  table,
} from './pack-docx-blocks.server';
import { overview } from './pack-docx-overview.server';
import { projectSection } from './pack-docx-project.server';

// The workshop pack as an editable Word document (issue #31, decision 0078): the same content as
// the deck and the print view, in full, for the ministries that edit a report. Real Word styles
// (Heading 1–3, so the navigation pane and the table of contents work), A4, the round or period
// and "as of" in every page's header, page numbers in the footer. The parts: the title page and
// contents, the overview (pack-docx-overview), a section per project (pack-docx-project), per
// German and Chinese ministry and per topic, and the numbered sources every fact refers to.

/** Charts drawn at a time: the machine's two cores (more only hold more canvases in memory). */
const CHART_SLOTS = 2;

function titlePage(ctx: Ctx): Paragraph[] {
  const { pack } = ctx;
  const out: Paragraph[] = [new Paragraph({ spacing: { before: 2400 } })];
  for (const span of label(ctx, (l) => l.packTitle)) {
    out.push(new Paragraph({ heading: HeadingLevel.TITLE, children: [run(span)] }));
  }
  const subtitle = pack.round
    ? label(ctx, (l, lang) => fill(l.roundPack, { round: nameOr(pack.round!.title, lang) }))
    : label(ctx, (l) => l.periodPack);
  for (const span of subtitle) out.push(para([run(span, { size: 32, color: MUTED })], 240));
  const period = periodSpans(
    ctx,
    { value: pack.request.start, precision: 'day' },
    { value: pack.request.end, precision: 'day' },
  );
  out.push(new Paragraph({ spacing: { before: 480 } }));
  out.push(labelLine(ctx, (l) => l.period, runs(period)));
  out.push(labelLine(ctx, (l) => l.asOf, runs(dateSpans(ctx, pack.asOf, 'day'))));
  if (pack.round?.event) {
    out.push(labelLine(ctx, (l) => l.events, runs(named(ctx, pack.round.event.title))));
  }
  out.push(
    para(
      labelRuns(ctx, (l) => l.filter, { bold: true }),
      60,
    ),
  );
  const filter =
    pack.filterText.length > 0
      ? pack.filterText.map((f) => named(ctx, f))
      : [label(ctx, (l) => l.unfiltered)];
  for (const spans of filter) out.push(para(runs(spans), 60));
  out.push(new Paragraph({ spacing: { before: 960 } }));
  out.push(para(labelRuns(ctx, (l) => l.madeBy, { color: MUTED, size: 18 })));
  return out;
}

function contents(ctx: Ctx): (Paragraph | TableOfContents)[] {
  return [
    new Paragraph({
      pageBreakBefore: true,
      spacing: { after: 240 },
      children: labelRuns(ctx, (l) => l.contents, { bold: true, size: 32 }),
    }),
    // docx writes the entries from the headings, so the table is not empty before Word updates
    // it (updateFields: Word fills in the page numbers on opening) or in viewers that never do.
    new TableOfContents(ctx.languages.map((l) => PACK_LABELS[l].contents).join(' / '), {
      hyperlink: true,
      headingStyleRange: '1-2',
    }),
  ];
}

function groupSection(ctx: Ctx, group: PackGroup, projects: Map<number, PackProject>): Block[] {
  const name = named(ctx, group.name);
  const out: Block[] = [
    heading(
      2,
      group.acronym
        ? [
            ...name.slice(0, -1),
            { ...name.at(-1)!, text: `${name.at(-1)!.text} (${group.acronym})` },
          ]
        : name,
    ),
  ];
  const figures: [Pick, number][] = [
    [(l) => l.projects, group.projectIds.length],
    [(l) => l.milestonesReached, group.milestonesAchieved],
    [(l) => l.milestonesOverdue, group.milestonesOverdue],
  ];
  if (ctx.pack.round) {
    figures.push([
      (l, lang) =>
        `${l.roundCompletion}: ${resources[lang].translation.reporting.reportState.approved}`,
      group.reportsApproved,
    ]);
  }
  out.push(
    table(
      headerCells(
        ctx,
        figures.map(([pick]) => pick),
      ),
      [figures.map(([, n]) => [run(num(ctx, n))])],
      figures.map(() => 1),
    ),
  );
  out.push(labelHeading(ctx, 3, (l) => l.projects));
  for (const id of group.projectIds) {
    const project = projects.get(id);
    if (project) out.push(bullet(runs(named(ctx, project.title))));
  }
  if (group.entries.length > 0) {
    out.push(labelHeading(ctx, 3, (l) => l.knowledgeEntries));
    out.push(...entriesBlock(ctx, group.entries));
  }
  if (group.sessions.length > 0) {
    out.push(labelHeading(ctx, 3, (l) => l.sessions));
    for (const session of group.sessions) {
      out.push(
        bullet([
          ...runs(named(ctx, session.title), { bold: true }),
          run({ text: ' — ', lang: ctx.main }),
          ...runs(named(ctx, session.eventTitle), { italics: true }),
          ...(session.outcomes ? [run({ text: `: ${session.outcomes}`, lang: 'en' })] : []),
        ]),
      );
    }
  }
  return out;
}

function groupsPart(ctx: Ctx, title: Pick, groups: PackGroup[]): Block[] {
  if (groups.length === 0) return [];
  const projects = new Map(ctx.pack.projects.map((p) => [p.id, p]));
  return [
    heading(1, label(ctx, title), true),
    ...groups.flatMap((g) => groupSection(ctx, g, projects)),
  ];
}

function sourcesPart(ctx: Ctx): Block[] {
  const out: Block[] = [labelHeading(ctx, 1, (l) => l.sources, true)];
  ctx.pack.sources.forEach((source, i) => {
    out.push(
      new Paragraph({
        indent: { left: 567, hanging: 567 },
        spacing: { after: 80 },
        children: [
          run({ text: `[${i + 1}]\t`, lang: ctx.main }, { bold: true }),
          run({ text: source.title, lang: ctx.main }),
          ...(source.publisher ? [run({ text: ` — ${source.publisher}`, lang: ctx.main })] : []),
          run({ text: '. ', lang: ctx.main }),
          new ExternalHyperlink({
            link: source.url,
            children: [new TextRun({ text: source.url, style: 'Hyperlink', size: 18 })],
          }),
        ],
      }),
    );
  });
  return out;
}

function pageHeader(ctx: Ctx): Header {
  const { pack } = ctx;
  // One line on every page: in a bilingual pack the dates are written once, as YYYY-MM-DD, which
  // both languages read (the title page has them in words).
  const dates = ctx.languages.length > 1;
  const what = pack.round
    ? named(ctx, pack.round.title)
    : dates
      ? [{ text: `${pack.request.start} – ${pack.request.end}`, lang: ctx.main }]
      : periodSpans(
          ctx,
          { value: pack.request.start, precision: 'day' },
          { value: pack.request.end, precision: 'day' },
        );
  const asOf = dates ? [{ text: pack.asOf, lang: ctx.main }] : dateSpans(ctx, pack.asOf, 'day');
  const style = { size: 16, color: MUTED };
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [
          ...labelRuns(ctx, (l) => l.packTitle, style),
          run({ text: ' · ', lang: ctx.main }, style),
          ...runs(what, style),
          run({ text: ' · ', lang: ctx.main }, style),
          ...labelRuns(ctx, (l) => l.asOf, style),
          run({ text: ' ', lang: ctx.main }, style),
          ...runs(asOf, style),
        ],
      }),
    ],
  });
}

function pageFooter(ctx: Ctx): Footer {
  const style = { size: 16, color: MUTED };
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [
          ...runs(
            label(ctx, (l) => l.page),
            style,
          ),
          new TextRun({ children: [' ', PageNumber.CURRENT], ...style }),
        ],
      }),
    ],
  });
}

/** The pack as a Word document (.docx): A4, styled headings, charts as images with their numbers. */
export async function renderPackDocx(pack: PackData): Promise<Buffer> {
  const languages = pack.request.languages;
  const main = languages[0];
  const ctx: Ctx = {
    pack,
    languages,
    main,
    sourceNumbers: new Map(pack.sources.map((s, i) => [s.id, i + 1])),
    percent: new Intl.NumberFormat(INTL_LOCALE[main], {
      style: 'percent',
      maximumFractionDigits: 0,
    }),
    drawing: slots(CHART_SLOTS),
  };
  const parts: (Part | TableOfContents)[] = [...titlePage(ctx), ...contents(ctx)];
  parts.push(...overview(ctx));
  parts.push(labelHeading(ctx, 1, (l) => l.projectSections, true));
  for (const [i, project] of pack.projects.entries()) {
    parts.push(...projectSection(ctx, project, i === 0));
  }
  parts.push(...groupsPart(ctx, (l) => l.germanMinistries, pack.germanMinistries));
  parts.push(...groupsPart(ctx, (l) => l.chineseMinistries, pack.chineseMinistries));
  parts.push(...groupsPart(ctx, (l) => l.topicSections, pack.topics));
  parts.push(...sourcesPart(ctx));
  // The charts are drawn meanwhile, two at a time; the document needs them all.
  const children = await Promise.all(parts);

  const heading1 = { size: 36, bold: true, color: ACCENT };
  const doc = new Document({
    creator: PACK_LABELS[main].madeBy,
    title: languages.map((l) => PACK_LABELS[l].packTitle).join(' / '),
    // Word fills in the table of contents' page numbers when it opens the file.
    features: { updateFields: true },
    styles: {
      default: {
        document: {
          run: {
            font: { ascii: LATIN_FONT, hAnsi: LATIN_FONT, cs: LATIN_FONT, eastAsia: CJK_FONT },
            size: 21,
            language: { value: RUN_LANGUAGE[main].value, eastAsia: 'zh-CN' },
          },
          paragraph: { spacing: { line: 276, lineRule: LineRuleType.AUTO } },
        },
        title: {
          run: { size: 52, bold: true, color: ACCENT },
          paragraph: { spacing: { after: 120 } },
        },
        heading1: {
          run: heading1,
          paragraph: { spacing: { before: 240, after: 160 }, keepNext: true },
        },
        heading2: {
          run: { size: 28, bold: true, color: ACCENT },
          paragraph: { spacing: { before: 240, after: 120 }, keepNext: true },
        },
        heading3: {
          run: { size: 23, bold: true, color: '404040' },
          paragraph: { spacing: { before: 200, after: 80 }, keepNext: true },
        },
      },
    },
    numbering: {
      config: [
        {
          reference: BULLETS,
          levels: [
            {
              level: 0,
              format: LevelFormat.BULLET,
              text: '•',
              alignment: AlignmentType.LEFT,
              style: { paragraph: { indent: { left: 360, hanging: 360 } } },
            },
          ],
        },
      ],
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.margin,
              bottom: PAGE.margin,
              left: PAGE.margin,
              right: PAGE.margin,
            },
          },
        },
        headers: { default: pageHeader(ctx), first: new Header({ children: [new Paragraph({})] }) },
        footers: { default: pageFooter(ctx), first: new Footer({ children: [new Paragraph({})] }) },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
