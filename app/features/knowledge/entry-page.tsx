import { data } from 'react-router';

import { userContext } from '../../core/http/session.server';
import { canReadEntry } from '../../core/auth/visibility';
import { HTML_LANG, type Lang, langFromPath } from '../../core/i18n/config';
import { useFormat, useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { AppLink } from '../../core/ui/app-link';
import { SuccessNotice } from '../../core/ui/notice';
import { OfficialName } from '../../core/ui/official-name';
import { PageTitle } from '../../core/ui/page-title';
import { TranslatedTitle } from '../../core/ui/translated-title';
import { SERVER_ONLY_PAGE } from '../../core/page-handle';
import { KNOWLEDGE_SECTIONS, type KnowledgeKind } from '../../../db/vocabulary';
import type { Route } from './+types/entry-page';
import { getEntryPage } from './knowledge-entries.server';
import { ENTRY_LANGUAGES, canEditEntry, isHubTeam } from './knowledge-rules';
import { useSectionLabel } from './knowledge-labels';
import { SubmitForm } from './submit-form';
import { AnswersSection } from './answers-section';
import { loadAnswersSection } from './answers-section.server';
import { getEntryForAnswers } from './answers.server';

// One knowledge entry (/knowledge/:slug), readable without JavaScript: its text in the page's
// language where one exists (a translation labelled with who made it, and a link to the
// original), else the original marked "not translated yet"; its links, session and documents.
// An unpublished entry is its author's and the hub team's: to anyone else it does not exist.

export const handle = SERVER_ONLY_PAGE;

const NOTICES = ['created', 'saved', 'submitted', 'published', 'returned'] as const;

export function loader({ params, request, context }: Route.LoaderArgs) {
  const user = context.get(userContext);
  const page = getEntryPage(params.slug, user);
  if (!page || !canReadEntry(user, page.entry)) throw data(null, { status: 404 });
  const url = new URL(request.url);
  const lang = langFromPath(url.pathname);
  const { entry } = page;
  const wantsOriginal = url.searchParams.get('text') === 'original';
  const shownLang: Lang = !wantsOriginal && entry.texts[lang] ? lang : entry.language;
  const text = entry.texts[shownLang]!;
  const saved = url.searchParams.get('saved');
  const canEdit = canEditEntry(user, entry);
  // A published challenge collects answers (its section is null for every other entry).
  const forAnswers = entry.kind === 'challenge' ? getEntryForAnswers(entry.slug) : undefined;
  return {
    answers: forAnswers ? loadAnswersSection(forAnswers, user) : null,
    entry: {
      slug: entry.slug,
      kind: entry.kind,
      state: entry.state,
      language: entry.language,
      isResolved: entry.isResolved,
      authorName: entry.authorName,
      createdAt: entry.createdAt,
      updatedAt: entry.updatedAt,
      publishedAt: entry.publishedAt,
      version: entry.version,
      // The reviewer's word is for the author and the hub team (who alone see an unpublished entry).
      reviewComment: entry.state === 'draft' ? entry.reviewComment : null,
    },
    text: { ...text, lang: shownLang },
    otherLanguages: ENTRY_LANGUAGES.filter((l) => l !== shownLang && entry.texts[l]),
    links: {
      topics: page.topics,
      projects: page.projects,
      organisations: page.organisations,
      events: page.events,
    },
    session: page.session,
    documents: page.documents,
    can: {
      edit: canEdit,
      submit: canEdit && entry.state === 'draft',
      review: isHubTeam(user) && entry.state === 'in-review',
      delete: isHubTeam(user),
    },
    notice: NOTICES.find((n) => n === saved) ?? null,
  };
}

/** A stored text as paragraphs (a blank line starts a new one). */
function Paragraphs({ text, lang }: { text: string; lang: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p, i) => (
          <p key={i} lang={lang} className="entry-text">
            {p}
          </p>
        ))}
    </>
  );
}

