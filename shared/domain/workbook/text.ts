/** Text as it is written into a cell, and as two cell texts are compared. */

// Characters XML 1.0 cannot carry; exceljs drops them on write, so they are dropped before comparing too.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]/g;

/** Text as it will sit in a cell: no characters XML cannot hold. */
export function cellSafeText(text: string): string {
  return text.replace(XML_INVALID, '');
}

/** What two cell texts are compared on: line endings unified, Excel's escaped CR removed, ends trimmed. */
export function comparable(text: string): string {
  return cellSafeText(text.replace(/_x000D_/g, '').replace(/\r\n?/g, '\n')).trim();
}

export const sameText = (a: string, b: string): boolean => comparable(a) === comparable(b);

/** A short, stable hash (cyrb53) of a cell's comparable text: enough to tell "edited since export". */
export function fingerprint(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Fingerprints of a row's cells in column order, as "_ids" stores them (space separated). */
export function rowFingerprints(texts: readonly string[]): string {
  return texts.map((text) => fingerprint(comparable(text))).join(' ');
}

/** Long values are cut in messages, so a preview line stays readable. */
export const short = (text: string): string => (text.length > 80 ? `${text.slice(0, 77)}…` : text);
