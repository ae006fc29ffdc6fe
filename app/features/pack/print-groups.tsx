import type { ReactNode } from 'react';

import type { PackData, PackGroup, SourceRef } from './pack-types';
import { EntryList, projectAnchor } from './print-project';
import type { PrintVoice } from './print-voice';

// The workshop's two other cuts of the same projects: per ministry (German and Chinese,
// predecessors folded in) and per topic of common interest; then the sources every reference
// mark links to.

export const groupAnchor = (part: string, key: string) => `${part}-${key}`;

function GroupSection({
  group,
  part,
  pack,
  voice,
  level,
}: {
  group: PackGroup;
  part: 'ministry' | 'topic';
  pack: PackData;
  voice: PrintVoice;
  level: 3 | 4;
}) {
  const { words, count } = voice;
  const anchor = groupAnchor(part, group.key);
  const Heading = level === 3 ? 'h3' : 'h4';
  const titles = new Map(pack.projects.map((p) => [p.id, p]));
  return (
    <section id={anchor} className="pack-group" aria-labelledby={`${anchor}-title`}>
      <Heading id={`${anchor}-title`}>
        {voice.name(group.name)}
        {group.acronym ? ` (${group.acronym})` : ''}
      </Heading>
      <dl className="pack-facts">
        <dt>{words((l) => l.projects)}</dt>
        <dd>{count(group.projectIds.length)}</dd>
        <dt>{words((l) => l.milestonesAchieved)}</dt>
        <dd>{count(group.milestonesAchieved)}</dd>
        <dt>{words((l) => l.milestonesOverdue)}</dt>
        <dd>{count(group.milestonesOverdue)}</dd>
        <dt>{words((l) => l.approvedReports)}</dt>
        <dd>{count(group.reportsApproved)}</dd>
      </dl>
      <ul className="pack-group__projects">
        {group.projectIds.map((id) => {
          const project = titles.get(id);
          if (!project) return null;
          return (
            <li key={id}>
              <a href={`#${projectAnchor(project.slug)}`}>{voice.name(project.title)}</a>
            </li>
          );
        })}
      </ul>
      {group.entries.length > 0 ? (
        <>
          <p className="pack-group__label">{words((l) => l.knowledgeEntries)}</p>
          <EntryList entries={group.entries} voice={voice} />
        </>
      ) : null}
      {group.sessions.length > 0 ? (
        <>
          <p className="pack-group__label">{words((l) => l.sessions)}</p>
          <ul className="pack-sessions">
            {group.sessions.map((session, i) => (
              <li key={i}>
                <strong>{voice.name(session.title)}</strong> ({voice.name(session.eventTitle)})
                <br />
                {words((l) => l.outcomes)}:{' '}
                {session.outcomes ?? <span className="muted">{words((l) => l.notPublished)}</span>}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export function PrintMinistries({ pack, voice }: { pack: PackData; voice: PrintVoice }) {
  const { words } = voice;
  const list = (groups: PackGroup[]): ReactNode =>
    groups.length === 0 ? (
      <p className="muted">{words((l) => l.noProjects)}</p>
    ) : (
      groups.map((group) => (
        <GroupSection
          key={group.key}
          group={group}
          part="ministry"
          pack={pack}
          voice={voice}
          level={4}
        />
      ))
    );
  return (
    <section className="pack-part" aria-labelledby="pack-ministries">
      <h2 id="pack-ministries">{words((l) => l.ministrySections)}</h2>
      <h3 id="pack-german-ministries">{words((l) => l.germanMinistries)}</h3>
      {list(pack.germanMinistries)}
      <h3 id="pack-chinese-ministries">{words((l) => l.chineseMinistries)}</h3>
      {list(pack.chineseMinistries)}
    </section>
  );
}

export function PrintTopics({ pack, voice }: { pack: PackData; voice: PrintVoice }) {
  return (
    <section className="pack-part" aria-labelledby="pack-topics">
      <h2 id="pack-topics">{voice.words((l) => l.topicSections)}</h2>
      {pack.topics.map((group) => (
        <GroupSection
          key={group.key}
          group={group}
          part="topic"
          pack={pack}
          voice={voice}
          level={3}
        />
      ))}
    </section>
  );
}

export function PrintSources({ sources, voice }: { sources: SourceRef[]; voice: PrintVoice }) {
  return (
    <section className="pack-part pack-sources" aria-labelledby="pack-sources">
      <h2 id="pack-sources">{voice.words((l) => l.sources)}</h2>
      <ol>
        {sources.map((source) => (
          <li key={source.id} id={`source-${source.id}`}>
            <a href={source.url} className="pack-sources__link">
              {source.title}
            </a>
            {source.publisher ? ` — ${source.publisher}` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}
