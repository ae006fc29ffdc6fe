import { LANG_NAMES, type Lang } from '../../core/i18n/config';
import { REPORT_SECTIONS } from '../../../db/vocabulary';
import { type ChartSpec, chartAltText, indicatorChart } from './pack-charts';
import { LINE, lineCount } from './pack-deck-text.server';
import { PACK_LABELS, type PackLabels, nameIn } from './pack-labels';
import type { PackMilestone, PackOrganisation, PackProject } from './pack-types';
import {
  W,
  X,
  CONTENT_W,
  BODY_BOTTOM,
  MUTED,
  BRAND,
  WARN,
  LIST_ITEMS,
  L,
  unique,
  names,
  vocab,
  unitText,
  dateText,
  num,
  orgText,
  addFooter,
  blankSlide,
  Column,
  chartPng,
  more,
  type Deck,
} from './pack-deck-kit.server';

// A project's slide: its official names, the facts (ministries, implementers, partners), the
// approved report's sections or "not reported" and why, milestones, indicators with a small chart,
// events and knowledge entries. A report too long for the slide goes on over a second one.

// ---- projects ---------------------------------------------------------------------------------

/**
 * A project's slide with its official names as the heading: each of the pack's languages, and
 * "<language>: not published" where a name is not published in it (never our translation).
 */
function projectSlide(deck: Deck, project: PackProject, suffix: string) {
  const slide = blankSlide(deck);
  const heading = new Column(deck, slide, X, 0.3, CONTENT_W, 1.2, 'Heading');
  const missing: Lang[] = [];
  deck.languages.forEach((lang, i) => {
    const name = nameIn(project.title, lang);
    if (name === null) missing.push(lang);
    // The English original stands in for a single language without its own name.
    const text = name ?? (i === 0 ? project.title.en : null);
    if (text === null) return;
    const size = i === 0 ? (deck.two ? 20 : 22) : 18;
    heading.add(text + (i === 0 ? suffix : ''), {
      pt: size,
      bold: true,
      color: BRAND,
      maxLines: i === 0 ? 2 : 1,
      spaceAfter: 0,
    });
  });
  if (missing.length) {
    heading.add(
      missing.map((lang) => `${LANG_NAMES[lang]}: ${PACK_LABELS[lang].notPublished}`).join(' · '),
      { pt: 11, italic: true, color: MUTED, maxLines: 1, spaceAfter: 0 },
    );
  }
  const bottom = heading.bottom + 0.08;
  heading.flush();
  addFooter(deck, slide);
  return { slide, bottom };
}

function projectMeta(deck: Deck, project: PackProject): string {
  const parts = [
    project.shortName,
    vocab(deck, 'type', project.type),
    vocab(deck, 'status', project.status),
    `${L(deck, (l) => l.runtime)}: ${
      project.startDate === null && project.endDate === null
        ? L(deck, (l) => l.notPublished)
        : `${dateText(project.startDate, project.startPrecision, deck)} – ${dateText(project.endDate, project.endPrecision, deck)}`
    }`,
    `${L(deck, (l) => l.funding)}: ${project.fundingEur === null ? L(deck, (l) => l.notPublished) : deck.euro.format(project.fundingEur)}`,
  ];
  return parts.filter(Boolean).join(' · ');
}

interface ReportBlock {
  heading: string;
  texts: { text: string; note: string | null }[];
}

/**
 * The approved report's sections in the pack's languages: each language it exists in; where a
 * language is missing, the author's original once, marked "not translated".
 */
function reportBlocks(deck: Deck, project: PackProject): ReportBlock[] {
  const report = project.report;
  if (report.state !== 'approved') return [];
  const original =
    report.language ??
    (Object.keys(report.texts) as Lang[]).find((lang) => report.texts[lang]) ??
    deck.languages[0];
  return REPORT_SECTIONS.flatMap((section) => {
    const texts: ReportBlock['texts'] = [];
    const missing: Lang[] = [];
    for (const lang of deck.languages) {
      const text = report.texts[lang]?.[section]?.trim();
      if (text) texts.push({ text, note: null });
      else missing.push(lang);
    }
    const source = report.texts[original]?.[section]?.trim();
    if (missing.length && source && !texts.some((t) => t.text === source)) {
      texts.push({
        text: source,
        note: unique(missing.map((lang) => PACK_LABELS[lang].notTranslated)).join(' / '),
      });
    }
    if (texts.length === 0) return [];
    return [{ heading: L(deck, (l) => l.reportSections[section]), texts }];
  });
}

/** Text sizes on a project slide: smaller with two languages, which need twice the room. */
const sizes = (deck: Deck) =>
  deck.two
    ? { body: 10.5, list: 10, small: 9, heading: 11 }
    : { body: 12, list: 11.5, small: 10, heading: 12.5 };

