/**
 * The real SDK clients, paced by the collection's limiters, against an in-process request handler that
 * throttles like AWS (token buckets at the documented rates). aws-sdk-client-mock replaces `send` and would
 * skip the middleware that does the pacing, so only a request handler shows it.
 */
import { GetFunctionCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClients, type RequestHandler } from '../../lib/aws/clients.js';
import { withRateLimits } from '../../lib/aws/rate-limited.js';
import { RateLimiters } from '../../lib/aws/rate-plan.js';
import { TokenBucket } from '../../lib/aws/token-bucket.js';

type Answer = { statusCode: number; headers: Record<string, string>; body: Uint8Array };
const ok = (value: unknown): Answer => ({
  statusCode: 200,
  headers: { 'content-type': 'application/json' },
  body: new TextEncoder().encode(JSON.stringify(value)),
});
const tooManyRequests: Answer = {
  statusCode: 429,
  headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'TooManyRequestsException' },
  body: new TextEncoder().encode(JSON.stringify({ Type: 'User', message: 'Rate exceeded' })),
};

/** Lambda's control plane as AWS documents it: 15 requests per second for ListFunctions and the others. */
function throttlingLambda() {
  const bucket = new TokenBucket({ capacity: 15, refillPerSecond: 15 });
  const seen = { calls: 0, throttled: 0 };
  const handler: RequestHandler = {
    handle: async () => {
      seen.calls += 1;
      if (!bucket.tryTake()) {
        seen.throttled += 1;
        return { response: tooManyRequests };
      }
      return { response: ok({ Functions: [] }) };
    },
    updateHttpClientConfig: () => {},
    httpHandlerConfigs: () => ({}),
  };
  return { handler, seen };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('withRateLimits', () => {
  it('keeps a burst of calls under the API bucket, so AWS throttles none of them', async () => {
    const aws = throttlingLambda();
    const { lambda } = withRateLimits(
      createClients({ region: 'eu-west-1', overrides: { requestHandler: aws.handler, maxAttempts: 1 } }),
      new RateLimiters(),
    );

    // 24 at once: nine more than the bucket holds.
    await Promise.all(Array.from({ length: 24 }, () => lambda.send(new ListFunctionsCommand({}))));

    expect(aws.seen).toEqual({ calls: 24, throttled: 0 });
  });

  it('takes a token for every attempt, a retry included', async () => {
    let calls = 0;
    const handler: RequestHandler = {
      handle: async () => {
        calls += 1;
        return { response: calls === 1 ? tooManyRequests : ok({ Configuration: { FunctionName: 'api' } }) };
      },
      updateHttpClientConfig: () => {},
      httpHandlerConfigs: () => ({}),
    };
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const limiters = new RateLimiters();
    const bucket = limiters.bucketFor('lambda:GetFunction');
    if (bucket === undefined) throw new Error('GetFunction has a planned bucket.');
    const acquire = vi.spyOn(bucket, 'acquire');
    const { lambda } = withRateLimits(
      createClients({ region: 'eu-west-1', overrides: { requestHandler: handler, retryMode: 'standard' } }),
      limiters,
    );

    const response = await lambda.send(new GetFunctionCommand({ FunctionName: 'api' }));

    expect(response.Configuration?.FunctionName).toBe('api');
    expect(calls).toBe(2);
    expect(acquire).toHaveBeenCalledTimes(2);
  });

  it('leaves the clients it wraps unpaced', async () => {
    const aws = throttlingLambda();
    const clients = createClients({
      region: 'eu-west-1',
      overrides: { requestHandler: aws.handler, maxAttempts: 1 },
    });
    withRateLimits(clients, new RateLimiters());

    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => clients.lambda.send(new ListFunctionsCommand({}))),
    );

    expect(results.filter((result) => result.status === 'rejected')).toHaveLength(5);
    expect(aws.seen.throttled).toBe(5);
  });
});
