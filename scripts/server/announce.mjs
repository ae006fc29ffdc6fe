// The lines the primary prints once the first worker listens: where the hub answers, which
// database file it serves and what that holds, how many workers, and how to stop it. The address
// is the one the worker is really bound to (PORT=0 picks a free port), written as a URL a browser
// on this machine can open.
import { networkInterfaces } from 'node:os';

const ALL_INTERFACES = new Set([undefined, null, '', '0.0.0.0', '::']);

/** `host` as it goes into a URL (IPv6 in brackets). */
const urlHost = (host) => (host.includes(':') ? `[${host}]` : host);

/** This machine's addresses other machines may reach it by (IPv4, then IPv6; no loopback). */
function externalAddresses(family) {
  const out = [];
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) {
      if (entry.internal || entry.family !== family) continue;
      // Link-local IPv6 addresses need a zone to be usable: left out.
      if (family === 'IPv6' && entry.address.toLowerCase().startsWith('fe80:')) continue;
      out.push(entry.address);
    }
  }
  return out;
}

/**
 * The address lines: one URL when HOST names a host; for all interfaces, the URL to open on this
 * machine and those other machines may use.
 */
export function addressLines(host, port) {
  if (!ALL_INTERFACES.has(host)) return [`  Address   http://${urlHost(host)}:${port}`];
  const wildcard = host || '::';
  const local = wildcard === '0.0.0.0' ? '127.0.0.1' : 'localhost';
  const others = [
    ...externalAddresses('IPv4'),
    ...(wildcard === '::' ? externalAddresses('IPv6') : []),
  ].map((address) => `http://${urlHost(address)}:${port}`);
  const lines = [
    `  Address   http://${local}:${port} on this machine; listening on all interfaces (${wildcard})`,
  ];
  if (others.length > 0) {
    lines.push(`            from other machines: ${others.slice(0, 3).join(', ')}`);
  }
  return lines;
}

const plural = (n, one, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** "25 projects, 140 milestones, 48 events, 60 organisations" and what else the file is. */
export function dataLine(database) {
  if (!database.isReadable) return `  Data      could not be read: ${database.error}`;
  const { counts } = database;
  const parts = [
    plural(counts.projects, 'project'),
    plural(counts.milestones, 'milestone'),
    plural(counts.events, 'event'),
    plural(counts.organisations, 'organisation'),
  ];
  if (counts.importedActivities > 0) {
    parts.push(
      plural(counts.importedActivities, 'imported IATI activity', 'imported IATI activities'),
    );
  }
  return `  Data      ${parts.join(', ')}${database.isSynthetic ? ' (synthetic demo data)' : ''}`;
}

/** The whole block. */
export function startupLines({ host, port, workers, database, pid, mail }) {
  return [
    '',
    'IKI China portfolio hub is running.',
    ...addressLines(host, port),
    `  Database  ${database.path}`,
    dataLine(database),
    `  Workers   ${workers} (and the primary, pid ${pid}, which restarts any that fails)`,
    ...(mail ? [`  Mail      ${mail}`] : []),
    `  Stop      Ctrl-C here, or kill -TERM ${pid}: requests in flight finish first`,
    '',
  ];
}
