/**
 * A fake AWS endpoint on 127.0.0.1 that answers the real SDK clients (through `AWS_ENDPOINT_URL`) for any
 * number of scenarios at once: each request carries its scenario's name in a header (see clients.ts), and
 * each scenario has its own account, faults, paging quirks, S3 objects and SNS messages. The APIs are the
 * shared ones (test/fixtures/aws-api); this layer adds the faults: a service error in the protocol's own
 * shape, a connection reset, a hang, a delay, or any reply at all.
 */
import type { IncomingMessage } from 'node:http';
import {
  type AccountState,
  type FakeAccount,
  newAccountState,
  type PublishedMessage,
} from '../../fixtures/aws-api/account.js';
import { listen, replyLater, send } from '../../fixtures/aws-api/http.js';
import type { PagingQuirks } from '../../fixtures/aws-api/paging.js';
import type { AwsRequest } from '../../fixtures/aws-api/request.js';
import { DENIED } from '../../fixtures/aws-api/service-errors.js';
import { answer, protocolOf, requestOf } from '../../fixtures/aws-api/services.js';
import { errorReply, type Reply } from '../../fixtures/aws-api/wire.js';

export const SCENARIO_HEADER = 'x-fault-scenario';

/** One request as the fault plan sees it. */
export interface Call {
  scenario: string;
  service: string;
  action: string;
  /** 1 for the scenario's first call of this action, 2 for the second (a retry counts), ... */
  n: number;
  /** 1 for the scenario's first call of any action, ... */
  seq: number;
  /** Milliseconds since the scenario's first request. */
  elapsedMs: number;
  /** The SDK's own count for this request (`amz-sdk-request: attempt=N`): 1, then 2 for its first retry, ... */
  attempt: number;
  /** The SDK's id of the request, the same for all its attempts (`amz-sdk-invocation-id`). */
  invocationId: string;
  request: AwsRequest;
}

export type Fault =
  /** A service error as the protocol shapes it (`code`, HTTP `status`). */
  | { kind: 'error'; status: number; code: string; message?: string }
  /** The connection is destroyed without an answer (ECONNRESET for the client). */
  | { kind: 'reset' }
  /** Never answered. */
  | { kind: 'hang' }
  /** Answered normally, this late. */
  | { kind: 'delay'; ms: number }
  /** Answered with this instead. */
  | { kind: 'reply'; reply: Reply };

export type FaultPlan = (call: Call) => Fault | undefined;

export interface ScenarioSpec {
  account: FakeAccount;
  faults?: FaultPlan;
  /** Paging quirks by action (`DescribeSubnets`, `ListFunctions`, ...). */
  paging?: Record<string, PagingQuirks>;
  /** The account's `tagsError`: GetFunction answers with it instead of the tags. */
  tagsError?: FakeAccount['tagsError'];
  /** The account's SSM parameters by name. */
  parameters?: FakeAccount['parameters'];
}

interface Recorded {
  scenario: string;
  service: string;
  action: string;
  status: number | 'reset' | 'hang';
}

interface ScenarioState extends AccountState {
  faults?: FaultPlan;
  paging?: Record<string, PagingQuirks>;
  counts: Map<string, number>;
  seq: number;
  startedAt: number | undefined;
}

export interface FakeAccountServer {
  url: string;
  /** Every request, in arrival order. */
  requests: Recorded[];
  /** Registers (or replaces) a scenario; requests without the header belong to `default`. */
  scenario(name: string, spec: ScenarioSpec): void;
  /** Changes a scenario's faults and keeps its state (objects, messages): a retry after an outage ended. */
  setFaults(name: string, faults: FaultPlan | undefined): void;
  /** The bodies of the scenario's S3 objects by `bucket/key`. */
  objects(name: string): Map<string, string>;
  published(name: string): PublishedMessage[];
  deletedEnis(name: string): string[];
  close(): Promise<void>;
}

function scenarioState({ account, faults, paging, tagsError, parameters }: ScenarioSpec): ScenarioState {
  return {
    ...newAccountState({
      ...account,
      ...(tagsError === undefined ? {} : { tagsError }),
      ...(parameters === undefined ? {} : { parameters }),
    }),
    ...(faults === undefined ? {} : { faults }),
    ...(paging === undefined ? {} : { paging }),
    counts: new Map(),
    seq: 0,
    startedAt: undefined,
  };
}

