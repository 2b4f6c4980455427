import { describe, expect, it } from 'vitest';
import { describeConfig } from '../../../shared/config/index.ts';
import { rawAction, rawAlarm, rawConfig, rawPolicy, rawTarget, validOf } from './build.ts';

describe('describeConfig', () => {
  it('summarises each target and counts the alarms created at deploy', () => {
    const { config } = validOf(
      rawConfig(
        rawTarget({ stepPolicies: [rawPolicy({ alarm: rawAlarm() })], scheduledActions: [rawAction()] }),
        rawTarget({ endpointName: 'search', mode: 'shadow', minCapacity: 1, maxCapacity: 3 }),
        rawTarget({
          endpointName: 'tracked',
          stepPolicies: [],
          targetTrackingPolicies: [
            {
              policyName: 'p',
              targetValue: 700,
              predefinedMetricSpecification: {
                predefinedMetricType: 'SageMakerVariantInvocationsPerInstance',
              },
              disableScaleIn: true,
            },
          ],
        }),
      ),
    );
    expect(describeConfig(config)).toBe(
      '3 targets (orders/AllTraffic 2..10, 1 step policy, 1 scheduled action; search/AllTraffic 1..3, 1 step policy, 0 scheduled actions, shadow mode; tracked/AllTraffic 2..10, 0 step policies, 1 target tracking policy, 0 scheduled actions), 2 alarms created at deploy',
    );
  });
});
