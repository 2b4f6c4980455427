/**
 * EventBridge rules: alarm state changes of the managed alarms to `on-alarm`, and the one-minute
 * tick to `on-tick`. Each target has its retry policy and its own dead-letter queue for events
 * EventBridge could not hand to Lambda (missing permission, throttling past the retries).
 */
import type { ScalingConfig } from '../../shared/domain/model.ts';
import { getAtt, type Json, type Resources, ref } from '../cfn.ts';
import { IDS, ON_ALARM, ON_TICK } from '../stack.ts';
import { managedAlarmNames } from './alarms.ts';
import { deadLetterQueue } from './queues.ts';

/** EventBridge's default limit on one event pattern, in characters. */
export const EVENT_PATTERN_LIMIT = 2048;

/**
 * Delivery retries for alarm events. An hour is plenty: past it the tick has re-read every alarm
 * still in ALARM many times, and the event only says what the alarm's state *was*.
 */
export const ALARM_RULE_RETRY = { MaximumRetryAttempts: 24, MaximumEventAgeInSeconds: 3600 };

/** A tick is worth nothing once the next one is due: no retry past a minute (the minimum). */
export const TICK_RULE_RETRY = { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 };

/** The pattern matching the state changes of some alarms. */
export function alarmEventPattern(alarmNames: readonly string[]): Json {
  return {
    source: ['aws.cloudwatch'],
    'detail-type': ['CloudWatch Alarm State Change'],
    detail: { alarmName: [...alarmNames] },
  };
}

/**
 * Splits the alarm names over as few patterns as fit EventBridge's size limit: one rule in every
 * ordinary configuration, more only for hundreds of alarms.
 */
export function alarmNameChunks(alarmNames: readonly string[], limit = EVENT_PATTERN_LIMIT): string[][] {
  const chunks: string[][] = [];
  let current: string[] = [];
  for (const name of alarmNames) {
    const candidate = [...current, name];
    if (current.length > 0 && JSON.stringify(alarmEventPattern(candidate)).length > limit) {
      chunks.push(current);
      current = [name];
    } else {
      current = candidate;
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/** Logical id of the n-th alarm rule (the first has no number). */
export function alarmRuleId(index: number): string {
  return index === 0 ? 'AlarmStateChangeRule' : `AlarmStateChangeRule${index + 1}`;
}

function invokePermission(functionId: string, ruleId: string): Resources[string] {
  return {
    Type: 'AWS::Lambda::Permission',
    Properties: {
      Action: 'lambda:InvokeFunction',
      FunctionName: getAtt(functionId, 'Arn'),
      Principal: 'events.amazonaws.com',
      SourceArn: getAtt(ruleId, 'Arn'),
      SourceAccount: ref('AWS::AccountId'),
    },
  };
}

/**
 * The alarm rules for these alarm names and their permissions to invoke `on-alarm`. `ruleName`
 * names each rule (rules in nested stacks: the dead-letter queue's policy in the parent admits
 * them by name prefix); without it CloudFormation names them.
 */
export function alarmRules(
  alarmNames: readonly string[],
  stage: string,
  ruleName?: (index: number) => string,
): Resources {
  const resources: Resources = {};
  alarmNameChunks(alarmNames).forEach((names, index) => {
    const ruleId = alarmRuleId(index);
    resources[ruleId] = {
      Type: 'AWS::Events::Rule',
      Properties: {
        ...(ruleName === undefined ? {} : { Name: ruleName(index) }),
        Description: `sagemaker-scaler (${stage}): state changes of the alarms scaling.yml links to policies`,
        State: 'ENABLED',
        EventPattern: alarmEventPattern(names),
        Targets: [
          {
            Id: 'on-alarm',
            Arn: getAtt(ON_ALARM.functionId, 'Arn'),
            RetryPolicy: ALARM_RULE_RETRY,
            DeadLetterConfig: { Arn: getAtt(IDS.alarmRuleDlq, 'Arn') },
          },
        ],
      },
    };
    resources[`${ruleId}InvokePermission`] = invokePermission(ON_ALARM.functionId, ruleId);
  });
  return resources;
}

/** The alarm rule(s), their permissions to invoke `on-alarm`, and their dead-letter queue. */
export function alarmRuleResources(config: ScalingConfig, stage: string): Resources {
  const rules = alarmRules(managedAlarmNames(config), stage);
  // No step policy, no alarm to listen to: on-alarm then only runs when invoked by hand.
  const ruleIds = Object.keys(rules).filter((id) => rules[id]?.Type === 'AWS::Events::Rule');
  if (ruleIds.length === 0) return {};
  return {
    ...rules,
    ...deadLetterQueue(IDS.alarmRuleDlq, {
      kind: 'rule',
      ruleArns: ruleIds.map((id) => getAtt(id, 'Arn')),
    }),
  };
}

/** Logical id of the n-th tick rule (the first has no number, as in an unsharded deployment). */
export function tickRuleId(index: number): string {
  return index === 0 ? IDS.tickRule : `${IDS.tickRule}${index + 1}`;
}

/**
 * The one-minute tick: a rule per shard (one without sharding), each with its permission to invoke
 * `on-tick`, and their dead-letter queue. A sharded rule sends `{"shard": i, "shards": N}`
 * (shared/events/tick-shard.ts) instead of its Scheduled Event.
 */
export function tickRuleResources(stage: string, shards = 1): Resources {
  const resources: Resources = {};
  for (let index = 0; index < shards; index++) {
    const ruleId = tickRuleId(index);
    resources[ruleId] = {
      Type: 'AWS::Events::Rule',
      Properties: {
        Description:
          shards === 1
            ? `sagemaker-scaler (${stage}): the one-minute tick`
            : `sagemaker-scaler (${stage}): the one-minute tick, shard ${index + 1} of ${shards}`,
        State: 'ENABLED',
        ScheduleExpression: 'rate(1 minute)',
        Targets: [
          {
            Id: 'on-tick',
            Arn: getAtt(ON_TICK.functionId, 'Arn'),
            ...(shards === 1 ? {} : { Input: JSON.stringify({ shard: index, shards }) }),
            RetryPolicy: TICK_RULE_RETRY,
            DeadLetterConfig: { Arn: getAtt(IDS.tickRuleDlq, 'Arn') },
          },
        ],
      },
    };
    resources[index === 0 ? IDS.tickPermission : `${ruleId}InvokePermission`] = invokePermission(
      ON_TICK.functionId,
      ruleId,
    );
  }
  return {
    ...resources,
    ...deadLetterQueue(IDS.tickRuleDlq, {
      kind: 'rule',
      ruleArns: Array.from({ length: shards }, (_, index) => getAtt(tickRuleId(index), 'Arn')),
    }),
  };
}
