import { expect, test } from 'vitest';

import Database from 'better-sqlite3';
import { eq, sql } from 'drizzle-orm';

import { MAX_STATEMENTS, statementCache } from './client.server';
import { projects } from './schema';
import { createTestDb, insertProject } from './test-factories';

test('drizzle compiles each SQL text once per connection and reuses the statement', () => {
  const sqlite = new Database(':memory:');
  const cache = statementCache(sqlite);
  const first = cache.prepare('SELECT 1 AS one');
  expect(cache.prepare('SELECT 1 AS one')).toBe(first);
  expect(cache.prepare('SELECT 2 AS two')).not.toBe(first);
  expect(cache.size).toBe(2);
});

test('a kept statement is handed out in plain row mode whatever its last user set', () => {
  const sqlite = new Database(':memory:');
  const cache = statementCache(sqlite);
  cache.prepare('SELECT 1 AS one').raw();
  expect(cache.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
});

test('past its limit the least recently used statement goes first', () => {
  const sqlite = new Database(':memory:');
  const cache = statementCache(sqlite);
  const kept = cache.prepare('SELECT 0');
  for (let i = 1; i < MAX_STATEMENTS; i++) cache.prepare(`SELECT ${i}`);
  // Used again, so it is the most recent: the next new statement pushes out `SELECT 1`.
  expect(cache.prepare('SELECT 0')).toBe(kept);
  const dropped = cache.prepare('SELECT 1');
  cache.prepare(`SELECT ${MAX_STATEMENTS}`);
  expect(cache.size).toBe(MAX_STATEMENTS);
  expect(cache.prepare('SELECT 0')).toBe(kept);
  expect(cache.prepare(`SELECT 2`)).not.toBe(dropped);
});

test('reused statements read the data as it is now, in and out of transactions', () => {
  const db = createTestDb();
  const titleOf = (slug: string) =>
    db.select({ title: projects.title }).from(projects).where(eq(projects.slug, slug)).get()?.title;
  insertProject(db, { slug: 'first', title: 'Before' });
  expect(titleOf('first')).toBe('Before');
  db.transaction((tx) => {
    tx.update(projects).set({ title: 'After' }).where(eq(projects.slug, 'first')).run();
  });
  expect(titleOf('first')).toBe('After');
  // The same text without fields (db.all) gets objects, not the raw arrays drizzle asked for.
  const text = sql`SELECT title AS title FROM projects WHERE slug = ${'first'}`;
  expect(db.all(text)).toEqual([{ title: 'After' }]);
  expect(db.$client).toBeInstanceOf(Database);
});
