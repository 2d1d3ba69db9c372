/**
 * The vendor documents two spellings for some operations (token, search). We try the preferred one, fall
 * back to the other on 404 (or 405, what a router answers for a path it knows under another verb), and remember whichever answered with success so later calls cost one
 * request. Only a success pins a path: a 401, 429 or 5xx may come from layers in front of the routes and
 * proves nothing, and when both give 404 the 404 may be about the group, not the path.
 */
import { ConnectorError } from '../errors.js';

function isNotFound(err: unknown): boolean {
  return err instanceof ConnectorError && (err.status === 404 || err.status === 405);
}

export class PathChoice<P extends string> {
  private known: P | undefined;

  constructor(
    private readonly preferred: P,
    private readonly fallback: P,
  ) {}

  /** The path in use, once known (for tests and diagnostics). */
  get remembered(): P | undefined {
    return this.known;
  }

  async run<R>(attempt: (path: P) => Promise<R>): Promise<R> {
    const known = this.known;
    if (known !== undefined) return attempt(known);
    let result: R;
    let path = this.preferred;
    try {
      result = await attempt(path);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      path = this.fallback;
      result = await attempt(path);
    }
    this.known = path;
    return result;
  }
}
