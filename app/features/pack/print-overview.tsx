import { TableScroll } from '../../core/ui/data-table';
import { ChartFigure } from './chart-svg';
import { overviewCharts } from './pack-charts';
import type { PackData, PackEvent } from './pack-types';
import type { PrintVoice } from './print-voice';

// The pack's first part: the portfolio's key figures, its charts (each with its numbers as a
// table), the standard indicators' totals where the dashboard's rule allows one, and the events.

export function PrintOverview({ pack, voice }: { pack: PackData; voice: PrintVoice }) {
  const { overview } = pack;
  const { words, count } = voice;
  const charts = overviewCharts(pack, voice.languages);
  const figures: { label: React.ReactNode; value: string; note?: React.ReactNode }[] = [
    { label: words((l) => l.projects), value: count(overview.projects) },
    { label: words((l) => l.activeProjects), value: count(overview.active) },
    {
      label: words((l) => l.knownFunding),
      value: voice.eur(overview.fundingKnownEur),
      note: words((l) => l.fundingCoverage, {
        n: count(overview.projectsWithFunding),
        total: count(overview.projects),
      }),
    },
    ...(['milestonesAchieved', 'milestonesDue', 'milestonesOverdue'] as const).map((key) => ({
      label: words((l) => l[key]),
      value: count(
        overview.milestones[
          key === 'milestonesAchieved' ? 'achieved' : key === 'milestonesDue' ? 'due' : 'overdue'
        ],
      ),
      note: words((l) => l.milestonesInPeriod),
    })),
  ];
  if (overview.round) {
    figures.push({
      label: words((l) => l.roundCompletion),
      value: `${count(overview.round.approved)} / ${count(overview.round.asked)}`,
      note: words((l) => l.reportsApproved, {
        approved: count(overview.round.approved),
        asked: count(overview.round.asked),
      }),
    });
  }
  return (
    <section className="pack-part pack-overview" aria-labelledby="pack-overview">
      <h2 id="pack-overview">{words((l) => l.overview)}</h2>
      <h3 id="pack-key-figures">{words((l) => l.keyFigures)}</h3>
      <dl className="pack-figures">
        {figures.map((figure, i) => (
          <div key={i} className="pack-figures__item">
            <dt>{figure.label}</dt>
            <dd>
              <span className="pack-figures__value">{figure.value}</span>
              {figure.note ? <span className="pack-figures__note">{figure.note}</span> : null}
            </dd>
          </div>
        ))}
      </dl>
      <div className="pack-charts">
        {charts.map((spec) => (
          <ChartFigure
            key={spec.id}
            spec={spec}
            categoryHeading={spec.id === 'milestones' ? voice.text((l) => l.status) : spec.title}
            format={voice.count}
          />
        ))}
      </div>
      <IndicatorTotals pack={pack} voice={voice} />
      <h3 id="pack-events">{words((l) => l.eventsInPeriod)}</h3>
      <EventList events={overview.events} voice={voice} empty={words((l) => l.noEvents)} />
    </section>
  );
}

function IndicatorTotals({ pack, voice }: { pack: PackData; voice: PrintVoice }) {
  const { words, count } = voice;
  const totals = pack.overview.indicatorTotals;
  if (totals.length === 0) return null;
  return (
    <>
      <h3 id="pack-indicator-totals">{words((l) => l.indicatorTotals)}</h3>
      <TableScroll labelledBy="pack-indicator-totals">
        <table className="pack-table" aria-labelledby="pack-indicator-totals">
          <thead>
            <tr>
              <th scope="col">{words((l) => l.indicator)}</th>
              <th scope="col" className="num">
                {words((l) => l.total)}
              </th>
              <th scope="col">{words((l) => l.unit)}</th>
              <th scope="col">{words((l) => l.projects)}</th>
            </tr>
          </thead>
          <tbody>
            {totals.map((total) => (
              <tr key={total.code}>
                <th scope="row">
                  {total.code} {voice.name(total.name)}
                  {voice.refs(total.sourceIds)}
                </th>
                <td className="num">
                  {total.total === null ? (
                    <span className="muted">
                      {words((l) => l.noTotal)}
                      {total.reason ? ` (${total.reason})` : ''}
                    </span>
                  ) : (
                    count(total.total)
                  )}
                </td>
                <td>{total.unit ?? words((l) => l.notPublished)}</td>
                <td>
                  {words((l) => l.reportingProjects, {
                    n: count(total.reportingProjects),
                    m: count(total.linkedProjects),
                  })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}

/** Events as a list: date, title, type and city, with their sources. */
export function EventList({
  events,
  voice,
  empty,
}: {
  events: PackEvent[];
  voice: PrintVoice;
  empty: React.ReactNode;
}) {
  if (events.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="pack-events">
      {events.map((event) => {
        // No end date: a one-day event (or one whose end is not published), not "– unknown".
        const when =
          event.endDate === null
            ? voice.date(event.startDate, event.startPrecision)
            : voice.period(
                { value: event.startDate, precision: event.startPrecision },
                { value: event.endDate, precision: event.endPrecision },
              );
        return (
          <li key={event.slug}>
            <span className="pack-events__date">{when ?? voice.words((l) => l.notPublished)}</span>{' '}
            <strong>{voice.name(event.title)}</strong> ({voice.vocab(`eventType.${event.type}`)}
            {event.city ? `, ${event.city}` : ''}){voice.refs(event.sourceIds)}
          </li>
        );
      })}
    </ul>
  );
}