/** Writes the report's blocks into the columns (in order, spilling to the next); true when cut. */
function writeReport(deck: Deck, blocks: ReportBlock[], columns: Column[]): boolean {
  const pt = sizes(deck);
  // When not everything fits, each block gets a share of the room by its length (at least three
  // lines), so that a long "achievements" does not push "support needed" off the slide.
  const need = blocks.map((b) =>
    b.texts.reduce((n, t) => n + lineCount(t.text, columns[0]!.w, pt.body) + (t.note ? 1 : 0), 1),
  );
  const room = columns.reduce((n, c) => n + c.linesLeft(pt.body, 0) - 2 * blocks.length, 0);
  const total = need.reduce((a, b) => a + b, 0);
  let cut = false;
  let c = 0;
  blocks.forEach((block, i) => {
    let budget = total <= room ? Infinity : Math.max(3, Math.floor((need[i]! / total) * room));
    if (columns[c]!.linesLeft(pt.body) < 4 && c + 1 < columns.length) c++;
    const column = columns[c]!;
    column.add(block.heading, {
      pt: pt.heading,
      bold: true,
      color: BRAND,
      maxLines: 1,
      spaceAfter: 1,
    });
    for (const text of block.texts) {
      if (text.note) {
        column.add(`(${text.note})`, {
          pt: pt.small,
          italic: true,
          color: MUTED,
          maxLines: 1,
          spaceAfter: 0,
        });
      }
      const lines = Math.max(1, Math.min(budget, column.linesLeft(pt.body)));
      if (column.add(text.text, { pt: pt.body, maxLines: lines, spaceAfter: 4 })) cut = true;
      budget = Math.max(2, budget - lines);
    }
  });
  return cut;
}

function notReportedText(deck: Deck, project: PackProject): string | null {
  const report = project.report;
  if (report.state === 'approved') return null;
  return deck.languages
    .map((lang) => {
      const l = PACK_LABELS[lang];
      return `${l.notReported} — ${l.reportStates[report.reportState] ?? report.reportState}`;
    })
    .join('\n');
}

function milestoneLine(deck: Deck, m: PackMilestone, withStatus: boolean): string {
  const status = withStatus ? ` (${vocab(deck, 'milestoneStatus', m.status)})` : '';
  return `${dateText(m.date, m.precision, deck)}  ${names(deck, m.title)}${status}`;
}

function indicatorLine(deck: Deck, indicator: PackProject['indicators'][number]): string {
  const code = indicator.standardCode ? `${indicator.standardCode} ` : '';
  const unit = unitText(deck, indicator.unit);
  const share =
    indicator.share === null
      ? ''
      : ` · ${L(deck, (l) => l.shareOfTarget)} ${deck.percent.format(indicator.share)}`;
  return (
    `${code}${names(deck, indicator.title)}: ${L(deck, (l) => l.actual)} ${num(deck, indicator.latestActual)}` +
    ` · ${L(deck, (l) => l.target)} ${num(deck, indicator.latestTarget)}${unit ? ` ${unit}` : ''}${share}`
  );
}

/** The report sections have their own text per language (not only the original)? */
const translated = (deck: Deck, project: PackProject) =>
  project.report.state === 'approved' &&
  deck.languages.every((lang) =>
    Object.values(
      (project.report as Extract<PackProject['report'], { state: 'approved' }>).texts[lang] ?? {},
    ).some((t) => t?.trim()),
  );

/** The right column of a project's slide: milestones, indicators (a small chart and the numbers), events, entries. */
function projectFacts(deck: Deck, right: Column, project: PackProject, chart: ProjectChart | null) {
  const pt = sizes(deck);
  const label = (pick: (l: PackLabels) => string) => L(deck, (l) => pick(l));
  const list = <T>(items: T[], line: (item: T) => string, heading: string, empty: string) => {
    right.add(heading, { pt: pt.heading, bold: true, color: BRAND, maxLines: 1, spaceAfter: 1 });
    if (items.length === 0)
      right.add(empty, { pt: pt.list, color: MUTED, maxLines: 1, spaceAfter: 5 });
    items.slice(0, LIST_ITEMS).forEach((item, i) =>
      right.add(line(item), {
        pt: pt.list,
        maxLines: deck.two ? 2 : 1,
        spaceAfter: i === items.length - 1 ? 5 : 1,
      }),
    );
    if (items.length > LIST_ITEMS) {
      right.add(more(deck, items.length - LIST_ITEMS), {
        pt: pt.small,
        color: MUTED,
        maxLines: 1,
        spaceAfter: 5,
      });
    }
  };
  const none = label((l) => l.noneInPeriod);
  list(
    project.milestonesReached,
    (m) => milestoneLine(deck, m, false),
    label((l) => l.milestonesReached),
    none,
  );
  list(
    project.milestonesNext,
    (m) => milestoneLine(deck, m, true),
    label((l) => l.nextMilestones),
    none,
  );
  if (project.milestonesOverdue > 0) {
    right.add(
      `${label((l) => l.milestonesOverdue)}: ${deck.number.format(project.milestonesOverdue)}`,
      { pt: pt.list, bold: true, color: WARN, maxLines: 1, spaceAfter: 5 },
    );
  }

  right.add(
    label((l) => l.indicators),
    { pt: pt.heading, bold: true, color: BRAND, maxLines: 1, spaceAfter: 1 },
  );
  if (project.indicators.length === 0) {
    right.add(
      label((l) => l.noIndicators),
      { pt: pt.list, color: MUTED, maxLines: 1, spaceAfter: 5 },
    );
  } else {
    if (chart) right.image(chart.png, chartAltText(chart.spec), 2);
    for (const indicator of project.indicators.slice(0, LIST_ITEMS)) {
      right.add(indicatorLine(deck, indicator), {
        pt: pt.small,
        maxLines: deck.two ? 3 : 2,
        spaceAfter: 2,
      });
    }
    if (project.indicators.length > LIST_ITEMS) {
      right.add(more(deck, project.indicators.length - LIST_ITEMS), {
        pt: pt.small,
        color: MUTED,
        maxLines: 1,
      });
    }
    right.gap(0.05);
  }
  if (project.events.length) {
    list(
      project.events,
      (e) => `${dateText(e.startDate, e.startPrecision, deck)}  ${names(deck, e.title)}`,
      label((l) => l.events),
      '',
    );
  }
  if (project.entries.length) {
    list(
      project.entries,
      (e) => `${e.publishedAt.slice(0, 10)}  ${names(deck, e.title)}`,
      label((l) => l.knowledgeEntries),
      '',
    );
  }
  right.flush();
}

