import { and, asc, desc, eq, sql } from 'drizzle-orm';

import { type Db, getDb } from '../../core/db.server';
import { cachedQuery } from '../../../db/query-cache.server';
import { countTopicSpaces } from './topic-space.server';
import { projectTopics, projects, topics } from '../../../db/schema';
import { inPortfolioSql, originSql } from '../../core/filter/project-filter.server';
import {
  projectNameColumns,
  projectStatusColumns,
  topicNameColumns,
} from '../../../db/columns.server';

// Topics are the hub's reading of IKI projects: imported IATI activities count nowhere here.

/** Every topic with its number of projects (cached until the data changes: a scan of every tag). */
export function listTopicSummaries(db: Db = getDb()) {
  return cachedQuery(db, 'topic-summaries', () => topicSummaries(db));
}

function topicSummaries(db: Db) {
  const tagged = sql<number>`count(DISTINCT ${projectTopics.projectId})`;
  const spaces = countTopicSpaces(db);
  const rows = db
    .select({ id: topics.id, ...topicNameColumns, projects: tagged })
    .from(topics)
    // IKI projects only (an imported activity's tag would count too otherwise).
    .leftJoin(
      projectTopics,
      and(eq(projectTopics.topicId, topics.id), inPortfolioSql(projectTopics.projectId)),
    )
    .groupBy(topics.id)
    .orderBy(desc(tagged), asc(topics.name))
    .all();
  return rows.map(({ id, ...topic }) => ({
    ...topic,
    entries: spaces.entries.get(id) ?? 0,
    sessions: spaces.sessions.get(id) ?? 0,
  }));
}

export function getTopic(slug: string, db: Db = getDb()) {
  const topic = db
    .select({ id: topics.id, ...topicNameColumns })
    .from(topics)
    .where(eq(topics.slug, slug))
    .get();
  if (!topic) return undefined;
  // Kept until the data changes: at 10 000 projects a topic has 1 200 of them (decision 0082).
  const projectRows = cachedQuery(db, `topic-projects:${topic.id}`, () =>
    topicProjects(topic.id, db),
  );
  return { ...topic, projects: projectRows };
}

function topicProjects(topicId: number, db: Db) {
  return db
    .select({
      id: projects.id,
      ...projectNameColumns,
      type: projects.type,
      ...projectStatusColumns,
      reason: projectTopics.reason,
    })
    .from(projectTopics)
    .innerJoin(projects, eq(projects.id, projectTopics.projectId))
    .where(and(eq(projectTopics.topicId, topicId), originSql('hub')))
    .orderBy(asc(projects.startsOn), asc(projects.title))
    .all();
}
