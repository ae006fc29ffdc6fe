import { and, eq, isNotNull, ne } from 'drizzle-orm';

import { type Db, getDb } from '../../core/db.server';
import { indicators, sources, standardIndicators } from '../../../db/schema';
import type { IndicatorUnit } from '../../../db/vocabulary';
import {
  type SaveResult,
  type Tx,
  type WriteContext,
  createAudited,
  diffFields,
  saveVersioned,
} from '../../../db/writes.server';
import { sourceOfWrite } from '../../../db/sources.server';
import { standardIndicatorColumns } from './indicators.server';

// The standard-indicator vocabulary, as the hub team edits it: each change audited and versioned.
// The source is the page that publishes the indicator (a row of `sources`, found by its URL or
// created on first use), apart from the "source of this change" the audit keeps.

export interface StandardValues {
  code: string;
  title: string;
  titleZh: string | null;
  titleDe: string | null;
  definition: string | null;
  unit: IndicatorUnit | null;
  isAdditive: boolean;
  position: number;
}

const readStandard = (db: Db | Tx, id: number) =>
  db
    .select({ ...standardIndicatorColumns, sourceUrl: sources.url })
    .from(standardIndicators)
    .leftJoin(sources, eq(sources.id, standardIndicators.sourceId))
    .where(eq(standardIndicators.id, id))
    .get();

/** A standard indicator as its edit form shows it, with its source's URL. */
export function getStandardForEdit(id: number, db: Db = getDb()) {
  return readStandard(db, id);
}

/** The codes of the other standard indicators (a code is used once). */
export function listStandardCodes(exceptId: number | null, db: Db = getDb()): string[] {
  return db
    .select({ code: standardIndicators.code })
    .from(standardIndicators)
    .where(exceptId === null ? undefined : ne(standardIndicators.id, exceptId))
    .all()
    .map((r) => r.code);
}

/** The units of the project indicators linked to a standard indicator (stated ones, each once). */
export function listLinkedUnits(id: number, db: Db = getDb()): string[] {
  const rows = db
    .selectDistinct({ unit: indicators.unit })
    .from(indicators)
    .where(and(eq(indicators.standardIndicatorId, id), isNotNull(indicators.unit)))
    .all();
  return rows.map((r) => r.unit!);
}

/** The source row of the page that publishes it (null without one). */
const sourceIdOf = (tx: Tx, who: WriteContext, url: string | null) =>
  sourceOfWrite(tx, { ...who, sourceUrl: url });

const auditValues = (tx: Tx | Db, id: number) => {
  const row = readStandard(tx, id);
  if (!row) return null;
  const { id: _id, version: _v, ...values } = row;
  return values;
};

export function createStandardIndicator(
  values: StandardValues,
  sourceUrl: string | null,
  who: WriteContext,
  db: Db = getDb(),
): { id: number } {
  return createAudited(db, who, {
    insert: (tx) =>
      tx
        .insert(standardIndicators)
        .values({ ...values, sourceId: sourceIdOf(tx, who, sourceUrl) })
        .returning({ id: standardIndicators.id })
        .get(),
    audit: (tx, row) => ({
      entity: 'standard-indicator',
      label: `${values.code} ${values.title}`,
      projectId: null,
      changes: diffFields(null, auditValues(tx, row.id)),
    }),
  });
}

/** Saves a standard indicator's edit form if it is still at `version`. */
export function updateStandardIndicator(
  id: number,
  version: number,
  values: StandardValues,
  sourceUrl: string | null,
  who: WriteContext,
  db: Db = getDb(),
): SaveResult<NonNullable<ReturnType<typeof readStandard>>> {
  return saveVersioned(db, who, {
    version,
    read: (tx) => readStandard(tx, id),
    next: () => ({ ...values, sourceUrl }),
    write: (tx, next, nextVersion) => {
      const { sourceUrl: url, ...row } = next as unknown as StandardValues & {
        sourceUrl: string | null;
      };
      tx.update(standardIndicators)
        .set({ ...row, sourceId: sourceIdOf(tx, who, url), version: nextVersion })
        .where(and(eq(standardIndicators.id, id), eq(standardIndicators.version, version)))
        .run();
    },
    audit: () => ({
      entity: 'standard-indicator',
      entityId: id,
      label: `${values.code} ${values.title}`,
      projectId: null,
    }),
  });
}
