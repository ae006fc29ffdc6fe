// What the browser-only widgets (Leaflet, Chart.js) show is built here, as DOM nodes holding
// text. Leaflet treats a string given to bindTooltip, bindPopup or divIcon's `html` as HTML, so a
// place named `<img src=x onerror=…>` would become an element; given a node, it shows the node.
// The widgets hand it nothing else.

/** An element whose content is `text`, shown as it is (textContent, never parsed as HTML). */
export function textElement<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** A marker's or cluster's count: the number for the eye and, if given, a label for screen readers. */
export function countElement(count: number, label?: string, face?: string): HTMLElement {
  const box = textElement('span');
  const shown = textElement('span', face ?? String(count));
  shown.setAttribute('aria-hidden', 'true');
  box.append(shown);
  if (label !== undefined) box.append(textElement('span', label, 'visually-hidden'));
  return box;
}

/** A link only to the web: any other scheme (javascript:, data:) gives null. */
export function webHref(url: string | null | undefined): string | null {
  return url && /^https?:\/\//i.test(url) ? url : null;
}
