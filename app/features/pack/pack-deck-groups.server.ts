import { type PackLabels, fill } from './pack-labels';
import type { PackGroup, PackProject } from './pack-types';
import {
  X,
  CONTENT_W,
  BODY_TOP,
  BODY_BOTTOM,
  MUTED,
  BRAND,
  TABLE_ROWS,
  SOURCES_FIRST_SLIDE,
  SOURCES_PER_SLIDE,
  LIST_ITEMS,
  L,
  names,
  newSlide,
  Column,
  table,
  pages,
  continued,
  more,
  type Deck,
} from './pack-deck-kit.server';

// The workshop's two parts: a slide per ministry (German, Chinese) and per topic with its projects
// and numbers (over "continued" slides when long), and the closing slide with the sources.

// ---- groups -----------------------------------------------------------------------------------

export function groupSlides(
  deck: Deck,
  kind: (l: PackLabels) => string,
  group: PackGroup,
  isTopic: boolean,
) {
  const byId = new Map(deck.pack.projects.map((p) => [p.id, p]));
  const projects = group.projectIds.map((id) => byId.get(id)).filter((p): p is PackProject => !!p);
  const heading = `${L(deck, kind)}: ${names(deck, group.name)}${group.acronym ? ` (${group.acronym})` : ''}`;
  const perSlide = deck.two ? TABLE_ROWS.two : TABLE_ROWS.one;
  pages(projects, perSlide).forEach((page, p) => {
    const slide = newSlide(deck, continued(deck, heading, p));
    const figures = new Column(deck, slide, X, BODY_TOP, CONTENT_W, 0.35);
    figures.add(
      [
        `${L(deck, (l) => l.projects)}: ${deck.number.format(projects.length)}`,
        `${L(deck, (l) => l.milestonesAchieved)}: ${deck.number.format(group.milestonesAchieved)}`,
        `${L(deck, (l) => l.milestonesOverdue)}: ${deck.number.format(group.milestonesOverdue)}`,
        L(deck, (l) =>
          fill(l.reportsApproved, { approved: group.reportsApproved, asked: projects.length }),
        ),
      ].join('   ·   '),
      { pt: 12, bold: true, maxLines: 1 },
    );
    figures.flush();
    const wide = !isTopic;
    const widths = wide ? [5.9, 1.6, 3.23, 1.6] : [4.1, 1.2, 2.2];
    if (page.length) {
      table(
        deck,
        slide,
        [
          L(deck, (l) => l.projects),
          L(deck, (l) => l.milestonesReached),
          L(deck, (l) => l.report),
          L(deck, (l) => l.milestonesOverdue),
        ].filter((_, i) => wide || i !== 3),
        page.map((project) => {
          const row = [
            names(deck, project.title, '\n'),
            deck.number.format(project.milestonesReached.length),
            // One line per language, so that the date stays beside its words.
            L(
              deck,
              (l) =>
                project.report.state === 'approved'
                  ? `${l.approvedOn} ${project.report.approvedAt.slice(0, 10)}`
                  : l.notReported,
              '\n',
            ),
            deck.number.format(project.milestonesOverdue),
          ];
          return wide ? row : row.slice(0, 3);
        }),
        widths,
        BODY_TOP + 0.45,
      );
    }
    if (isTopic && p === 0) {
      const right = new Column(
        deck,
        slide,
        X + 7.9,
        BODY_TOP + 0.45,
        CONTENT_W - 7.9,
        BODY_BOTTOM - BODY_TOP - 0.45,
      );
      right.add(
        L(deck, (l) => l.sessions),
        { pt: 11, bold: true, color: BRAND, maxLines: 1, spaceAfter: 1 },
      );
      if (group.sessions.length === 0)
        right.add(
          L(deck, (l) => l.noneInPeriod),
          { pt: 10, color: MUTED, maxLines: 1, spaceAfter: 6 },
        );
      group.sessions.slice(0, LIST_ITEMS).forEach((s) => {
        right.add(`${names(deck, s.title)} — ${names(deck, s.eventTitle)}`, {
          pt: 10,
          bold: true,
          maxLines: 2,
          spaceAfter: 0,
        });
        if (s.outcomes) right.add(s.outcomes, { pt: 10, maxLines: 3, spaceAfter: 4 });
      });
      if (group.sessions.length > LIST_ITEMS)
        right.add(more(deck, group.sessions.length - LIST_ITEMS), {
          pt: 9,
          color: MUTED,
          maxLines: 1,
        });
      right.gap(0.1);
      right.add(
        L(deck, (l) => l.knowledgeEntries),
        { pt: 11, bold: true, color: BRAND, maxLines: 1, spaceAfter: 1 },
      );
      if (group.entries.length === 0)
        right.add(
          L(deck, (l) => l.noneInPeriod),
          { pt: 10, color: MUTED, maxLines: 1 },
        );
      group.entries.slice(0, 5).forEach((e) =>
        right.add(`${e.publishedAt.slice(0, 10)}  ${names(deck, e.title)}`, {
          pt: 10,
          maxLines: 2,
          spaceAfter: 2,
        }),
      );
      if (group.entries.length > 5)
        right.add(more(deck, group.entries.length - 5), { pt: 9, color: MUTED, maxLines: 1 });
      right.flush();
    }
  });
}

// ---- closing ----------------------------------------------------------------------------------

export function closingSlides(deck: Deck) {
  const sources = deck.pack.sources;
  const first = sources.slice(0, SOURCES_FIRST_SLIDE);
  const rest = pages(sources.slice(SOURCES_FIRST_SLIDE), SOURCES_PER_SLIDE).filter((p) => p.length);
  const sourceList = (column: Column, list: typeof sources) => {
    for (const source of list) {
      const publisher = source.publisher ? ` — ${source.publisher}` : '';
      column.add(`${source.title}${publisher}`, { pt: 11, maxLines: 1, spaceAfter: 0 });
      column.add(source.url, {
        pt: 9,
        color: '0A4F9E',
        maxLines: 1,
        spaceAfter: 4,
        link: source.url,
      });
    }
  };
  const slide = newSlide(
    deck,
    L(deck, (l) => l.closing),
  );
  const column = new Column(deck, slide, X, BODY_TOP, CONTENT_W, BODY_BOTTOM - BODY_TOP);
  column.add(
    L(deck, (l) => l.madeBy, '\n'),
    { pt: 14, color: MUTED, spaceAfter: 10 },
  );
  column.add(
    L(deck, (l) => l.sources),
    { pt: 14, bold: true, color: BRAND, maxLines: 1, spaceAfter: 4 },
  );
  if (first.length === 0)
    column.add(
      L(deck, (l) => l.notPublished),
      { pt: 11, color: MUTED },
    );
  sourceList(column, first);
  column.flush();
  rest.forEach((page) => {
    const s = newSlide(deck, `${L(deck, (l) => l.sources)} (${L(deck, (l) => l.continued)})`);
    // Two columns of sources a slide: a portfolio names hundreds.
    const half = Math.ceil(page.length / 2);
    const colW = (CONTENT_W - 0.4) / 2;
    [page.slice(0, half), page.slice(half)].forEach((list, i) => {
      const c = new Column(deck, s, X + i * (colW + 0.4), BODY_TOP, colW, BODY_BOTTOM - BODY_TOP);
      sourceList(c, list);
      c.flush();
    });
  });
}
