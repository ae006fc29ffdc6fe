import { createInterface } from 'node:readline/promises';

import { PASSWORD_MIN_LENGTH } from '../app/core/auth/auth';
import { now } from '../app/core/clock';
import { env } from '../app/core/env.server';
import { HUB_LANGUAGES, type HubLanguage, USER_ROLES, type UserRole } from '../db/vocabulary';
import { openDatabase } from '../db/client.server';
import { migrateDatabase } from '../db/migrate';
import { createUser } from '../app/core/auth/users.server';
import { fail, parseCommand, usageError } from './cli';

// There are no default accounts: the first admin is created here.
const { values } = parseCommand({
  script: 'user:create',
  summary:
    'Creates an account in the database (DATABASE_URL). It asks for whatever it is not given; ' +
    'there are no default accounts, so the first admin is created here.',
  options: {
    email: { type: 'string', value: 'EMAIL', help: 'the address the account signs in with' },
    name: { type: 'string', value: 'NAME', help: 'the name shown in the history and audit log' },
    role: { type: 'string', value: 'ROLE', help: `one of ${USER_ROLES.join(', ')}` },
    org: {
      type: 'string',
      value: 'SLUG',
      help: "the organisation's slug (an implementer's; empty for none)",
    },
    language: {
      type: 'string',
      value: 'LANG',
      default: 'en',
      help: `the language of the hub's mails to this person: ${HUB_LANGUAGES.join(', ')}`,
    },
    'password-stdin': {
      type: 'boolean',
      help: `read the password from the first line of standard input (at least ${PASSWORD_MIN_LENGTH} characters)`,
    },
  },
  environment: ['DATABASE_URL  the database (db/data/hub.sqlite)'],
  examples: [
    'npm run user:create',
    'printf %s "$PASSWORD" | npm run user:create -- --email a@b.org --name "Li Wei" --role admin --password-stdin',
  ],
});
// What the command line gives is checked before anything is asked.
if (values.role !== undefined && !(USER_ROLES as readonly string[]).includes(values.role)) {
  usageError(`--role must be one of ${USER_ROLES.join(', ')}, not ${JSON.stringify(values.role)}`);
}
if (!(HUB_LANGUAGES as readonly string[]).includes(values.language)) {
  usageError(
    `--language must be one of ${HUB_LANGUAGES.join(', ')}, not ${JSON.stringify(values.language)}`,
  );
}
if (values.email !== undefined && !isEmail(values.email)) {
  usageError(`--email ${JSON.stringify(values.email)} is not an email address`);
}

function isEmail(value: string) {
  return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value);
}

// With --password-stdin standard input is the password, so nothing else can be asked there.
if (values['password-stdin'] && (!values.email || !values.name || !values.role)) {
  usageError('--password-stdin needs --email, --name and --role on the command line');
}

/** All of standard input: a piped password may end without a newline (printf %s). */
async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
}

// Asked only when something is missing (a readline on a pipe that ends without a newline would
// never answer, and the process would end with Node's "unsettled top-level await", exit 13).
const prompt: { rl: ReturnType<typeof createInterface> | null } = { rl: null };
const ask = async (question: string, given?: string) => {
  if (given !== undefined) return given;
  const rl = (prompt.rl ??= createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: process.stdin.isTTY,
  }));
  const ended = new Promise<never>((_, reject) =>
    rl.once('close', () => reject(new Error('standard input ended before every answer was given'))),
  );
  try {
    return (await Promise.race([rl.question(question), ended])).trim();
  } catch (error) {
    return fail(`not created: ${error instanceof Error ? error.message : String(error)}`);
  }
};

const email = await ask('Email: ', values.email);
const name = await ask('Name: ', values.name);
const role = await ask(`Role (${USER_ROLES.join(', ')}): `, values.role);
const org = await ask(
  'Organisation slug (empty for none): ',
  values.org ?? (values.role ? '' : undefined),
);
const password = values['password-stdin']
  ? ((await readStdin()).split(/\r?\n/)[0] ?? '').trim()
  : await ask(`Password (at least ${PASSWORD_MIN_LENGTH} characters): `);
prompt.rl?.close();

const problems = [
  isEmail(email) ? null : 'email: not an email address',
  name ? null : 'name: required',
  (USER_ROLES as readonly string[]).includes(role) ? null : `role: one of ${USER_ROLES.join(', ')}`,
  password.length >= PASSWORD_MIN_LENGTH
    ? null
    : `password: at least ${PASSWORD_MIN_LENGTH} characters`,
].filter(Boolean);
if (problems.length > 0) fail(`not created: ${problems.join('; ')}`);

const db = openDatabase(env.DATABASE_URL);
migrateDatabase(db);
try {
  const user = await createUser(
    {
      email,
      name,
      password,
      role: role as UserRole,
      organisationSlug: org || undefined,
      language: values.language as HubLanguage,
    },
    // The audit log's entry for the new account: made on the server, by no account of the hub.
    { at: now(), actor: { id: null, name: 'user:create (command line)' } },
    db,
  );
  console.log(`Created user ${user.id}: ${email} (${role}) in ${env.DATABASE_URL}.`);
} catch (error) {
  fail(`not created: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  db.$client.close();
}
