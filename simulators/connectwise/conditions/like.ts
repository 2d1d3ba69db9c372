/**
 * SQL Server LIKE patterns as regular expressions. The real server hands `like` and `contains` values to
 * SQL Server, so `%` (and the vendor's `*`) match any run of characters, `_` one character, and `[...]` a
 * character set: that is why the vendor writes a literal `[` as `[[]`. Matching ignores case.
 */

const SPECIAL = /[\\^$.*+?()[\]{}|/-]/g;

function escape(text: string): string {
  return text.replace(SPECIAL, '\\$&');
}

/** A `[...]` set starting at `start`, or undefined when the bracket is not closed (then it is literal). */
function readSet(pattern: string, start: number): { source: string; end: number } | undefined {
  const close = pattern.indexOf(']', start + 2);
  if (close < 0) return undefined;
  let body = pattern.slice(start + 1, close);
  const negate = body.startsWith('^') && body.length > 1;
  if (negate) body = body.slice(1);
  let source = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    const isRange = body[i + 1] === '-' && i + 2 < body.length;
    if (isRange) {
      source += `${escape(c)}-${escape(body[i + 2] as string)}`;
      i += 2;
    } else {
      source += escape(c);
    }
  }
  return { source: `[${negate ? '^' : ''}${source}]`, end: close + 1 };
}

export function likeToRegExp(pattern: string): RegExp {
  let source = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === '%' || c === '*') {
      source += '.*';
      i++;
    } else if (c === '_') {
      source += '.';
      i++;
    } else if (c === '[') {
      const set = readSet(pattern, i);
      if (set) {
        source += set.source;
        i = set.end;
      } else {
        source += '\\[';
        i++;
      }
    } else {
      source += escape(c);
      i++;
    }
  }
  return new RegExp(`^${source}$`, 'is');
}

/** `contains "x"` is `like "%x%"` on the server, wildcards included. */
export function containsToRegExp(text: string): RegExp {
  return likeToRegExp(`%${text}%`);
}
