/**
 * The auditor's own SDK clients (lib/aws/clients.ts, lib/publish/clients.ts) pointed at the fake account
 * server, each request labelled with its scenario so scenarios can run side by side. Collection retries are the
 * SDK's standard strategy (what is retried, how often, the retry quota of each client) with millisecond backoffs
 * instead of seconds, so a storm of faults is ridden out in a test's time; the client-side rate limiting of
 * production's adaptive mode (which waits seconds by design) is not exercised here.
 */
import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import { type Clients, createClients, DEFAULT_MAX_ATTEMPTS } from '../../../lib/aws/clients.js';
import { createPublishClients, type PublishClients } from '../../../lib/publish/clients.js';
import { SCENARIO_HEADER } from './server.js';

type Handler = (args: { request: unknown }) => Promise<unknown>;
type LabelledClient = {
  middlewareStack: {
    add(middleware: (next: Handler) => Handler, options: { step: 'build'; name: string }): void;
  };
};

function hasMiddlewareStack(client: object): client is LabelledClient {
  return 'middlewareStack' in client;
}

/** Adds the scenario header to every request the client sends, retries included. */
function labelWith(scenario: string): (client: object) => void {
  return (client) => {
    if (!hasMiddlewareStack(client)) throw new Error('Not an SDK client.');
    client.middlewareStack.add(
      (next) => async (args) => {
        const request = args.request;
        if (typeof request === 'object' && request !== null && 'headers' in request) {
          Reflect.set(Reflect.get(request, 'headers') as object, SCENARIO_HEADER, scenario);
        }
        return next(args);
      },
      { step: 'build', name: 'faultScenario' },
    );
  };
}

/** Backoff of 2, 4, 8 ... ms (capped at 50) in place of the SDK's 50 ms / 1 s bases. */
function fastRetry(maxAttempts: number = DEFAULT_MAX_ATTEMPTS): ConfiguredRetryStrategy {
  return new ConfiguredRetryStrategy(maxAttempts, (attempt) => Math.min(50, 2 ** attempt));
}

/**
 * Each client its own retry strategy, as in production (one per client, each with its own retry quota), where
 * `overrides.retryStrategy` would share one object, and so one quota, between the six clients.
 */
function ownRetries(maxAttempts: number | undefined): (client: object) => void {
  return (client) => {
    const strategy = fastRetry(maxAttempts);
    const config: unknown = Reflect.get(client, 'config');
    if (typeof config !== 'object' || config === null) throw new Error('Not an SDK client.');
    // The SDK's retry middleware asks the client's config for its strategy on every request.
    Reflect.set(config, 'retryStrategy', async () => strategy);
  };
}

export function scenarioClients(scenario: string, maxAttempts?: number): Clients {
  const label = labelWith(scenario);
  const retries = ownRetries(maxAttempts);
  return createClients({
    region: 'eu-west-1',
    instrument: (client) => {
      label(client);
      retries(client);
    },
  });
}

export function scenarioPublishClients(scenario: string, maxAttempts = 1): PublishClients {
  return createPublishClients({ region: 'eu-west-1', instrument: labelWith(scenario), maxAttempts });
}
