import { slugify } from '../slug';
import type { ValidSeed } from './validate';

/**
 * The hub's ids for the data set's names: every record is numbered in file order, so each table's
 * rows can point at the others before any of them is written.
 */
export interface SeedIds {
  countryByName: Map<string, string>;
  countryByAlpha3: Map<string, string>;
  /** Source URL → id. */
  source: Map<string, number>;
  project: Map<string, number>;
  place: Map<string, number>;
  organisation: Map<string, number>;
  event: Map<string, number>;
  /** Funding area slug → its name as the data set first writes it. */
  fundingAreas: Map<string, string>;
  fundingArea: Map<string, number>;
  topic: Map<string, number>;
}

const numbered = <T>(records: T[], key: (record: T) => string) =>
  new Map(records.map((record, i) => [key(record), i + 1]));

export function seedIds({ dataset, countries, topicTags }: ValidSeed): SeedIds {
  const fundingAreas = new Map<string, string>();
  for (const p of dataset.projects) {
    p.ikiFundingAreaInferred.forEach(
      (n) => fundingAreas.has(slugify(n)) || fundingAreas.set(slugify(n), n),
    );
  }
  return {
    countryByName: new Map(countries.countries.map((c) => [c.datasetName, c.code])),
    countryByAlpha3: new Map(countries.countries.map((c) => [c.alpha3, c.code])),
    source: numbered(dataset.sources, (s) => s.url),
    project: numbered(dataset.projects, (p) => p.id),
    place: numbered(dataset.places, (p) => p.id),
    organisation: numbered(dataset.organisations, (o) => o.id),
    event: numbered(dataset.events, (e) => e.id),
    fundingAreas,
    fundingArea: numbered([...fundingAreas.keys()], (slug) => slug),
    topic: numbered(topicTags.topics, (topic) => topic.slug),
  };
}

/** The id of a source named by URL, or null where none is named. */
export const sourceOf = (ids: SeedIds, url: string | null | undefined) =>
  url ? ids.source.get(url)! : null;
