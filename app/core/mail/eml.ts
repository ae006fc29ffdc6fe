// Reads the mails the hub writes (nodemailer's MIME): the header fields, with RFC 2047 encoded
// words decoded, and the plain-text and HTML parts, with base64 or quoted-printable undone. Enough
// for the outbox page and the tests; not a general MIME parser (no attachments, no nesting beyond
// multipart/alternative inside multipart/mixed).

export interface ParsedMail {
  headers: Map<string, string>;
  from: string;
  to: string;
  subject: string;
  date: string;
  messageId: string;
  text: string;
  html: string;
}

const ENCODED_WORD = /=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g;

function decodeBytes(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

function decodeQuotedPrintable(value: string, isHeader: boolean): Buffer {
  const input = isHeader ? value.replace(/_/g, ' ') : value.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < input.length; i++) {
    const hex = input.slice(i + 1, i + 3);
    if (input[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(input[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/** A header value with its encoded words decoded (adjacent encoded words join without space). */
export function decodeHeader(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[bBqQ]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(ENCODED_WORD, (_, charset: string, encoding: string, text: string) =>
      decodeBytes(
        encoding.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : decodeQuotedPrintable(text, true),
        charset,
      ),
    );
}

function splitHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  // Folded lines continue the field above them.
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return headers;
}

function splitEntity(raw: string): { headers: Map<string, string>; body: string } {
  const match = /\r?\n\r?\n/.exec(raw);
  if (!match) return { headers: splitHeaders(raw), body: '' };
  return {
    headers: splitHeaders(raw.slice(0, match.index)),
    body: raw.slice(match.index + match[0].length),
  };
}

function parameter(value: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}="?([^";]+)"?`, 'i').exec(value);
  return match?.[1];
}

function decodeBody(body: string, headers: Map<string, string>): string {
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const charset = parameter(headers.get('content-type') ?? '', 'charset') ?? 'utf-8';
  if (encoding === 'base64')
    return decodeBytes(Buffer.from(body.replace(/\s+/g, ''), 'base64'), charset);
  if (encoding === 'quoted-printable')
    return decodeBytes(decodeQuotedPrintable(body, false), charset);
  return body.replace(/\r?\n$/, '');
}

function collectParts(raw: string, into: { text: string; html: string }): void {
  const { headers, body } = splitEntity(raw);
  const type = headers.get('content-type') ?? 'text/plain';
  const boundary = parameter(type, 'boundary');
  if (/^multipart\//i.test(type) && boundary) {
    const parts = body.split(`--${boundary}`).slice(1);
    for (const part of parts) {
      if (part.startsWith('--')) break;
      collectParts(part.replace(/^\r?\n/, ''), into);
    }
    return;
  }
  if (/^text\/html/i.test(type)) into.html ||= decodeBody(body, headers);
  else if (/^text\/plain/i.test(type)) into.text ||= decodeBody(body, headers);
}

/** A whole message (as written to the outbox or received by an SMTP server). */
export function parseMail(raw: string): ParsedMail {
  const { headers } = splitEntity(raw);
  const parts = { text: '', html: '' };
  collectParts(raw, parts);
  const field = (name: string) => decodeHeader(headers.get(name) ?? '');
  return {
    headers,
    from: field('from'),
    to: field('to'),
    subject: field('subject'),
    date: field('date'),
    messageId: field('message-id'),
    ...parts,
  };
}
