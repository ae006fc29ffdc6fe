import { type ReactNode, useId } from 'react';

/** What names a table's box: its own words, or the id of the heading or caption naming it. */
export type TableName =
  { label: string; labelledBy?: never } | { label?: never; labelledBy: string };

/**
 * The box every table sits in: on a screen too narrow for the table it scrolls sideways by
 * itself (shadows at the edges show there is more), so the page never does. It is a named group
 * (not a landmark: a page may hold many tables) that takes the focus, so the keyboard can
 * scroll it too, with the arrow keys.
 */
export function TableScroll({
  label,
  labelledBy,
  children,
}: {
  children: ReactNode;
} & TableName) {
  return (
    <div
      className="table-scroll"
      role="group"
      aria-label={label}
      aria-labelledby={labelledBy}
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a box that scrolls must take the focus for the keyboard to scroll it (axe: scrollable-region-focusable)
      tabIndex={0}
    >
      {children}
    </div>
  );
}

/**
 * A table of data: its column headings and its rows (`children`, each a <tr>), scrolling sideways
 * on a narrow screen rather than squeezing. The caption is for screen readers, where the heading
 * above the table does not already name it; without one, `labelledBy` (the heading's id) or
 * `label` names the table's box.
 */
export function DataTable({
  columns,
  caption,
  label,
  labelledBy,
  className,
  children,
}: {
  columns: ReactNode[];
  /** More classes beside data-table. */
  className?: string;
  children: ReactNode;
} & ({ caption: string; label?: never; labelledBy?: never } | ({ caption?: never } & TableName))) {
  const captionId = useId();
  const table = (
    <table className={className ? `data-table ${className}` : 'data-table'}>
      {caption ? (
        <caption id={captionId} className="visually-hidden">
          {caption}
        </caption>
      ) : null}
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
  );
  if (caption) return <TableScroll labelledBy={captionId}>{table}</TableScroll>;
  return labelledBy ? (
    <TableScroll labelledBy={labelledBy}>{table}</TableScroll>
  ) : (
    <TableScroll label={label!}>{table}</TableScroll>
  );
}
