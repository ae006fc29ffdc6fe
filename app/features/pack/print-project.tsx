import type { ReactNode } from 'react';

import { REPORT_SECTIONS } from '../../../db/vocabulary';
import { HTML_LANG, type Lang } from '../../core/i18n/config';
import { TableScroll } from '../../core/ui/data-table';
import { ChartFigure } from './chart-svg';
import { indicatorChart } from './pack-charts';
import type {
  PackEntry,
  PackIndicator,
  PackMilestone,
  PackOrganisation,
  PackProject,
  PackReport,
} from './pack-types';
import { EventList } from './print-overview';
import type { PrintVoice } from './print-voice';

// One project's section of the print view (a page of its own in print): its official names, who
// commissions, implements and partners it, its approved report or why there is none ("not
// reported" is never filled in), its milestones, indicators, events and knowledge entries.

export const projectAnchor = (slug: string) => `project-${slug}`;

export function PrintProject({ project, voice }: { project: PackProject; voice: PrintVoice }) {
  const { words } = voice;
  const anchor = projectAnchor(project.slug);
  const heading = `${anchor}-title`;
  // The other official names under the heading: a ministry reads the name it knows.
  const shown = project.title[voice.lang] ?? project.title.en;
  const others = [...new Set<Lang>(['en', 'zh', ...voice.languages])].filter(
    (l) => project.title[l] && project.title[l] !== shown,
  );
  const orgs = (list: PackOrganisation[]) =>
    list.length === 0 ? (
      <span className="muted">{words((l) => l.notPublished)}</span>
    ) : (
      list.map((o, i) => (
        <span key={o.slug}>
          {i > 0 ? '; ' : ''}
          {voice.name(o.name)}
          {o.acronym ? ` (${o.acronym})` : ''}
        </span>
      ))
    );
  return (
    <section id={anchor} className="pack-project" aria-labelledby={heading}>
      <h3 id={heading} className="pack-project__title">
        <span lang={project.title[voice.lang] ? undefined : 'en'}>{shown}</span>
        {voice.refs(project.sourceIds)}
      </h3>
      {others.map((l) => (
        <p key={l} className="pack-project__other-title" lang={HTML_LANG[l]}>
          {project.title[l]}
        </p>
      ))}
      <dl className="pack-facts">
        <dt>{words((l) => l.status)}</dt>
        <dd>
          {voice.vocab(`type.${project.type}`)} · {voice.vocab(`status.${project.status}`)}
        </dd>
        <dt>{words((l) => l.runtime)}</dt>
        <dd>
          {voice.period(
            { value: project.startDate, precision: project.startPrecision },
            { value: project.endDate, precision: project.endPrecision },
          ) ?? words((l) => l.notPublished)}
        </dd>
        <dt>{words((l) => l.funding)}</dt>
        <dd>
          {project.fundingEur === null
            ? words((l) => l.notPublished)
            : voice.eur(project.fundingEur)}
        </dd>
        <dt>{words((l) => l.commissionedBy)}</dt>
        <dd>{orgs(project.ministries)}</dd>
        <dt>{words((l) => l.implementers)}</dt>
        <dd>{orgs(project.implementers)}</dd>
        <dt>{words((l) => l.partners)}</dt>
        <dd>{orgs(project.partners)}</dd>
        {project.topics.length > 0 ? (
          <>
            <dt>{words((l) => l.topics)}</dt>
            <dd>
              {project.topics.map((topic, i) => (
                <span key={topic.slug}>
                  {i > 0 ? '; ' : ''}
                  {voice.name(topic.name)}
                </span>
              ))}
            </dd>
          </>
        ) : null}
      </dl>
      <Report report={project.report} voice={voice} anchor={anchor} />
      <h4>{words((l) => l.milestonesReached)}</h4>
      <Milestones milestones={project.milestonesReached} voice={voice} reached />
      <h4>{words((l) => l.nextMilestones)}</h4>
      <Milestones milestones={project.milestonesNext} voice={voice} reached={false} />
      {project.milestonesOverdue > 0 ? (
        <p className="pack-overdue">
          {words((l) => l.milestonesOverdue)}: {voice.count(project.milestonesOverdue)}
        </p>
      ) : null}
      <h4>{words((l) => l.indicators)}</h4>
      {project.indicators.length === 0 ? (
        <p className="muted">{words((l) => l.noIndicators)}</p>
      ) : (
        project.indicators.map((indicator) => (
          <Indicator key={indicator.id} indicator={indicator} voice={voice} />
        ))
      )}
      <h4>{words((l) => l.events)}</h4>
      <EventList events={project.events} voice={voice} empty={words((l) => l.noneInPeriod)} />
      {project.entries.length > 0 ? (
        <>
          <h4>{words((l) => l.knowledgeEntries)}</h4>
          <EntryList entries={project.entries} voice={voice} />
        </>
      ) : null}
    </section>
  );
}

