import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { count, eq } from 'drizzle-orm';
import { expect, test } from 'vitest';

import { prepareDatabase } from './prepare';
import { projects } from './schema';

test('the first start loads the portfolio; a second start keeps edits instead of re-seeding', () => {
  const path = join(mkdtempSync(join(tmpdir(), 'iki-hub-prepare-')), 'hub.sqlite');

  const first = prepareDatabase(path);
  expect(first.isSeeded).toBe(true);
  const seeded = first.db.select({ n: count() }).from(projects).get()!.n;
  expect(seeded).toBeGreaterThan(0);
  first.db
    .update(projects)
    .set({ title: 'Edited by a curator' })
    .where(eq(projects.slug, 'clct'))
    .run();
  first.db.delete(projects).where(eq(projects.slug, 'sgup')).run();
  first.db.$client.close();

  const second = prepareDatabase(path);
  expect(second.isSeeded).toBe(false);
  expect(second.db.select({ n: count() }).from(projects).get()!.n).toBe(seeded - 1);
  expect(
    second.db
      .select({ title: projects.title })
      .from(projects)
      .where(eq(projects.slug, 'clct'))
      .get()?.title,
  ).toBe('Edited by a curator');
  second.db.$client.close();
});