export default function EntryPage({ loaderData }: Route.ComponentProps) {
  const { entry, text, can, notice } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const lang = useLang();
  const format = useFormat();
  const section = useSectionLabel(entry.kind as KnowledgeKind);
  const textLang = HTML_LANG[text.lang];
  const base = `/knowledge/${entry.slug}`;
  const day = (iso: string) => format.date(iso.slice(0, 10), 'day');
  const languageName = (l: Lang) => t(`knowledge.languageName.${l}`);
  return (
    <article className="knowledge-entry">
      <PageTitle title={text.title} description={text.summary ?? undefined} />
      <p className="breadcrumb">
        <AppLink to={to('/knowledge')}>{t('knowledge.breadcrumb')}</AppLink> /
      </p>
      {notice ? (
        <SuccessNotice>
          {notice === 'submitted'
            ? t('knowledge.form.submitted')
            : notice === 'published'
              ? t('knowledge.review.published')
              : notice === 'returned'
                ? t('knowledge.review.returned')
                : t('knowledge.form.saved')}
        </SuccessNotice>
      ) : null}
      <p className="badges">
        <span className={`badge badge--knowledge-${entry.kind}`}>
          {t(`knowledge.kinds.${entry.kind}`)}
        </span>
        {entry.kind === 'challenge' ? (
          <span className="badge">
            {entry.isResolved ? t('knowledge.page.resolved') : t('knowledge.page.open')}
          </span>
        ) : null}
        {entry.state === 'published' ? null : (
          <span className="badge badge--state">{t(`knowledge.states.${entry.state}`)}</span>
        )}
      </p>
      <h1 lang={textLang}>{text.title}</h1>
      <TextOrigin
        shown={text.lang}
        original={entry.language}
        translatedBy={text.translatedBy}
        slug={entry.slug}
      />
      {entry.state === 'published' ? null : (
        <p className="notice">{t(`knowledge.page.stateNotice.${entry.state}`)}</p>
      )}
      {entry.reviewComment ? (
        <section aria-labelledby="review-comment" className="notice">
          <h2 id="review-comment">{t('knowledge.page.reviewComment')}</h2>
          <Paragraphs text={entry.reviewComment} lang={HTML_LANG[lang]} />
        </section>
      ) : null}
      <p className="record-actions">
        {can.edit ? <AppLink to={to(`${base}/edit`)}>{t('knowledge.page.edit')}</AppLink> : null}
        {can.review ? (
          <>
            {' · '}
            <AppLink to={to(`${base}/review`)}>{t('knowledge.page.review')}</AppLink>
          </>
        ) : null}
        {can.delete ? (
          <>
            {' · '}
            <AppLink to={to(`${base}/delete`)}>{t('knowledge.page.delete')}</AppLink>
          </>
        ) : null}
        {can.edit || can.review || can.delete ? ' · ' : null}
        <AppLink to={to(`${base}/history`)}>{t('knowledge.page.history')}</AppLink>
      </p>
      {text.summary ? (
        <div className="lead">
          <Paragraphs text={text.summary} lang={textLang} />
        </div>
      ) : null}
      {KNOWLEDGE_SECTIONS.map((s) =>
        text[s] ? (
          <section key={s} aria-labelledby={`section-${s}`}>
            <h2 id={`section-${s}`}>{section(s)}</h2>
            <Paragraphs text={text[s]} lang={textLang} />
          </section>
        ) : null,
      )}
      {can.submit ? <SubmitForm slug={entry.slug} version={entry.version} /> : null}
      {loaderData.answers ? <AnswersSection data={loaderData.answers} /> : null}
      <EntryLinks loaderData={loaderData} />
      <footer className="muted entry-meta">
        <p>
          {t('knowledge.page.writtenBy', { name: entry.authorName })} ·{' '}
          {t('knowledge.page.created', { date: day(entry.createdAt) })}
          {entry.publishedAt ? (
            <> · {t('knowledge.page.published', { date: day(entry.publishedAt) })}</>
          ) : null}
          {entry.updatedAt !== entry.createdAt ? (
            <> · {t('knowledge.page.updated', { date: day(entry.updatedAt) })}</>
          ) : null}
        </p>
        {loaderData.otherLanguages.length ? (
          <p>
            {t('knowledge.page.otherLanguages')}{' '}
            {loaderData.otherLanguages.map((l, i) => (
              <span key={l}>
                {i ? ', ' : null}
                <a href={l === 'en' ? base : `/${l}${base}`} hrefLang={HTML_LANG[l]}>
                  {languageName(l)}
                </a>
              </span>
            ))}
          </p>
        ) : null}
      </footer>
    </article>
  );
}

