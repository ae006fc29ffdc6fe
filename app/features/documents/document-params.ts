/** A document's id from the URL, or null when it is not one (then the page is a 404). */
export function parseDocumentId(text: string | undefined): number | null {
  return text !== undefined && /^[1-9]\d{0,14}$/.test(text) ? Number(text) : null;
}
