/**
 * When a paged read is over. Navigable pages (§3.1) say so with the Link header's rel="next"; forward-only
 * pages (§3.2) always link to the next pageId and send an empty Link header after the last page.
 */
import { cwError } from './errors.js';
import { firstLinkUrl, integerParam, parseLinkHeader } from './link-header.js';

/** A next page exists: Link rel="next", or (no Link header at all) the page was full. */
export function navigableHasMore(
  linkHeader: string | undefined,
  received: number,
  pageSize: number,
): boolean {
  if (linkHeader === undefined) return received >= pageSize;
  return parseLinkHeader(linkHeader).next !== undefined;
}

/**
 * The next pageId of a forward-only read (§3.2): the Link header always points at the next page and is empty
 * after the last one; no Link header at all means the endpoint ignored forward-only paging.
 */
export function forwardOnlyNext(
  linkHeader: string | undefined,
  received: number,
  pageSize: number,
  after: number | undefined,
  request: string,
): number | null {
  if (received === 0) return null;
  if (linkHeader === undefined) {
    if (received < pageSize) return null;
    throw cwError(
      'invalid_response',
      `ConnectWise sent no Link header for a forward-only page (${request}): this endpoint does not support forward-only paging.`,
      { request },
    );
  }
  const url = parseLinkHeader(linkHeader).next ?? firstLinkUrl(linkHeader);
  if (url === undefined) return null;
  const next = integerParam(url, 'pageId');
  if (next === undefined || (after !== undefined && next <= after)) {
    throw cwError(
      'invalid_response',
      `ConnectWise's forward-only Link header does not move forward (${request}); reading on would loop.`,
      { request },
    );
  }
  return next;
}