/** Where the shown text comes from: the original, a labelled translation, or "not translated". */
function TextOrigin({
  shown,
  original,
  translatedBy,
  slug,
}: {
  shown: Lang;
  original: Lang;
  translatedBy: string | null;
  slug: string;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  const languageName = (l: Lang) => t(`knowledge.languageName.${l}`);
  if (shown !== original) {
    return (
      <p className="translation-note">
        {translatedBy === 'hub' || translatedBy === null
          ? t('common.hubTranslation')
          : t('knowledge.page.translatedBy', { name: translatedBy })}{' '}
        ·{' '}
        <AppLink to={to(`/knowledge/${slug}?text=original`)}>
          {t('knowledge.page.readOriginal', { language: languageName(original) })}
        </AppLink>
      </p>
    );
  }
  if (shown !== lang) {
    return (
      <p className="translation-note untranslated">
        {t('knowledge.page.notTranslated', {
          language: languageName(lang),
          original: languageName(original),
        })}
      </p>
    );
  }
  return null;
}

function EntryLinks({ loaderData }: Pick<Route.ComponentProps, 'loaderData'>) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const lang = useLang();
  const format = useFormat();
  const { links, session, documents } = loaderData;
  const topicName = (n: { name: string; nameZh: string | null; nameDe: string | null }) =>
    (lang === 'zh' ? n.nameZh : lang === 'de' ? n.nameDe : null) || n.name;
  const groups = [
    {
      key: 'topics',
      label: t('knowledge.field.topics'),
      items: links.topics.map((x) => ({ to: `/topics/${x.slug}`, name: <>{topicName(x)}</> })),
    },
    {
      key: 'projects',
      label: t('knowledge.field.projects'),
      items: links.projects.map((x) => ({
        to: `/projects/${x.slug}`,
        name: <OfficialName en={x.title} zh={x.titleZh} de={x.titleDe} />,
      })),
    },
    {
      key: 'organisations',
      label: t('knowledge.field.organisations'),
      items: links.organisations.map((x) => ({
        to: `/organisations/${x.slug}`,
        name: <OfficialName en={x.acronym ? `${x.name} (${x.acronym})` : x.name} zh={x.nameZh} />,
      })),
    },
    {
      key: 'events',
      label: t('knowledge.field.events'),
      items: links.events.map((x) => ({
        to: `/events/${x.slug}`,
        name: <TranslatedTitle en={x.title} zh={x.titleZh} de={x.titleDe} />,
      })),
    },
  ].filter((g) => g.items.length > 0);
  return (
    <>
      {session ? (
        <section aria-labelledby="entry-session">
          <h2 id="entry-session">{t('knowledge.page.session')}</h2>
          <p>
            <AppLink to={to(`/events/${session.eventSlug}#session-${session.id}`)}>
              <TranslatedTitle en={session.title} zh={session.titleZh} de={session.titleDe} />
            </AppLink>{' '}
            —{' '}
            <TranslatedTitle
              en={session.eventTitle}
              zh={session.eventTitleZh}
              de={session.eventTitleDe}
            />
          </p>
        </section>
      ) : null}
      {groups.length ? (
        <section aria-labelledby="entry-links">
          <h2 id="entry-links">{t('knowledge.page.linked')}</h2>
          <dl className="entry-links-list">
            {groups.map((g) => (
              <div key={g.key}>
                <dt>{g.label}</dt>
                <dd>
                  <ul className="plain-list">
                    {g.items.map((item) => (
                      <li key={item.to}>
                        <AppLink to={to(item.to)}>{item.name}</AppLink>
                      </li>
                    ))}
                  </ul>
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ) : null}
      <section aria-labelledby="entry-documents">
        <h2 id="entry-documents">{t('knowledge.page.documents')}</h2>
        {documents.length ? (
          <ul>
            {documents.map((d) => (
              <li key={d.id}>
                <AppLink to={to(`/documents/${d.id}`)}>{d.title}</AppLink>
                {d.documentDate ? (
                  <span className="muted">
                    {' '}
                    · {format.date(d.documentDate, d.documentDatePrecision)}
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('knowledge.page.noDocuments')}</p>
        )}
      </section>
    </>
  );
}
