/**
 * CloudWatch's face of the simulated CloudWatch (AWS JSON 1.0, query-compatible, target prefix
 * `GraniteServiceVersion20100801`): DescribeAlarms and GetMetricData as the scaler's tick reads
 * them, and PutMetricAlarm to create the alarms of scaling.yml. States, evaluation and metric
 * visibility are the simulator's; this only translates shapes.
 */
import type { SimulatedAlarm } from '../../sim/cloudwatch/simulated-cloudwatch.ts';
import type { EmulatorBackend } from './backend.ts';
import { alarmDefinitionOf, dimensionsOf, invalidParameter, metricAlarmOf } from './cloudwatch-shapes.ts';
import {
  AwsWireError,
  epochSeconds,
  fromEpochSeconds,
  listOf,
  requiredNumber,
  requiredString,
} from './wire.ts';

type Input = Record<string, unknown>;

const STATE_VALUES: ReadonlySet<string> = new Set(['OK', 'ALARM', 'INSUFFICIENT_DATA']);
/** DescribeAlarms' page size limit. */
const MAX_RECORDS = 100;

/** The CloudWatch operations, by name. */
export class CloudWatchApi {
  constructor(private readonly backend: () => EmulatorBackend) {}

  readonly operations: Record<string, (input: Input) => Promise<unknown>> = {
    PutMetricAlarm: async (input) => this.putMetricAlarm(input),
    DescribeAlarms: async (input) => this.describeAlarms(input),
    GetMetricData: async (input) => this.getMetricData(input),
  };

  private putMetricAlarm(input: Input): unknown {
    const definition = alarmDefinitionOf(input);
    const backend = this.backend();
    try {
      backend.cloudWatch.putMetricAlarm(definition, backend.now());
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
    const pageSize = Math.min(MAX_RECORDS, (input.MaxRecords as number | undefined) ?? 50);
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

  private getMetricData(input: Input): unknown {
    const backend = this.backend();
    const now = backend.now();
    const startTime = fromEpochSeconds(input.StartTime, 'StartTime');
    const endTime = fromEpochSeconds(input.EndTime, 'EndTime');
    const descending = (input.ScanBy ?? 'TimestampDescending') === 'TimestampDescending';
    try {
      return {
        MetricDataResults: this.queryResults(input, startTime, endTime, now, descending),
        Messages: [],
      };
    } catch (error) {
      // An unknown statistic, from the simulator's own statistic rules.
      if (error instanceof RangeError) throw invalidParameter(error.message);
      throw error;
    }
  }

  private queryResults(input: Input, startTime: number, endTime: number, now: number, descending: boolean) {
    const backend = this.backend();
    return listOf(input, 'MetricDataQueries')
      .filter((query) => query.ReturnData !== false)
      .map((query) => {
        const id = requiredString(query, 'Id');
        const stat = query.MetricStat as Input | undefined;
        if (stat === undefined) {
          throw invalidParameter(
            `query ${id}: the local emulator answers MetricStat queries only; it does not evaluate metric math (Expression ${JSON.stringify(query.Expression)})`,
          );
        }
        const metric = (stat.Metric ?? {}) as Input;
        const period = requiredNumber(stat, 'Period');
        if (period % 60 !== 0 || period <= 0) {
          throw invalidParameter(
            `query ${id}: the local emulator stores one-minute datapoints; Period must be a multiple of 60 (found ${period})`,
          );
        }
        const data = backend.cloudWatch.metrics.getMetricData(
          {
            metric: {
              namespace: requiredString(metric, 'Namespace'),
              metricName: requiredString(metric, 'MetricName'),
              dimensions: dimensionsOf(metric),
            },
            statistic: requiredString(stat, 'Stat'),
            period,
            startTime,
            endTime,
          },
          now,
        );
        const timestamps = data.timestamps.map(epochSeconds);
        const values = data.values;
        if (descending) {
          timestamps.reverse();
          values.reverse();
        }
        return {
          Id: id,
          Label: (query.Label as string | undefined) ?? (metric.MetricName as string),
          Timestamps: timestamps,
          Values: values,
          StatusCode: 'Complete',
        };
      });
  }
}
