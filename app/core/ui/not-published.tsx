import { useTranslation } from '../i18n/hooks';

/** The one way an unknown value is shown: said plainly, never replaced by a guess. */
export function NotPublished({ what }: { what?: string }) {
  const { t } = useTranslation();
  return (
    <span className="not-published">
      {what ? t('common.notPublishedWhat', { what }) : t('common.notPublished')}
    </span>
  );
}
