import { type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

import { type Db } from '../../core/db.server';
import { events, milestones } from '../../../db/schema';
import type { DatePrecision } from '../../../db/vocabulary';
import type { Named } from './pack-types';

// The pack's period rules and the context its readers share. Every reader takes the pack's
// project set as a subquery (`inSet`), so a 500-project pack reads as many queries as a 5-project
// one.

/** `column IN (the pack's projects)`. */
export type InSet = (column: SQLiteColumn | SQL) => SQL;

/**
 * The first day a stored date names ('2024' → 2024-01-01, '2024-05' → 2024-05-01): a partial date
 * belongs to the period holding its first day, so it is counted in exactly one of two adjoining
 * periods and never twice.
 */
export function firstDaySql(column: SQLiteColumn | SQL): SQL<string | null> {
  return sql<string | null>`CASE length(${column}) WHEN 4 THEN ${column} || '-01-01'
    WHEN 7 THEN ${column} || '-01' ELSE ${column} END`;
}

/** The period a pack covers and the day milestones fall overdue by (its end, or today if earlier). */
export interface PackPeriod {
  start: string;
  end: string;
  cutoff: string;
}

/** Milestones achieved in the period: status 'achieved', the actual date's first day inside it. */
export function achievedInPeriodSql(period: PackPeriod): SQL {
  return sql`${milestones.status} = 'achieved'
    AND ${firstDaySql(milestones.actualDate)} BETWEEN ${period.start} AND ${period.end}`;
}

/** Open milestones whose due day passed before the cutoff. */
export function overdueSql(period: PackPeriod): SQL {
  return sql`${milestones.isOpen} = 1 AND ${milestones.dueOn} < ${period.cutoff}`;
}

/** Events starting in the period (by the first day of their start date). */
export function eventInPeriodSql(period: PackPeriod): SQL {
  return sql`${firstDaySql(events.startDate)} BETWEEN ${period.start} AND ${period.end}`;
}

export interface PackContext {
  db: Db;
  inSet: InSet;
  period: PackPeriod;
  today: string;
  /** The round of a round pack (its reports are the pack's), or null for a period pack. */
  round: {
    id: number;
    slug: string;
    title: Named;
  } | null;
  /** An unfiltered pack lists every event in the period, linked to a project or not. */
  allEvents: boolean;
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function dated(value: string | null, precision: DatePrecision | null) {
  return value && precision ? { date: value, precision } : { date: value, precision: null };
}
