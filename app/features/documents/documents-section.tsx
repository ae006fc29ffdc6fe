import { useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import { AppLink } from '../../core/ui/app-link';
import { type DocumentRow, DocumentTable } from './document-table';

// The documents of a project or an event, as a section of its page (only those the reader may
// see: the loader asks listDocumentsOf with the reader's visibilities). Nothing when it has none.

export function DocumentsSection({
  documents,
  filter,
}: {
  documents: DocumentRow[];
  /** The documents page's filter for the same record, e.g. project=some-slug. */
  filter: string;
}) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  if (documents.length === 0) return null;
  return (
    <section aria-labelledby="documents-section" id="documents">
      <h2 id="documents-section">{t('documents.section.title')}</h2>
      <DocumentTable rows={documents} caption={t('documents.section.title')} />
      <p>
        <AppLink to={to(`/documents?${filter}`)}>{t('documents.section.all')}</AppLink>
      </p>
    </section>
  );
}
