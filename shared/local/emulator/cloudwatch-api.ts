/**
 * CloudWatch's face of the simulated CloudWatch, in both its protocols (AWS JSON 1.0
 * query-compatible for the JavaScript SDK, target prefix `GraniteServiceVersion20100801`; the
 * Query protocol for the AWS CLI, see query-protocol.ts): the alarm operations here
 * (PutMetricAlarm, DescribeAlarms, DescribeAlarmsForMetric, SetAlarmState), the metric ones in
 * cloudwatch-metrics-api.ts. States, evaluation and metric visibility are the simulator's; this
 * only translates shapes and checks inputs as CloudWatch's API reference describes them.
 */
import type { SimulatedAlarm } from '../../sim/cloudwatch/simulated-cloudwatch.ts';
import type { EmulatorBackend } from './backend.ts';
import { CloudWatchMetricsApi } from './cloudwatch-metrics-api.ts';
import { alarmDefinitionOf, dimensionsOf, invalidParameter, metricAlarmOf } from './cloudwatch-shapes.ts';
import { AwsWireError, integerInRange, requiredString } from './wire.ts';

type Input = Record<string, unknown>;

const STATE_VALUES: ReadonlySet<string> = new Set(['OK', 'ALARM', 'INSUFFICIENT_DATA']);
/** SetAlarmState's limits on StateReason and StateReasonData (characters). */
const MAX_REASON = 1_023;
const MAX_REASON_DATA = 4_000;

/** The CloudWatch operations, by name. */
export class CloudWatchApi {
  readonly operations: Record<string, (input: Input) => Promise<unknown>>;

  constructor(private readonly backend: () => EmulatorBackend) {
    this.operations = {
      PutMetricAlarm: async (input) => this.putMetricAlarm(input),
      DescribeAlarms: async (input) => this.describeAlarms(input),
      DescribeAlarmsForMetric: async (input) => this.describeAlarmsForMetric(input),
      SetAlarmState: async (input) => this.setAlarmState(input),
      ...new CloudWatchMetricsApi(backend).operations,
    };
  }

  private putMetricAlarm(input: Input): unknown {
    const definition = alarmDefinitionOf(input);
    const backend = this.backend();
    try {
      backend.cloudWatch.putMetricAlarm(definition, backend.now());
      backend.alarmActions.set(definition.alarmName, (input.AlarmActions as string[] | undefined) ?? []);
    } catch (error) {
      if (error instanceof RangeError)
        throw new AwsWireError('ValidationException', error.message, 400, undefined, { cause: error });
      throw error;
    }
    return {};
  }

  private describeAlarms(input: Input): unknown {
    const backend = this.backend();
    // A wall-clock backend moves its world to now before answering.
    backend.now();
    const names = input.AlarmNames as string[] | undefined;
    const stateValue = input.StateValue as string | undefined;
    if (stateValue !== undefined && !STATE_VALUES.has(stateValue))
      throw invalidParameter(`StateValue ${stateValue}`);
    const types = (input.AlarmTypes as string[] | undefined) ?? ['MetricAlarm'];
    const prefix = input.AlarmNamePrefix as string | undefined;
    const found = types.includes('MetricAlarm')
      ? backend.cloudWatch
          .describeAlarms({
            ...(names === undefined ? {} : { alarmNames: names }),
            ...(stateValue === undefined
              ? {}
              : { stateValue: stateValue as SimulatedAlarm['state']['value'] }),
          })
          .filter((alarm) => prefix === undefined || alarm.definition.alarmName.startsWith(prefix))
          // CloudWatch lists alarms in name order, whatever order the names were asked in.
          .sort((a, b) => (a.definition.alarmName < b.definition.alarmName ? -1 : 1))
      : [];
    // 1 to 100 (API reference): a page of 0 would have a client page forever.
    const pageSize = integerInRange(input, 'MaxRecords', { min: 1, max: 100, fallback: 50 });
    const from = input.NextToken === undefined ? 0 : Number(input.NextToken);
    if (!Number.isInteger(from) || from < 0) {
      throw new AwsWireError(
        'InvalidNextToken',
        'The service cannot find the NextToken specified',
        400,
        'InvalidNextToken',
      );
    }
    const page = found.slice(from, from + pageSize);
    return {
      MetricAlarms: page.map((alarm) => metricAlarmOf(alarm, backend)),
      CompositeAlarms: [],
      ...(from + pageSize < found.length ? { NextToken: String(from + pageSize) } : {}),
    };
  }

  /** The metric alarms on one metric, narrowed by statistic, dimensions and period when given. */
  private describeAlarmsForMetric(input: Input): unknown {
    const backend = this.backend();
    backend.now();
    const namespace = requiredString(input, 'Namespace');
    const metricName = requiredString(input, 'MetricName');
    const statistic = (input.Statistic ?? input.ExtendedStatistic) as string | undefined;
    const dimensions = input.Dimensions === undefined ? undefined : dimensionsOf(input);
    const period = input.Period as number | undefined;
    const sameDimensions = (own: Readonly<Record<string, string>>) =>
      dimensions === undefined ||
      (Object.keys(own).length === Object.keys(dimensions).length &&
        Object.entries(dimensions).every(([name, value]) => own[name] === value));
    const found = backend.cloudWatch
      .describeAlarms()
      .filter(
        ({ definition }) =>
          definition.namespace === namespace &&
          definition.metricName === metricName &&
          (statistic === undefined || definition.statistic === statistic) &&
          (period === undefined || definition.period === period) &&
          sameDimensions(definition.dimensions),
      );
    return { MetricAlarms: found.map((alarm) => metricAlarmOf(alarm, backend)) };
  }

  /**
   * Sets an alarm's state until its next evaluation (CloudWatch's own advice for testing what an
   * alarm drives), and hands the state change to the stack's event delivery, as EventBridge would.
   */
  private setAlarmState(input: Input): unknown {
    const backend = this.backend();
    const alarmName = requiredString(input, 'AlarmName');
    const value = requiredString(input, 'StateValue');
    if (!STATE_VALUES.has(value))
      throw invalidParameter(`StateValue: expected OK, ALARM or INSUFFICIENT_DATA, found ${value}`);
    const reason = requiredString(input, 'StateReason');
    if (reason.length > MAX_REASON)
      throw invalidParameter(`StateReason: at most ${MAX_REASON} characters, found ${reason.length}`);
    const reasonData = input.StateReasonData as string | undefined;
    if (reasonData !== undefined) {
      if (reasonData.length > MAX_REASON_DATA) {
        throw invalidParameter(
          `StateReasonData: at most ${MAX_REASON_DATA} characters, found ${reasonData.length}`,
        );
      }
      try {
        JSON.parse(reasonData);
      } catch {
        throw new AwsWireError(
          'InvalidFormatFault',
          'StateReasonData: expected a JSON document',
          400,
          'InvalidFormat',
        );
      }
    }
    if (backend.cloudWatch.describeAlarms({ alarmNames: [alarmName] }).length === 0) {
      throw new AwsWireError('ResourceNotFound', `Alarm ${alarmName} not found`, 404, 'ResourceNotFound');
    }
    if (!backend.alarmEvents) {
      throw invalidParameter(
        'SetAlarmState: this emulator serves a simulation run, whose alarms the run moves; SetAlarmState works against `scaler local`',
      );
    }
    const change = backend.cloudWatch.setAlarmState(
      alarmName,
      { value: value as SimulatedAlarm['state']['value'], reason, reasonData },
      backend.now(),
    );
    if (change) backend.alarmEvents(change);
    return {};
  }
}
