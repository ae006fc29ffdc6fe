import { existsSync } from 'node:fs';

// Browser tests need Debian's Chromium; never download a browser, never skip silently.
const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(path)) {
  console.error(
    [
      `Chromium was not found at ${path}; the browser tests need it.`,
      'Install it with:  sudo apt-get update && sudo apt-get install -y chromium',
      'or point CHROMIUM_PATH at a Chromium binary. Unit tests alone: npm run test:unit',
    ].join('\n'),
  );
  process.exit(1);
}
