import { describe, expect, it } from 'vitest';
import { MAX_VARIANTS_PER_ENDPOINT } from '../../../shared/config/service-limits.ts';
import { issuesOf, rawConfig, rawTarget, validOf } from './build.ts';

const variants = (count: number, endpointName = 'fraud-detector') =>
  Array.from({ length: count }, (_, i) => rawTarget({ endpointName, variantName: `Variant${i + 1}` }));

describe('validateConfig: SageMaker limits no stack split can lift', () => {
  it('accepts ten variants of one endpoint, the most an endpoint configuration holds', () => {
    expect(MAX_VARIANTS_PER_ENDPOINT).toBe(10);
    expect(validOf(rawConfig(...variants(10))).config.targets).toHaveLength(10);
  });

  it('refuses an eleventh variant, naming the endpoint, the count, the limit and what to change', () => {
    const issues = issuesOf(rawConfig(...variants(11)));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe('targets[10]');
    expect(issues[0]?.message).toContain("endpoint 'fraud-detector' has 11 variants");
    expect(issues[0]?.message).toContain("1 over SageMaker's limit of 10 production variants per endpoint");
    expect(issues[0]?.message).toContain('Move the extra variants to another endpoint');
  });

  it('counts one endpoint whatever the case of its name, and other endpoints apart', () => {
    const mixed = [
      ...variants(6, 'Fraud-Detector'),
      ...variants(5, 'fraud-detector').map((t, i) => ({ ...t, variantName: `Other${i}` })),
    ];
    expect(issuesOf(rawConfig(...mixed))).toHaveLength(1);
    expect(validOf(rawConfig(...variants(10, 'a'), ...variants(10, 'b'))).config.targets).toHaveLength(20);
  });
});
