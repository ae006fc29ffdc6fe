import type { Lang } from './config';
import { resources } from './resources';

// The vocabularies' labels in each language, for code that runs without a page's translator (the
// search index). Pages use t() with the same keys.

/** An event type's label (`study tour` → 考察访问); a type the translations lack stays as written. */
export function eventTypeLabel(type: string, lang: Lang): string {
  const labels: Record<string, string> = resources[lang].translation.eventType;
  return labels[type] ?? type;
}

/** An organisation kind's label (`chinese-ministry` → 中国部委). */
export function organisationKindLabel(kind: string, lang: Lang): string {
  const labels: Record<string, string> = resources[lang].translation.organisationForm.kinds;
  return labels[kind] ?? kind;
}

/** The word for an international organisation, in place of a country. */
export function internationalLabel(lang: Lang): string {
  return resources[lang].translation.common.international;
}
