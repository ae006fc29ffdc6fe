import { env } from '../env.server';

/** The validated settings the production server (scripts/serve.mjs) runs with. */
export const serverSettings = {
  port: env.PORT,
  host: env.HOST,
  workers: env.HUB_WORKERS,
  trustProxy: env.HUB_TRUST_PROXY,
  mode: env.NODE_ENV,
  databaseUrl: env.DATABASE_URL,
} as const;
