import { describe, expect, it } from 'vitest';
import { smallestInstance, vcpusOf } from '../../lib/analyze/instance-vcpus.js';
import { capacityProvider } from '../fixtures/snapshot-builder.js';

describe('vcpusOf', () => {
  it('knows the sizes of the current M, C and R families, and nothing else', () => {
    expect(vcpusOf('m7g.medium')).toBe(1);
    expect(vcpusOf('c7a.large')).toBe(2);
    expect(vcpusOf('R7I.2XLARGE')).toBe(8);
    expect(vcpusOf('m7i.48xlarge')).toBe(192);
    expect(vcpusOf('c5.9xlarge')).toBeNull();
    expect(vcpusOf('m7g.metal')).toBeNull();
    expect(vcpusOf('t3.micro')).toBeNull();
    expect(vcpusOf('p5.48xlarge')).toBeNull();
  });
});

describe('smallestInstance', () => {
  const provider = (allowed?: string[], excluded?: string[]) =>
    capacityProvider({
      name: 'p',
      subnets: ['s'],
      allowedInstanceTypes: allowed,
      excludedInstanceTypes: excluded,
    });

  it('is exact when every allowed type is known, excluded ones left out', () => {
    expect(smallestInstance(provider(['m7g.xlarge', 'm7g.large', 'm7g.medium'], ['m7g.medium']))).toEqual({
      exact: 2,
      atLeast: 2,
      unknownTypes: [],
    });
  });

  it('falls back to a lower bound of 1 vCPU, never 0, for an unknown type or no allowed list', () => {
    expect(smallestInstance(provider(['m7g.xlarge', 'x9.huge']))).toEqual({
      exact: null,
      atLeast: 1,
      unknownTypes: ['x9.huge'],
    });
    expect(smallestInstance(provider())).toEqual({ exact: null, atLeast: 1, unknownTypes: [] });
    // A known 1-vCPU type is the smallest whatever the unknown ones are.
    expect(smallestInstance(provider(['m7g.medium', 'x9.huge'])).exact).toBe(1);
  });
});
