// How a download is named (RFC 6266): an ASCII `filename` for old clients and the exact name as
// UTF-8 in `filename*`, so a Chinese or German title survives the trip to the reader's disk.

/**
 * A Content-Disposition header for a download. `ascii` is the fallback name; by default the
 * name with every character outside printable ASCII (and quotes, backslashes, `%`, `;`) as `_`.
 */
export function attachmentHeader(name: string, ascii?: string): string {
  const fallback = (ascii ?? name).replace(/[^\x20-\x7e]/g, '_').replace(/[\\"%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
