import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { afterAll, expect, test } from 'vitest';

// Every command-line tool run through package.json answers --help with its usage (exit 0), a
// mistyped option or a missing argument with one line and the usage (exit 2), and an error in
// its work with one line (exit 1): never a stack trace unless asked for. Each runs as npm runs it,
// against a database in a temporary folder; none gets as far as its work here. Most of the time
// is tsx starting and the scripts' imports (a second or two a run, more on a busy machine).

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hub-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** npm script → its file in scripts/, as package.json runs them. */
const COMMANDS: Record<string, string> = {
  import: 'import.ts',
  'user:create': 'user-create.ts',
  'db:migrate': 'migrate.ts',
  'db:seed': 'seed.ts',
  'db:demo': 'demo.ts',
  'db:backup': 'backup.ts',
  'db:restore': 'restore.ts',
  bench: 'bench.ts',
  'test:soak': 'soak.ts',
  'measure:map': 'map-scale.ts',
  'measure:search': 'search-scale.ts',
  'measure:pages': 'page-scale.ts',
  'measure:reminders': 'reminders-scale.ts',
  reminders: 'reminders.ts',
};

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(
  file: string,
  args: string[],
  env: Record<string, string> = {},
  input?: string,
): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', `scripts/${file}`, ...args],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: join(dir, 'hub.sqlite'), DEBUG: '', ...env },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    // Standard input: what a pipe would give, then its end (none at all without `input`).
    child.stdin!.end(input);
  });
}

