// The primary of the production server: it answers no requests itself. It starts HUB_WORKERS
// serving processes (worker.mjs) that share the port (node:cluster hands each new connection to
// the next worker), replaces any that ends unasked (logged, so an unforeseen crash costs the
// requests that worker was answering, not the service), and on SIGTERM or SIGINT stops them all
// cleanly, checkpoints the database and exits 0.
//
// The primary also runs the mail pass two seconds after start and then hourly, each in a thread
// that loads the bundle and ends with the pass (primary-task.mjs): it answers no requests, so a
// pass never holds one up, and it never keeps the bundle in memory.
//
// What the workers share lives in SQLite (sessions, sign-in limits, the data), and each worker's
// in-memory caches check SQLite's data_version on every read, so a write through one worker is
// seen on the next read through any other.
import cluster from 'node:cluster';

import Database from 'better-sqlite3';

import { startupLines } from './announce.mjs';
import { SHUTDOWN_MS } from './worker.mjs';

/** A worker that ends this soon after it started counts as a crash at start-up. */
const EARLY_EXIT_MS = 5_000;
/** The longest wait before starting a worker again after early exits. */
const MAX_BACKOFF_MS = 30_000;
const HOUR_MS = 60 * 60 * 1000;
/** The first mail pass soon after start, so that a restart catches up without waiting an hour. */
const FIRST_PASS_MS = 2_000;

/**
 * The primary's Node options, without tsx's loader: `npm start` runs the primary through tsx (it
 * prepares the database in TypeScript first); the workers run only the JavaScript build.
 */
function workerExecArgv() {
  const out = [];
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    if ((args[i] === '--import' || args[i] === '--require') && /^tsx\b/.test(args[i + 1] ?? '')) {
      i += 1;
    } else if (!/^--(import|require)=tsx\b/.test(args[i])) {
      out.push(args[i]);
    }
  }
  return out;
}

/**
 * The mail pass on its schedule; `stop()` ends the schedule and resolves once a pass under way
 * has finished.
 */
function scheduleMailPasses(runMailPass) {
  let running = null;
  const pass = () => {
    if (running) return;
    running = runMailPass()
      .catch((error) => console.error('[hub] the mail pass failed:', error))
      .finally(() => (running = null));
  };
  const first = setTimeout(pass, FIRST_PASS_MS);
  const hourly = setInterval(pass, HOUR_MS);
  // The timers alone do not keep a process alive.
  first.unref();
  hourly.unref();
  return () => {
    clearTimeout(first);
    clearInterval(hourly);
    return running ?? Promise.resolve();
  };
}

/**
 * `settings` and `database` (what the database holds, for the lines printed once the first
 * worker listens) were read by the primary's 'prepare' thread, which also cleaned the file store.
 */
export function runPrimary({ serveScript, buildPath, settings, database, runMailPass }) {
  cluster.setupPrimary({ exec: serveScript, args: [buildPath], execArgv: workerExecArgv() });
  let isStopping = false;
  let earlyExits = 0;
  let isAnnounced = false;
  const startedAt = new Map();
  /** Workers that said they are leaving; someone took their place already. */
  const replaced = new Set();

  const start = () => {
    const worker = cluster.fork();
    startedAt.set(worker.id, Date.now());
    worker.on('message', (message) => {
      if (message === 'hub:leaving' && !isStopping && !replaced.has(worker.id)) {
        replaced.add(worker.id);
        start();
      }
    });
    worker.on('listening', (address) => {
      if (isAnnounced) return;
      isAnnounced = true;
      const lines = startupLines({
        host: settings.host,
        // The port really bound: PORT=0 asks the system for a free one.
        port: address.port,
        workers: settings.workers,
        database,
        pid: process.pid,
        mail: settings.mail,
      });
      console.log(lines.join('\n'));
    });
  };

  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0);
    startedAt.delete(worker.id);
    if (isStopping) return;
    const how = signal ? `signal ${signal}` : `code ${code}`;
    if (replaced.delete(worker.id)) {
      console.error(`[hub] worker ${worker.id} (pid ${worker.process.pid}) ended (${how}).`);
      return;
    }
    // A worker that keeps dying at start-up (a bad database path, a port taken) is started again
    // more and more slowly instead of in a tight loop.
    earlyExits = lived < EARLY_EXIT_MS ? earlyExits + 1 : 0;
    const delay = Math.min(MAX_BACKOFF_MS, earlyExits === 0 ? 0 : 250 * 2 ** earlyExits);
    console.error(
      `[hub] worker ${worker.id} (pid ${worker.process.pid}) ended (${how}); starting another${delay ? ` in ${delay} ms` : ''}.`,
    );
    setTimeout(() => !isStopping && start(), delay);
  });

  for (let i = 0; i < settings.workers; i++) start();
  const stopMailPasses = scheduleMailPasses(runMailPass);

  const stop = (signal) => {
    if (isStopping) return;
    isStopping = true;
    console.log(`[hub] ${signal}: finishing the requests in flight, then stopping.`);
    // A mail pass under way finishes (its thread's connection closes with it) before the
    // checkpoint below.
    const passDone = stopMailPasses();
    const workers = Object.values(cluster.workers ?? {});
    for (const worker of workers) {
      if (worker.isConnected()) worker.send('hub:stop');
    }
    // The workers have SHUTDOWN_MS for their requests; one that hangs beyond that is killed.
    const deadline = setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker.process.kill('SIGKILL');
    }, SHUTDOWN_MS + 2_000);
    let isFinishing = false;
    const finish = () => {
      if (isFinishing || Object.keys(cluster.workers ?? {}).length > 0) return;
      isFinishing = true;
      clearTimeout(deadline);
      // A pass that hangs (an SMTP server that stopped answering) does not hold the stop for long.
      const passOrTimeout = Promise.race([
        passDone,
        new Promise((resolve) => setTimeout(resolve, SHUTDOWN_MS)),
      ]);
      passOrTimeout.finally(() => {
        checkpoint(settings.databaseUrl);
        console.log('[hub] stopped.');
        process.exit(0);
      });
    };
    cluster.on('exit', finish);
    finish();
  };
  for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => stop(signal));
}

/**
 * With every worker gone, the write-ahead log is folded into the database file and removed, so
 * the file alone holds everything (a copy of it is a complete backup).
 */
function checkpoint(path) {
  try {
    const db = new Database(path, { fileMustExist: true });
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  } catch (error) {
    console.error('[hub] the database could not be checkpointed:', error);
  }
}
