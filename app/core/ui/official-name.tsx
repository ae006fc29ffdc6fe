import { HTML_LANG } from '../i18n/config';
import { useLang, useTranslation } from '../i18n/hooks';

interface OfficialNameProps {
  en: string;
  zh?: string | null;
  de?: string | null;
}

/**
 * An official name (project title, organisation) is never translated by us: the sourced Chinese or
 * German name where one exists, else the English one marked "not translated yet".
 */
export function OfficialName({ en, zh, de }: OfficialNameProps) {
  const lang = useLang();
  const local = lang === 'zh' ? zh : lang === 'de' ? de : en;
  if (local) return <span lang={HTML_LANG[lang]}>{local}</span>;
  return (
    <span className="official-name">
      <span lang="en">{en}</span> <UntranslatedMarker />
    </span>
  );
}

// Its own component, so that only untranslated names pay for useTranslation().
export function UntranslatedMarker() {
  const { t } = useTranslation();
  return (
    <span className="untranslated" title={t('common.notTranslatedLabel')}>
      {t('common.notTranslated')}
    </span>
  );
}

/** The name as plain text (for <title>): the local official name if sourced, else the English. */
export function officialNameText(lang: string, names: OfficialNameProps): string {
  return (lang === 'zh' ? names.zh : lang === 'de' ? names.de : null) ?? names.en;
}
