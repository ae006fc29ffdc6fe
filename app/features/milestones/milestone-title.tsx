import { useEnglishOnly, useLang } from '../../core/i18n/hooks';
import type { MilestoneKind } from '../../../db/vocabulary';

/** Start and closure derived from the project's dates are named by their kind alone. */
export const isNamedByKind = (m: { isDerived: boolean; kind: MilestoneKind }) =>
  m.isDerived && (m.kind === 'start' || m.kind === 'closure');

/** A milestone's title: on a Chinese page its Chinese title where one is given, else the English. */
export function MilestoneTitle({
  milestone: m,
}: {
  milestone: { title: string; titleZh: string | null };
}) {
  const lang = useLang();
  const englishOnly = useEnglishOnly();
  return (
    <span lang={lang === 'zh' && m.titleZh ? 'zh-Hans' : englishOnly}>
      {(lang === 'zh' ? m.titleZh : null) ?? m.title}
    </span>
  );
}
