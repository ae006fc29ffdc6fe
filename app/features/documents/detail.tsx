import { data } from 'react-router';

import { canReadDocument, canReadEntry } from '../../core/auth/visibility';
import { isAllowed } from '../../core/auth/permissions';
import { userContext } from '../../core/http/session.server';
import { useFormat, useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { SERVER_ONLY_PAGE } from '../../core/page-handle';
import { AppLink } from '../../core/ui/app-link';
import { SuccessNotice } from '../../core/ui/notice';
import { officialNameText } from '../../core/ui/official-name';
import { PageTitle } from '../../core/ui/page-title';
import type { Route } from './+types/detail';
import { useDocumentLabels, useFileSize, VisibilityBadge } from './document-table';
import { getDocument } from './documents.server';
import { parseDocumentId } from './document-params';

// One document: what it is, who added it, what it belongs to, whether its text was read, and the
// download (or the link to where it is published). A reader who may not see it gets a 404, as if
// it did not exist.

export const handle = SERVER_ONLY_PAGE;

export function loader({ params, request, context }: Route.LoaderArgs) {
  const id = parseDocumentId(params.id);
  const user = context.get(userContext);
  const document = id === null ? undefined : getDocument(id);
  if (!document || !canReadDocument(user, document)) throw data(null, { status: 404 });
  const { fileHash: _hash, ...shown } = document;
  return {
    document: {
      ...shown,
      entries: document.entries
        .filter((entry) => canReadEntry(user, entry))
        .map((entry) => ({ slug: entry.slug, title: entry.title ?? entry.slug })),
    },
    canEdit: isAllowed('editors', user),
    isSaved: new URL(request.url).searchParams.has('saved'),
  };
}

export default function DocumentPage({ loaderData }: Route.ComponentProps) {
  const { document: d, canEdit, isSaved } = loaderData;
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  const labels = useDocumentLabels();
  const size = useFileSize();
  const isFile = d.origin === 'upload';
  return (
    <article>
      <PageTitle title={d.title} />
      <p className="muted">
        <AppLink to={to('/documents')}>{t('documents.title')}</AppLink>
      </p>
      <h1>{d.title}</h1>
      {isSaved ? <SuccessNotice>{t('documents.saved')}</SuccessNotice> : null}
      {canEdit ? (
        <ul className="record-actions" aria-label={t('edit.actions')}>
          <li>
            <AppLink to={to(`/documents/${d.id}/edit`)}>{t('documents.edit')}</AppLink>
          </li>
          <li>
            <AppLink to={to(`/documents/${d.id}/delete`)}>{t('documents.delete')}</AppLink>
          </li>
        </ul>
      ) : null}
      <p>
        {isFile ? (
          <a className="button" href={to(`/documents/${d.id}/file`)} download>
            {t('documents.download', {
              kind: labels.kind(d),
              size: d.fileSize === null ? '' : size(d.fileSize),
            })}
          </a>
        ) : d.url ? (
          <>
            <a href={d.url} rel="noopener noreferrer nofollow" className="external-link">
              {t('documents.openLink')}
            </a>{' '}
            <span className="muted">{t('documents.linkNote')}</span>
          </>
        ) : null}
      </p>
      <section aria-labelledby="document-details">
        <h2 id="document-details">{t('documents.details')}</h2>
        <dl className="facts">
          <div>
            <dt>{t('documents.kind')}</dt>
            <dd>
              {labels.kind(d)} <VisibilityBadge visibility={d.visibility} />
            </dd>
          </div>
          {d.documentDate ? (
            <div>
              <dt>{t('documents.date')}</dt>
              <dd>{format.date(d.documentDate, d.documentDatePrecision)}</dd>
            </div>
          ) : null}
          <div>
            <dt>{t('documents.language')}</dt>
            <dd>{labels.language(d.language)}</dd>
          </div>
          {d.category ? (
            <div>
              <dt>{t('documents.categoryFilter')}</dt>
              <dd>
                {labels.category(d.category)} <span className="muted">({d.category})</span>
              </dd>
            </div>
          ) : null}
          {isFile && d.fileSize !== null ? (
            <div>
              <dt>{t('documents.size')}</dt>
              <dd>{size(d.fileSize)}</dd>
            </div>
          ) : null}
          {d.visibility !== 'public' ? (
            <div>
              <dt>{t('documents.visibilityField')}</dt>
              <dd>{labels.visibility(d.visibility)}</dd>
            </div>
          ) : null}
        </dl>
        <p className="muted">
          {t('documents.addedBy', { name: d.createdByName, date: format.dateTime(d.createdAt) })}
        </p>
        {d.description ? (
          <>
            <h3>{t('documents.description')}</h3>
            <p className="prose">{d.description}</p>
          </>
        ) : null}
      </section>
      {isFile ? (
        <section aria-labelledby="document-text">
          <h2 id="document-text">{t('documents.text')}</h2>
          <p data-text-state={d.textState}>
            {d.textState === 'extracted'
              ? t(`documents.textExtracted.${d.textPartKind ?? 'page'}`, { count: d.parts })
              : d.textState === 'failed'
                ? (d.textError ?? t('documents.textFailed'))
                : d.textState === 'not-applicable'
                  ? t('documents.textNotApplicable')
                  : t('documents.textNone')}
          </p>
        </section>
      ) : null}
      <DocumentLinks links={d} />
    </article>
  );
}

type Links = Pick<
  Route.ComponentProps['loaderData']['document'],
  'projects' | 'topics' | 'events' | 'entries'
>;

/** What the document belongs to: projects, topics, events and the entries the reader may read. */
function DocumentLinks({ links: d }: { links: Links }) {
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  return (
    <>
      {d.projects.length + d.topics.length + d.events.length + d.entries.length > 0 ? (
        <section aria-labelledby="document-links">
          <h2 id="document-links">{t('documents.linkedTo')}</h2>
          {d.projects.length ? (
            <>
              <h3>{t('documents.projects')}</h3>
              <ul>
                {d.projects.map((p) => (
                  <li key={p.slug}>
                    <AppLink to={to(`/projects/${p.slug}`)}>
                      {officialNameText(lang, { en: p.title, zh: p.titleZh, de: p.titleDe })}
                    </AppLink>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {d.topics.length ? (
            <>
              <h3>{t('documents.topics')}</h3>
              <ul>
                {d.topics.map((topic) => (
                  <li key={topic.slug}>
                    <AppLink to={to(`/topics/${topic.slug}`)}>
                      {officialNameText(lang, {
                        en: topic.name,
                        zh: topic.nameZh,
                        de: topic.nameDe,
                      })}
                    </AppLink>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {d.events.length ? (
            <>
              <h3>{t('documents.events')}</h3>
              <ul>
                {d.events.map((e) => (
                  <li key={e.slug}>
                    <AppLink to={to(`/events/${e.slug}`)}>
                      {officialNameText(lang, { en: e.title, zh: e.titleZh, de: e.titleDe })}
                    </AppLink>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {d.entries.length ? (
            <>
              <h3>{t('documents.entries')}</h3>
              <ul>
                {d.entries.map((entry) => (
                  <li key={entry.slug}>
                    <AppLink to={to(`/knowledge/${entry.slug}`)}>{entry.title}</AppLink>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
