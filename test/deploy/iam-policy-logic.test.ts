/**
 * What the generated roles allow, evaluated statement by statement against requests for managed
 * and unmanaged resources: tag scoping must let the deployment reach exactly what it manages.
 */
import { describe, expect, it } from 'vitest';
import { buildResources } from '../../deploy/build-resources.ts';
import { ALARM_TAG_VALUE, ownershipTagKey, TARGET_TRACKING_ALARM_PREFIX } from '../../deploy/ownership.ts';
import { managedAlarmNames } from '../../deploy/resources/alarms.ts';
import type { StackSettings } from '../../deploy/stack.ts';
import { FORECAST, FUNCTIONS, ON_TICK } from '../../deploy/stack.ts';
import { loadConfigFile } from '../../shared/config/index.ts';
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

describe('the forecast role, evaluated against requests', () => {
  const predictive = loadConfigFile('test/fixtures/config/predictive.yml');
  const statements = rolesOf(predictive)(FORECAST.roleId);
  const ask = (request: AccessRequest) => isAllowed(statements, request);
  const TABLE = '<ScalerTable.Arn>';
  const TARGET_KEY = 'endpoint/fraud-detector/variant/AllTraffic';
  const table = (action: string, leadingKeys: string[]) => ({ action, resource: TABLE, leadingKeys });

  it("reads the targets' state and writes their forecasts and history: BatchGetItem and PutItem under a target partition", () => {
    expect(ask(table('dynamodb:BatchGetItem', [TARGET_KEY]))).toBe(true);
    expect(ask(table('dynamodb:PutItem', [TARGET_KEY]))).toBe(true);
    expect(ask(table('dynamodb:BatchGetItem', [TARGET_KEY, 'endpoint/recommender/variant/Primary']))).toBe(
      true,
    );
  });

  it("never touches an endpoint's update lease, nor deletes, updates, queries or scans", () => {
    expect(ask(table('dynamodb:PutItem', ['lock/endpoint/fraud-detector']))).toBe(false);
    expect(ask(table('dynamodb:BatchGetItem', [TARGET_KEY, 'lock/endpoint/fraud-detector']))).toBe(false);
    for (const action of ['dynamodb:DeleteItem', 'dynamodb:UpdateItem', 'dynamodb:Query', 'dynamodb:Scan'])
      expect(ask(table(action, [TARGET_KEY])), action).toBe(false);
    expect(ask(table('dynamodb:PutItem', [TARGET_KEY]))).toBe(true);
    expect(ask({ action: 'dynamodb:PutItem', resource: `${TABLE}/index/x`, leadingKeys: [TARGET_KEY] })).toBe(
      false,
    );
  });

  it('has no SageMaker permission at all, not even on an endpoint tagged active', () => {
    const tags = { [TAG]: 'active' };
    for (const action of ['sagemaker:UpdateEndpointWeightsAndCapacities', 'sagemaker:DescribeEndpoint'])
      expect(ask({ action, resource: endpoint('fraud-detector'), resourceTags: tags }), action).toBe(false);
    expect(JSON.stringify(statements)).not.toMatch(/sagemaker:/);
  });

  it('reads metrics with GetMetricData (no resource type: "*") and no alarm', () => {
    expect(ask({ action: 'cloudwatch:GetMetricData', resource: '*' })).toBe(true);
    const tagged = { [TAG]: ALARM_TAG_VALUE };
    expect(
      ask({
        action: 'cloudwatch:DescribeAlarms',
        resource: alarm('fraud-detector-invocations-high'),
        resourceTags: tagged,
      }),
    ).toBe(false);
  });

  it('is the same for 1 and for 1,000 targets with a predictive policy', () => {
    const [policy] = predictive.targets[0]?.predictivePolicies ?? [];
    if (!policy) throw new Error('the fixture has a predictive policy');
    const withForecasts = (config: ScalingConfig): ScalingConfig => ({
      targets: config.targets.map((target) => ({ ...target, predictivePolicies: [policy] })),
    });
    expect(rolesOf(withForecasts(fleetConfig(1000)))(FORECAST.roleId)).toEqual(
      rolesOf(withForecasts(fleetConfig(1)))(FORECAST.roleId),
    );
  });
});
