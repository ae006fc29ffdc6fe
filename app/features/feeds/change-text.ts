import type { TFunction } from 'i18next';

import { formatPartialDate } from '../../core/format';
import { INTL_LOCALE, type Lang, localizePath } from '../../core/i18n/config';
import { translatedTitleText } from '../../core/ui/translated-title';
import { officialNameText } from '../../core/ui/official-name';
import { REPORT_SECTIONS, type DatePrecision } from '../../../db/vocabulary';
import type { Change } from './changes.server';

// A change as a reader reads it in one language: a title, a few plain-text paragraphs and the
// page it is about. Official project names are never translated (their sourced names only);
// event titles take the hub's translations. Shared by the Atom feeds and the changes page.

export interface ChangeText {
  key: string;
  kind: Change['kind'];
  at: string;
  title: string;
  paragraphs: string[];
  /** The page, without the site's origin, in the language. */
  path: string;
  /** Who it comes from, where that is public: the organisations of an approved report. */
  authors: string[];
}

const PRECISION_OF_LENGTH: Record<number, DatePrecision> = { 4: 'year', 7: 'month', 10: 'day' };

function partialDate(value: string | null, lang: Lang): string | null {
  if (!value) return null;
  const precision = PRECISION_OF_LENGTH[value.length];
  return precision ? formatPartialDate(value, precision, INTL_LOCALE[lang]) : value;
}

const projectName = (lang: Lang, p: NonNullable<Change['project']>) =>
  officialNameText(lang, { en: p.title, zh: p.titleZh, de: p.titleDe });

function milestoneName(lang: Lang, m: NonNullable<Change['milestone']>, t: TFunction): string {
  if (m.isDerived && (m.kind === 'start' || m.kind === 'closure')) {
    return t(`milestone.kind.${m.kind}` as 'milestone.kind.start');
  }
  return (lang === 'zh' ? m.titleZh : null) ?? m.title;
}

/** The fields of a project change a reader knows by name (the history page's labels). */
function fieldList(fields: string[], t: TFunction, has: (key: string) => boolean): string {
  return fields
    .filter((f) => has(`historyField.${f}`))
    .map((f) => t(`historyField.${f}` as 'historyField.title'))
    .join(', ');
}

/** An approved report's sections: in the reader's language where written, else the original. */
function reportParagraphs(
  report: NonNullable<Change['report']>,
  lang: Lang,
  t: TFunction,
): string[] {
  const own = report.texts[lang];
  const hasOwn = own && REPORT_SECTIONS.some((s) => own[s]?.trim());
  const source = hasOwn ? lang : (report.language ?? lang);
  const texts = report.texts[source] ?? {};
  const paragraphs = REPORT_SECTIONS.flatMap((section) => {
    const text = texts[section]?.trim();
    return text ? [t('feeds.sectionText', { section: t(`feeds.section.${section}`), text })] : [];
  });
  if (paragraphs.length && source !== lang) {
    paragraphs.push(t('feeds.reportWrittenIn', { language: t(`feeds.language.${source}`) }));
  }
  if (report.authors.length) {
    paragraphs.push(t('feeds.reportBy', { organisations: report.authors.join(', ') }));
  }
  return paragraphs;
}

/** One change in one language. `has` says whether a translation key exists. */
export function changeText(
  change: Change,
  lang: Lang,
  t: TFunction,
  has: (key: string) => boolean,
): ChangeText {
  const base = { key: change.key, kind: change.kind, at: change.at, authors: [] as string[] };
  const project = change.project ? projectName(lang, change.project) : '';
  const projectPath = change.project ? localizePath(`/projects/${change.project.slug}`, lang) : '/';
  const m = change.milestone;
  switch (change.kind) {
    case 'milestone-achieved':
    case 'milestone-delayed':
    case 'milestone-revised': {
      const milestone = m ? milestoneName(lang, m, t) : '';
      const title = t(
        change.kind === 'milestone-achieved'
          ? 'feeds.milestoneAchieved'
          : change.kind === 'milestone-delayed'
            ? 'feeds.milestoneDelayed'
            : 'feeds.milestoneRevised',
        { milestone, project },
      );
      const paragraphs: string[] = [];
      const to = partialDate(m?.revisedTo ?? null, lang);
      const from = partialDate(m?.revisedFrom ?? null, lang);
      if (change.kind === 'milestone-revised' && to) {
        paragraphs.push(
          from ? t('feeds.revisedFromTo', { from, to }) : t('feeds.revisedTo', { date: to }),
        );
      } else if (change.kind === 'milestone-delayed' && to) {
        paragraphs.push(t('feeds.revisedTo', { date: to }));
      }
      if (m?.comment) paragraphs.push(t('feeds.comment', { comment: m.comment }));
      return {
        ...base,
        title,
        paragraphs,
        path: m ? `${projectPath}#milestone-${m.id}` : projectPath,
      };
    }
    case 'project-created':
    case 'project-updated': {
      const fields = change.kind === 'project-updated' ? fieldList(change.fields, t, has) : '';
      return {
        ...base,
        title: t(
          change.kind === 'project-created' ? 'feeds.projectCreated' : 'feeds.projectUpdated',
          {
            project,
          },
        ),
        paragraphs: fields ? [t('feeds.changedFields', { fields })] : [],
        path: projectPath,
      };
    }
    case 'event-created': {
      const e = change.event!;
      return {
        ...base,
        title: t('feeds.eventCreated', {
          event: translatedTitleText(lang, { en: e.title, zh: e.titleZh, de: e.titleDe }),
        }),
        paragraphs: [],
        path: localizePath(`/events/${e.slug}`, lang),
      };
    }
    case 'report-approved': {
      const r = change.report!;
      return {
        ...base,
        title: t('feeds.reportApproved', {
          project,
          round: translatedTitleText(lang, {
            en: r.roundTitle,
            zh: r.roundTitleZh,
            de: r.roundTitleDe,
          }),
        }),
        paragraphs: reportParagraphs(r, lang, t),
        path: projectPath,
        authors: r.authors,
      };
    }
    case 'entry-published': {
      // The entry in the feed's language where it has a text, else the author's original.
      const e = change.entry!;
      const text = e.texts[lang] ?? e.texts[e.language] ?? Object.values(e.texts)[0];
      return {
        ...base,
        title: t('knowledgeList.feedEntry', {
          kind: t(`knowledgeList.kind.${e.kind}`),
          title: text?.title ?? e.slug,
        }),
        paragraphs: text?.summary ? [text.summary] : [],
        path: localizePath(`/knowledge/${e.slug}`, lang),
      };
    }
  }
}
