/**
 * Simulated CloudWatch: metric alarms over the simulated metric store, evaluated as CloudWatch does
 * (once a minute; every 10 s for a 10-, 20- or 30-second period), emitting EventBridge state-change events, and read back through the scaler's
 * {@link AlarmReader} the way the tick reads real CloudWatch (DescribeAlarms, then GetMetricData).
 * The methods mirror the API (putMetricAlarm, describeAlarms, getMetricData) so an HTTP emulator
 * can serve those calls from these same objects.
 */
import type { AlarmStateValue } from '../../domain/model.ts';
import type { AlarmEvaluation, AlarmReader } from '../../ports/alarm-reader.ts';
import {
  alarmStateChangeEvent,
  type EvaluatedDatapoints,
  type SimulatedAlarmChange,
  type SimulatedAlarmDefinition,
  type SimulatedAlarmState,
} from './alarm-event.ts';
import { type AlarmRecord, alarmMetric, alarmRecord, evaluateAlarmRecord, seriesOf } from './alarm-record.ts';
import type { SimulatedMetricResult, SimulatedMetricStore } from './simulated-metrics.ts';

export type { SimulatedAlarmChange, SimulatedAlarmDefinition, SimulatedAlarmState } from './alarm-event.ts';

/** An alarm as DescribeAlarms returns it. */
export interface SimulatedAlarm {
  definition: SimulatedAlarmDefinition;
  state: SimulatedAlarmState;
}

export interface SimulatedCloudWatchOptions {
  region?: string;
  account?: string;
  /**
   * False keeps states only (no reason text, reasonData or events): for a consumer that reads
   * states and nothing else, such as the target-tracking baseline. Default true.
   */
  describeTransitions?: boolean;
}

/** Metric alarms over a {@link SimulatedMetricStore}. */
export class SimulatedCloudWatch implements AlarmReader {
  private readonly alarms = new Map<string, AlarmRecord>();
  /** The same records in creation order, for the evaluation every step (a plain array, no iterator). */
  private readonly records: AlarmRecord[] = [];
  private readonly region: string;
  private readonly account: string;
  private eventCount = 0;
  private readonly describeTransitions: boolean;

  constructor(
    readonly metrics: SimulatedMetricStore,
    options: SimulatedCloudWatchOptions = {},
  ) {
    this.region = options.region ?? 'eu-west-1';
    this.account = options.account ?? '123456789012';
    this.describeTransitions = options.describeTransitions ?? true;
  }

  /**
   * PutMetricAlarm: creates the alarm, which starts in INSUFFICIENT_DATA, or replaces its
   * configuration and leaves its state as it is (as CloudWatch does on an update).
   */
  putMetricAlarm(definition: SimulatedAlarmDefinition, now = this.metrics.start): void {
    const existing = this.alarms.get(definition.alarmName);
    const record = alarmRecord(definition, now, existing?.state, this.metrics.stepMs);
    this.alarms.set(definition.alarmName, record);
    // A replaced alarm keeps its place, as a Map key does.
    if (existing) this.records[this.records.indexOf(existing)] = record;
    else this.records.push(record);
  }

  /** DescribeAlarms, optionally filtered by names and state. */
  describeAlarms(
    filter: { alarmNames?: readonly string[]; stateValue?: AlarmStateValue } = {},
  ): SimulatedAlarm[] {
    // Plain loops: the tick calls this every simulated minute.
    const found: SimulatedAlarm[] = [];
    const add = (record: AlarmRecord | undefined) => {
      if (!record || (filter.stateValue !== undefined && record.state.value !== filter.stateValue)) return;
      found.push({ definition: record.definition, state: record.state });
    };
    if (filter.alarmNames === undefined) for (const record of this.alarms.values()) add(record);
    else for (const name of filter.alarmNames) add(this.alarms.get(name));
    return found;
  }

  /**
   * A reader of the states of `alarmNames`. It returns the same frozen object until an alarm
   * changes state, so a per-minute timeline shares one object across quiet minutes instead of
   * allocating one a minute.
   */
  statesReader(alarmNames: readonly string[]): () => Record<string, AlarmStateValue> {
    let seen = -1;
    let snapshot: Record<string, AlarmStateValue> = {};
    return () => {
      if (seen !== this.eventCount) {
        const states: Record<string, AlarmStateValue> = {};
        for (const name of alarmNames) states[name] = this.stateOf(name);
        snapshot = Object.freeze(states);
        seen = this.eventCount;
      }
      return snapshot;
    };
  }

  /** The alarm's state value now (INSUFFICIENT_DATA for an unknown alarm). */
  stateOf(alarmName: string): AlarmStateValue {
    return this.alarms.get(alarmName)?.state.value ?? 'INSUFFICIENT_DATA';
  }

  /** GetMetricData for an alarm's metric, statistic and period over [startTime, endTime), as visible at `now`. */
  getAlarmMetricData(
    definition: SimulatedAlarmDefinition,
    startTime: number,
    endTime: number,
    now: number,
  ): SimulatedMetricResult {
    return this.metrics.getMetricData(
      {
        metric: alarmMetric(definition),
        statistic: definition.statistic,
        period: definition.period,
        startTime,
        endTime,
      },
      now,
    );
  }

