import type { ReactNode } from 'react';

import { PageTitle } from './page-title';

/**
 * The head of a form page: its title (in the document title too), the way back to the record it
 * belongs to, and a line on what the form does.
 */
export function FormHead({
  title,
  back,
  lead,
}: {
  title: string;
  /** A link back to the record, shown above the heading. */
  back?: ReactNode;
  lead?: string;
}) {
  return (
    <>
      <PageTitle title={title} />
      {back ? <p className="muted">{back}</p> : null}
      <h1>{title}</h1>
      {lead ? <p>{lead}</p> : null}
    </>
  );
}
