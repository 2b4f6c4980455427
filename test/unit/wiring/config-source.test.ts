import { describe, expect, it } from 'vitest';
import { configFromEnvironment } from '../../../shared/wiring/config-source.ts';

describe('the configuration a deployed function starts with', () => {
  it('refuses to start without the inlined document, saying where it comes from', () => {
    expect(() => configFromEnvironment({})).toThrow(/SCALER_CONFIG_DOCUMENT is not set/);
  });

  it('refuses a document that is not JSON', () => {
    expect(() => configFromEnvironment({ SCALER_CONFIG_DOCUMENT: 'targets: []' })).toThrow(/not JSON/);
  });

  it('validates the inlined document again and returns the domain configuration', () => {
    const document = {
      targets: [
        { endpointName: 'e', variantName: 'v', minCapacity: 1, maxCapacity: 3, scheduledActions: [] },
      ],
    };
    const config = configFromEnvironment({ SCALER_CONFIG_DOCUMENT: JSON.stringify(document) });
    expect(config.targets[0]).toMatchObject({
      endpointName: 'e',
      minCapacity: 1,
      maxCapacity: 3,
      mode: 'active',
    });
  });
});
