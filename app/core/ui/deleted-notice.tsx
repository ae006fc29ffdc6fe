import { useSearchParams } from 'react-router';
import { useTranslation } from '../i18n/hooks';

/** "Deleted “…”." on the page a delete confirmation returns to (`?deleted=` names the record). */
export function DeletedNotice() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const name = search.get('deleted');
  if (!name) return null;
  return (
    <p className="notice notice--success" role="status">
      {t('deleteRecord.deleted', { name: name.slice(0, 200) })}
    </p>
  );
}
