/**
 * What the generated roles allow, evaluated statement by statement against requests for managed
 * and unmanaged resources: tag scoping must let the deployment reach exactly what it manages.
 */
import { describe, expect, it } from 'vitest';
import { buildResources } from '../../deploy/build-resources.ts';
import { ALARM_TAG_VALUE, ownershipTagKey, TARGET_TRACKING_ALARM_PREFIX } from '../../deploy/ownership.ts';
import { managedAlarmNames } from '../../deploy/resources/alarms.ts';
import type { StackSettings } from '../../deploy/stack.ts';
import { FUNCTIONS, ON_TICK } from '../../deploy/stack.ts';
import type { ScalingConfig } from '../../shared/domain/model.ts';
import { fleetConfig } from './fleet-config.ts';
import { type AccessRequest, isAllowed } from './iam-evaluate.ts';
import { ACCOUNT, REGION, resource, roleStatements, type Template } from './template.ts';

const settings: StackSettings = {
  service: 'sagemaker-scaler',
  stage: 'prod',
  tableName: 'sagemaker-scaler-prod',
  alertEmail: '',
  metricsNamespace: 'SageMakerScaler',
};
const TAG = ownershipTagKey(settings);
const endpoint = (name: string) => `arn:aws:sagemaker:${REGION}:${ACCOUNT}:endpoint/${name}`;
const alarm = (name: string) => `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${name}`;

function rolesOf(config: ScalingConfig) {
  const template = buildResources(config, settings) as Template;
  return (roleId: string) => roleStatements(resource(template, roleId));
}

/** One active and one shadow target, from the root example. */
function mixedConfig(): ScalingConfig {
  const [active, shadow] = fleetConfig(2).targets;
  if (!active || !shadow) throw new Error('two targets expected');
  return { targets: [active, { ...shadow, mode: 'shadow' }] };
}

