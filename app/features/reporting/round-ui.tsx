import type { ReportState, RoundState } from '../../../db/vocabulary';
import { useTranslation } from '../../core/i18n/hooks';
import { TranslatedTitle } from '../../core/ui/translated-title';

// How the reporting pages show a round's title, a state, and the days left (not routes).

/** A round's title in the page's language (the hub team's translation), else English. */
export function RoundTitle({
  round,
}: {
  round: { title: string; titleZh: string | null; titleDe: string | null };
}) {
  return <TranslatedTitle en={round.title} zh={round.titleZh} de={round.titleDe} />;
}

/** A round's state, as a small label. */
export function RoundStateLabel({ state }: { state: RoundState }) {
  const { t } = useTranslation();
  return (
    <span className={`round-state round-state--${state}`}>
      {t(`reporting.roundState.${state}`)}
    </span>
  );
}

/** A report's state, as a small label. */
export function ReportStateLabel({ state }: { state: ReportState }) {
  const { t } = useTranslation();
  return (
    <span className={`report-state report-state--${state}`}>
      {t(`reporting.reportState.${state}`)}
    </span>
  );
}

/** Whole days from `today` to `day` (both YYYY-MM-DD): negative once it has passed. */
export function daysUntil(day: string, today: string): number {
  return Math.round(
    (Date.parse(`${day}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
}

/** "12 days left", "due today", "3 days overdue". */
export function useDaysText() {
  const { t } = useTranslation();
  return (days: number) =>
    days > 0
      ? t('reporting.daysLeft', { count: days })
      : days === 0
        ? t('reporting.dueToday')
        : t('reporting.daysOverdue', { count: -days });
}
