import { EC2_MAX_FILTER_VALUES, EC2_MIN_PAGE_SIZE, PAGE_LIMITS, type PagedApi } from './aws-limits.js';
import type { Routed, ServiceRequest } from './services.js';
import { ec2Error, el, itemSet, offsetOf, type Reply, tokenFor, xml } from './wire.js';

/** EC2's query protocol as every simulated Describe call answers it: filters, MaxResults, page tokens. */

const NAMESPACE = 'http://ec2.amazonaws.com/doc/2016-11-15/';

export const answer = (action: string, inner: string): Reply =>
  xml(`<${action}Response xmlns="${NAMESPACE}"><requestId>bench</requestId>${inner}</${action}Response>`);

export const invalid = (message: string) => ec2Error('InvalidParameterValue', message, 400);

type Filters = Map<string, string[]>;

/** `Filter.N.Name` / `Filter.N.Value.M`. */
export function filtersOf(query: ServiceRequest['query']): Filters {
  const filters: Filters = new Map();
  for (const [key, name] of Object.entries(query)) {
    const n = /^Filter\.(\d+)\.Name$/.exec(key)?.[1];
    if (n === undefined || name === undefined) continue;
    const values = Object.entries(query)
      .filter(([k]) => k.startsWith(`Filter.${n}.Value.`))
      .flatMap(([, v]) => (v === undefined ? [] : [v]));
    filters.set(name, values);
  }
  return filters;
}

/** One page of a Describe call, with EC2's MaxResults rules; `render` turns one item into its XML. */
export function describe<T>(
  action: string,
  request: ServiceRequest,
  items: readonly T[],
  setName: string,
  render: (item: T) => string,
): Routed {
  const api = `ec2:${action}` as PagedApi;
  const filtered = Object.keys(request.query).some((key) => key.startsWith('Filter.'));
  const asked = request.query.MaxResults;
  return {
    api,
    unbounded: asked === undefined && !filtered,
    answer: () => {
      const limit = PAGE_LIMITS[api];
      const size = asked === undefined ? items.length : Number(asked);
      if (asked !== undefined && (size < EC2_MIN_PAGE_SIZE || size > limit.max))
        return invalid(
          `Value ( ${asked} ) for parameter maxResults is invalid. Expecting a value between ${EC2_MIN_PAGE_SIZE} and ${limit.max}.`,
        );
      const offset = offsetOf(request.query.NextToken);
      const page = items.slice(offset, offset + size);
      const next = offset + page.length;
      return answer(
        action,
        itemSet(setName, page.map(render)) + (next < items.length ? el('nextToken', tokenFor(next)) : ''),
      );
    },
  };
}

/**
 * A Describe call that takes one filter: the items whose key is among its values, with EC2's limit of 200 values
 * (FilterLimitExceeded beyond) and any other filter refused, so a collector asking differently fails loudly.
 */
export function describeFiltered<T>(
  action: string,
  request: ServiceRequest,
  filter: { name: string; key: (item: T) => string },
  items: readonly T[],
  setName: string,
  render: (item: T) => string,
): Routed {
  const filters = filtersOf(request.query);
  const values = filters.get(filter.name);
  const wanted = values === undefined ? undefined : new Set(values);
  const routed = describe(
    action,
    request,
    wanted === undefined ? items : items.filter((item) => wanted.has(filter.key(item))),
    setName,
    render,
  );
  if ([...filters.values()].some((v) => v.length > EC2_MAX_FILTER_VALUES))
    return {
      ...routed,
      answer: () =>
        ec2Error(
          'FilterLimitExceeded',
          `The maximum number of filter values specified on a single call is ${EC2_MAX_FILTER_VALUES}`,
          400,
        ),
    };
  const unknown = [...filters.keys()].filter((name) => name !== filter.name);
  if (unknown.length > 0)
    return { ...routed, answer: () => invalid(`The filter '${unknown[0]}' is not simulated.`) };
  return routed;
}
