/**
 * Engine benchmark (`npm run bench`): decisions per second for one target with two step
 * policies and two scheduled actions, and the time one year of one-minute evaluations takes.
 *
 * The load is synthetic and deterministic (a daily sine with a weekly dip), so runs compare.
 * Two figures per run: the pure engine (decide + settle, what the simulator's inner loop
 * costs) and the whole in-memory decision path (use case, ports, activity records).
 */
import { performance } from 'node:perf_hooks';
import { decideOnAlarms } from '../shared/domain/alarm-decision.ts';
import type { AlarmTrigger, ScheduledTrigger, TargetConfig } from '../shared/domain/model.ts';
import {
  fireTimesBetween,
  parseScheduleExpression,
  type ScheduleExpression,
} from '../shared/domain/schedule/index.ts';
import { decideOnSchedule } from '../shared/domain/scheduled-decision.ts';
import { acceptChange } from '../shared/domain/settle.ts';
import { initialTargetState, type TargetState } from '../shared/domain/state.ts';
import { handleAlarm } from '../shared/usecases/handle-alarm.ts';
import { handleSchedule } from '../shared/usecases/handle-schedule.ts';
import { inMemoryPorts } from '../shared/usecases/replay.ts';

const MINUTE = 60_000;
const YEAR_START = Date.UTC(2026, 0, 1);
const YEAR_MINUTES = 365 * 24 * 60;

const target: TargetConfig = {
  endpointName: 'bench',
  variantName: 'AllTraffic',
  minCapacity: 2,
  maxCapacity: 40,
  mode: 'active',
  suspendedState: {
    dynamicScalingInSuspended: false,
    dynamicScalingOutSuspended: false,
    scheduledScalingSuspended: false,
  },
  stepPolicies: [
    {
      policyName: 'out',
      alarmName: 'high',
      adjustmentType: 'ChangeInCapacity',
      metricAggregationType: 'Average',
      cooldown: 300,
      stepAdjustments: [
        { metricIntervalLowerBound: 0, metricIntervalUpperBound: 200, scalingAdjustment: 1 },
        { metricIntervalLowerBound: 200, scalingAdjustment: 3 },
      ],
    },
    {
      policyName: 'in',
      alarmName: 'low',
      adjustmentType: 'PercentChangeInCapacity',
      metricAggregationType: 'Average',
      cooldown: 300,
      minAdjustmentMagnitude: 1,
      stepAdjustments: [{ metricIntervalUpperBound: 0, scalingAdjustment: -10 }],
    },
  ],
  targetTrackingPolicies: [],
  predictivePolicies: [],
  scheduledActions: [
    {
      scheduledActionName: 'weekend-peak',
      schedule: 'cron(0 18 ? * FRI *)',
      timezone: 'Europe/Berlin',
      scalableTargetAction: { minCapacity: 6, maxCapacity: 40 },
    },
    {
      scheduledActionName: 'weekday-baseline',
      schedule: 'cron(0 6 ? * MON *)',
      timezone: 'Europe/Berlin',
      scalableTargetAction: { minCapacity: 2, maxCapacity: 40 },
    },
  ],
};

/** Requests per instance per minute: a daily sine between ~100 and ~1500 per fleet of 10. */
function invocationsPerInstance(minute: number, capacity: number): number {
  const day = Math.sin((2 * Math.PI * (minute % 1440)) / 1440);
  const weekend = Math.floor(minute / 1440) % 7 >= 5 ? 0.6 : 1;
  return ((800 + 700 * day) * weekend * 10) / capacity;
}

function scheduledFirings(from: number, to: number): ScheduledTrigger[] {
  const firings: ScheduledTrigger[] = [];
  for (const action of target.scheduledActions) {
    const parsed = parseScheduleExpression(action.schedule);
    if (!parsed.ok) throw new Error(parsed.errors.join('; '));
    const expression: ScheduleExpression = parsed.expression;
    for (const at of fireTimesBetween(expression, { timezone: action.timezone }, from, to)) {
      firings.push({
        kind: 'scheduled',
        eventId: `${action.scheduledActionName}-${at}`,
        endpointName: 'bench',
        variantName: 'AllTraffic',
        scheduledActionName: action.scheduledActionName,
        scheduledTime: at,
      });
    }
  }
  return firings.sort((a, b) => a.scheduledTime - b.scheduledTime);
}

/**
 * One minute's evaluation of both alarms: the breached one in ALARM, the other in OK. Every
 * minute is a decision, the worst case for the engine (the tick only re-evaluates alarms in
 * ALARM, so production decides far less often).
 */
function alarmTriggers(minute: number, capacity: number): AlarmTrigger[] {
  const value = invocationsPerInstance(minute, capacity);
  const at = YEAR_START + minute * MINUTE;
  return [trigger('high', value >= 800, 800, value, at), trigger('low', value <= 300, 300, value, at)];
}

