import type { RequestHandler } from '../../lib/aws/clients.js';
import { TokenBucket } from '../../lib/aws/token-bucket.js';
import type { SyntheticAccount } from '../account-types.js';
import { serviceBucket } from './aws-limits.js';
import { ec2Service } from './ec2.js';
import { iamService, stsService } from './iam.js';
import { cloudwatchService, quotasService } from './json-services.js';
import { lambdaService } from './lambda.js';
import { type Routed, type ServiceRequest, type SimAccount, simAccount } from './services.js';
import { ec2Error, json, queryError, type Reply } from './wire.js';

/**
 * AWS behind the SDK: the real clients, given `handler` as their request handler, send their signed requests
 * here instead of over the network. Each answer comes after `latencyMs`, in the service's own protocol; a
 * call beyond its API's documented throttling bucket gets that service's real throttling error, so the
 * SDK's retry path runs exactly as against AWS.
 */
export type SimulationOptions = { latencyMs: number };

/** Calls of one API (throttled ones included), and when the first and last arrived (ms after `start()`). */
export type ApiCount = { calls: number; throttled: number; firstAt: number; lastAt: number };

type SdkRequest = Parameters<RequestHandler['handle']>[0];

/** The signing name in the SigV4 credential scope says which service a request is for. */
const SERVICES: Record<string, (request: ServiceRequest, sim: SimAccount) => Routed> = {
  lambda: lambdaService,
  ec2: ec2Service,
  iam: iamService,
  sts: stsService,
  monitoring: cloudwatchService,
  servicequotas: quotasService,
};

function serviceOf(request: SdkRequest): string {
  const authorization = request.headers.authorization ?? request.headers.Authorization ?? '';
  return /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(authorization)?.[1] ?? '';
}

function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  return '';
}

/** Query strings and form bodies (the query protocols) both become `query`. */
function toServiceRequest(request: SdkRequest): ServiceRequest {
  const body = bodyText(request.body);
  const query: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(request.query ?? {}))
    query[key] = Array.isArray(value) ? value[0] : (value ?? undefined);
  const contentType = request.headers['content-type'] ?? request.headers['Content-Type'] ?? '';
  if (contentType.startsWith('application/x-www-form-urlencoded'))
    for (const [key, value] of new URLSearchParams(body)) query[key] = value;
  const target = request.headers['x-amz-target'] ?? request.headers['X-Amz-Target'];
  return {
    method: request.method,
    path: request.path,
    query,
    target: target?.slice(target.lastIndexOf('.') + 1),
    body,
  };
}

/** Each service's own answer to a call over its rate. */
function throttled(service: string): Reply {
  switch (service) {
    case 'lambda':
      return json({ Reason: 'CallerRateLimitExceeded', Type: 'User', message: 'Rate exceeded' }, 429, {
        'x-amzn-errortype': 'TooManyRequestsException',
      });
    case 'ec2':
      return ec2Error('RequestLimitExceeded', 'Request limit exceeded.', 503);
    case 'monitoring':
      return json({ __type: 'Throttling', message: 'Rate exceeded' }, 400, {
        'x-amzn-query-error': 'Throttling;Sender',
      });
    case 'servicequotas':
      return json({ __type: 'TooManyRequestsException', Message: 'Rate exceeded' }, 400);
    default:
      return queryError('Throttling', 'Rate exceeded', 400);
  }
}

export class SimulatedAws {
  readonly #sim: SimAccount;
  readonly #options: SimulationOptions;
  readonly #buckets = new Map<string, TokenBucket>();
  readonly #counts = new Map<string, ApiCount>();
  readonly handler: RequestHandler;
  #startedAt = performance.now();

  constructor(account: SyntheticAccount, options: SimulationOptions) {
    this.#sim = simAccount(account);
    this.#options = options;
    this.handler = {
      handle: async (request: SdkRequest) => ({ response: await this.#answer(request) }),
      updateHttpClientConfig: () => {},
      httpHandlerConfigs: () => ({}),
    };
  }

  /** Starts the clock of `firstAt`/`lastAt` and clears the counts. */
  start(): void {
    this.#startedAt = performance.now();
    this.#counts.clear();
  }

  /** Calls per API so far, throttled ones included, sorted by API. */
  counts(): Map<string, ApiCount> {
    return new Map([...this.#counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
  }

  #bucket(routed: Routed): TokenBucket | undefined {
    const spec = serviceBucket(routed.api, routed.unbounded ?? false);
    if (spec === undefined) return undefined;
    let bucket = this.#buckets.get(spec.id);
    if (bucket === undefined) {
      bucket = new TokenBucket(spec);
      this.#buckets.set(spec.id, bucket);
    }
    return bucket;
  }

  async #answer(request: SdkRequest) {
    const service = serviceOf(request);
    const serve = SERVICES[service];
    const routed: Routed =
      serve === undefined
        ? { api: `${service || 'unknown'}:?`, answer: () => queryError('UnknownService', service, 400) }
        : serve(toServiceRequest(request), this.#sim);
    const now = Math.round(performance.now() - this.#startedAt);
    const count = this.#counts.get(routed.api) ?? { calls: 0, throttled: 0, firstAt: now, lastAt: now };
    this.#counts.set(routed.api, count);
    count.calls += 1;
    count.lastAt = now;
    const allowed = this.#bucket(routed)?.tryTake() ?? true;
    if (!allowed) count.throttled += 1;
    const reply = allowed ? routed.answer() : throttled(service);
    await new Promise((resolve) => setTimeout(resolve, this.#options.latencyMs));
    return { statusCode: reply.status, headers: reply.headers, body: new TextEncoder().encode(reply.body) };
  }
}
