import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { Command } from 'commander';
import { DynamoDbStateStore } from '../../../shared/adapters/aws/dynamodb-state-store.ts';
import { registerOperate } from '../../../shared/cli/commands/operate.ts';
import { defaultOperateDeps, type OperateDeps } from '../../../shared/cli/commands/operate-support.ts';
import { CliError } from '../../../shared/cli/errors.ts';
import { parseConfigText } from '../../../shared/config/index.ts';
import { type ScalingConfig, type TargetConfig, targetKey } from '../../../shared/domain/model.ts';
import { initialTargetState, type TargetState } from '../../../shared/domain/state.ts';
import { createOperateClients } from '../../../shared/operate/clients.ts';
import type { ActivityRecord } from '../../../shared/ports/activity.ts';

/** Two targets: the README's fraud detector, and a recommender whose file suspends scheduled scaling. */
export const OPERATE_YAML = `
targets:
  - endpointName: fraud-detector
    variantName: AllTraffic
    minCapacity: 2
    maxCapacity: 10
    stepPolicies:
      - policyName: scale-out-on-invocations
        alarmName: fraud-detector-invocations-high
        adjustmentType: ChangeInCapacity
        cooldown: 300
        stepAdjustments:
          - { metricIntervalLowerBound: 0, metricIntervalUpperBound: 200, scalingAdjustment: 1 }
          - { metricIntervalLowerBound: 200, scalingAdjustment: 3 }
      - policyName: scale-in-on-invocations
        alarmName: fraud-detector-invocations-low
        adjustmentType: ChangeInCapacity
        cooldown: 300
        stepAdjustments:
          - { metricIntervalUpperBound: 0, scalingAdjustment: -1 }
    scheduledActions:
      - scheduledActionName: weekend-peak
        schedule: cron(0 18 ? * FRI *)
        timezone: Europe/Berlin
        scalableTargetAction: { minCapacity: 4, maxCapacity: 12 }
      - scheduledActionName: weekday-baseline
        schedule: cron(0 6 ? * MON *)
        timezone: Europe/Berlin
        scalableTargetAction: { minCapacity: 2, maxCapacity: 10 }
  - endpointName: recommender
    variantName: AllTraffic
    minCapacity: 1
    maxCapacity: 4
    mode: shadow
    suspendedState: { scheduledScalingSuspended: true }
    stepPolicies:
      - policyName: recommender-out
        alarmName: recommender-latency-high
        adjustmentType: ChangeInCapacity
        stepAdjustments:
          - { metricIntervalLowerBound: 0, scalingAdjustment: 1 }
`;

export const CONFIG: ScalingConfig = parseConfigText(OPERATE_YAML, 'operate.yml');
export const FRAUD = CONFIG.targets[0] as TargetConfig;
export const RECOMMENDER = CONFIG.targets[1] as TargetConfig;

/** The file the CLI tests pass as --config. */
export function configFile(): string {
  const path = join(mkdtempSync(join(tmpdir(), 'scaler-operate-')), 'scaling.yml');
  writeFileSync(path, OPERATE_YAML);
  return path;
}

/** Writes state and activities through the production store, in transactions of at most 99 activities. */
export async function seed(
  store: DynamoDbStateStore,
  target: TargetConfig,
  records: readonly ActivityRecord[],
  change: (state: TargetState) => TargetState = (state) => state,
): Promise<TargetState> {
  const key = targetKey(target);
  let state = (await store.load(key, '')).state ?? initialTargetState(target, 0);
  const chunks: ActivityRecord[][] = records.length === 0 ? [[]] : [];
  for (let i = 0; i < records.length; i += 99) chunks.push(records.slice(i, i + 99));
  for (const [index, chunk] of chunks.entries()) {
    const next = index === chunks.length - 1 ? change(state) : state;
    const written = { ...next, version: state.version + 1 };
    await store.commit({ targetKey: key, expectedVersion: state.version, state: written, activities: chunk });
    state = written;
  }
  return state;
}

let counter = 0;

/** A real-shaped activity record of a target. */
export function activity(
  target: TargetConfig,
  overrides: Partial<ActivityRecord> & { startTime: number },
): ActivityRecord {
  counter += 1;
  return {
    activityId: `act-${String(counter).padStart(5, '0')}`,
    targetKey: targetKey(target),
    endpointName: target.endpointName,
    variantName: target.variantName,
    eventId: `evt-${counter}`,
    eventKey: `evt-${counter}`,
    cause: `alarm ${target.stepPolicies[0]?.alarmName} in state ALARM triggered policy ${target.stepPolicies[0]?.policyName}`,
    endTime: overrides.startTime,
    fromCapacity: 2,
    toCapacity: 2,
    action: 'none',
    status: 'NotScaled',
    statusMessage: 'capacity is already 2',
    reasonCode: 'AlreadyAtDesiredCapacity',
    ...overrides,
  };
}

export function storeOn(documentClient: DynamoDBDocumentClient, tableName: string): DynamoDbStateStore {
  return new DynamoDbStateStore(documentClient, { tableName });
}

/** Runs `scaler <args>` in process with the operate commands; returns what it printed or the CliError. */
export async function runCli(
  args: readonly string[],
  deps: Partial<OperateDeps> & { env: NodeJS.ProcessEnv; now: () => number },
): Promise<{ stdout: string; error?: CliError }> {
  let stdout = '';
  const program = new Command('scaler').exitOverride();
  registerOperate(program, {
    ...defaultOperateDeps,
    clients: (options) => createOperateClients({ region: options.region ?? 'eu-west-1' }),
    operator: () => 'test-operator',
    ...deps,
    write: (text) => {
      stdout += text;
    },
  });
  try {
    await program.parseAsync(['node', 'scaler', ...args]);
    return { stdout };
  } catch (error) {
    if (error instanceof CliError) return { stdout, error };
    throw error;
  }
}
