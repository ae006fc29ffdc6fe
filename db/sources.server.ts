import { eq } from 'drizzle-orm';

import { sources } from './schema';
import type { Tx, WriteContext } from './writes.server';

/**
 * The source of a write: the row for the URL its editor gave, created on first use so that an
 * edited fact keeps a source like every seeded one; null when they gave none.
 */
export function sourceOfWrite(tx: Tx, who: WriteContext): number | null {
  const url = who.sourceUrl;
  if (!url) return null;
  const existing = tx.select({ id: sources.id }).from(sources).where(eq(sources.url, url)).get();
  if (existing) return existing.id;
  const day = who.at.slice(0, 10);
  const slug = `hub-edit-${day}-${Math.random().toString(36).slice(2, 8)}`;
  return tx
    .insert(sources)
    .values({ slug, url, title: url, retrievedOn: day, retrievedVia: 'hub edit' })
    .returning({ id: sources.id })
    .get().id;
}
