import { useTranslation } from '../i18n/hooks';

/** The document title and description, in the page's language (React hoists them into <head>). */
export function PageTitle({ title, description }: { title?: string; description?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <title>{title ? `${title} · ${t('site.name')}` : t('site.name')}</title>
      {description ? <meta name="description" content={description} /> : null}
    </>
  );
}
