/**
 * The real SDK clients against a small HTTP server of the test's own on 127.0.0.1. aws-sdk-client-mock
 * replaces `send`, so retries, error parsing and endpoint handling can only be seen this way.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type ClientOverrides, createClients } from '../../lib/aws/clients.js';
import { getAccountId } from '../../lib/collect/account.js';
import { collectSubnets, collectVpcEndpoints } from '../../lib/collect/ec2.js';
import { collectFunctions } from '../../lib/collect/lambda.js';
import { CollectionError } from '../../lib/errors.js';
import { testContext } from './helpers.js';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;
type RecordedRequest = { method: string | undefined; url: string | undefined; body: string };

async function startServer(
  handler: Handler,
): Promise<{ url: string; requests: RecordedRequest[]; close: () => Promise<void> }> {
  const requests: RecordedRequest[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString('utf8');
    });
    request.on('end', () => {
      requests.push({ method: request.method, url: request.url, body });
      handler(request, body, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on: bind one, then free it. */
async function closedPortUrl(): Promise<string> {
  const server = await startServer(() => {});
  await server.close();
  return server.url;
}

const ENV_KEYS = [
  'AWS_ENDPOINT_URL',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SHARED_CREDENTIALS_FILE',
  'AWS_CONFIG_FILE',
];
let savedEnv: Record<string, string | undefined>;

beforeEach(() => {
  savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
});

