import { type ComponentProps, type ReactNode, useId } from 'react';

import { FilterPanel } from '../filter/filter-panel';
import { useTranslation } from '../i18n/hooks';

/**
 * A view of the portfolio under the shared filter: the filter panel, then the view itself. On a
 * narrow screen the panel folds behind a disclosure, so the view is not pushed down a screen's
 * length of facets; the <details> before it shows and hides it by CSS, without JavaScript, as
 * the header's "Menu" does (decision 0055).
 */
export function WithFilter({
  children,
  ...panel
}: ComponentProps<typeof FilterPanel> & { children: ReactNode }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <div className="with-filter">
      <div className="with-filter__side">
        <details className="filter-toggle">
          <summary aria-controls={id}>{t('filter.showPanel')}</summary>
        </details>
        <div id={id} className="with-filter__panel">
          <FilterPanel {...panel} />
        </div>
      </div>
      <div className="with-filter__main">{children}</div>
    </div>
  );
}
