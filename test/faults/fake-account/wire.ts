/**
 * What goes over the wire: AWS's response and error formats for each protocol the auditor's clients speak
 * (EC2 query, AWS query for IAM/STS/SNS, REST-JSON for Lambda, JSON 1.0 for CloudWatch, JSON 1.1 for Service
 * Quotas, REST-XML for S3). Field names are the ones the SDK's deserializers read.
 */

export type Reply = { status: number; headers: Record<string, string>; body: string };

/** The protocol of each service, which decides how a reply and an error look. */
export type Protocol = 'ec2' | 'query' | 'rest-json' | 'json-1.0' | 'json-1.1' | 'rest-xml';

export const PROTOCOL_OF: Record<string, Protocol> = {
  ec2: 'ec2',
  iam: 'query',
  sts: 'query',
  sns: 'query',
  lambda: 'rest-json',
  monitoring: 'json-1.0',
  servicequotas: 'json-1.1',
  ssm: 'json-1.1',
  s3: 'rest-xml',
};

export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** EC2's element names that are not the member name with a lower-case first letter. */
const EC2_NAMES: Record<string, string> = {
  Groups: 'groupSet',
  Associations: 'associationSet',
  Routes: 'routeSet',
  Attachments: 'attachmentSet',
  UserIdGroupPairs: 'groups',
};

function ec2Name(member: string): string {
  return EC2_NAMES[member] ?? `${member.charAt(0).toLowerCase()}${member.slice(1)}`;
}

/** An EC2 response value: objects become elements, lists become `<item>`s. */
export function ec2Xml(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map((item) => `<item>${ec2Xml(item)}</item>`).join('');
  if (typeof value === 'object') {
    return Object.entries(value)
      .filter(([, member]) => member !== undefined && member !== null)
      .map(([member, inner]) => {
        const name = ec2Name(member);
        return `<${name}>${ec2Xml(inner)}</${name}>`;
      })
      .join('');
  }
  return escapeXml(String(value));
}

export function ec2Reply(action: string, inner: string): Reply {
  return xmlReply(
    200,
    `<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId>${inner}</${action}Response>`,
  );
}

/** AWS query protocol (IAM, STS, SNS): `<Action>Response><Action>Result>`. */
export function queryReply(action: string, namespace: string, result: string): Reply {
  return xmlReply(
    200,
    `<${action}Response xmlns="${namespace}"><${action}Result>${result}</${action}Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></${action}Response>`,
  );
}

export function xmlReply(status: number, body: string): Reply {
  return { status, headers: { 'content-type': 'text/xml' }, body };
}

export function jsonReply(value: unknown, protocol: Protocol = 'rest-json'): Reply {
  const contentType =
    protocol === 'json-1.0'
      ? 'application/x-amz-json-1.0'
      : protocol === 'json-1.1'
        ? 'application/x-amz-json-1.1'
        : 'application/json';
  return { status: 200, headers: { 'content-type': contentType }, body: JSON.stringify(value) };
}

/** A service error in the shape the protocol uses, so the SDK names it by `code` as it would for AWS. */
export function errorReply(protocol: Protocol, status: number, code: string, message: string): Reply {
  switch (protocol) {
    case 'ec2':
      return xmlReply(
        status,
        `<Response><Errors><Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error></Errors><RequestID>r</RequestID></Response>`,
      );
    case 'query':
      return xmlReply(
        status,
        `<ErrorResponse><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
      );
    case 'rest-xml':
      return xmlReply(status, `<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message></Error>`);
    case 'rest-json':
      return {
        status,
        headers: { 'content-type': 'application/json', 'x-amzn-errortype': code },
        body: JSON.stringify({ message, Type: status >= 500 ? 'Service' : 'User' }),
      };
    case 'json-1.0':
      // CloudWatch is query-compatible: the query error code travels in a header besides the JSON type.
      return {
        status,
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amzn-query-error': `${code};${status >= 500 ? 'Receiver' : 'Sender'}`,
        },
        body: JSON.stringify({ __type: `com.amazonaws.cloudwatch#${code}`, message }),
      };
    case 'json-1.1':
      return {
        status,
        headers: { 'content-type': 'application/x-amz-json-1.1' },
        body: JSON.stringify({ __type: code, Message: message }),
      };
  }
}

/** AWS's answers for "not allowed", "slow down" and "something broke", per service. */
export const DENIED: Record<string, { status: number; code: string }> = {
  ec2: { status: 403, code: 'UnauthorizedOperation' },
  iam: { status: 403, code: 'AccessDenied' },
  sts: { status: 403, code: 'AccessDenied' },
  sns: { status: 403, code: 'AuthorizationError' },
  lambda: { status: 403, code: 'AccessDeniedException' },
  monitoring: { status: 403, code: 'AccessDenied' },
  servicequotas: { status: 400, code: 'AccessDeniedException' },
  s3: { status: 403, code: 'AccessDenied' },
};

export const THROTTLED: Record<string, { status: number; code: string }> = {
  ec2: { status: 503, code: 'RequestLimitExceeded' },
  iam: { status: 400, code: 'Throttling' },
  sts: { status: 400, code: 'Throttling' },
  sns: { status: 400, code: 'Throttling' },
  lambda: { status: 429, code: 'TooManyRequestsException' },
  monitoring: { status: 400, code: 'Throttling' },
  servicequotas: { status: 400, code: 'TooManyRequestsException' },
  s3: { status: 503, code: 'SlowDown' },
};

export const BROKEN: Record<string, { status: number; code: string }> = {
  ec2: { status: 503, code: 'Unavailable' },
  iam: { status: 500, code: 'ServiceFailure' },
  sts: { status: 500, code: 'InternalFailure' },
  sns: { status: 500, code: 'InternalError' },
  lambda: { status: 500, code: 'ServiceException' },
  monitoring: { status: 500, code: 'InternalServiceError' },
  servicequotas: { status: 500, code: 'ServiceException' },
  s3: { status: 500, code: 'InternalError' },
};
