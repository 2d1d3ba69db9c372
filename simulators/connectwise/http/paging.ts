/**
 * The two paging modes and their Link headers (reference §3).
 *
 * Navigable: `page` (1-based) and `pageSize` (default 25, capped at 1000). The Link header lists
 * `first` and `prev` only when there is an earlier page and `next` and `last` only when there is a later
 * one: the vendor's page-1 example shows just next and last, and the PHP client stops when the header no
 * longer ends in rel="last". With a single page there is no Link header. Links are absolute, keep every
 * other query parameter as sent, and put `page` last (pyconnectwise reads `page=(\d+)>`).
 *
 * Forward-only (header `pagination-type: forward-only`): records with id > `pageId` in id order; `page`
 * is ignored and `orderBy` refused. The Link header is always present: the next page's URL with
 * `pageId` = the page's last id, or empty when nothing follows.
 */
import type { Request, Response } from 'express';
import { badRequest } from '../api-error.js';
import type { CwRecord } from '../types.js';
import type { Predicate } from '../conditions/evaluator.js';
import type { QueryParams } from '../query/params.js';
import { forwardPage, navigablePage } from '../query/select.js';
import type { Selection } from '../query/select.js';
import type { EntityStore } from '../state/store.js';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 1000;

export function isForwardOnly(req: Request): boolean {
  return (req.get('pagination-type') ?? '').trim().toLowerCase() === 'forward-only';
}

export function pageSizeOf(query: QueryParams): number {
  return Math.min(query.positiveInt('pageSize') ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
}

function linkBase(req: Request): string {
  const path = req.originalUrl.split('?')[0] ?? '';
  return `${req.protocol}://${req.get('host') ?? ''}${path}`;
}

function link(base: string, query: string, rel: string): string {
  return `<${base}?${query}>; rel="${rel}"`;
}

export function navigable(
  req: Request,
  res: Response,
  query: QueryParams,
  store: EntityStore,
  selection: Selection,
): CwRecord[] {
  const page = query.positiveInt('page') ?? 1;
  const pageSize = pageSizeOf(query);
  const { records, total } = navigablePage(store, selection, page, pageSize);
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  const base = linkBase(req);
  const at = (n: number, rel: string) => link(base, query.withLast('page', String(n)), rel);
  const links: string[] = [];
  if (page > 1) links.push(at(1, 'first'), at(Math.min(page - 1, lastPage), 'prev'));
  if (page < lastPage) links.push(at(page + 1, 'next'), at(lastPage, 'last'));
  if (links.length > 0) res.setHeader('Link', links.join(', '));
  return records;
}

export function forwardOnly(
  req: Request,
  res: Response,
  query: QueryParams,
  store: EntityStore,
  predicate: Predicate | undefined,
): CwRecord[] {
  if (query.get('orderBy') !== undefined) {
    throw badRequest(
      'orderBy cannot be used with forward-only pagination; results are ordered by id.',
      'orderBy',
    );
  }
  const raw = query.get('pageId');
  let afterId = 0;
  if (raw !== undefined && raw.trim() !== '') {
    if (!/^\s*-?\d+\s*$/.test(raw))
      throw badRequest(`pageId must be a whole number, not '${raw}'.`, 'pageId');
    afterId = Number(raw);
  }
  const { records, hasMore } = forwardPage(store, predicate, afterId, pageSizeOf(query));
  const last = records[records.length - 1];
  res.setHeader(
    'Link',
    hasMore && last ? link(linkBase(req), query.withLast('pageId', String(last.id), ['page']), 'next') : '',
  );
  return records;
}
