import type { CSSProperties, ReactNode } from 'react';

import { useFormat, useLang, useLocalizePath, useTranslation } from '../../core/i18n/hooks';
import {
  MARKER_SYMBOLS,
  type MarkerKind,
  type TimelineRowData,
  type TimelineWindow,
} from './timeline';
import { OfficialName, officialNameText } from '../../core/ui/official-name';
import { hubTranslationOf } from '../../core/ui/translated-title';
import { AppLink } from '../../core/ui/app-link';

// The timeline is plain server-rendered HTML: bars and markers are positioned with percentages
// of the window, so it draws without JavaScript, scales to any width and prints. Every bar,
// marker and event is a link (keyboard reachable) whose text is its description; CSS shows that
// text as a tooltip on hover and focus.

const percent = (fraction: number) => `${(fraction * 100).toFixed(3)}%`;

/** The frame: an axis with the window's ticks and the today line, then the rows. */
export function TimelineChart({
  window,
  today,
  todayPosition,
  label,
  compact = false,
  children,
}: {
  /** One project's own timeline: no label column. */
  compact?: boolean;
  window: TimelineWindow;
  today: string;
  /** Where today falls, or null when it lies outside the window. */
  todayPosition: number | null;
  label: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <figure
      className={compact ? 'timeline timeline--compact' : 'timeline'}
      aria-label={label}
      data-window-start={window.start}
      data-window-end={window.end}
      data-today-position={todayPosition === null ? undefined : todayPosition.toFixed(6)}
      style={
        todayPosition === null
          ? undefined
          : ({ '--today': percent(todayPosition) } as CSSProperties)
      }
    >
      <div className="timeline__head" aria-hidden="true">
        <div className="timeline__axis">
          {window.ticks.map((tick) => (
            <span
              key={tick.date}
              className={tick.label ? 'timeline__tick timeline__tick--label' : 'timeline__tick'}
              style={{ left: percent(tick.position) }}
            >
              {tick.label ? format.date(tick.label.value, tick.label.precision) : null}
            </span>
          ))}
          {todayPosition === null ? null : (
            <span
              className={
                todayPosition > 0.8
                  ? 'timeline__today-label timeline__today-label--end'
                  : 'timeline__today-label'
              }
            >
              {t('timeline.today', { date: format.date(today, 'day') })}
            </span>
          )}
        </div>
      </div>
      {children}
    </figure>
  );
}

export function TimelineRows({
  rows,
  showLabels = true,
}: {
  rows: TimelineRowData[];
  showLabels?: boolean;
}) {
  return (
    <ol className="timeline__rows">
      {rows.map((row) => (
        <TimelineRow key={row.rowId} row={row} showLabel={showLabels} />
      ))}
    </ol>
  );
}

