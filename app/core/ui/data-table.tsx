import type { ReactNode } from 'react';

/**
 * A table of data: its column headings and its rows (`children`, each a <tr>), scrolling sideways
 * on a narrow screen rather than squeezing. The caption is for screen readers, where the heading
 * above the table does not already name it.
 */
export function DataTable({
  columns,
  caption,
  className,
  children,
}: {
  columns: ReactNode[];
  caption?: string;
  /** More classes beside data-table. */
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className="table-scroll">
      <table className={className ? `data-table ${className}` : 'data-table'}>
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
