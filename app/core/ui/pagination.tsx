import { useTranslation } from '../i18n/hooks';
import { AppLink } from './app-link';

interface PaginationProps {
  page: number;
  pageCount: number;
  hrefFor: (page: number) => string;
}

export function Pagination({ page, pageCount, hrefFor }: PaginationProps) {
  const { t } = useTranslation();
  if (pageCount <= 1) return null;
  const pages = Array.from({ length: pageCount }, (_, i) => i + 1).filter(
    (p) => p === 1 || p === pageCount || Math.abs(p - page) <= 2,
  );
  return (
    <nav aria-label={t('pagination.label')} className="pagination">
      <ul>
        <li>
          {page > 1 ? (
            <AppLink to={hrefFor(page - 1)} rel="prev">
              {t('pagination.previous')}
            </AppLink>
          ) : (
            <span aria-disabled="true">{t('pagination.previous')}</span>
          )}
        </li>
        {pages.map((p, i) => (
          <li key={p}>
            {i > 0 && p - pages[i - 1]! > 1 ? <span aria-hidden="true">… </span> : null}
            {p === page ? (
              <span aria-current="page">{p}</span>
            ) : (
              <AppLink to={hrefFor(p)} aria-label={t('pagination.page', { page: p })}>
                {p}
              </AppLink>
            )}
          </li>
        ))}
        <li>
          {page < pageCount ? (
            <AppLink to={hrefFor(page + 1)} rel="next">
              {t('pagination.next')}
            </AppLink>
          ) : (
            <span aria-disabled="true">{t('pagination.next')}</span>
          )}
        </li>
      </ul>
    </nav>
  );
}
