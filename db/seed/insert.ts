import type { SQLiteTable } from 'drizzle-orm/sqlite-core';

import type { Db } from '../client.server';
import * as t from '../schema';
import type { CountriesFile, ProvincesFile, TopicTagsFile } from './dataset';

// Writing helpers shared by the real seed (load.ts) and the synthetic one (db/demo.ts).

/** Keeps each INSERT well below SQLite's limit on bound variables. */
export function insertInChunks<T extends SQLiteTable>(
  db: Pick<Db, 'insert'>,
  table: T,
  rows: T['$inferInsert'][],
  size = 400,
): void {
  for (let i = 0; i < rows.length; i += size) {
    db.insert(table)
      .values(rows.slice(i, i + size))
      .run();
  }
}

/** The countries and Chinese provinces of the seed's files: every portfolio's places use them. */
export function insertCountriesAndProvinces(
  db: Pick<Db, 'insert'>,
  { countries }: CountriesFile,
  { provinces }: ProvincesFile,
): void {
  db.insert(t.countries)
    .values(countries.map(({ code, alpha3, numeric }) => ({ code, alpha3, numeric })))
    .run();
  db.insert(t.provinces).values(provinces).run();
}

/** The editorial topic vocabulary, numbered in file order. */
export function insertTopics(db: Pick<Db, 'insert'>, { topics }: TopicTagsFile): void {
  insertInChunks(
    db,
    t.topics,
    topics.map((topic, i) => ({
      id: i + 1,
      slug: topic.slug,
      name: topic.en,
      nameZh: topic.zh,
      nameDe: topic.de,
    })),
  );
}