/** The approved report's sections in the pack's languages, or "Not reported — why". */
function Report({
  report,
  voice,
  anchor,
}: {
  report: PackReport;
  voice: PrintVoice;
  anchor: string;
}) {
  const { words } = voice;
  if (report.state === 'not-reported') {
    return (
      <p className="pack-not-reported" data-report="not-reported">
        <strong>{words((l) => l.notReported)}</strong> —{' '}
        {words((l) => l.reportStates[report.reportState] ?? report.reportState)}
      </p>
    );
  }
  const written = (Object.keys(report.texts) as Lang[]).filter((l) => report.texts[l]);
  return (
    <div className="pack-report" data-report="approved">
      <p className="muted">
        {voice.name(report.roundTitle)} · {words((l) => l.approvedOn)}{' '}
        {voice.date(report.approvedAt.slice(0, 10), 'day')}
      </p>
      {REPORT_SECTIONS.map((section) => {
        // Each pack language the report was written or translated in; else its original text,
        // marked as not translated (a text is never machine-made here).
        const inPack = voice.languages.filter((l) => report.texts[l]?.[section]);
        const original = report.language ?? written[0];
        const langs: Lang[] =
          inPack.length > 0
            ? inPack
            : original && report.texts[original]?.[section]
              ? [original]
              : [];
        if (langs.length === 0) return null;
        return (
          // A plain block, not a region: every report has an "Achievements" (landmark-unique).
          <div key={section} className="pack-report__section">
            <h4 id={`${anchor}-${section}`}>{words((l) => l.reportSections[section])}</h4>
            {inPack.length === 0 ? (
              <p className="pack-untranslated">({words((l) => l.notTranslated)})</p>
            ) : null}
            {langs.map((l) => (
              <div key={l} lang={l === voice.lang ? undefined : HTML_LANG[l]}>
                <Paragraphs text={report.texts[l]![section]!} />
              </div>
            ))}
          </div>
        );
      })}
    </div>
  );
}

function Paragraphs({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean)
        .map((p, i) => (
          <p key={i} className="pack-report__text">
            {p}
          </p>
        ))}
    </>
  );
}

function Milestones({
  milestones,
  voice,
  reached,
}: {
  milestones: PackMilestone[];
  voice: PrintVoice;
  reached: boolean;
}) {
  const { words } = voice;
  if (milestones.length === 0) return <p className="muted">{words((l) => l.noneInPeriod)}</p>;
  return (
    <TableScroll label={voice.text((l) => (reached ? l.milestonesReached : l.nextMilestones))}>
      <table className="pack-table">
        <thead>
          <tr>
            <th scope="col">{words((l) => l.milestone)}</th>
            <th scope="col">{reached ? words((l) => l.date) : words((l) => l.milestonesDue)}</th>
            {reached ? null : (
              <>
                <th scope="col">{words((l) => l.status)}</th>
                <th scope="col" className="num">
                  {words((l) => l.progress)}
                </th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {milestones.map((m) => (
            <tr key={m.id}>
              <td>
                {voice.name(m.title)}
                {voice.refs(m.sourceIds)}
              </td>
              <td>{voice.date(m.date, m.precision) ?? words((l) => l.notPublished)}</td>
              {reached ? null : (
                <>
                  <td>{voice.vocab(`milestoneStatus.${m.status}`)}</td>
                  <td className="num">{voice.count(m.progress)} %</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function Indicator({ indicator, voice }: { indicator: PackIndicator; voice: PrintVoice }) {
  const { words, count } = voice;
  const spec = indicatorChart(indicator, voice.languages, voice.lang);
  const value = (n: number | null) => (n === null ? '–' : count(n));
  const facts: [ReactNode, ReactNode][] = [
    [words((l) => l.baseline), value(indicator.baseline)],
    [words((l) => l.target), value(indicator.latestTarget)],
    [words((l) => l.actual), value(indicator.latestActual)],
    [
      words((l) => l.shareOfTarget),
      indicator.share === null
        ? (indicator.noShareReason ?? '–')
        : `${count(Math.round(indicator.share * 100))} %`,
    ],
    [words((l) => l.periodActual), value(indicator.periodActual)],
  ];
  return (
    <div className="pack-indicator">
      <p className="pack-indicator__title">
        <strong>
          {indicator.standardCode ? `${indicator.standardCode} · ` : ''}
          {voice.name(indicator.title)}
        </strong>{' '}
        <span className="muted">({indicator.unit ?? words((l) => l.notPublished)})</span>
      </p>
      <dl className="pack-indicator__facts">
        {facts.map(([term, detail], i) => (
          <div key={i}>
            <dt>{term}</dt>
            <dd>{detail}</dd>
          </div>
        ))}
      </dl>
      {spec ? (
        <ChartFigure
          spec={spec}
          categoryHeading={voice.text((l) => l.period)}
          format={count}
          compact
        />
      ) : null}
    </div>
  );
}

/** Published knowledge entries: their title in the pack's language, else the author's. */
export function EntryList({ entries, voice }: { entries: PackEntry[]; voice: PrintVoice }) {
  return (
    <ul className="pack-entries">
      {entries.map((entry) => {
        const translated = voice.languages.some((l) => entry.title[l]);
        return (
          <li key={entry.slug}>
            {translated ? (
              voice.name(entry.title)
            ) : (
              <>
                <span lang={HTML_LANG[entry.language]}>
                  {entry.title[entry.language] ?? entry.title.en}
                </span>{' '}
                <span className="muted">({voice.words((l) => l.notTranslated)})</span>
              </>
            )}{' '}
            <span className="muted">
              ({voice.vocab(`knowledge.kinds.${entry.kind}`)},{' '}
              {voice.date(entry.publishedAt.slice(0, 10), 'day')})
            </span>
          </li>
        );
      })}
    </ul>
  );
}
