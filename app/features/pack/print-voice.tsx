import type { TFunction } from 'i18next';
import { Fragment, type ReactNode } from 'react';

import type { DatePrecision } from '../../../db/vocabulary';
import { HTML_LANG, INTL_LOCALE, type Lang } from '../../core/i18n/config';
import { formatCount, formatEur, formatPartialDate, formatPeriod } from '../../core/format';
import { fill } from './pack-labels';
import { PRINT_VIEW_LABELS, type PrintViewLabels } from './print-labels';
import type { Named, PackLanguages, SourceRef } from './pack-types';

// How the print view speaks: in the pack's language, or English and Chinese side by side. The
// pack's article carries the first language as its `lang`; every text in the other language is
// marked with its own `lang`, so screen readers and fonts (CJK) pick the right voice and glyphs.

export interface PrintVoice {
  languages: PackLanguages;
  /** The first language: the article's `lang`, dates and numbers. */
  lang: Lang;
  labels: PrintViewLabels;
  /** A label of pack-labels.ts in the pack's languages. */
  words: (
    pick: (labels: PrintViewLabels) => string,
    values?: Record<string, string | number>,
  ) => ReactNode;
  /** The same as plain text (attributes, chart titles). */
  text: (
    pick: (labels: PrintViewLabels) => string,
    values?: Record<string, string | number>,
  ) => string;
  /** An official name in the pack's languages; where none is published, the English original. */
  name: (named: Named) => ReactNode;
  /** A vocabulary word of the page translations (`type.bilateral`, `milestoneStatus.achieved`). */
  vocab: (key: string) => ReactNode;
  date: (value: string | null, precision: DatePrecision | null) => string | null;
  period: (
    start: { value: string | null; precision: DatePrecision | null },
    end: { value: string | null; precision: DatePrecision | null },
  ) => string | null;
  count: (n: number) => string;
  eur: (n: number) => string;
  /** Reference marks linking to the sources list. */
  refs: (sourceIds: readonly number[]) => ReactNode;
}

/** Texts per language, the same text once; the first plain, the others marked with their lang. */
function sideBySide(parts: { lang: Lang; text: string }[], first: Lang): ReactNode {
  const seen = new Set<string>();
  const unique = parts.filter((p) => !seen.has(p.text) && seen.add(p.text));
  return unique.map((part, i) => (
    <span key={part.lang} lang={part.lang === first ? undefined : HTML_LANG[part.lang]}>
      {i > 0 ? ' / ' : ''}
      {part.text}
    </span>
  ));
}

export function createPrintVoice(
  languages: PackLanguages,
  translators: Record<Lang, TFunction<'translation'>>,
  sources: readonly SourceRef[],
): PrintVoice {
  const lang = languages[0];
  const locale = INTL_LOCALE[lang];
  const notPublished = PRINT_VIEW_LABELS[lang].notPublished;
  const sourceNumber = new Map(sources.map((s, i) => [s.id, i + 1]));
  const label = (
    l: Lang,
    pick: (labels: PrintViewLabels) => string,
    values?: Record<string, string | number>,
  ) => (values ? fill(pick(PRINT_VIEW_LABELS[l]), values) : pick(PRINT_VIEW_LABELS[l]));
  const voice: PrintVoice = {
    languages,
    lang,
    labels: PRINT_VIEW_LABELS[lang],
    words: (pick, values) =>
      sideBySide(
        languages.map((l) => ({ lang: l, text: label(l, pick, values) })),
        lang,
      ),
    text: (pick, values) => [...new Set(languages.map((l) => label(l, pick, values)))].join(' / '),
    name: (named) => {
      const parts = languages.flatMap((l) => {
        const text = named[l];
        return text ? [{ lang: l, text }] : [];
      });
      return sideBySide(parts.length ? parts : [{ lang: 'en', text: named.en }], lang);
    },
    vocab: (key) =>
      sideBySide(
        languages.map((l) => ({
          lang: l,
          text: (translators[l] as unknown as (k: string) => string)(key),
        })),
        lang,
      ),
    date: (value, precision) => formatPartialDate(value, precision, locale),
    period: (start, end) => formatPeriod(start, end, locale, notPublished),
    count: (n) => formatCount(n, locale),
    eur: (n) => formatEur(n, locale),
    refs: (sourceIds) => {
      const numbers = [...new Set(sourceIds)]
        .map((id) => ({ id, n: sourceNumber.get(id) }))
        .filter((s): s is { id: number; n: number } => s.n !== undefined)
        .sort((a, b) => a.n - b.n);
      if (numbers.length === 0) return null;
      return (
        <sup className="pack-refs">
          {numbers.map(({ id, n }, i) => (
            <Fragment key={id}>
              {/* A long run of marks may break between two marks on a narrow screen. */}
              {i > 0 ? <wbr /> : null}
              <a
                href={`#source-${id}`}
                className="pack-ref"
                aria-label={label(lang, (l) => l.sourceMark, { n })}
              >
                [{n}]
              </a>
            </Fragment>
          ))}
        </sup>
      );
    },
  };
  return voice;
}
