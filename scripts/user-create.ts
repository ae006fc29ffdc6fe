import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';

import { PASSWORD_MIN_LENGTH } from '../app/core/auth/auth';
import { now } from '../app/core/clock';
import { env } from '../app/core/env.server';
import { USER_ROLES, type UserRole } from '../db/vocabulary';
import { openDatabase } from '../db/client.server';
import { migrateDatabase } from '../db/migrate';
import { createUser } from '../app/core/auth/users.server';

// npm run user:create — asks for what it is not given; for scripts:
// npm run user:create -- --email a@b.org --name "Li Wei" --role admin [--org giz] --password-stdin
// There are no default accounts: the first admin is created here.

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    org: { type: 'string' },
    'password-stdin': { type: 'boolean', default: false },
  },
});

const rl = createInterface({
  input: process.stdin,
  output: process.stdout,
  terminal: process.stdin.isTTY,
});
const ask = async (question: string, given?: string) =>
  given ?? (await rl.question(question)).trim();

const email = await ask('Email: ', values.email);
const name = await ask('Name: ', values.name);
const role = await ask(`Role (${USER_ROLES.join(', ')}): `, values.role);
const org = await ask(
  'Organisation slug (empty for none): ',
  values.org ?? (values.role ? '' : undefined),
);
const password = values['password-stdin']
  ? (await rl.question('')).trim()
  : await ask(`Password (at least ${PASSWORD_MIN_LENGTH} characters): `);
rl.close();

const problems = [
  /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) ? null : 'email: not an email address',
  name ? null : 'name: required',
  (USER_ROLES as readonly string[]).includes(role) ? null : `role: one of ${USER_ROLES.join(', ')}`,
  password.length >= PASSWORD_MIN_LENGTH
    ? null
    : `password: at least ${PASSWORD_MIN_LENGTH} characters`,
].filter(Boolean);
if (problems.length > 0) {
  console.error(`Not created:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}

const db = openDatabase(env.DATABASE_URL);
migrateDatabase(db);
try {
  const user = await createUser(
    { email, name, password, role: role as UserRole, organisationSlug: org || undefined },
    // The audit log's entry for the new account: made on the server, by no account of the hub.
    { at: now(), actor: { id: null, name: 'user:create (command line)' } },
    db,
  );
  console.log(`Created user ${user.id}: ${email} (${role}) in ${env.DATABASE_URL}.`);
} catch (error) {
  console.error(`Not created: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
} finally {
  db.$client.close();
}
