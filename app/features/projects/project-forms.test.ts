import { expect, test } from 'vitest';

import { RESERVED_PROJECT_SLUGS, projectNewSchema } from './project-forms';

const values = { title: 'A new project', type: 'bilateral', programme: 'IKI' };

test('a new project may not take a fixed path word such as "report" as its URL name', () => {
  const schema = projectNewSchema({ takenSlugs: ['clct'] });
  for (const slug of ['report', 'new', 'edit', 'projects', 'clct']) {
    const result = schema.safeParse({ ...values, slug });
    expect(result.success, slug).toBe(false);
    expect(
      result.error?.issues.map((i) => i.message),
      slug,
    ).toContain('form.error.slugTaken');
  }
  expect(RESERVED_PROJECT_SLUGS).toContain('report');
  expect(schema.safeParse({ ...values, slug: 'reporting-tool' }).success).toBe(true);
});
