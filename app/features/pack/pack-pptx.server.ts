import PptxGenJS from 'pptxgenjs';
import { INTL_LOCALE } from '../../core/i18n/config';
import { L, type Deck, names, periodText } from './pack-deck-kit.server';
import {
  chartSlides,
  eventsSlides,
  indicatorTotalsSlides,
  keyFiguresSlide,
  titleSlide,
} from './pack-deck-overview.server';
import { closingSlides, groupSlides } from './pack-deck-groups.server';
import { type ProjectChart, projectChart, projectSlides } from './pack-deck-project.server';
import { PACK_LABELS } from './pack-labels';
import type { PackData } from './pack-types';

// The workshop pack as a slide deck (issue #31, decision 0077): a title slide, the portfolio
// overview (key figures, the charts as images, indicator totals, events), one slide per project
// (a second one when its report text does not fit), one per ministry and topic, and the sources.
// With en+zh every slide carries both languages. Slides do not grow, so every text is measured
// (pack-deck-text.server.ts) and cut to its box; lists go on over "continued" slides. The parts:
// pack-deck-kit (shared), -overview, -project and -groups (.server.ts).

/** Project charts encoded ahead of the slide being written. */
const CHARTS_AHEAD = 4;

/** The pack as a PPTX file (16:9). */
export async function renderPackPptx(pack: PackData): Promise<Buffer> {
  const languages = pack.request.languages;
  const first = languages[0];
  const locale = INTL_LOCALE[first];
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = PACK_LABELS[first].packTitle;
  pptx.author = PACK_LABELS[first].madeBy;
  pptx.company = 'IKI China portfolio hub';
  pptx.theme = { headFontFace: 'Arial', bodyFontFace: 'Arial' };

  const deck: Deck = {
    pptx,
    pack,
    languages,
    two: languages.length === 2,
    latinLang: first === 'zh' ? 'en-GB' : locale,
    number: new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }),
    euro: new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: 'EUR',
      maximumFractionDigits: 0,
    }),
    percent: new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }),
    footer: '',
  };
  const round = pack.round ? `${names(deck, pack.round.title)} · ` : '';
  deck.footer = `${PACK_LABELS[first].packTitle} · ${round}${L(deck, (l) => l.period)} ${periodText(deck)} · ${L(deck, (l) => l.asOf)} ${pack.asOf}`;

  titleSlide(deck);
  keyFiguresSlide(deck);
  await chartSlides(deck);
  indicatorTotalsSlides(deck);
  eventsSlides(deck);
  // The small charts are encoded off the main thread (libuv's pool): a few ahead of the slides.
  const charts = new Map<number, Promise<ProjectChart | null>>();
  for (const [i, project] of pack.projects.entries()) {
    for (const ahead of pack.projects.slice(i, i + CHARTS_AHEAD)) {
      if (!charts.has(ahead.id)) charts.set(ahead.id, projectChart(deck, ahead));
    }
    projectSlides(deck, project, await charts.get(project.id)!);
    charts.delete(project.id);
  }
  for (const group of pack.germanMinistries)
    groupSlides(deck, (l) => l.germanMinistries, group, false);
  for (const group of pack.chineseMinistries)
    groupSlides(deck, (l) => l.chineseMinistries, group, false);
  for (const group of pack.topics) groupSlides(deck, (l) => l.topicSections, group, true);
  closingSlides(deck);

  // Compressed (a 500-project deck's slide XML is ~25 MB stored as is). pptxgenjs 4.0.1's `write`
  // ignores `compression` when an outputType is given; `stream` honours it and gives a Buffer.
  const out = await pptx.stream({ compression: true });
  return Buffer.isBuffer(out) ? out : Buffer.from(out as ArrayBuffer);
}
