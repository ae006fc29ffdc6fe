import type { Conflict } from '../forms/conflict';
import { useTranslation } from '../i18n/hooks';

/**
 * The 409 notice: someone saved this record while the form was open. Both versions side by side;
 * the form below keeps the person's input and now carries the saved version, so sending it again
 * overwrites on purpose.
 */
export function ConflictNotice({
  conflict,
  labels,
  message,
}: {
  conflict: Conflict;
  labels: Record<string, string>;
  /** What happened, when the page can say it more exactly than the general sentence. */
  message?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="notice" role="alert">
      <p>{message ?? t('edit.conflict')}</p>
      {conflict.rows.length ? (
        <table className="conflict-table">
          <caption>{t('edit.conflictCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('edit.field')}</th>
              <th scope="col">{t('edit.yours')}</th>
              <th scope="col">{t('edit.saved')}</th>
            </tr>
          </thead>
          <tbody>
            {conflict.rows.map((row) => (
              <tr key={row.field}>
                <th scope="row">{labels[row.field] ?? row.field}</th>
                <td>{row.yours || <span className="muted">{t('edit.empty')}</span>}</td>
                <td>{row.saved || <span className="muted">{t('edit.empty')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('edit.conflictSame')}</p>
      )}
    </div>
  );
}