afterEach(() => {
  for (const [key, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  vi.restoreAllMocks();
});

function clientsFor(endpoint: string, overrides?: ClientOverrides) {
  // Through AWS_ENDPOINT_URL, as a user of an emulator would do it: the SDK reads it, not our code.
  process.env.AWS_ENDPOINT_URL = endpoint;
  return createClients({ region: 'eu-west-1', overrides });
}

const lambdaFunction = {
  FunctionName: 'api',
  FunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:api',
  Runtime: 'nodejs22.x',
  Role: 'arn:aws:iam::123456789012:role/api',
  MemorySize: 512,
  Version: '$LATEST',
  VpcConfig: { SubnetIds: ['subnet-a'], SecurityGroupIds: ['sg-1'], VpcId: 'vpc-1' },
};

describe('against a local endpoint', () => {
  it('retries a throttled ListFunctions and collects the function without a gap', async () => {
    let calls = 0;
    const server = await startServer((_request, _body, response) => {
      calls += 1;
      if (calls === 1) {
        response.writeHead(429, {
          'content-type': 'application/json',
          'x-amzn-errortype': 'TooManyRequestsException',
        });
        response.end(JSON.stringify({ message: 'Rate exceeded', Type: 'User' }));
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ Functions: [lambdaFunction] }));
    });
    // The standard strategy decides retries exactly like the adaptive one (adaptive adds a client-side
    // rate limiter that waits ~2 s after a throttle); with no jitter the backoff is 0 ms.
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const clients = clientsFor(server.url, { retryMode: 'standard' });
    const context = testContext();

    try {
      const functions = await collectFunctions(clients.lambda, context);

      expect(functions?.map((f) => f.FunctionName)).toEqual(['api']);
      expect(context.recorder.gaps()).toEqual([]);
      expect(server.requests).toHaveLength(2);
      const url = new URL(server.requests[0]?.url ?? '', server.url);
      expect(url.pathname).toMatch(/^\/2015-03-31\/functions\/?$/);
      expect(Object.fromEntries(url.searchParams)).toEqual({ FunctionVersion: 'ALL', MaxItems: '50' });
    } finally {
      await server.close();
    }
  });

  it('gives up after the configured attempts and records the throttle as a gap', async () => {
    const server = await startServer((_request, _body, response) => {
      response.writeHead(429, {
        'content-type': 'application/json',
        'x-amzn-errortype': 'TooManyRequestsException',
      });
      response.end(
        JSON.stringify({ message: 'Rate exceeded', Type: 'User', Reason: 'CallerRateLimitExceeded' }),
      );
    });
    vi.spyOn(Math, 'random').mockReturnValue(0);
    const clients = clientsFor(server.url, { retryMode: 'standard', maxAttempts: 3 });
    const context = testContext();

    try {
      expect(await collectFunctions(clients.lambda, context)).toBeNull();
      expect(server.requests).toHaveLength(3);
      expect(context.recorder.gaps()).toEqual([
        {
          part: 'functions',
          api: 'lambda:ListFunctions',
          errorCode: 'TooManyRequestsException',
          message: 'Rate exceeded',
        },
      ]);
    } finally {
      await server.close();
    }
  });

  it('reads EC2 query-protocol answers and turns an emulator "not implemented" into a gap', async () => {
    const server = await startServer((_request, body, response) => {
      const action = new URLSearchParams(body).get('Action');
      if (action === 'DescribeSubnets') {
        response.writeHead(200, { 'content-type': 'text/xml' });
        response.end(
          `<DescribeSubnetsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r1</requestId><subnetSet><item><subnetId>subnet-a</subnetId><vpcId>vpc-1</vpcId><availabilityZone>eu-west-1a</availabilityZone><availableIpAddressCount>251</availableIpAddressCount><cidrBlock>10.0.1.0/24</cidrBlock><mapPublicIpOnLaunch>false</mapPublicIpOnLaunch></item></subnetSet></DescribeSubnetsResponse>`,
        );
        return;
      }
      response.writeHead(501, { 'content-type': 'text/xml' });
      response.end(
        `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>InternalFailure</Code><Message>API action '${action}' for service 'ec2' not yet implemented</Message></Error></Errors><RequestID>r2</RequestID></Response>`,
      );
    });
    const clients = clientsFor(server.url);
    const context = testContext();

    try {
      const [subnets, endpoints] = await Promise.all([
        collectSubnets(clients.ec2, context),
        collectVpcEndpoints(clients.ec2, context),
      ]);

      expect(subnets).toEqual([
        {
          SubnetId: 'subnet-a',
          VpcId: 'vpc-1',
          AvailabilityZone: 'eu-west-1a',
          CidrBlock: '10.0.1.0/24',
          AvailableIpAddressCount: 251,
          MapPublicIpOnLaunch: false,
          Ipv6CidrBlocks: [],
        },
      ]);
      expect(
        new URLSearchParams(server.requests.find((r) => r.body.includes('DescribeSubnets'))?.body).get(
          'MaxResults',
        ),
      ).toBe('1000');
      expect(endpoints).toBeNull();
      expect(context.recorder.gaps()).toEqual([
        {
          part: 'vpcEndpoints',
          api: 'ec2:DescribeVpcEndpoints',
          errorCode: 'InternalFailure',
          message: "API action 'DescribeVpcEndpoints' for service 'ec2' not yet implemented",
        },
      ]);
      // 501 is not a transient status: not retried.
      expect(server.requests.filter((r) => r.body.includes('DescribeVpcEndpoints'))).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('names a response that is not AWS-shaped by its HTTP status', async () => {
    const server = await startServer((_request, _body, response) => {
      response.writeHead(501, { 'content-type': 'text/html' });
      response.end('<html><body>Not Implemented</body></html>');
    });
    const context = testContext();
    try {
      expect(await collectFunctions(clientsFor(server.url).lambda, context)).toBeNull();
      expect(context.recorder.gaps()[0]).toMatchObject({ part: 'functions', errorCode: 'HTTP501' });
    } finally {
      await server.close();
    }
  });

  it('records an unreachable endpoint as a gap with the network error code', async () => {
    const clients = clientsFor(await closedPortUrl(), { maxAttempts: 1 });
    const context = testContext();
    expect(await collectSubnets(clients.ec2, context)).toBeNull();
    expect(context.recorder.gaps()).toEqual([
      expect.objectContaining({ part: 'subnets', api: 'ec2:DescribeSubnets', errorCode: 'ECONNREFUSED' }),
    ]);
  });
});

describe('getAccountId', () => {
  it('reads the account from STS', async () => {
    const server = await startServer((_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'text/xml' });
      response.end(
        '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:sts::123456789012:assumed-role/auditor/s</Arn><UserId>AROAX:s</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
      );
    });
    try {
      expect(await getAccountId(clientsFor(server.url).sts, 'eu-west-1')).toBe('123456789012');
      expect(new URLSearchParams(server.requests[0]?.body).get('Action')).toBe('GetCallerIdentity');
    } finally {
      await server.close();
    }
  });

  it('says so in one line when no credentials can be found', async () => {
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    process.env.AWS_SHARED_CREDENTIALS_FILE = '/nonexistent/credentials';
    process.env.AWS_CONFIG_FILE = '/nonexistent/config';
    const clients = clientsFor(await closedPortUrl(), { maxAttempts: 1 });

    const error = await getAccountId(clients.sts, 'eu-west-1').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(CollectionError);
    expect(error).toHaveProperty(
      'message',
      'No AWS credentials found: set AWS_PROFILE, use --profile, or configure the default credential chain.',
    );
    expect(error).toHaveProperty('cause');
  });

  it('names the region when STS cannot be reached', async () => {
    const clients = clientsFor(await closedPortUrl(), { maxAttempts: 1 });
    await expect(getAccountId(clients.sts, 'eu-west-1')).rejects.toThrow(
      /^Cannot reach AWS STS in region eu-west-1: connect ECONNREFUSED 127\.0\.0\.1:\d+$/,
    );
  });
});
