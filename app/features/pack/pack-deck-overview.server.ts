import { eventTypeLabel } from '../../core/i18n/vocabulary';
import { chartAltText, overviewCharts } from './pack-charts';
import { lineCount, paragraph } from './pack-deck-text.server';
import { PACK_LABELS, fill, nameOr } from './pack-labels';
import type { PackEvent } from './pack-types';
import {
  W,
  H,
  X,
  CONTENT_W,
  BODY_TOP,
  BODY_BOTTOM,
  MUTED,
  BRAND,
  LINE_COLOUR,
  TILE_BG,
  TABLE_ROWS,
  CHARTS_PER_SLIDE,
  EVENTS_PER_SLIDE,
  L,
  unique,
  names,
  unitText,
  dateText,
  periodText,
  baseText,
  newSlide,
  addFooter,
  Column,
  chartPng,
  table,
  pages,
  continued,
  type Deck,
} from './pack-deck-kit.server';

// The deck's opening: the title slide and the portfolio overview — key figures, the overview's
// charts as images (two a slide, each with its numbers as alternative text), the indicator totals
// (a total only where the dashboard's rule allows one) and the events in the period.

// ---- title -----------------------------------------------------------------------------------

export function titleSlide(deck: Deck) {
  const { pack } = deck;
  const slide = deck.pptx.addSlide();
  slide.background = { color: 'FFFFFF' };
  slide.addShape('rect', {
    x: 0,
    y: 0,
    w: 0.35,
    h: H,
    fill: { color: BRAND },
    line: { color: BRAND },
  });
  const titles = deck.languages.map((lang) => PACK_LABELS[lang].packTitle);
  const heading = titles.flatMap((t, i) =>
    paragraph(t, baseText(deck, i === 0 ? 36 : 30, { bold: true, color: BRAND }), deck.latinLang),
  );
  slide.addText(heading, {
    x: 1,
    y: 0.9,
    w: W - 1.6,
    h: 1.6,
    margin: 0,
    valign: 'bottom',
    objectName: 'Heading',
  });

  const column = new Column(deck, slide, 1, 2.8, W - 1.6, 4.3);
  for (const lang of deck.languages) {
    const labels = PACK_LABELS[lang];
    const subtitle = pack.round
      ? fill(labels.roundPack, { round: nameOr(pack.round.title, lang) })
      : labels.periodPack;
    column.add(subtitle, { pt: 22, maxLines: 2, spaceAfter: 4 });
  }
  column.gap(0.15);
  column.add(`${L(deck, (l) => l.period)}: ${periodText(deck)}`, { pt: 16, maxLines: 1 });
  column.add(`${L(deck, (l) => l.asOf)}: ${pack.asOf}`, { pt: 16, maxLines: 1 });
  column.gap(0.1);
  const filter =
    pack.filterText.length === 0
      ? L(deck, (l) => l.unfiltered)
      : pack.filterText.map((line) => names(deck, line)).join('\n');
  column.add(`${L(deck, (l) => l.filter)}:`, { pt: 14, bold: true, color: MUTED, spaceAfter: 1 });
  column.add(filter, { pt: 14, color: MUTED, maxLines: 6 });
  column.flush();
  addFooter(deck, slide);
}

// ---- overview ---------------------------------------------------------------------------------

export function keyFiguresSlide(deck: Deck) {
  const o = deck.pack.overview;
  const slide = newSlide(deck, `${L(deck, (l) => l.overview)} — ${L(deck, (l) => l.keyFigures)}`);
  const tiles: { value: string; label: string; note?: string }[] = [
    { value: deck.number.format(o.projects), label: L(deck, (l) => l.projects, '\n') },
    { value: deck.number.format(o.active), label: L(deck, (l) => l.activeProjects, '\n') },
    {
      value: deck.euro.format(o.fundingKnownEur),
      label: L(deck, (l) => l.knownFunding, '\n'),
      note: L(
        deck,
        (l) => fill(l.fundingCoverage, { n: o.projectsWithFunding, total: o.projects }),
        '\n',
      ),
    },
    {
      value: deck.number.format(o.milestones.achieved),
      label: L(deck, (l) => `${l.milestonesInPeriod}: ${l.milestonesAchieved}`, '\n'),
    },
    {
      value: deck.number.format(o.milestones.due),
      label: L(deck, (l) => `${l.milestonesInPeriod}: ${l.milestonesDue}`, '\n'),
    },
    {
      value: deck.number.format(o.milestones.overdue),
      label: L(deck, (l) => `${l.milestonesInPeriod}: ${l.milestonesOverdue}`, '\n'),
    },
    {
      value: deck.number.format(o.events.length),
      label: L(deck, (l) => l.eventsInPeriod, '\n'),
    },
  ];
  if (o.round) {
    const round = o.round;
    tiles.push({
      value: `${deck.number.format(round.approved)} / ${deck.number.format(round.asked)}`,
      label: L(deck, (l) => l.roundCompletion, '\n'),
      note: L(
        deck,
        (l) => fill(l.reportsApproved, { approved: round.approved, asked: round.asked }),
        '\n',
      ),
    });
  }
  const cols = 4;
  const gap = 0.25;
  const tileW = (CONTENT_W - gap * (cols - 1)) / cols;
  const tileH = 2.1;
  tiles.forEach((tile, i) => {
    const x = X + (i % cols) * (tileW + gap);
    const y = BODY_TOP + 0.2 + Math.floor(i / cols) * (tileH + gap);
    slide.addShape('rect', {
      x,
      y,
      w: tileW,
      h: tileH,
      fill: { color: TILE_BG },
      line: { color: LINE_COLOUR, width: 0.75 },
    });
    const column = new Column(deck, slide, x + 0.15, y + 0.12, tileW - 0.3, tileH - 0.2);
    // The largest size at which the number fits on one line (a funding sum can be long).
    const size =
      [32, 28, 24, 20, 16].find((pt) => lineCount(tile.value, tileW - 0.3, pt, true) === 1) ?? 14;
    column.add(tile.value, {
      pt: size,
      bold: true,
      color: BRAND,
      maxLines: 1,
      spaceAfter: 6 + 32 - size,
    });
    column.add(tile.label, { pt: 14, maxLines: 4 });
    if (tile.note) column.add(tile.note, { pt: 11, color: MUTED, maxLines: 4 });
    column.flush();
  });
}

