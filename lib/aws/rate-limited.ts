import type { RateLimiters } from './rate-plan.js';

type SendingClient = { send: (...args: never[]) => Promise<unknown> };

/** What the SDK gives a middleware: the command's and client's names (`GetFunctionCommand`, `LambdaClient`). */
type MiddlewareContext = { commandName?: string; clientName?: string };
type Handler = (args: unknown) => Promise<unknown>;
type Middleware = (next: Handler, context: MiddlewareContext) => Handler;
type CommandWithStack = {
  middlewareStack: {
    addRelativeTo(
      middleware: Middleware,
      options: { name: string; relation: 'before'; toMiddleware: string; override: boolean },
    ): void;
  };
};

function hasMiddlewareStack(command: unknown): command is CommandWithStack {
  if (typeof command !== 'object' || command === null) return false;
  const stack: unknown = Reflect.get(command, 'middlewareStack');
  return (
    typeof stack === 'object' && stack !== null && typeof Reflect.get(stack, 'addRelativeTo') === 'function'
  );
}

/** `lambda:GetFunction` from `LambdaClient` + `GetFunctionCommand`: the clients' names are their IAM prefixes. */
export function apiOf(context: MiddlewareContext): string | undefined {
  const { clientName, commandName } = context;
  if (clientName === undefined || commandName === undefined) return undefined;
  return `${clientName.replace(/Client$/, '').toLowerCase()}:${commandName.replace(/Command$/, '')}`;
}

/**
 * Each attempt of each call takes a token from its API's bucket first. The step sits inside the SDK's retry
 * loop, so a retried call waits for a token too, and before signing, so the signature is fresh when it leaves.
 */
function rateLimitStep(limiters: RateLimiters): Middleware {
  return (next, context) => async (args) => {
    const api = apiOf(context);
    const bucket = api === undefined ? undefined : limiters.bucketFor(api);
    if (bucket !== undefined) await bucket.acquire();
    return next(args);
  };
}

function rateLimited<C extends SendingClient>(client: C, limiters: RateLimiters): C {
  const step = rateLimitStep(limiters);
  const send = (command: unknown, ...rest: unknown[]): Promise<unknown> => {
    if (hasMiddlewareStack(command)) {
      command.middlewareStack.addRelativeTo(step, {
        name: 'auditorRateLimit',
        relation: 'before',
        toMiddleware: 'httpSigningMiddleware',
        override: true,
      });
    }
    return Reflect.apply(client.send, client, [command, ...rest]);
  };
  // A proxy keeps the client's class (paginators check it) and every other property.
  return new Proxy(client, {
    get: (target, property) => (property === 'send' ? send : Reflect.get(target, property)),
  });
}

/** Every client of `clients` pacing its calls through `limiters`; the clients themselves are not changed. */
export function withRateLimits<T extends Record<string, SendingClient>>(
  clients: T,
  limiters: RateLimiters,
): T {
  const paced: Record<string, SendingClient> = {};
  for (const [name, client] of Object.entries(clients)) paced[name] = rateLimited(client, limiters);
  return paced as T;
}
