/**
 * A fake AWS endpoint on 127.0.0.1 that answers the real SDK clients (through `AWS_ENDPOINT_URL`) for any
 * number of scenarios at once: each request carries its scenario's name in a header (see clients.ts), and
 * each scenario has its own account, faults, paging quirks, S3 objects and SNS messages. A fault can be a
 * service error in the protocol's own shape, a connection reset, a hang, a delay, or any reply at all.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { payloadOf, serviceOf } from '../../fixtures/aws-request.js';
import { answerRead, type FakeAccount, type PagingQuirks, type Request } from './account.js';
import {
  DENIED,
  errorReply,
  escapeXml,
  jsonReply,
  PROTOCOL_OF,
  queryReply,
  type Reply,
  xmlReply,
} from './wire.js';

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
  request: Request;
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
  /** GetFunction answers with this `TagsError` instead of the tags (the caller may not lambda:ListTags). */
  tagsError?: { ErrorCode: string; Message: string };
  /** SSM parameters by name (SecureStrings, decrypted on request). */
  parameters?: Record<string, string>;
}

interface Recorded {
  scenario: string;
  service: string;
  action: string;
  status: number | 'reset' | 'hang';
}

export interface PublishedMessage {
  topicArn: string | null;
  subject: string | null;
  message: string;
}

interface ScenarioState extends ScenarioSpec {
  counts: Map<string, number>;
  seq: number;
  startedAt: number | undefined;
  /** `bucket/key` -> body. */
  objects: Map<string, string>;
  published: PublishedMessage[];
  deletedEnis: string[];
}

export interface FakeAccountServer {
  url: string;
  /** Every request, in arrival order. */
  requests: Recorded[];
  /** Registers (or replaces) a scenario; requests without the header belong to `default`. */
  scenario(name: string, spec: ScenarioSpec): void;
  /** Changes a scenario's faults and keeps its state (objects, messages): a retry after an outage ended. */
  setFaults(name: string, faults: FaultPlan | undefined): void;
  objects(name: string): Map<string, string>;
  published(name: string): PublishedMessage[];
  deletedEnis(name: string): string[];
  close(): Promise<void>;
}

function lambdaAction(method: string, path: string): string {
  if (/^\/2015-03-31\/functions\/?$/.test(path)) return 'ListFunctions';
  if (/^\/2015-03-31\/functions\/[^/]+$/.test(path)) return 'GetFunction';
  if (/^\/2016-08-19\/account-settings\/?$/.test(path)) return 'GetAccountSettings';
  return `${method} ${path}`;
}