/** The last state and transition time of each alarm: re-evaluations keep the transition's timestamp. */
const transitions = new Map<string, { inAlarm: boolean; at: number }>();

function trigger(
  alarmName: string,
  inAlarm: boolean,
  threshold: number,
  value: number,
  at: number,
): AlarmTrigger {
  const last = transitions.get(alarmName);
  const stateTimestamp = last && last.inAlarm === inAlarm ? last.at : at;
  if (stateTimestamp === at) transitions.set(alarmName, { inAlarm, at });
  return {
    kind: 'alarm',
    eventId: `${alarmName}-${at}`,
    eventTime: at,
    stateTimestamp,
    reevaluation: stateTimestamp !== at,
    datapoints: [value],
    alarmName,
    state: inAlarm ? 'ALARM' : 'OK',
    threshold,
  };
}

function runPureYear(): { decisions: number; changes: number; ms: number } {
  transitions.clear();
  const started = performance.now();
  const firings = scheduledFirings(YEAR_START, YEAR_START + YEAR_MINUTES * MINUTE);
  let state: TargetState = initialTargetState(target, YEAR_START);
  let capacity = 4;
  let decisions = 0;
  let changes = 0;
  let nextFiring = 0;
  for (let minute = 0; minute < YEAR_MINUTES; minute++) {
    const now = YEAR_START + minute * MINUTE;
    while (
      nextFiring < firings.length &&
      (firings[nextFiring]?.scheduledTime ?? Number.POSITIVE_INFINITY) <= now
    ) {
      const decision = decideOnSchedule(target, state, firings[nextFiring++] as ScheduledTrigger, {
        now,
        currentCapacity: capacity,
      });
      decisions++;
      state = decision.action === 'none' ? decision.state : acceptChange(decision.state, decision, now);
      if (decision.action !== 'none') changes++;
      capacity = decision.toCapacity;
    }
    const decision = decideOnAlarms(target, state, alarmTriggers(minute, capacity), {
      now,
      currentCapacity: capacity,
    });
    decisions++;
    if (decision.action !== 'none') {
      changes++;
      state = acceptChange(decision.state, decision, now);
    } else {
      state = decision.state;
    }
    capacity = decision.toCapacity;
  }
  return { decisions, changes, ms: performance.now() - started };
}

async function runUseCaseDays(days: number): Promise<{ decisions: number; ms: number }> {
  transitions.clear();
  const ports = inMemoryPorts({ targets: [target] }, 4);
  const minutes = days * 1440;
  const firings = scheduledFirings(YEAR_START, YEAR_START + minutes * MINUTE);
  let decisions = 0;
  let nextFiring = 0;
  const started = performance.now();
  for (let minute = 0; minute < minutes; minute++) {
    const now = YEAR_START + minute * MINUTE;
    while (
      nextFiring < firings.length &&
      (firings[nextFiring]?.scheduledTime ?? Number.POSITIVE_INFINITY) <= now
    ) {
      await handleSchedule(ports, firings[nextFiring++] as ScheduledTrigger, now);
      decisions++;
    }
    const { desiredInstanceCount } = await ports.endpoints.describeVariant('bench', 'AllTraffic');
    for (const trigger of alarmTriggers(minute, desiredInstanceCount)) {
      if (trigger.state !== 'ALARM') continue;
      await handleAlarm(ports, trigger, now);
      decisions++;
    }
  }
  return { decisions, ms: performance.now() - started };
}

const warm = runPureYear();
const pure = runPureYear();
const pureRate = Math.round((pure.decisions / pure.ms) * 1000);
console.log(
  `engine, pure (decide + settle), one year of one-minute evaluations, 2 step policies + 2 scheduled actions:`,
);
console.log(
  `  ${YEAR_MINUTES} minutes, ${pure.decisions} decisions (${pure.changes} capacity changes) in ${pure.ms.toFixed(0)} ms (warm-up run ${warm.ms.toFixed(0)} ms)`,
);
console.log(
  `  ${pureRate.toLocaleString('en-US')} decisions/s; goal: a year under 1000 ms -> ${pure.ms < 1000 ? 'met' : 'NOT met'}`,
);
const days = 30;
// The full path records every decision, so it is measured where the tick would act: alarms in ALARM.
const path = await runUseCaseDays(days);
const pathRate = Math.round((path.decisions / path.ms) * 1000);
console.log(`decision path in memory (use case + ports + activity records), ${days} days:`);
console.log(
  `  ${path.decisions} decisions in ${path.ms.toFixed(0)} ms -> ${pathRate.toLocaleString('en-US')} decisions/s; a year would take ~${((path.ms * 365) / days / 1000).toFixed(1)} s`,
);
