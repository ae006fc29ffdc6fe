import { slugify } from '../slug';
import * as t from '../schema';
import type { Tx } from '../writes.server';
import type { SeedIds } from './ids';
import { insertInChunks } from './insert';
import { ROLE_OF, countryBaseName, countryNote, linkDetails, splitCountries } from './rows';
import type { ValidSeed } from './validate';

// The tables that link the portfolio's records: written once the records they join are in.

/** What each project is filed under: its sources, countries, funding areas, topics, keywords. */
export function insertProjectLinks(tx: Tx, { dataset, topicTags }: ValidSeed, ids: SeedIds): void {
  const projectId = (slug: string) => ids.project.get(slug)!;
  insertInChunks(
    tx,
    t.projectSources,
    dataset.projects.flatMap((p) =>
      [...new Set([p.source, ...p.sources, ...(p.titleZhSource ? [p.titleZhSource] : [])])].map(
        (url, position) => ({
          projectId: projectId(p.id),
          sourceId: ids.source.get(url)!,
          position,
        }),
      ),
    ),
  );
  insertInChunks(
    tx,
    t.projectCountries,
    dataset.projects.flatMap((p) =>
      p.countries.map((c) => ({
        projectId: projectId(p.id),
        countryCode: ids.countryByName.get(countryBaseName(c))!,
        note: countryNote(c),
      })),
    ),
  );
  insertInChunks(
    tx,
    t.projectFundingAreas,
    dataset.projects.flatMap((p) =>
      [...new Set(p.ikiFundingAreaInferred.map(slugify))].map((slug) => ({
        projectId: projectId(p.id),
        fundingAreaId: ids.fundingArea.get(slug)!,
        isInferred: true,
      })),
    ),
  );
  insertInChunks(
    tx,
    t.projectTopics,
    topicTags.tags.map((tag) => ({
      projectId: projectId(tag.projectId),
      topicId: ids.topic.get(tag.topic)!,
      reason: tag.reason,
    })),
  );
  // The data set's free-text topics stay as searchable keywords.
  insertInChunks(
    tx,
    t.projectKeywords,
    dataset.projects.flatMap((p) =>
      [...new Set(p.topics)].map((keyword, position) => ({
        projectId: projectId(p.id),
        keyword,
        position,
      })),
    ),
  );
}

/** Where each project works: all of China, provinces, places. */
export function insertProjectLocations(tx: Tx, { dataset }: ValidSeed, ids: SeedIds): void {
  insertInChunks(
    tx,
    t.projectLocations,
    dataset.projects.flatMap((p) => {
      const id = ids.project.get(p.id)!;
      // A scope of "national …" means the project works across the whole of China.
      const nationWide = p.scope.startsWith('national')
        ? [{ projectId: id, kind: 'country' as const, countryCode: 'CN' }]
        : [];
      return [
        ...nationWide,
        ...[...new Set(p.chinaProvinces)].map((code) => ({
          projectId: id,
          kind: 'province' as const,
          provinceCode: code,
        })),
        ...[...new Set(p.placeIds)].map((slug) => ({
          projectId: id,
          kind: 'place' as const,
          placeId: ids.place.get(slug)!,
        })),
      ];
    }),
  );
}

/** Which organisations take part in each project, in which role, and as the project names them. */
export function insertProjectOrganisations(tx: Tx, { dataset }: ValidSeed, ids: SeedIds): void {
  insertInChunks(
    tx,
    t.projectOrganisations,
    dataset.organisations.flatMap((o) => {
      const seen = new Set<string>();
      return o.projectRoles.flatMap((r) => {
        const role = ROLE_OF[r.role];
        const key = `${r.projectId}|${role}`;
        if (seen.has(key)) return [];
        seen.add(key);
        const project = dataset.projects.find((p) => p.id === r.projectId)!;
        return [
          {
            projectId: ids.project.get(r.projectId)!,
            organisationId: ids.organisation.get(o.id)!,
            role,
            ...linkDetails(project, o, role),
          },
        ];
      });
    }),
  );
}

/** Each event's projects, places, countries and sources. */
export function insertEventLinks(tx: Tx, { dataset }: ValidSeed, ids: SeedIds): void {
  insertInChunks(
    tx,
    t.eventProjects,
    dataset.events.flatMap((e, i) =>
      [...new Set(e.projectIds)].map((id) => ({ eventId: i + 1, projectId: ids.project.get(id)! })),
    ),
  );
  insertInChunks(
    tx,
    t.eventPlaces,
    dataset.events.flatMap((e, i) =>
      [...new Set(e.placeIds)].map((id) => ({ eventId: i + 1, placeId: ids.place.get(id)! })),
    ),
  );
  insertInChunks(
    tx,
    t.eventCountries,
    dataset.events.flatMap((e, i) =>
      splitCountries(e.country).map((c) => ({
        eventId: i + 1,
        countryCode: ids.countryByName.get(c)!,
      })),
    ),
  );
  insertInChunks(
    tx,
    t.eventSources,
    dataset.events.flatMap((e, i) =>
      [...new Set([e.source, ...(e.sources ?? [])])].map((url) => ({
        eventId: i + 1,
        sourceId: ids.source.get(url)!,
      })),
    ),
  );
}
