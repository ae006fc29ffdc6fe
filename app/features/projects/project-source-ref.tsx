import { useTranslation } from '../../core/i18n/hooks';

/**
 * A footnote mark linking to one of the project's sources, numbered as the sources list is. It
 * keeps the body text's small size in a heading too (app.css: .source-ref).
 */
export function SourceRef({ id, sourceIds }: { id: number | null; sourceIds: number[] }) {
  const { t } = useTranslation();
  const n = id === null ? -1 : sourceIds.indexOf(id);
  if (n < 0) return null;
  return (
    <sup className="source-ref">
      <a href={`#source-${id}`} aria-label={t('project.sourceNumber', { n: n + 1 })}>
        [{n + 1}]
      </a>
    </sup>
  );
}