describe('execution roles, evaluated against requests', () => {
  const statementsOf = rolesOf(mixedConfig());
  const ask = (roleId: string, request: AccessRequest) => isAllowed(statementsOf(roleId), request);
  const describeEndpoint = (name: string, tags: Record<string, string> = {}) => ({
    action: 'sagemaker:DescribeEndpoint',
    resource: endpoint(name),
    resourceTags: tags,
  });
  const resize = (name: string, tags: Record<string, string> = {}) => ({
    action: 'sagemaker:UpdateEndpointWeightsAndCapacities',
    resource: endpoint(name),
    resourceTags: tags,
  });

  it('lets every function read and resize an endpoint tagged active for this deployment', () => {
    for (const fn of FUNCTIONS) {
      expect(ask(fn.roleId, describeEndpoint('fraud-detector-0001', { [TAG]: 'active' }))).toBe(true);
      expect(ask(fn.roleId, resize('fraud-detector-0001', { [TAG]: 'active' }))).toBe(true);
    }
  });

  it('lets a shadow endpoint be read, never resized', () => {
    for (const fn of FUNCTIONS) {
      expect(ask(fn.roleId, describeEndpoint('fraud-detector-0002', { [TAG]: 'shadow' }))).toBe(true);
      expect(ask(fn.roleId, resize('fraud-detector-0002', { [TAG]: 'shadow' }))).toBe(false);
    }
  });

  it('refuses endpoints not tagged for this deployment: untagged, another stage, another value', () => {
    for (const tags of [{}, { 'sagemaker-scaler:dev': 'active' }, { [TAG]: 'Active' }, { [TAG]: 'owner' }]) {
      for (const fn of FUNCTIONS) {
        expect(ask(fn.roleId, describeEndpoint('someone-elses', tags))).toBe(false);
        expect(ask(fn.roleId, resize('someone-elses', tags))).toBe(false);
      }
    }
  });

  it('gives a configuration of shadow targets only no resize permission at all', () => {
    const shadowOnly = fleetConfig(3);
    const statements = rolesOf({ targets: shadowOnly.targets.map((t) => ({ ...t, mode: 'shadow' })) });
    for (const fn of FUNCTIONS) {
      expect(isAllowed(statements(fn.roleId), resize('fraud-detector-0001', { [TAG]: 'active' }))).toBe(
        false,
      );
      expect(JSON.stringify(statements(fn.roleId))).not.toContain('UpdateEndpointWeightsAndCapacities');
    }
  });

  it("lets the tick describe the scaler's target-tracking alarms by prefix, never AAS's own", () => {
    const own = `${TARGET_TRACKING_ALARM_PREFIX}endpoint/fraud-detector-0001/variant/AllTraffic-tt-AlarmHigh`;
    const native = 'TargetTracking-endpoint/fraud-detector-0001/variant/AllTraffic-AlarmHigh-1a2b3c';
    expect(ask(ON_TICK.roleId, { action: 'cloudwatch:DescribeAlarms', resource: alarm(own) })).toBe(true);
    expect(ask(ON_TICK.roleId, { action: 'cloudwatch:DescribeAlarms', resource: alarm(native) })).toBe(false);
  });

  it('lets the tick describe step-policy alarms carrying the deployment tag, and no other alarm', () => {
    const name = 'fraud-detector-0001-invocations-high';
    const tagged = { [TAG]: ALARM_TAG_VALUE };
    const describeAlarm = (tags: Record<string, string>) => ({
      action: 'cloudwatch:DescribeAlarms',
      resource: alarm(name),
      resourceTags: tags,
    });
    expect(ask(ON_TICK.roleId, describeAlarm(tagged))).toBe(true);
    expect(ask(ON_TICK.roleId, describeAlarm({}))).toBe(false);
    expect(ask(ON_TICK.roleId, describeAlarm({ 'sagemaker-scaler:dev': ALARM_TAG_VALUE }))).toBe(false);
    expect(ask(ON_TICK.roleId, { action: 'cloudwatch:GetMetricData', resource: '*' })).toBe(true);
    for (const fn of FUNCTIONS.filter((f) => f !== ON_TICK)) {
      expect(isAllowed(statementsOf(fn.roleId), describeAlarm(tagged))).toBe(false);
    }
  });

  it('lets the tick read the alarms of a configuration with target tracking policies only', () => {
    const [first] = fleetConfig(1).targets;
    if (!first) throw new Error('one target expected');
    const trackingOnly = rolesOf({ targets: [{ ...first, stepPolicies: [] }] });
    expect(first.targetTrackingPolicies.length).toBeGreaterThan(0);
    const own = `${TARGET_TRACKING_ALARM_PREFIX}endpoint/fraud-detector-0001/variant/AllTraffic-x-AlarmHigh`;
    expect(
      isAllowed(trackingOnly(ON_TICK.roleId), { action: 'cloudwatch:DescribeAlarms', resource: alarm(own) }),
    ).toBe(true);
  });

  it('tags every alarm the deployment creates, so the tick may read it', () => {
    const template = buildResources(mixedConfig(), settings) as Template;
    const created = Object.values(template.Resources).filter(
      (r) => r.Type === 'AWS::CloudWatch::Alarm' && r.Properties?.AlarmActions === undefined,
    );
    expect(created.length).toBe(managedAlarmNames(mixedConfig()).length);
    expect(created.length).toBeGreaterThanOrEqual(4);
    for (const scaling of created)
      expect(scaling.Properties?.Tags).toEqual([{ Key: TAG, Value: ALARM_TAG_VALUE }]);
  });

  it('keeps each role the same size for 1 and for 1,000 targets', () => {
    const one = rolesOf(fleetConfig(1));
    const thousand = rolesOf(fleetConfig(1000));
    for (const fn of FUNCTIONS) expect(thousand(fn.roleId)).toEqual(one(fn.roleId));
  });
});