  /**
   * The newest datapoint of the alarm's metric (its statistic and period) in [startTime, endTime)
   * as visible at `now`: the last value {@link getAlarmMetricData} returns, read straight from the
   * alarm's series. Undefined for an unknown alarm or when no period has a datapoint.
   */
  latestAlarmDatapoint(
    alarmName: string,
    startTime: number,
    endTime: number,
    now: number,
  ): number | undefined {
    const record = this.alarms.get(alarmName);
    if (!record) return undefined;
    const { definition } = record;
    return this.metrics.latestValue(
      seriesOf(record, this.metrics),
      { statistic: definition.statistic, period: definition.period, startTime, endTime },
      now,
    );
  }

  /**
   * Evaluates every alarm at `now` and returns the EventBridge events of the ones that changed
   * state ({@link evaluateAlarmChanges}, written as CloudWatch sends them).
   */
  evaluateAlarms(now: number, options: { minute?: boolean } = {}): Record<string, unknown>[] {
    return this.evaluateAlarmChanges(now, options).map(alarmStateChangeEvent);
  }

  /**
   * Evaluates every alarm at `now` and returns the changes of state, each with what its
   * EventBridge event says (`alarmStateChangeEvent` writes it). An alarm is first evaluated once
   * its whole evaluation window lies inside the run: the simulation starts mid-history, and a
   * window reaching before it would hold missing periods no real, long-running alarm would see.
   * `minute: false` (a 10-s step between whole minutes) evaluates only the alarms with a
   * sub-minute period: CloudWatch evaluates the others once a minute
   * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html).
   * Without `describeTransitions` the alarms change state and nothing is returned.
   */
  evaluateAlarmChanges(now: number, options: { minute?: boolean } = {}): SimulatedAlarmChange[] {
    const changes: SimulatedAlarmChange[] = [];
    const minute = options.minute ?? true;
    for (const record of this.records) {
      if (!minute && record.definition.period >= 60) continue;
      const change = this.evaluate(record, now);
      if (change) changes.push(change);
    }
    return changes;
  }

  /**
   * SetAlarmState: moves the alarm to `state` until its next evaluation says otherwise (as
   * CloudWatch does), and returns the change (its EventBridge event is `alarmStateChangeEvent` of
   * it); undefined when the alarm is unknown or already in that state (no transition, no event).
   */
  setAlarmState(
    alarmName: string,
    state: { value: AlarmStateValue; reason: string; reasonData?: string | undefined },
    now: number,
  ): SimulatedAlarmChange | undefined {
    const record = this.alarms.get(alarmName);
    if (!record || record.state.value === state.value) return undefined;
    const previous = record.state;
    record.state = {
      value: state.value,
      reason: state.reason,
      reasonData: state.reasonData ?? '',
      timestamp: now,
    };
    return this.transition(record, previous, { timestamps: [], values: [] });
  }

  /** The tick's read: alarms in ALARM (DescribeAlarms) with their datapoints measured now (GetMetricData). */
  async alarmsInAlarm(alarmNames: readonly string[], now: number): Promise<AlarmEvaluation[]> {
    const found: AlarmEvaluation[] = [];
    // Plain loops over the alarms' own series: the tick calls this every simulated minute.
    for (const name of alarmNames) {
      const record = this.alarms.get(name);
      if (record?.state.value !== 'ALARM') continue;
      const { definition } = record;
      // The same window as the CloudWatch adapter: N periods ending on the last period boundary.
      const periodMs = definition.period * 1000;
      const end = Math.floor(now / periodMs) * periodMs;
      const data = this.metrics.seriesData(
        seriesOf(record, this.metrics),
        {
          statistic: definition.statistic,
          period: definition.period,
          startTime: end - definition.evaluationPeriods * periodMs,
          endTime: end,
        },
        now,
      );
      found.push({
        alarmName: definition.alarmName,
        stateTimestamp: record.state.timestamp,
        threshold: definition.threshold,
        datapoints: data.values,
      });
    }
    return found;
  }

  private evaluate(record: AlarmRecord, now: number): SimulatedAlarmChange | undefined {
    const transition = evaluateAlarmRecord(record, this.metrics, now, this.describeTransitions);
    return transition ? this.transition(record, transition.previous, transition.datapoints) : undefined;
  }

  /** Counts a state change and, when transitions are described, returns it. */
  private transition(
    record: AlarmRecord,
    previous: SimulatedAlarmState,
    datapoints: EvaluatedDatapoints,
  ): SimulatedAlarmChange | undefined {
    this.eventCount++;
    if (!this.describeTransitions) return undefined;
    return {
      id: `00000000-0000-4000-8000-${this.eventCount.toString(16).padStart(12, '0')}`,
      region: this.region,
      account: this.account,
      definition: record.definition,
      previous,
      current: record.state,
      datapoints,
    };
  }
}
