import { DataTable } from '../../core/ui/data-table';
import { AppLink } from '../../core/ui/app-link';
import { useFormat, useLang, useTranslation } from '../../core/i18n/hooks';
import type { IndicatorView } from './indicators.server';

// An indicator's periods as a table: the accessible source of its chart. A period without an
// actual says "not reported", never 0; split values are shown per dimension value.

type Indicator = IndicatorView['indicator'];
type Period = IndicatorView['periods'][number]['period'];

/** A value of this indicator with its unit ("1,250 ha", "40 %"). */
export function useIndicatorValue(indicator: Pick<Indicator, 'unit'>) {
  const { t } = useTranslation();
  const format = useFormat();
  return (value: number) => {
    const n = format.count(value);
    if (indicator.unit === null) return n;
    if (indicator.unit === 'percent') return `${n} %`;
    return `${n} ${t(`indicators.units.${indicator.unit}`)}`;
  };
}

type PeriodDates = Pick<
  Period,
  'periodStart' | 'periodStartPrecision' | 'periodEnd' | 'periodEndPrecision'
>;

const lastDayOfMonth = (iso: string) => {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
};

/**
 * A period's dates at the precision they say: IATI periods are usually whole years or whole
 * months given as days, so 1 January – 31 December 2025 reads "2025" and 1 January – 30 June 2025
 * "January 2025 – June 2025".
 */
export function periodPrecision(p: PeriodDates): PeriodDates {
  if (p.periodStartPrecision !== 'day' || p.periodEndPrecision !== 'day') return p;
  const [start, end] = [p.periodStart, p.periodEnd];
  const startsMonth = /^\d{4}-\d{2}-01$/.test(start);
  const endsMonth = /^\d{4}-\d{2}-\d{2}$/.test(end) && Number(end.slice(8)) === lastDayOfMonth(end);
  if (!startsMonth || !endsMonth) return p;
  const wholeYears = start.slice(5) === '01-01' && end.slice(5) === '12-31';
  const precision = wholeYears ? 'year' : 'month';
  return { ...p, periodStartPrecision: precision, periodEndPrecision: precision };
}

/** A period's label ("2025", "January 2025 – June 2025") in the page's language. */
export function usePeriodLabel() {
  const { t } = useTranslation();
  const format = useFormat();
  return (period: PeriodDates) => {
    const p = periodPrecision(period);
    return (
      format.period(
        { value: p.periodStart, precision: p.periodStartPrecision },
        { value: p.periodEnd, precision: p.periodEndPrecision },
      ) ?? t('common.notPublished')
    );
  };
}

function Dimensions({ values }: { values: Record<string, number> | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!values || Object.keys(values).length === 0) return null;
  return (
    <ul className="indicator__dimensions" aria-label={t('indicatorViews.dimensions')}>
      {Object.entries(values).map(([key, n]) => (
        <li key={key} data-dimension={key}>
          {t(`indicators.dimensionValues.${key as 'female'}`, { defaultValue: key })}:{' '}
          {format.count(n)}
        </li>
      ))}
    </ul>
  );
}

export function IndicatorPeriodsTable({
  view,
  caption,
  editBase,
}: {
  view: IndicatorView;
  caption: string;
  /** The indicator's URL for its period edit links, or null for readers who may not edit. */
  editBase: string | null;
}) {
  const { t } = useTranslation();
  const periodLabel = usePeriodLabel();
  if (view.periods.length === 0) return <p>{t('indicatorViews.noPeriods')}</p>;
  return (
    <DataTable
      className="indicator-table"
      caption={caption}
      columns={[
        t('indicatorViews.period'),
        t('indicatorViews.target'),
        t('indicatorViews.actual'),
        t('indicatorViews.comment'),
        t('indicatorViews.evidence'),
        t('indicatorViews.reportedBy'),
        ...(editBase ? [t('indicatorViews.actions')] : []),
      ]}
    >
      {view.periods.map(({ period }) => (
        <PeriodRow
          key={period.id}
          indicator={view.indicator}
          period={period}
          label={periodLabel(period)}
          editBase={editBase}
        />
      ))}
    </DataTable>
  );
}

function PeriodRow({
  indicator,
  period: p,
  label,
  editBase,
}: {
  indicator: Indicator;
  period: Period;
  label: string;
  editBase: string | null;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const value = useIndicatorValue(indicator);
  const quoted = lang === 'en' ? undefined : 'en';
  // A qualitative indicator reports in words: its comment is its actual.
  const isReported =
    p.actualValue !== null || (indicator.measure === 'qualitative' && Boolean(p.actualComment));
  const comments = [p.targetComment, p.actualComment].filter(Boolean);
  return (
    <tr id={`indicator-period-${p.id}`} data-reported={isReported}>
      <th scope="row">{label}</th>
      <td data-value={p.targetValue ?? ''}>
        {p.targetValue === null ? '—' : value(p.targetValue)}
        <Dimensions values={p.targetDimensions} />
      </td>
      <td data-value={p.actualValue ?? ''}>
        {p.actualValue !== null ? (
          value(p.actualValue)
        ) : isReported ? (
          '—'
        ) : (
          <span className="muted">{t('indicators.notReported')}</span>
        )}
        <Dimensions values={p.actualDimensions} />
      </td>
      <td>
        {comments.map((c, i) => (
          <p key={i} lang={quoted} className="indicator__comment">
            {c}
          </p>
        ))}
      </td>
      <td>
        {/* Only web addresses become links (never a javascript: URL). */}
        {p.evidenceUrl && /^https?:\/\//i.test(p.evidenceUrl) ? (
          <a href={p.evidenceUrl} rel="noopener noreferrer">
            {t('indicatorViews.evidenceLink')}
          </a>
        ) : null}
      </td>
      <td lang={quoted}>{p.reportedBy ?? ''}</td>
      {editBase ? (
        <td>
          <AppLink to={`${editBase}/periods/${p.id}/edit`}>
            {t('indicatorViews.editPeriod')} <span className="visually-hidden">{label}</span>
          </AppLink>
        </td>
      ) : null}
    </tr>
  );
}