export async function chartSlides(deck: Deck) {
  const charts = overviewCharts(deck.pack, deck.languages);
  const boxW = (CONTENT_W - 0.4) / CHARTS_PER_SLIDE;
  for (let i = 0; i < charts.length; i += CHARTS_PER_SLIDE) {
    const slide = newSlide(
      deck,
      L(deck, (l) => l.overview),
    );
    const pngs = await Promise.all(
      charts.slice(i, i + CHARTS_PER_SLIDE).map((spec) => chartPng(deck, spec, 460)),
    );
    pngs.forEach((png, j) => {
      const spec = charts[i + j]!;
      const column = new Column(
        deck,
        slide,
        X + j * (boxW + 0.4),
        BODY_TOP + 0.1,
        boxW,
        BODY_BOTTOM - BODY_TOP - 0.1,
      );
      column.image(png, chartAltText(spec), BODY_BOTTOM - BODY_TOP - 0.1);
    });
  }
}

export function indicatorTotalsSlides(deck: Deck) {
  const totals = deck.pack.overview.indicatorTotals;
  const heading = `${L(deck, (l) => l.overview)} — ${L(deck, (l) => l.indicatorTotals)}`;
  pages(totals, deck.two ? TABLE_ROWS.two : TABLE_ROWS.one).forEach((page, p) => {
    const slide = newSlide(deck, continued(deck, heading, p));
    if (page.length === 0) {
      const column = new Column(deck, slide, X, BODY_TOP + 0.1, CONTENT_W, 1);
      column.add(
        L(deck, (l) => l.noIndicators),
        { pt: 14, color: MUTED },
      );
      column.flush();
      return;
    }
    table(
      deck,
      slide,
      [L(deck, (l) => l.indicators), L(deck, (l) => l.total), L(deck, (l) => l.projects)],
      page.map((t) => [
        // The code once: some standard indicators' names begin with it.
        names(deck, t.name, '\n').startsWith(t.code)
          ? names(deck, t.name, '\n')
          : `${t.code} ${names(deck, t.name, '\n')}`,
        t.total === null
          ? L(deck, (l) => l.noTotal)
          : `${deck.number.format(t.total)} ${unitText(deck, t.unit)}`,
        L(
          deck,
          (l) => fill(l.reportingProjects, { n: t.reportingProjects, m: t.linkedProjects }),
          '\n',
        ),
      ]),
      [6.8, 2.6, 2.93],
    );
  });
}

function eventLine(deck: Deck, event: PackEvent): string {
  const start = dateText(event.startDate, event.startPrecision, deck);
  // A one-day event has one date.
  const end =
    event.endDate && event.endDate !== event.startDate
      ? ` – ${dateText(event.endDate, event.endPrecision, deck)}`
      : '';
  const type = unique(deck.languages.map((lang) => eventTypeLabel(event.type, lang))).join(' / ');
  return `${start}${end} · ${type}${event.city ? ` · ${event.city}` : ''}`;
}

export function eventsSlides(deck: Deck) {
  const events = deck.pack.overview.events;
  const heading = `${L(deck, (l) => l.overview)} — ${L(deck, (l) => l.eventsInPeriod)}`;
  pages(events, deck.two ? EVENTS_PER_SLIDE.two : EVENTS_PER_SLIDE.one).forEach((page, p) => {
    const slide = newSlide(deck, continued(deck, heading, p));
    const column = new Column(
      deck,
      slide,
      X,
      BODY_TOP + 0.1,
      CONTENT_W,
      BODY_BOTTOM - BODY_TOP - 0.1,
    );
    if (page.length === 0)
      column.add(
        L(deck, (l) => l.noEvents),
        { pt: 14, color: MUTED },
      );
    for (const event of page) {
      column.add(names(deck, event.title, '\n'), {
        pt: 13,
        bold: true,
        maxLines: deck.two ? 2 : 1,
        spaceAfter: 0,
      });
      column.add(eventLine(deck, event), { pt: 11, color: MUTED, maxLines: 1, spaceAfter: 8 });
    }
    column.flush();
  });
}
