import { describe, expect, it } from 'vitest';
import {
  errorCodeOf,
  gapMessageOf,
  isAccessDeniedCode,
  MAX_GAP_MESSAGE_LENGTH,
} from '../../lib/aws/error-codes.js';
import { IncompleteResponseError } from '../../lib/collect/response.js';
import {
  EC2_UNAUTHORIZED,
  ec2Error,
  iamError,
  LAMBDA_ACCESS_DENIED,
  lambdaError,
} from '../collect/helpers.js';

describe('errorCodeOf', () => {
  it.each([
    ['Lambda access denied', LAMBDA_ACCESS_DENIED('lambda:ListFunctions'), 'AccessDeniedException'],
    ['EC2 access denied', EC2_UNAUTHORIZED('ec2:DescribeSubnets'), 'UnauthorizedOperation'],
    ['IAM access denied', iamError({ name: 'AccessDenied', status: 403, message: 'no' }), 'AccessDenied'],
    [
      'Lambda throttling',
      lambdaError({ name: 'ThrottlingException', status: 429, message: 'Rate exceeded' }),
      'ThrottlingException',
    ],
    [
      'EC2 throttling',
      ec2Error({ name: 'RequestLimitExceeded', status: 503, message: 'Request limit exceeded.' }),
      'RequestLimitExceeded',
    ],
    [
      'emulator: unknown operation',
      lambdaError({ name: 'UnknownOperationException', status: 404, message: '' }),
      'UnknownOperationException',
    ],
    [
      'emulator: not implemented',
      ec2Error({ name: 'NotImplemented', status: 501, message: 'not implemented' }),
      'NotImplemented',
    ],
    ['5xx', ec2Error({ name: 'InternalFailure', status: 500, message: 'internal' }), 'InternalFailure'],
    [
      'a service error without a code',
      lambdaError({ name: 'UnknownError', status: 502, message: '' }),
      'HTTP502',
    ],
  ])('%s', (_, error, expected) => {
    expect(errorCodeOf(error)).toBe(expected);
  });

  it('takes a network error code from `code`', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' });
    expect(errorCodeOf(refused)).toBe('ECONNREFUSED');
  });

  it('names an unparseable response by its HTTP status, not by the parser error', () => {
    const parseError = Object.assign(new SyntaxError('Unexpected token <'), {
      $metadata: { httpStatusCode: 501 },
    });
    expect(errorCodeOf(parseError)).toBe('HTTP501');
  });

  it('uses the name of other errors and survives non-errors', () => {
    expect(errorCodeOf(new IncompleteResponseError('no'))).toBe('IncompleteResponseError');
    expect(errorCodeOf(Object.assign(new Error('x'), { name: 'TimeoutError' }))).toBe('TimeoutError');
    expect(errorCodeOf(new Error('plain'))).toBe('Error');
    expect(errorCodeOf('a string')).toBe('UnknownError');
    expect(errorCodeOf(undefined)).toBe('UnknownError');
  });

  it('knows the access-denied codes of Lambda, IAM and EC2', () => {
    expect(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation'].every(isAccessDeniedCode)).toBe(
      true,
    );
    expect(isAccessDeniedCode('ThrottlingException')).toBe(false);
  });
});

describe('gapMessageOf', () => {
  it('drops EC2 encoded authorization blobs and keeps the sentence', () => {
    const message = gapMessageOf(EC2_UNAUTHORIZED('ec2:DescribeSubnets'), 'UnauthorizedOperation');
    expect(message).toContain('not authorized to perform: ec2:DescribeSubnets');
    expect(message).not.toContain('Encoded');
  });

  it('puts the message on one line and trims it', () => {
    const long = new Error(`first line\n\n  ${'x'.repeat(1000)}`);
    const message = gapMessageOf(long, 'Error');
    expect(message.startsWith('first line x')).toBe(true);
    expect(message).toHaveLength(MAX_GAP_MESSAGE_LENGTH);
    expect(message.endsWith('…')).toBe(true);
  });

  it('falls back to the code when there is no message', () => {
    expect(gapMessageOf(new Error(''), 'UnknownOperationException')).toBe('UnknownOperationException');
  });
});
