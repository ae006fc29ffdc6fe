import type Database from 'better-sqlite3';

import { openDatabase } from '../../db/client.server';
import type { Db } from '../../db/client.server';
import { getRecordRef } from '../../app/core/records.server';
import { createEvent } from '../../app/features/events/event-writes.server';
import { createMilestone } from '../../app/features/milestones/milestone-writes.server';
import { addProgressUpdate } from '../../app/features/milestones/progress-update-writes.server';
import {
  createProject,
  getProjectForEdit,
  updateProject,
} from '../../app/features/projects/project-writes.server';

// Changes of every kind the feeds follow, made in a seeded hub's file through the hub's own writes
// (reports, which another part writes, as rows): for tests/e2e/feeds.test.ts.

export const SECRET = 'UNAPPROVED-REPORT-TEXT-7f3a';
export const APPROVED = 'Approved achievements: 120 officials trained';

export interface Setup {
  p1: string;
  p2: string;
  topic: string;
  organisation: string;
  newProject: string;
  event: string;
}
export const setup = {} as Setup;

export function makeChanges(raw: Database.Database) {
  const db: Db = openDatabase(raw.name);
  try {
    const q = <T>(query: string, ...args: unknown[]) => raw.prepare(query).get(...args) as T;
    // P1 has a topic and an implementing organisation; P2 has neither that topic nor that organisation.
    const p1 = q<{ slug: string; id: number; topic: string; org: string }>(`
      SELECT p.slug, p.id, t.slug AS topic, o.slug AS org FROM projects p
        JOIN project_topics pt ON pt.project_id = p.id JOIN topics t ON t.id = pt.topic_id
        JOIN project_organisations po ON po.project_id = p.id AND po.role = 'implementing-organisation'
        JOIN organisations o ON o.id = po.organisation_id
       ORDER BY p.id LIMIT 1`);
    const p2 = q<{ slug: string; id: number }>(
      `SELECT slug, id FROM projects p WHERE origin = 'hub'
          AND id NOT IN (SELECT project_id FROM project_topics pt JOIN topics t ON t.id = pt.topic_id WHERE t.slug = ?)
          AND id NOT IN (SELECT project_id FROM project_organisations po JOIN organisations o ON o.id = po.organisation_id WHERE o.slug = ?)
        ORDER BY id LIMIT 1`,
      p1.topic,
      p1.org,
    );
    Object.assign(setup, { p1: p1.slug, p2: p2.slug, topic: p1.topic, organisation: p1.org });
    const actor = { id: null, name: 'Test editor' };
    const at = (day: string) => `${day}T10:00:00.000Z`;

    // P1: a milestone reached, another delayed with a later revised date.
    const reached = createMilestone(
      getRecordRef('project', p1.slug, db)!.id,
      {
        title: 'Training of provincial officials',
        kind: 'deliverable',
        responsibleOrganisationId: null,
        plannedDate: { value: '2026-09', precision: 'month' },
      } as never,
      { at: at('2026-10-01'), by: 'Setup', actor },
      db,
    );
    addProgressUpdate(
      reached.id,
      {
        version: 1,
        status: 'achieved',
        progress: 100,
        recordedBy: 'Setup',
        actualDate: { value: '2026-10-04', precision: 'day' },
        comment: 'Held in Hefei',
      } as never,
      { at: at('2026-10-05'), actor },
      db,
    );
    const delayed = createMilestone(
      p1.id,
      {
        title: 'Pilot city plan adopted',
        kind: 'deliverable',
        responsibleOrganisationId: null,
        plannedDate: { value: '2026-10', precision: 'month' },
      } as never,
      { at: at('2026-10-01'), by: 'Setup', actor },
      db,
    );
    addProgressUpdate(
      delayed.id,
      {
        version: 1,
        status: 'delayed',
        progress: 40,
        recordedBy: 'Setup',
        revisedDate: { value: '2027-06', precision: 'month' },
      } as never,
      { at: at('2026-10-10'), actor },
      db,
    );
    // P2: a milestone whose revised date moves later while it stays in progress.
    const moved = createMilestone(
      p2.id,
      {
        title: 'Baseline survey published',
        kind: 'deliverable',
        responsibleOrganisationId: null,
        plannedDate: { value: '2026-12', precision: 'month' },
      } as never,
      { at: at('2026-10-01'), by: 'Setup', actor },
      db,
    );
    addProgressUpdate(
      moved.id,
      {
        version: 1,
        status: 'in-progress',
        progress: 30,
        recordedBy: 'Setup',
        revisedDate: { value: '2027-03', precision: 'month' },
      } as never,
      { at: at('2026-10-20'), actor },
      db,
    );
    // P2 changed; a new project (in no topic); a new event of P1.
    const {
      id: _id,
      version,
      titleSourceId: _a,
      titleZhSourceId: _b,
      titleDeSourceId: _c,
      ...columns
    } = getProjectForEdit(p2.slug, db)!;
    updateProject(
      p2.id,
      version,
      { ...columns, summary: 'A new summary.' } as never,
      { at: at('2026-11-02'), actor },
      db,
    );
    createProject(
      'feed-test-new-project',
      {
        ...columns,
        slug: 'feed-test-new-project',
        title: 'Feed test new project',
        titleZh: null,
        titleDe: null,
        summary: null,
      } as never,
      { at: at('2026-11-05'), actor },
      db,
    );
    createEvent(
      'feed-test-workshop',
      {
        title: 'Feed test workshop',
        type: 'workshop',
        isDateVerified: true,
        startDate: '2026-11-20',
        startPrecision: 'day',
        projects: [p1.slug],
      } as never,
      { at: at('2026-11-10'), actor },
      db,
    );
    Object.assign(setup, { newProject: 'feed-test-new-project', event: 'feed-test-workshop' });

    // An account event (never a change anyone follows).
    raw
      .prepare(
        `INSERT INTO audit_log (at, user_name, action, entity, entity_id, label, changes)
         VALUES (?, 'Someone', 'sign-in', 'account', 1, 'someone@example.org', '{}')`,
      )
      .run(at('2026-11-20'));
    // A round with P1's report approved and P2's submitted (and a draft and a returned one).
    const round = raw
      .prepare(
        `INSERT INTO reporting_rounds (slug, title, title_zh, period_start, period_end, due_on, state, created_at)
         VALUES ('interface-2026', 'Interface Workshop 2026', '2026 年接口研讨会', '2026-01-01', '2026-10-31', '2026-11-10', 'open', ?)`,
      )
      .run(at('2026-10-01')).lastInsertRowid;
    const report = raw.prepare(
      `INSERT INTO reports (round_id, project_id, state, language, texts, state_changed_at, submitted_at, approved_at)
       VALUES (?, ?, ?, 'en', ?, ?, ?, ?)`,
    );
    const texts = (text: string) =>
      JSON.stringify({ en: { achievements: text, challenges: `${text} (challenges)` } });
    report.run(
      round,
      p1.id,
      'approved',
      texts(APPROVED),
      at('2026-11-15'),
      at('2026-11-12'),
      at('2026-11-15'),
    );
    report.run(round, p2.id, 'submitted', texts(SECRET), at('2026-11-16'), at('2026-11-16'), null);
    const others = raw
      .prepare(
        `SELECT id FROM projects WHERE id NOT IN (?, ?) AND origin = 'hub' ORDER BY id LIMIT 2`,
      )
      .all(p1.id, p2.id) as { id: number }[];
    report.run(round, others[0]!.id, 'draft', texts(SECRET), at('2026-11-17'), null, null);
    // A returned report that was approved once is not approved now: its approved_at stays behind.
    report.run(
      round,
      others[1]!.id,
      'returned',
      texts(SECRET),
      at('2026-11-18'),
      at('2026-11-17'),
      at('2026-11-18'),
    );
  } finally {
    db.$client.close();
  }
}