export interface ProjectChart {
  spec: ChartSpec;
  png: Buffer;
}

/** The project's small chart: its first indicator with a target or an actual, or null. */
export async function projectChart(deck: Deck, project: PackProject): Promise<ProjectChart | null> {
  const spec = project.indicators
    .map((indicator) => indicatorChart(indicator, deck.languages))
    .find((s): s is ChartSpec => s !== null);
  return spec ? { spec, png: await chartPng(deck, spec, 500) } : null;
}

export function projectSlides(deck: Deck, project: PackProject, chart: ProjectChart | null) {
  const pt = sizes(deck);
  const { slide, bottom } = projectSlide(deck, project, '');
  const meta = new Column(deck, slide, X, bottom, CONTENT_W, 0.3);
  meta.add(projectMeta(deck, project), { pt: pt.list, color: MUTED, maxLines: 1 });
  meta.flush();

  const bodyTop = bottom + 0.4;
  const leftW = 6.3;
  const left = new Column(deck, slide, X, bodyTop, leftW, BODY_BOTTOM - bodyTop);
  const rightX = X + leftW + 0.35;
  const right = new Column(deck, slide, rightX, bodyTop, W - X - rightX, BODY_BOTTOM - bodyTop);
  const label = (pick: (l: PackLabels) => string) => L(deck, (l) => pick(l));

  const orgs: [string, PackOrganisation[]][] = [
    [label((l) => l.commissionedBy), project.ministries],
    [label((l) => l.implementers), project.implementers],
  ];
  if (project.partners.length) orgs.push([label((l) => l.partners), project.partners]);
  for (const [name, list] of orgs) {
    left.add(`${name}: ${orgText(deck, list)}`, { pt: pt.list, maxLines: 2, spaceAfter: 1 });
  }
  left.gap(0.12);

  const notReported = notReportedText(deck, project);
  let cut = false;
  const blocks = reportBlocks(deck, project);
  if (notReported) {
    left.add(notReported, { pt: 14, bold: true, color: WARN, spaceAfter: 6 });
  } else if (project.report.state === 'approved') {
    const approvedOn = `${label((l) => l.approvedOn)} ${project.report.approvedAt.slice(0, 10)}`;
    left.add(approvedOn, { pt: pt.small, color: MUTED, maxLines: 1, spaceAfter: 3 });
    // One line kept free for the "continued" pointer.
    left.hold((pt.small * LINE + 3) / 72);
    cut = writeReport(deck, blocks, [left]);
    // Approved without any text (possible for a report approved as it was).
    if (blocks.length === 0)
      left.add(
        label((l) => l.notPublished),
        { pt: pt.body, color: MUTED },
      );
    left.hold(0);
    if (cut) {
      left.add(`→ ${label((l) => l.continued)}`, {
        pt: pt.small,
        italic: true,
        color: MUTED,
        maxLines: 1,
      });
    }
  }
  left.flush();

  projectFacts(deck, right, project, chart);

  if (!cut) return;
  // The report again with the room of a whole slide, in two columns: with en+zh and a report
  // written or translated in both, one language per column; else the sections flow over both.
  const next = projectSlide(deck, project, ` (${L(deck, (l) => l.continued)})`);
  const colW = (CONTENT_W - 0.4) / 2;
  const columns = [0, 1].map(
    (i) =>
      new Column(
        deck,
        next.slide,
        X + i * (colW + 0.4),
        next.bottom + 0.1,
        colW,
        BODY_BOTTOM - next.bottom - 0.1,
      ),
  );
  if (deck.two && translated(deck, project)) {
    deck.languages.forEach((lang, i) => {
      const single: Deck = { ...deck, languages: [lang], two: false };
      writeReport(single, reportBlocks(single, project), [columns[i]!]);
    });
  } else {
    writeReport(deck, blocks, columns);
  }
  columns.forEach((c) => c.flush());
}