/** Runs `jobs` two at a time (the machine has two cores). */
async function inTurn<T>(jobs: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

const STACK_LINE = /^\s+at /m;

test(
  '--help prints every command’s usage and what each option does, and exits 0',
  { timeout: 180_000 },
  async () => {
    const runs = await inTurn(Object.values(COMMANDS).map((file) => () => run(file, ['--help'])));
    Object.keys(COMMANDS).forEach((script, i) => {
      const { code, stdout, stderr } = runs[i]!;
      expect(code, `${script}: ${stderr}`).toBe(0);
      expect(stdout.split('\n')[0]).toMatch(new RegExp(`^Usage: npm run ${script}\\b`));
      expect(stdout).toMatch(/^Options:$/m);
      expect(stdout).toMatch(/^ {2}-h, --help +show this help and exit$/m);
      expect(stderr).toBe('');
    });
    // The options a command declares are explained, one per line.
    const importHelp = runs[0]!.stdout;
    expect(importHelp).toMatch(/^ {2}--apply +write the changes/m);
    expect(importHelp).toMatch(/^ {2}--database PATH +the SQLite file/m);
    expect(importHelp).toMatch(/^ {2}FILE +the IATI XML file/m);
  },
);

test(
  'an unknown option is one line naming it, then the usage, exit 2, and no stack trace',
  { timeout: 180_000 },
  async () => {
    const runs = await inTurn(
      Object.values(COMMANDS).map((file) => () => run(file, ['--no-such-option'])),
    );
    Object.keys(COMMANDS).forEach((script, i) => {
      const { code, stdout, stderr } = runs[i]!;
      expect(code, `${script}: ${stderr}`).toBe(2);
      const lines = stderr.trimEnd().split('\n');
      expect(lines[0]).toBe(`npm run ${script}: unknown option --no-such-option`);
      expect(lines[1]).toMatch(new RegExp(`^Usage: npm run ${script}\\b`));
      expect(lines.length).toBeLessThanOrEqual(3);
      expect(stderr).not.toMatch(STACK_LINE);
      expect(stderr).not.toContain('ERR_PARSE_ARGS');
      expect(stdout).toBe('');
    });
  },
);

test('a mistyped option is answered with the one it resembles', { timeout: 60_000 }, async () => {
  const { code, stderr } = await run('import.ts', ['file.xml', '--aply']);
  expect(code).toBe(2);
  expect(stderr.split('\n')[0]).toBe(
    'npm run import: unknown option --aply (did you mean --apply?)',
  );
});

test(
  'a missing file argument, an option without its value, a bad number or one argument too many is exit 2 with the usage',
  { timeout: 180_000 },
  async () => {
    const cases: [string, string[], string][] = [
      ['import.ts', [], 'npm run import: missing FILE'],
      ['restore.ts', [], 'npm run db:restore: missing FILE'],
      ['import.ts', ['file.xml', '--database'], 'npm run import: --database needs a value (PATH)'],
      [
        'demo.ts',
        ['--projects', 'many'],
        'npm run db:demo: --projects must be a whole number of at least 1, not "many"',
      ],
      ['search-scale.ts', ['100', '200'], 'npm run measure:search: unexpected argument "200"'],
      ['user-create.ts', ['--role', 'boss'], 'npm run user:create: --role must be one of'],
      [
        'user-create.ts',
        ['--language', 'fr'],
        'npm run user:create: --language must be one of en, zh, de, not "fr"',
      ],
      [
        'reminders.ts',
        ['--dryrun'],
        'npm run reminders: unknown option --dryrun (did you mean --dry-run?)',
      ],
      [
        'import.ts',
        ['file.xml', '--regions', 'Asia'],
        'npm run import: --regions takes DAC region codes',
      ],
    ];
    const runs = await inTurn(
      cases.map(
        ([file, args]) =>
          () =>
            run(file, args),
      ),
    );
    cases.forEach(([file, args, first], i) => {
      const { code, stderr } = runs[i]!;
      expect(code, `${file} ${args.join(' ')}: ${stderr}`).toBe(2);
      expect(stderr.split('\n')[0]).toContain(first);
      expect(stderr).toMatch(/^Usage: npm run /m);
      expect(stderr).not.toMatch(STACK_LINE);
    });
  },
);

test(
  'an error in the work itself is one line and exit 1; --debug or DEBUG adds the stack trace',
  { timeout: 120_000 },
  async () => {
    // A database path under a file: the directory cannot be made.
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, '');
    const badDatabase = { DATABASE_URL: join(blocker, 'hub.sqlite') };
    const [missing, failed, debug, debugEnv] = await inTurn([
      () => run('restore.ts', [join(dir, 'no-such-backup.sqlite')]),
      () => run('migrate.ts', [], badDatabase),
      () => run('migrate.ts', ['--debug'], badDatabase),
      () => run('migrate.ts', [], { ...badDatabase, DEBUG: '1' }),
    ]);
    expect(missing!.code).toBe(1);
    expect(missing!.stderr.trimEnd()).toBe(
      `npm run db:restore: ${join(dir, 'no-such-backup.sqlite')}: no such file. Nothing was changed.`,
    );

    expect(failed!.code).toBe(1);
    expect(failed!.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(failed!.stderr).toMatch(/^npm run db:migrate: .*a-file.* \(--debug shows where\)$/m);
    for (const shown of [debug!, debugEnv!]) {
      expect(shown.code).toBe(1);
      expect(shown.stderr).toMatch(STACK_LINE);
    }
  },
);

/** user:create with `args`, its standard input fed `input` and then closed. */
const createUser = (args: string[], input: string) =>
  run(
    'user-create.ts',
    ['--name', 'Li Wei', ...args],
    { DATABASE_URL: join(dir, 'users.sqlite') },
    input,
  );

test('user:create takes a piped password with or without its newline, as its --help example pipes it', async () => {
  const flags = (email: string) => ['--email', email, '--role', 'admin', '--password-stdin'];
  const bare = await createUser(flags('a@hub.test'), 'correct-horse-battery');
  expect(bare.code, bare.stderr).toBe(0);
  expect(bare.stdout).toMatch(/^Created user \d+: a@hub\.test \(admin\)/);
  const lined = await createUser(flags('b@hub.test'), 'correct-horse-battery\n');
  expect(lined.code, lined.stderr).toBe(0);
  // Asked on a pipe that ends before every answer: one line and exit 1, not Node's exit 13.
  const short = await createUser(['--email', 'c@hub.test'], 'admin');
  expect(short.code).toBe(1);
  expect(short.stderr.trim().split('\n')).toHaveLength(1);
  expect(short.stderr).toMatch(/standard input ended/);
}, 120_000);
