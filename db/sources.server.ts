import { eq } from 'drizzle-orm';

import { sources } from './schema';
import type { Tx } from './writes.server';

/**
 * The source row for a URL an editor gave with a change, created on first use, so an edited fact
 * keeps a source like every seeded one.
 */
export function sourceForChange(tx: Tx, url: string, at: string): number {
  const existing = tx.select({ id: sources.id }).from(sources).where(eq(sources.url, url)).get();
  if (existing) return existing.id;
  const slug = `hub-edit-${at.slice(0, 10)}-${Math.random().toString(36).slice(2, 8)}`;
  return tx
    .insert(sources)
    .values({ slug, url, title: url, retrievedOn: at.slice(0, 10), retrievedVia: 'hub edit' })
    .returning({ id: sources.id })
    .get().id;
}