function parseJson(body: string): Record<string, unknown> {
  if (body === '') return {};
  const value: unknown = JSON.parse(body);
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

/** Reads the request into the service, action and parameters the fault plan and the account see. */
function requestOf(request: IncomingMessage, body: string): Request {
  const service = serviceOf(request);
  const method = request.method ?? 'GET';
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const path = decodeURIComponent(url.pathname);
  const target = String(request.headers['x-amz-target'] ?? '');
  if (service === 'lambda')
    return { service, action: lambdaAction(method, url.pathname), params: url.searchParams, json: {}, path };
  if (service === 's3') {
    const action = method === 'PUT' ? 'PutObject' : method === 'GET' ? 'GetObject' : `${method}Object`;
    return { service, action, params: url.searchParams, json: {}, path };
  }
  if (target !== '')
    return {
      service,
      action: target.split('.').pop() ?? target,
      params: url.searchParams,
      json: parseJson(body),
      path,
    };
  const params = new URLSearchParams(body);
  return { service, action: params.get('Action') ?? `${method} ${path}`, params, json: {}, path };
}

function answerS3(state: ScenarioState, request: Request, body: string): Reply {
  const key = request.path.slice(1);
  if (request.action === 'PutObject') {
    state.objects.set(key, body);
    return { status: 200, headers: { etag: '"0"' }, body: '' };
  }
  if (request.action === 'GetObject') {
    const object = state.objects.get(key);
    if (object !== undefined)
      return { status: 200, headers: { 'content-type': 'application/json' }, body: object };
    return errorReply('rest-xml', 404, 'NoSuchKey', 'The specified key does not exist.');
  }
  return errorReply('rest-xml', 501, 'NotImplemented', `${request.action} is not implemented here`);
}

function answerSns(state: ScenarioState, request: Request): Reply {
  if (request.action !== 'Publish') return errorReply('query', 400, 'InvalidAction', request.action);
  state.published.push({
    topicArn: request.params.get('TopicArn'),
    subject: request.params.get('Subject'),
    message: request.params.get('Message') ?? '',
  });
  return queryReply(
    'Publish',
    'http://sns.amazonaws.com/doc/2010-03-31/',
    `<MessageId>msg-${escapeXml(String(state.published.length))}</MessageId>`,
  );
}

function answerDelete(state: ScenarioState, request: Request): Reply {
  const id = request.params.get('NetworkInterfaceId') ?? '';
  if (request.params.get('DryRun') === 'true')
    return errorReply('ec2', 412, 'DryRunOperation', 'Request would have succeeded, but DryRun flag is set.');
  state.deletedEnis.push(id);
  state.account = {
    ...state.account,
    networkInterfaces: state.account.networkInterfaces.filter((eni) => eni.NetworkInterfaceId !== id),
  };
  return xmlReply(
    200,
    '<DeleteNetworkInterfaceResponse><requestId>r</requestId><return>true</return></DeleteNetworkInterfaceResponse>',
  );
}

function answerSsm(state: ScenarioState, request: Request): Reply {
  const name = String(request.json.Name ?? '');
  const value = state.parameters?.[name];
  if (request.action !== 'GetParameter' || value === undefined)
    return errorReply('json-1.1', 400, 'ParameterNotFound', `Parameter ${name} not found.`);
  return jsonReply({ Parameter: { Name: name, Type: 'SecureString', Value: value, Version: 1 } }, 'json-1.1');
}

/** A webhook (unsigned POST to /services/...) that refuses, quoting the path it was called on. */
const WEBHOOK_PATH = /^\/services\//;

function answer(state: ScenarioState, request: Request, body: string, n: number): Reply {
  if (request.service === 'unknown' && WEBHOOK_PATH.test(request.path))
    return {
      status: 400,
      headers: { 'content-type': 'text/plain' },
      body: `invalid_token for ${request.path}`,
    };
  if (request.service === 'ssm') return answerSsm(state, request);
  if (request.service === 's3') return answerS3(state, request, body);
  if (request.service === 'sns') return answerSns(state, request);
  if (request.service === 'ec2' && request.action === 'DeleteNetworkInterface')
    return answerDelete(state, request);
  const reply = answerRead(state.account, request, state.paging?.[request.action], n - 1);
  if (request.action !== 'GetFunction' || state.tagsError === undefined || reply.status !== 200) return reply;
  const { Tags: _tags, ...withoutTags } = parseJson(reply.body);
  return { ...reply, body: JSON.stringify({ ...withoutTags, TagsError: state.tagsError }) };
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

  const server = createServer((incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const scenario = String(incoming.headers[SCENARIO_HEADER] ?? 'default');
      const body = payloadOf(incoming, Buffer.concat(chunks));
      const request = requestOf(incoming, body);
      const state = scenarios.get(scenario);
      const record = (status: Recorded['status']) =>
        requests.push({ scenario, service: request.service, action: request.action, status });
      const send = (reply: Reply) => {
        record(reply.status);
        if (response.destroyed) return;
        response.writeHead(reply.status, reply.headers);
        response.end(reply.body);
      };
      if (state === undefined) {
        send(errorReply('query', 400, 'UnknownScenario', `No scenario "${scenario}".`));
        return;
      }
      const n = (state.counts.get(request.action) ?? 0) + 1;
      state.counts.set(request.action, n);
      state.seq += 1;
      state.startedAt ??= Date.now();
      const call = {
        scenario,
        service: request.service,
        action: request.action,
        n,
        seq: state.seq,
        elapsedMs: Date.now() - state.startedAt,
        attempt: Number(/attempt=(\d+)/.exec(String(incoming.headers['amz-sdk-request'] ?? ''))?.[1] ?? 1),
        invocationId: String(incoming.headers['amz-sdk-invocation-id'] ?? ''),
      };
      const fault = state.faults?.({ ...call, request });
      const protocol = PROTOCOL_OF[request.service] ?? 'query';
      // A fake that cannot answer says so (501) rather than leave the client waiting.
      const answered = () => {
        try {
          return answer(state, request, body, n);
        } catch (error) {
          return errorReply(protocol, 501, 'FakeCannotAnswer', String(error));
        }
      };
      switch (fault?.kind) {
        case undefined:
          return send(answered());
        case 'error':
          return send(
            errorReply(protocol, fault.status, fault.code, fault.message ?? `${fault.code} (injected)`),
          );
        case 'reset':
          record('reset');
          incoming.socket.destroy();
          return;
        case 'hang':
          record('hang');
          return;
        case 'reply':
          return send(fault.reply);
        case 'delay': {
          const timer = setTimeout(() => send(answered()), fault.ms);
          response.on('close', () => clearTimeout(timer));
          return;
        }
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    scenario(name, spec) {
      scenarios.set(name, {
        ...spec,
        counts: new Map(),
        seq: 0,
        startedAt: undefined,
        objects: new Map(),
        published: [],
        deletedEnis: [],
      });
    },
    setFaults(name, faults) {
      const state = stateOf(name);
      if (faults === undefined) delete state.faults;
      else state.faults = faults;
    },
    objects: (name) => stateOf(name).objects,
    published: (name) => stateOf(name).published,
    deletedEnis: (name) => stateOf(name).deletedEnis,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
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
