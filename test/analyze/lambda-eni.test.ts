import { describe, expect, it } from 'vitest';
import { eniCreator, parseLambdaEniDescription } from '../../lib/analyze/lambda-eni.js';

const UUID = '3f2b8c1d-7e6a-4b5c-9d0e-1f2a3b4c5d6e';

describe('parseLambdaEniDescription', () => {
  it('reads the creator of a Hyperplane ENI, hyphens in its name included', () => {
    expect(parseLambdaEniDescription(`AWS Lambda VPC ENI-orders-api-v2-${UUID}`)).toEqual({
      form: 'hyperplane',
      creator: 'orders-api-v2',
      uuid: UUID,
    });
    expect(eniCreator(`AWS Lambda VPC ENI-a_b-${UUID.toUpperCase()}`)).toBe('a_b');
  });

  it('parses the pre-2019 form, which names no function', () => {
    expect(parseLambdaEniDescription(`AWS Lambda VPC ENI: ${UUID}`)).toEqual({
      form: 'pre-2019',
      uuid: UUID,
    });
    expect(eniCreator(`AWS Lambda VPC ENI: ${UUID}`)).toBeNull();
  });

  it('marks a Lambda-looking description it cannot read, and is null for any other', () => {
    expect(parseLambdaEniDescription('AWS Lambda VPC ENI-orders-api')).toEqual({ form: 'unrecognized' });
    expect(parseLambdaEniDescription(`AWS Lambda VPC ENI-${UUID}`)).toEqual({ form: 'unrecognized' });
    expect(parseLambdaEniDescription('ELB app/my-alb/50dc6c495c0c9188')).toBeNull();
    expect(parseLambdaEniDescription(undefined)).toBeNull();
    expect(eniCreator('Interface for NAT Gateway nat-0123')).toBeNull();
  });
});
