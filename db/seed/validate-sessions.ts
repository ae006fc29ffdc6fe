import type { EventSessionsFile, TopicTagsFile, Dataset } from './dataset';

// event-sessions.json against the data set and the topics: every name it gives exists, and no
// session is listed twice (by id, or by title within one event).

const FILE = 'event-sessions.json';

/** The problems of the sessions file, in the words validate.ts uses for every other file. */
export function eventSessionProblems(
  seed: { dataset: Dataset; topicTags: TopicTagsFile; eventSessions: EventSessionsFile },
  known: { events: Set<string>; organisations: Set<string>; projects: Set<string> },
): string[] {
  const problems: string[] = [];
  const { sessions } = seed.eventSessions;
  const topics = new Set(seed.topicTags.topics.map((t) => t.slug));
  const sources = new Set(seed.dataset.sources.map((s) => s.id));
  const duplicates = (field: string, key: (s: (typeof sessions)[number]) => string) => {
    const seen = new Set<string>();
    sessions.forEach((s, i) => {
      if (seen.has(key(s))) {
        problems.push(`${FILE}: sessions[${i}] (id "${s.id}"), field ${field}: duplicate`);
      }
      seen.add(key(s));
    });
  };
  duplicates('id', (s) => s.id);
  duplicates('eventId+title', (s) => `${s.eventId}\n${s.title}`);
  sessions.forEach((s, i) => {
    const need = (set: Set<string>, field: string, kind: string, value: string) => {
      if (!set.has(value)) {
        problems.push(
          `${FILE}: sessions[${i}] (id "${s.id}"), field ${field}: unknown ${kind} "${value}"`,
        );
      }
    };
    need(known.events, 'eventId', 'event', s.eventId);
    if (s.topic !== null) need(topics, 'topic', 'topic', s.topic);
    need(sources, 'source', 'source', s.source);
    s.organisationIds.forEach((id) =>
      need(known.organisations, 'organisationIds', 'organisation', id),
    );
    s.projectIds.forEach((id) => need(known.projects, 'projectIds', 'project', id));
  });
  return problems;
}
