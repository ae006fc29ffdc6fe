import { useTranslation } from '../../core/i18n/hooks';
import type { KnowledgeKind } from '../../../db/vocabulary';
import type { EntryTextField } from './knowledge-rules';

/**
 * A section's label for a kind of entry: the template's words, or the kind's own where it has
 * them (a challenge's "barriers" read "What makes it hard").
 */
export function useSectionLabel(kind: KnowledgeKind) {
  const { t, i18n } = useTranslation();
  return (field: EntryTextField) => {
    const own = `knowledge.section.${kind}.${field}`;
    return i18n.exists(own)
      ? t(own as 'knowledge.section.default.title')
      : t(`knowledge.section.default.${field}`);
  };
}