/** A webhook (unsigned POST to /services/...) that refuses, quoting the path it was called on. */
const WEBHOOK_PATH = /^\/services\//;

function webhookRefusal(path: string): Reply {
  return { status: 400, headers: { 'content-type': 'text/plain' }, body: `invalid_token for ${path}` };
}

/** The call as the fault plan sees it; counting it in the scenario's figures. */
function callOf(
  scenario: string,
  state: ScenarioState,
  request: AwsRequest,
  incoming: IncomingMessage,
): Call {
  const n = (state.counts.get(request.action) ?? 0) + 1;
  state.counts.set(request.action, n);
  state.seq += 1;
  state.startedAt ??= Date.now();
  return {
    scenario,
    service: request.service,
    action: request.action,
    n,
    seq: state.seq,
    elapsedMs: Date.now() - state.startedAt,
    attempt: Number(/attempt=(\d+)/.exec(String(incoming.headers['amz-sdk-request'] ?? ''))?.[1] ?? 1),
    invocationId: String(incoming.headers['amz-sdk-invocation-id'] ?? ''),
    request,
  };
}

export async function startFakeAccountServer(): Promise<FakeAccountServer> {
  const scenarios = new Map<string, ScenarioState>();
  const requests: Recorded[] = [];
  const stateOf = (name: string): ScenarioState => {
    const state = scenarios.get(name);
    if (state === undefined)
      throw new Error(`No scenario "${name}" registered with the fake account server.`);
    return state;
  };

  const endpoint = await listen((incoming, response, raw) => {
    const scenario = String(incoming.headers[SCENARIO_HEADER] ?? 'default');
    const request = requestOf(incoming, raw);
    const state = scenarios.get(scenario);
    const record = (status: Recorded['status']) =>
      requests.push({ scenario, service: request.service, action: request.action, status });
    const reply = (answered: Reply) => {
      record(answered.status);
      send(response, answered);
    };
    if (state === undefined)
      return reply(errorReply('query', 400, 'UnknownScenario', `No scenario "${scenario}".`));
    const call = callOf(scenario, state, request, incoming);
    const fault = state.faults?.(call);
    const answered = () =>
      request.service === 'unknown' && WEBHOOK_PATH.test(request.path)
        ? webhookRefusal(request.path)
        : answer({
            state,
            request,
            paging: { quirks: state.paging?.[request.action], pagesServed: call.n - 1 },
          });
    switch (fault?.kind) {
      case undefined:
        return reply(answered());
      case 'error': {
        const message = fault.message ?? `${fault.code} (injected)`;
        return reply(errorReply(protocolOf(request.service), fault.status, fault.code, message));
      }
      case 'reset':
        record('reset');
        incoming.socket.destroy();
        return;
      case 'hang':
        record('hang');
        return;
      case 'reply':
        return reply(fault.reply);
      case 'delay':
        return replyLater(response, fault.ms, () => reply(answered()));
    }
  });
  return {
    url: endpoint.url,
    requests,
    scenario(name, spec) {
      scenarios.set(name, scenarioState(spec));
    },
    setFaults(name, faults) {
      const state = stateOf(name);
      if (faults === undefined) delete state.faults;
      else state.faults = faults;
    },
    objects: (name) => new Map([...stateOf(name).objects].map(([key, object]) => [key, object.body])),
    published: (name) => stateOf(name).published,
    deletedEnis: (name) => stateOf(name).deletedEnis,
    close: endpoint.close,
  };
}

/** The usual denial of a service (UnauthorizedOperation for EC2, AccessDeniedException for Lambda, ...). */
export function deniedBy(service: string, action: string): Fault {
  const denial = DENIED[service] ?? { status: 403, code: 'AccessDenied' };
  return {
    kind: 'error',
    status: denial.status,
    code: denial.code,
    message: `User: arn:aws:sts::123456789012:assumed-role/auditor/session is not authorized to perform: ${service}:${action}`,
  };
}
