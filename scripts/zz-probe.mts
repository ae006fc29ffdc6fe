import { bytes, rawRequest } from '../tests/e2e/raw-http';
import { createAccount, createSeededDatabase, httpSession, startServer } from '../tests/e2e/support';
const MB = 1024 * 1024;
const db = createSeededDatabase();
await createAccount(db.path, { email: 'a@x.example', password: 'a long password', role: 'admin' });
const server = await startServer({ databaseUrl: db.path });
const admin = await httpSession(server.url, { email: 'a@x.example', password: 'a long password' });
const boundary = 'bb';
const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${admin.csrf}\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.xml"\r\n\r\n`);
const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
for (const [size, chunked] of [[60 * MB, true], [101 * MB, false], [101 * MB, true]] as const) {
  const a = await rawRequest(server.url, { method: 'POST', path: '/import', chunked, headers: { Cookie: admin.cookie, 'Content-Type': `multipart/form-data; boundary=${boundary}`, ...(chunked ? {} : { 'Content-Length': String(head.length + size + tail.length) }) }, body: (function* () { yield head; yield* bytes(size, 256 * 1024, 0x20); yield tail; })(), timeout: 120000 });
  console.log(size / MB, chunked, a.status, a.body.replace(/\s+/g, ' ').slice(0, 200).match(/<title>[^<]*<\/title>|^[^<]{0,200}/)?.[0]);
}
await server.stop();
console.log(server.output().split('\n').filter((l) => !/^GET/.test(l)).join('\n'));
