import type { RequestResource } from '../../model/permission-request.js';

/**
 * IAM's wildcards: `*` any run of characters, `?` one character. Actions match case-insensitively
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html). Resource ARNs
 * match within colon-separated segments, except that a `*` ending a segment may run past its colons
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html#reference_policies_elements_resource_wildcards).
 * A resource pattern is matched twice: as documented (case-sensitive; `?` and a `*` inside a segment stay in
 * it, a `*` that ends a segment may cross colons), and loosely (any wildcard crosses colons, any case), which
 * includes whatever IAM does beyond what is documented. Where the two disagree the answer is `maybe`, and the
 * caller does not guess. Patterns are compiled once: a large account evaluates the same few thousand often.
 */

/** Does a statement's pattern cover a request's resource: for every resource it stands for, none, or some. */
export type Match = 'yes' | 'no' | 'maybe';

type Semantics = 'documented' | 'loose';

const ESCAPE = /[.+^${}()|[\]\\/]/g;

function regexOf(pattern: string, semantics: Semantics): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i += 1) {
    const char = pattern.charAt(i);
    const endsSegment = i + 1 === pattern.length || pattern.charAt(i + 1) === ':';
    if (char === '*') source += semantics === 'loose' || endsSegment ? '.*' : '[^:]*';
    else if (char === '?') source += semantics === 'loose' ? '.' : '[^:]';
    else source += char.replace(ESCAPE, '\\$&');
  }
  return new RegExp(`^${source}$`, semantics === 'loose' ? 'is' : 's');
}

/** Compiled patterns, kept for the process (a warm Lambda audits account after account): bounded. */
const compiled: Record<Semantics, Map<string, RegExp>> = { documented: new Map(), loose: new Map() };
const MAX_COMPILED = 50_000;

function regex(pattern: string, semantics: Semantics): RegExp {
  const cache = compiled[semantics];
  let found = cache.get(pattern);
  if (found === undefined) {
    if (cache.size >= MAX_COMPILED) cache.clear();
    found = regexOf(pattern, semantics);
    cache.set(pattern, found);
  }
  return found;
}

/** Case-insensitive glob over the whole action name (`ec2:*NetworkInterface*`, `*`). */
export function actionMatches(pattern: string, action: string): boolean {
  return pattern === '*' || regex(pattern, 'loose').test(action);
}

/** Pattern positions (0..length) the glob can be at after reading `subject` (an NFA over the pattern). */
function positionsAfter(pattern: string, subject: string, semantics: Semantics): number[] {
  const loose = semantics === 'loose';
  let current = closure(pattern, [0]);
  for (let c = 0; c < subject.length && current.length > 0; c += 1) {
    const char = subject.charAt(c);
    const free = loose || char !== ':';
    const next: number[] = [];
    for (const position of current) {
      const token = pattern.charAt(position);
      if (token === '*') {
        if (free || position + 1 === pattern.length || pattern.charAt(position + 1) === ':')
          next.push(position);
      } else if (token === '?') {
        if (free) next.push(position + 1);
      } else if (token !== '' && (loose ? token.toLowerCase() === char.toLowerCase() : token === char))
        next.push(position + 1);
    }
    current = closure(pattern, next);
  }
  return current;
}

/** The positions and every position a run of `*` after one of them can skip to, once each. */
function closure(pattern: string, positions: readonly number[]): number[] {
  const result: number[] = [];
  for (let position of positions) {
    if (!result.includes(position)) result.push(position);
    while (pattern.charAt(position) === '*') {
      position += 1;
      if (!result.includes(position)) result.push(position);
    }
  }
  return result;
}

const ONLY_STARS = /^\*+$/;
const ID_BREAK = /[:/]/;

/**
 * Every ARN under the prefix: the prefix and an id, which has no ':' or '/'. Covered when what is left of
 * the pattern is only `*`; partly when something else an id can match is left; otherwise untouched.
 */
function familyMatch(pattern: string, prefix: string, semantics: Semantics): Match {
  // A few prefixes (one per resource type and scope) against a few thousand patterns: each pair once.
  const memo = `${semantics}\u0000${pattern}\u0000${prefix}`;
  let match = familyMatches.get(memo);
  if (match === undefined) {
    if (familyMatches.size >= MAX_COMPILED) familyMatches.clear();
    match = familyMatchOf(pattern, prefix, semantics);
    familyMatches.set(memo, match);
  }
  return match;
}

const familyMatches = new Map<string, Match>();

function familyMatchOf(pattern: string, prefix: string, semantics: Semantics): Match {
  const rests = positionsAfter(pattern, prefix, semantics).map((at) => pattern.slice(at));
  if (rests.some((rest) => ONLY_STARS.test(rest))) return 'yes';
  return rests.some((rest) => rest !== '' && !ID_BREAK.test(rest)) ? 'maybe' : 'no';
}

function matchWith(pattern: string, resource: RequestResource, semantics: Semantics): Match {
  if (resource.kind === 'arn') return regex(pattern, semantics).test(resource.arn) ? 'yes' : 'no';
  return familyMatch(pattern, resource.prefix, semantics);
}

/**
 * Whether `pattern` (one entry of a Resource or NotResource element) covers `resource`. A policy variable
 * (`${aws:username}`) cannot be resolved here: it reads as a `*` at best, so the answer is `no` or `maybe`.
 */
export function resourceMatch(pattern: string, resource: RequestResource): Match {
  if (pattern === '*') return 'yes';
  if (pattern.includes('${')) {
    const widest = pattern.replace(/\$\{[^}]*\}/g, '*');
    return matchWith(widest, resource, 'loose') === 'no' ? 'no' : 'maybe';
  }
  if (matchWith(pattern, resource, 'documented') === 'yes') return 'yes';
  return matchWith(pattern, resource, 'loose') === 'no' ? 'no' : 'maybe';
}
