import { and, asc, desc, eq, sql } from 'drizzle-orm';

import { type Db, getDb } from '../../core/db.server';
import { cachedQuery } from '../../../db/query-cache.server';
import { projectTopics, projects, topics } from '../../../db/schema';
import { originSql } from '../../core/filter/project-filter.server';

// Topics are the hub's reading of IKI projects: imported IATI activities count nowhere here.

/** IKI projects tagged with a topic (an imported activity's tag would count too otherwise). */
const hubTagged = sql`${projectTopics.projectId} IN (
  SELECT ${projects.id} FROM ${projects} WHERE ${projects.origin} = 'hub')`;

/** Every topic with its number of projects (cached until the data changes: a scan of every tag). */
export function listTopicSummaries(db: Db = getDb()) {
  return cachedQuery(db, 'topic-summaries', () => topicSummaries(db));
}

function topicSummaries(db: Db) {
  return db
    .select({
      slug: topics.slug,
      name: topics.name,
      nameZh: topics.nameZh,
      nameDe: topics.nameDe,
      projects: sql<number>`count(DISTINCT ${projectTopics.projectId})`,
    })
    .from(topics)
    .leftJoin(projectTopics, and(eq(projectTopics.topicId, topics.id), hubTagged))
    .groupBy(topics.id)
    .orderBy(desc(sql`count(DISTINCT ${projectTopics.projectId})`), asc(topics.name))
    .all();
}

export function getTopic(slug: string, db: Db = getDb()) {
  const topic = db
    .select({
      id: topics.id,
      slug: topics.slug,
      name: topics.name,
      nameZh: topics.nameZh,
      nameDe: topics.nameDe,
    })
    .from(topics)
    .where(eq(topics.slug, slug))
    .get();
  if (!topic) return undefined;
  const projectRows = db
    .select({
      id: projects.id,
      slug: projects.slug,
      title: projects.title,
      titleZh: projects.titleZh,
      titleDe: projects.titleDe,
      type: projects.type,
      statusStated: projects.statusStated,
      statusSource: projects.statusSource,
      startDate: projects.startDate,
      startPrecision: projects.startPrecision,
      endDate: projects.endDate,
      endPrecision: projects.endPrecision,
      reason: projectTopics.reason,
    })
    .from(projectTopics)
    .innerJoin(projects, eq(projects.id, projectTopics.projectId))
    .where(and(eq(projectTopics.topicId, topic.id), originSql('hub')))
    .orderBy(asc(projects.startsOn), asc(projects.title))
    .all();
  return { ...topic, projects: projectRows };
}
