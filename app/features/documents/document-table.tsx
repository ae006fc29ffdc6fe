import { useId } from 'react';

import { AppLink } from '../../core/ui/app-link';
import { TableScroll } from '../../core/ui/data-table';
import { useFormat, useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import type { DatePrecision } from '../../../db/vocabulary';
import { documentKind } from './document-kinds';

// How a list of documents reads wherever it shows (the documents page, a project's or an event's
// section): title with its visibility when not public, type, date, language, category.

export interface DocumentRow {
  id: number;
  title: string;
  language: string | null;
  category: string | null;
  documentDate: string | null;
  documentDatePrecision: DatePrecision | null;
  origin: string;
  mediaType: string | null;
  fileSize: number | null;
  visibility: string;
}

const INTL: Record<string, string> = { en: 'en', zh: 'zh-CN', de: 'de' };

/** A file's size in the page's language: 820 kB, 2.4 MB. */
export function useFileSize() {
  const locale = INTL[useLang()] ?? 'en';
  return (bytes: number) => {
    const [value, unit] =
      bytes >= 1_000_000
        ? [bytes / 1_000_000, 'megabyte']
        : bytes >= 1_000
          ? [bytes / 1_000, 'kilobyte']
          : [bytes, 'byte'];
    return new Intl.NumberFormat(locale, {
      style: 'unit',
      unit,
      unitDisplay: 'short',
      maximumFractionDigits: value < 10 ? 1 : 0,
    }).format(value);
  };
}

/** The labels of a document's kind, language, category and visibility in the page's language. */
export function useDocumentLabels() {
  const { t } = useTranslation();
  return {
    kind: (row: { origin: string; mediaType: string | null }) =>
      t(`documents.kindName.${documentKind(row)}`),
    language: (code: string | null) =>
      t(`documents.languageName.${(code ?? 'none') as 'none'}`, { defaultValue: code ?? '' }),
    category: (code: string | null) =>
      code ? t(`documents.category.${code as 'A01'}`, { defaultValue: code }) : '',
    visibility: (visibility: string) => t(`documents.visibility.${visibility as 'public'}`),
  };
}

/** A badge saying who may see a document, shown only when that is not everyone. */
export function VisibilityBadge({ visibility }: { visibility: string }) {
  const labels = useDocumentLabels();
  if (visibility === 'public') return null;
  return (
    <span className="badge" data-visibility={visibility}>
      {labels.visibility(visibility)}
    </span>
  );
}

export function DocumentTable({ rows, caption }: { rows: DocumentRow[]; caption: string }) {
  const { t } = useTranslation();
  const to = useLocalizePath();
  const format = useFormat();
  const labels = useDocumentLabels();
  const id = useId();
  return (
    <TableScroll labelledBy={id}>
      <table className="data-table document-table">
        <caption id={id} className="visually-hidden">
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('documents.colTitle')}</th>
            <th scope="col">{t('documents.colKind')}</th>
            <th scope="col">{t('documents.colDate')}</th>
            <th scope="col">{t('documents.colLanguage')}</th>
            <th scope="col">{t('documents.colCategory')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} data-document={row.id}>
              <th scope="row">
                <AppLink to={to(`/documents/${row.id}`)}>{row.title}</AppLink>{' '}
                <VisibilityBadge visibility={row.visibility} />
              </th>
              <td>{labels.kind(row)}</td>
              <td>
                {row.documentDate ? format.date(row.documentDate, row.documentDatePrecision) : ''}
              </td>
              <td>{row.language ? labels.language(row.language) : ''}</td>
              <td>{labels.category(row.category)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
