import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { errorMessage, PublishError } from '../errors.js';
import type { LazyClient } from './clients.js';
import type { WebhookSource } from './config.js';
import { describeError } from './describe-error.js';

/**
 * Slack incoming webhook, for teams without AWS Chatbot. The URL is a credential (anyone holding it can post
 * to the channel): it is read from an SSM SecureString or a Secrets Manager secret through Powertools
 * Parameters (cached for a few minutes across warm invocations), and it never appears in a log or an error.
 */

/** Seconds a fetched URL is reused by warm invocations. */
const CACHE_SECONDS = 300;
const POST_TIMEOUT_MS = 10_000;

export type WebhookUrlReader = () => Promise<string>;

/** Loopback http is accepted only so tests can run a webhook server of their own. */
function isAcceptableUrl(url: URL): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

function whereKept(source: WebhookSource): string {
  return source.kind === 'ssm' ? `SSM parameter ${source.name}` : `secret ${source.id}`;
}

/** The URL in a secret's value: the value itself, or a JSON object's `url` (console-made secrets are JSON). */
function urlIn(value: string): string {
  const trimmed = value.trim();
  if (!trimmed.startsWith('{')) return trimmed;
  try {
    const parsed: unknown = JSON.parse(trimmed);
    const url = typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'url') : undefined;
    return typeof url === 'string' ? url : '';
  } catch {
    return '';
  }
}

export type WebhookSecretClients = {
  ssm: LazyClient<SSMClient>;
  secretsManager: LazyClient<SecretsManagerClient>;
};

/** The Powertools provider (and its SDK client) are loaded on the first read: most runs send no Slack message. */
async function providerRead(
  source: WebhookSource,
  clients: WebhookSecretClients,
): Promise<() => Promise<unknown>> {
  if (source.kind === 'ssm') {
    const { SSMProvider } = await import('@aws-lambda-powertools/parameters/ssm');
    const provider = new SSMProvider({ awsSdkV3Client: await clients.ssm() });
    return () => provider.get(source.name, { decrypt: true, maxAge: CACHE_SECONDS });
  }
  const { SecretsProvider } = await import('@aws-lambda-powertools/parameters/secrets');
  const provider = new SecretsProvider({ awsSdkV3Client: await clients.secretsManager() });
  return () => provider.get(source.id, { maxAge: CACHE_SECONDS });
}

/** Powertools wraps the SDK's error (`GetParameterError`); the SDK's own code says more. */
function innermost(error: unknown): unknown {
  return error instanceof Error && error.cause !== undefined ? error.cause : error;
}

export function createWebhookUrlReader(
  source: WebhookSource,
  clients: WebhookSecretClients,
): WebhookUrlReader {
  // One provider for the execution environment, so its cache serves warm invocations.
  let provider: Promise<() => Promise<unknown>> | undefined;
  return async () => {
    let value: unknown;
    try {
      provider ??= providerRead(source, clients);
      value = await (await provider)();
    } catch (error) {
      throw new PublishError(
        `Cannot read the Slack webhook URL from ${whereKept(source)}: ${describeError(innermost(error))}`,
        {
          cause: error,
        },
      );
    }
    const text = typeof value === 'string' ? urlIn(value) : '';
    let url: URL | undefined;
    try {
      url = new URL(text);
    } catch {
      url = undefined;
    }
    if (url === undefined || !isAcceptableUrl(url)) {
      throw new PublishError(`The value of ${whereKept(source)} is not an https webhook URL.`);
    }
    return url.toString();
  };
}

/** POSTs the payload; Slack answers 200 `ok`, or an error code in the body (`invalid_payload`, `no_service`). */
export async function postToWebhook(
  url: string,
  payload: unknown,
  fetchImpl: typeof fetch = fetch,
): Promise<void> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
      signal: AbortSignal.timeout(POST_TIMEOUT_MS),
    });
  } catch (error) {
    // The fetch error names the host, not the secret path; still, say only what failed.
    throw new PublishError(`Cannot reach the Slack webhook: ${errorMessage(innermost(error))}`, {
      cause: error,
    });
  }
  if (!response.ok) {
    // An endpoint that quotes the URL it was called on would put the secret in the error: it is blanked out.
    const { pathname } = new URL(url);
    const text = (await response.text()).replaceAll(url, '[webhook URL]');
    const body = (pathname.length > 1 ? text.replaceAll(pathname, '[webhook path]') : text)
      .slice(0, 200)
      .replace(/\s+/g, ' ');
    throw new PublishError(`The Slack webhook answered HTTP ${response.status}${body ? `: ${body}` : ''}.`);
  }
}
