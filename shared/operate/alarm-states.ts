import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { describeAlarmsNamed } from '../adapters/aws/describe-alarms.ts';
import type { AlarmInAlarm, AlarmStates } from '../usecases/operate/ports.ts';

/** {@link AlarmStates} over CloudWatch DescribeAlarms (StateValue ALARM), every page read. */
export class CloudWatchAlarmStates implements AlarmStates {
  constructor(private readonly client: CloudWatchClient) {}

  async alarmsInAlarm(alarmNames: readonly string[]): Promise<AlarmInAlarm[]> {
    const { metricAlarms, compositeAlarms } = await describeAlarmsNamed(this.client, alarmNames, {
      StateValue: 'ALARM',
    });
    return [...metricAlarms, ...compositeAlarms]
      .filter((alarm) => alarm.StateValue === 'ALARM')
      .map((alarm) => ({
        alarmName: alarm.AlarmName ?? '',
        since: alarm.StateUpdatedTimestamp?.getTime(),
        reason: alarm.StateReason,
      }));
  }
}
