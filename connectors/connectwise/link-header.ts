/**
 * The Link header of a ConnectWise page: `<url>; rel="next", <url>; rel="last"` (RFC 8288 form). Parsed pair
 * by pair rather than with a regex on `page=`, which breaks when `page` is not the last query parameter or a
 * URL holds a comma.
 */

export type Links = Partial<Record<string, string>>;

/** Splits at commas that are outside <...> and outside quoted parameter values. */
function splitLinks(header: string): string[] {
  const out: string[] = [];
  let current = '';
  let inUrl = false;
  let inQuote = false;
  for (const c of header) {
    if (inQuote) {
      if (c === '"') inQuote = false;
    } else if (inUrl) {
      if (c === '>') inUrl = false;
    } else if (c === '<') inUrl = true;
    else if (c === '"') inQuote = true;
    else if (c === ',') {
      out.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  out.push(current);
  return out.map((s) => s.trim()).filter((s) => s !== '');
}

/** rel → URL. A link with several relations (`rel="next last"`) is listed under each; the first wins. */
export function parseLinkHeader(header: string | undefined | null): Links {
  const links: Links = {};
  if (header === undefined || header === null) return links;
  for (const part of splitLinks(header)) {
    const match = /^<([^>]*)>(.*)$/s.exec(part);
    if (match === null) continue;
    const url = (match[1] ?? '').trim();
    for (const param of (match[2] ?? '').split(';')) {
      const eq = param.indexOf('=');
      if (eq === -1) continue;
      if (param.slice(0, eq).trim().toLowerCase() !== 'rel') continue;
      const value = param
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/s, '$1');
      for (const rel of value.toLowerCase().split(/\s+/)) {
        if (rel !== '' && links[rel] === undefined) links[rel] = url;
      }
    }
  }
  return links;
}

/** The first URL in the header, whatever its relation (forward-only paging sends just one). */
export function firstLinkUrl(header: string | undefined | null): string | undefined {
  if (header === undefined || header === null) return undefined;
  const first = splitLinks(header)[0];
  const match = first === undefined ? null : /^<([^>]*)>/.exec(first);
  const url = match?.[1]?.trim();
  return url === undefined || url === '' ? undefined : url;
}

/** Reads an integer query parameter (`page`, `pageId`) from a link URL, relative or absolute. */
export function integerParam(url: string | undefined, name: string): number | undefined {
  if (url === undefined) return undefined;
  let params: URLSearchParams;
  try {
    params = new URL(url, 'http://link.invalid').searchParams;
  } catch {
    return undefined;
  }
  // Parameter names are case-insensitive on the server (pageid, pageId).
  for (const [key, value] of params) {
    if (key.toLowerCase() === name.toLowerCase() && /^\d+$/.test(value)) return Number(value);
  }
  return undefined;
}
