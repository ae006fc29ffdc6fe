import { HTML_LANG } from '../i18n/config';
import { useLang, useTranslation } from '../i18n/hooks';

/** A title in English and the hub team's own translations of it (an event's title). */
export interface TranslatedTitleProps {
  en: string;
  zh?: string | null;
  de?: string | null;
}

/** The hub's translation of a title in the page's language, or null where there is none. */
export function hubTranslationOf(lang: string, names: TranslatedTitleProps): string | null {
  return (lang === 'zh' ? names.zh : lang === 'de' ? names.de : null) || null;
}

/** The title as plain text (for <title>, a chart's label): the hub's translation, else English. */
export function translatedTitleText(lang: string, names: TranslatedTitleProps): string {
  return hubTranslationOf(lang, names) ?? names.en;
}

/**
 * A title the hub team translated (unlike an official name, which is never translated by us): the
 * translation in the page's language, marked as the hub's; else the English title, marked English.
 */
export function TranslatedTitle(names: TranslatedTitleProps) {
  const lang = useLang();
  const local = hubTranslationOf(lang, names);
  if (!local) return <span lang={lang === 'en' ? undefined : 'en'}>{names.en}</span>;
  return (
    <>
      <span lang={HTML_LANG[lang]}>{local}</span> <HubTranslationMark />
    </>
  );
}

/** The small label beside a title in a list: the hub team translated it (as the summaries say). */
export function HubTranslationMark() {
  const { t } = useTranslation();
  return (
    <span className="translation-note translation-note--inline" title={t('common.hubTranslation')}>
      {t('common.hubTranslationShort')}
    </span>
  );
}
