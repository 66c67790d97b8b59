import type { RequestResource } from '../../model/permission-request.js';

/**
 * IAM's wildcards: `*` any run of characters, `?` one character. Actions match case-insensitively
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html). Resource ARNs
 * match within colon-separated segments, except that a `*` ending a segment may run past its colons
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards).
 * A resource pattern is matched twice: as documented (case-sensitive; `?` and a `*` inside a segment stay in
 * it, a `*` that ends a segment may cross colons), and loosely (any wildcard crosses colons, any case), which
 * includes whatever IAM does beyond what is documented. Where the two disagree the answer is `maybe`, and the
 * caller does not guess.
 */

/** Does a statement's pattern cover a request's resource: for every resource it stands for, none, or some. */
export type Match = 'yes' | 'no' | 'maybe';

/** `segments`: wildcards keep to their ARN segment, but a `*` ending one may run on; `any`: they cross colons. */
type Semantics = { colons: 'segments' | 'any'; caseSensitive: boolean };

const DOCUMENTED: Semantics = { colons: 'segments', caseSensitive: true };
const LOOSE: Semantics = { colons: 'any', caseSensitive: false };

/** Pattern positions (0..length) the glob can be at after reading `subject`; a `*` may stay or be skipped. */
function positionsAfter(pattern: string, subject: string, semantics: Semantics): Set<number> {
  const closure = (positions: Iterable<number>): Set<number> => {
    const result = new Set<number>();
    for (let position of positions) {
      result.add(position);
      while (pattern[position] === '*') result.add(++position);
    }
    return result;
  };
  const same = semantics.caseSensitive
    ? (a: string, b: string) => a === b
    : (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const endsSegment = (position: number) => position + 1 === pattern.length || pattern[position + 1] === ':';
  let current = closure([0]);
  for (const char of subject) {
    if (current.size === 0) break;
    const free = semantics.colons === 'any' || char !== ':';
    const next: number[] = [];
    for (const position of current) {
      const token = pattern[position];
      if (token === undefined) continue;
      if (token === '*') {
        if (free || endsSegment(position)) next.push(position);
      } else if (token === '?') {
        if (free) next.push(position + 1);
      } else if (same(token, char)) next.push(position + 1);
    }
    current = closure(next);
  }
  return current;
}

const onlyStars = (text: string) => /^\*+$/.test(text);

function matchWith(pattern: string, resource: RequestResource, semantics: Semantics): Match {
  if (resource.kind === 'arn')
    return positionsAfter(pattern, resource.arn, semantics).has(pattern.length) ? 'yes' : 'no';
  // Every ARN under the prefix: the prefix and an id, which has no ':' or '/'. Covered when what is left of
  // the pattern is only `*`; partly when something else an id can match is left; otherwise untouched.
  const rests = [...positionsAfter(pattern, resource.prefix, semantics)].map((at) => pattern.slice(at));
  if (rests.some(onlyStars)) return 'yes';
  return rests.some((rest) => rest !== '' && !/[:/]/.test(rest)) ? 'maybe' : 'no';
}

/** Case-insensitive glob over the whole action name (`ec2:*NetworkInterface*`, `*`). */
export function actionMatches(pattern: string, action: string): boolean {
  return positionsAfter(pattern, action, LOOSE).has(pattern.length);
}

/**
 * Whether `pattern` (one entry of a Resource or NotResource element) covers `resource`. A policy variable
 * (`${aws:username}`) cannot be resolved here: it reads as a `*` at best, so the answer is `no` or `maybe`.
 */
export function resourceMatch(pattern: string, resource: RequestResource): Match {
  if (pattern.includes('${')) {
    const widest = pattern.replace(/\$\{[^}]*\}/g, '*');
    return matchWith(widest, resource, LOOSE) === 'no' ? 'no' : 'maybe';
  }
  const documented = matchWith(pattern, resource, DOCUMENTED);
  if (documented === 'yes') return 'yes';
  const loose = matchWith(pattern, resource, LOOSE);
  return loose === 'no' ? 'no' : 'maybe';
}
