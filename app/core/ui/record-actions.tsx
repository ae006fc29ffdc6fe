import { useLocalizePath, useTranslation } from '../i18n/hooks';
import { AppLink } from './app-link';

/**
 * What can be done with a record, listed the same on its page and its edit page: its editing
 * pages and delete for those who may edit, its history for everyone. `path` is the record's page.
 */
export function RecordActions({
  path,
  canEdit,
  pages,
}: {
  path: string;
  canEdit: boolean;
  /** Its editing pages before the history, by their path below `path`: by default its edit page. */
  pages?: Record<string, string>;
}) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  return (
    <ul className="record-actions" aria-label={t('edit.actions')}>
      {canEdit
        ? Object.entries(pages ?? { edit: t('edit.edit') }).map(([page, label]) => (
            <li key={page}>
              <AppLink to={to(`${path}/${page}`)}>{label}</AppLink>
            </li>
          ))
        : null}
      <li>
        <AppLink to={to(`${path}/history`)}>{t('edit.history')}</AppLink>
      </li>
      {canEdit ? (
        <li>
          <AppLink to={to(`${path}/delete`)}>{t('edit.delete')}</AppLink>
        </li>
      ) : null}
    </ul>
  );
}
