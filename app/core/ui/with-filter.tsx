import type { ComponentProps, ReactNode } from 'react';

import { FilterPanel } from '../filter/filter-panel';

/** A view of the portfolio under the shared filter: the filter panel, then the view itself. */
export function WithFilter({
  children,
  ...panel
}: ComponentProps<typeof FilterPanel> & { children: ReactNode }) {
  return (
    <div className="with-filter">
      <FilterPanel {...panel} />
      <div className="with-filter__main">{children}</div>
    </div>
  );
}
