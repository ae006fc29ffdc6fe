import { useEnglishOnly, useFormat, useLang, useTranslation } from '../../core/i18n/hooks';
import type { Project } from './project-page';

// Where the page's facts come from, and what the sources leave open.

/** What could not be verified in the sources, said as such (only where there is something). */
export function ProjectUncertain({ project }: { project: Project }) {
  const { t } = useTranslation();
  const englishOnly = useEnglishOnly();
  if (project.unverified.length === 0) return null;
  return (
    <section aria-labelledby="not-published">
      <h2 id="not-published">{t('project.uncertainTitle')}</h2>
      <p>{t('project.uncertainIntro')}</p>
      <ul lang={englishOnly}>
        {project.unverified.map((u) => (
          <li key={u}>{u}</li>
        ))}
      </ul>
    </section>
  );
}

/** The numbered sources the page's footnote marks point to. */
export function ProjectSources({ project }: { project: Project }) {
  const { t } = useTranslation();
  const lang = useLang();
  const format = useFormat();
  const englishOnly = useEnglishOnly();
  return (
    <section aria-labelledby="sources">
      <h2 id="sources">{t('project.sources')}</h2>
      <ol className="sources">
        {project.sources.map((s) => (
          <li key={s.id} id={`source-${s.id}`}>
            <a href={s.url} rel="noreferrer">
              {s.title}
            </a>
            {s.publisher ? <span className="muted"> · {s.publisher}</span> : null}
            <span className="muted">
              {' · '}
              {s.asOf
                ? t('project.asOf', { date: format.date(s.asOf, s.asOfPrecision) })
                : t('project.retrieved', { date: format.date(s.retrievedOn, 'day') })}
            </span>
            {s.note ? (
              <p className="muted" lang={englishOnly}>
                {s.note}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
      {lang !== 'en' ? <p className="muted">{t('project.englishOnly')}</p> : null}
    </section>
  );
}
