/** The one way an unknown value is shown: said plainly, never replaced by a guess. */
export function NotPublished({ what }: { what?: string }) {
  return <span className="not-published">{what ? `${what} not published` : 'not published'}</span>;
}