function TimelineRow({ row, showLabel }: { row: TimelineRowData; showLabel: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const to = useLocalizePath();
  const format = useFormat();
  const name = officialNameText(lang, { en: row.title, zh: row.titleZh, de: row.titleDe });
  const period = format.period(
    { value: row.period.startDate, precision: row.period.startPrecision },
    { value: row.period.endDate, precision: row.period.endPrecision },
  );
  const bar = row.bar;
  const notes = bar
    ? [
        bar.continuesBefore ? t('timeline.continuesBefore') : null,
        bar.continuesAfter ? t('timeline.continuesAfter') : null,
        row.period.startPrecision === 'year' || row.period.endPrecision === 'year'
          ? t('timeline.yearOnly')
          : null,
      ].filter(Boolean)
    : [];
  const barText = [t('timeline.barLabel', { title: name, period }), ...notes].join('; ');
  return (
    <li
      className={row.nextPhase ? 'timeline__row timeline__row--has-next' : 'timeline__row'}
      id={row.rowId}
      data-slug={row.slug}
    >
      {showLabel ? (
        <div className="timeline__label">
          <AppLink to={to(`/projects/${row.slug}`)}>
            <OfficialName en={row.title} zh={row.titleZh} de={row.titleDe} />
          </AppLink>
          {row.nextPhase ? (
            <a href={row.nextPhase.href} className="timeline__phase-link">
              <span aria-hidden="true">↓ </span>
              {t('timeline.nextPhase', {
                title: officialNameText(lang, {
                  en: row.nextPhase.title,
                  zh: row.nextPhase.titleZh,
                  de: row.nextPhase.titleDe,
                }),
              })}
            </a>
          ) : null}
        </div>
      ) : null}
      <div className="timeline__track">
        {bar && !bar.outside ? (
          <AppLink
            to={to(`/projects/${row.slug}`)}
            className={[
              'timeline__bar',
              bar.continuesBefore ? 'timeline__bar--before' : '',
              bar.continuesAfter ? 'timeline__bar--after' : '',
              bar.openStart ? 'timeline__bar--open-start' : '',
              bar.openEnd ? 'timeline__bar--open-end' : '',
            ]
              .filter(Boolean)
              .join(' ')}
            data-start-precision={row.period.startPrecision ?? undefined}
            data-end-precision={row.period.endPrecision ?? undefined}
            style={
              {
                left: percent(bar.left),
                width: percent(bar.width),
                '--fade-in': percent(bar.fadeIn),
                '--fade-out': percent(bar.fadeOut),
              } as CSSProperties
            }
          >
            <span className="timeline__tip">{barText}</span>
          </AppLink>
        ) : bar ? (
          <span className={`timeline__outside timeline__outside--${bar.outside}`}>
            {bar.outside === 'before' ? '◀ ' : ''}
            {t(bar.outside === 'before' ? 'timeline.outsideBefore' : 'timeline.outsideAfter', {
              period,
            })}
            {bar.outside === 'after' ? ' ▶' : ''}
          </span>
        ) : null}
        {row.events.map((e) => {
          const translated = hubTranslationOf(lang, { en: e.title, zh: e.titleZh, de: e.titleDe });
          return (
            <AppLink
              key={`${e.slug}-${e.position}`}
              to={to(`/projects/${row.slug}#event-${e.slug}`)}
              className="timeline__event"
              style={{ left: percent(e.position) }}
            >
              <span aria-hidden="true">●</span>
              <span className="timeline__tip">
                {t('timeline.eventLabel', {
                  title: translated ?? e.title,
                  date: format.date(e.date.value, e.date.precision),
                })}
                {translated ? ` (${t('common.hubTranslationShort')})` : null}
              </span>
            </AppLink>
          );
        })}
        {row.milestones.map((m) => (
          <AppLink
            key={m.id}
            to={to(`/projects/${row.slug}#milestone-${m.id}`)}
            className={`timeline__marker timeline__marker--${m.kind}`}
            data-kind={m.kind}
            style={{ left: percent(m.position) }}
          >
            <span aria-hidden="true">{MARKER_SYMBOLS[m.kind]}</span>
            <span className="timeline__tip">
              {t('timeline.milestoneLabel', {
                kind: t(`timeline.marker.${m.kind}`),
                title:
                  m.isDerived && (m.milestoneKind === 'start' || m.milestoneKind === 'closure')
                    ? t(`milestone.kind.${m.milestoneKind}`)
                    : m.title,
                date: format.date(m.date.value, m.date.precision),
              })}
            </span>
          </AppLink>
        ))}
      </div>
    </li>
  );
}

const LEGEND_MARKERS: MarkerKind[] = ['achieved', 'overdue', 'open', 'not-reported', 'cancelled'];

/** The key to the chart, in words as well as shapes: nothing relies on colour alone. */
export function TimelineLegend({ titled = true }: { titled?: boolean }) {
  const { t } = useTranslation();
  const items = (
    <ul>
      <li>
        <span className="timeline-legend__bar" aria-hidden="true" /> {t('timeline.legendBar')}
      </li>
      <li>
        <span className="timeline-legend__bar timeline-legend__bar--fade" aria-hidden="true" />{' '}
        {t('timeline.legendFade')}
      </li>
      {LEGEND_MARKERS.map((kind) => (
        <li key={kind}>
          <span className={`timeline-legend__symbol timeline__marker--${kind}`} aria-hidden="true">
            {MARKER_SYMBOLS[kind]}
          </span>{' '}
          {t('milestone.title')}: {t(`timeline.marker.${kind}`)}
        </li>
      ))}
      <li>
        <span className="timeline-legend__symbol timeline__event" aria-hidden="true">
          ●
        </span>{' '}
        {t('timeline.legendEvent')}
      </li>
      <li>
        <span className="timeline-legend__today" aria-hidden="true" /> {t('timeline.legendToday')}
      </li>
      <li>
        <span aria-hidden="true">↓</span> {t('timeline.legendPhase')}
      </li>
    </ul>
  );
  // Under a <summary> that names it, the legend needs no heading of its own.
  if (!titled) return <div className="timeline-legend">{items}</div>;
  return (
    <section className="timeline-legend" aria-labelledby="timeline-legend">
      <h2 id="timeline-legend" className="timeline-legend__title">
        {t('timeline.legend')}
      </h2>
      {items}
    </section>
  );
}
