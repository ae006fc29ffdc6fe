import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

import { expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

function check(chromiumPath: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-browser.ts'], {
    cwd: ROOT,
    env: { ...process.env, CHROMIUM_PATH: chromiumPath },
    encoding: 'utf8',
  });
}

test('without Chromium the test run stops and says how to install it', () => {
  const result = check('/nonexistent/chromium');
  expect(result.status).toBe(1);
  expect(result.stderr).toContain('apt-get install -y chromium');
});

test('with a browser binary present the check lets the tests run', () => {
  expect(check(process.execPath).status).toBe(0);
});
