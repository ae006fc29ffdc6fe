import { expect, test } from 'vitest';

import { NO_GROUP } from './timeline';
import { fundingAreas, projectFundingAreas } from '../../../db/schema';
import {
  createTestDb,
  insertMinistryLine,
  insertOrganisation,
  insertProject,
  linkOrganisation,
} from '../../../db/test-factories';
import { listTimelineMemberships } from './timeline.server';

function fixture() {
  const db = createTestDb();
  const { bmuv, bmu } = insertMinistryLine(db);
  const mee = insertOrganisation(db, { slug: 'mee', kind: 'chinese-ministry' });
  const giz = insertOrganisation(db, { slug: 'giz', kind: 'implementing-organisation' });
  const a = insertProject(db, { type: 'bilateral' });
  const b = insertProject(db, { type: 'regional' });
  const c = insertProject(db, { type: 'bilateral' });
  linkOrganisation(db, a.id, bmu.id, 'commissioning-ministry');
  linkOrganisation(db, a.id, bmuv.id, 'commissioning-ministry');
  linkOrganisation(db, a.id, mee.id, 'political-partner');
  linkOrganisation(db, c.id, giz.id, 'implementing-organisation');
  const mitigation = db
    .insert(fundingAreas)
    .values({ slug: 'mitigation', name: 'Mitigation' })
    .returning()
    .get();
  db.insert(projectFundingAreas).values({ projectId: b.id, fundingAreaId: mitigation.id }).run();
  return { db, a, b, c };
}
const sorted = (rows: { projectId: number; key: string }[]) =>
  rows.map((r) => `${r.projectId}:${r.key}`).sort();

test('by ministry, a project counts once under today’s ministry and once per other ministry', () => {
  const { db, a, b, c } = fixture();
  // BMU and BMUV are one line of work: project a appears once under BMUV, not under BMU.
  expect(sorted(listTimelineMemberships('ministry', undefined, db))).toEqual(
    sorted([
      { projectId: a.id, key: 'bmuv' },
      { projectId: a.id, key: 'mee' },
      { projectId: b.id, key: NO_GROUP },
      { projectId: c.id, key: NO_GROUP },
    ]),
  );
});

test('every project has a row in some group: by type, by funding area, by province', () => {
  const { db, a, b, c } = fixture();
  expect(sorted(listTimelineMemberships('type', undefined, db))).toEqual(
    sorted([
      { projectId: a.id, key: 'bilateral' },
      { projectId: b.id, key: 'regional' },
      { projectId: c.id, key: 'bilateral' },
    ]),
  );
  expect(sorted(listTimelineMemberships('fundingArea', undefined, db))).toEqual(
    sorted([
      { projectId: a.id, key: NO_GROUP },
      { projectId: b.id, key: 'mitigation' },
      { projectId: c.id, key: NO_GROUP },
    ]),
  );
  expect(listTimelineMemberships('province', undefined, db).map((r) => r.key)).toEqual([
    NO_GROUP,
    NO_GROUP,
    NO_GROUP,
  ]);
});
