import { useTranslation } from '../../core/i18n/hooks';

/**
 * An event type in the page's language: the records and the API keep the English code
 * (`study tour`); a type the translations do not know is shown as it is written.
 */
export function useEventTypeLabel(): (type: string) => string {
  const { t, i18n } = useTranslation();
  return (type) =>
    i18n.exists(`eventType.${type}`) ? t(`eventType.${type}` as 'eventType.workshop') : type;
}
