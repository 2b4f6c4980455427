import { type CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import type { AlarmInAlarm, AlarmStates } from '../usecases/operate/ports.ts';

/** DescribeAlarms takes at most 100 AlarmNames per call. */
const BATCH = 100;

/** {@link AlarmStates} over CloudWatch DescribeAlarms (StateValue ALARM), every page read. */
export class CloudWatchAlarmStates implements AlarmStates {
  constructor(private readonly client: CloudWatchClient) {}

  async alarmsInAlarm(alarmNames: readonly string[]): Promise<AlarmInAlarm[]> {
    const wanted = [...new Set(alarmNames)];
    const found: AlarmInAlarm[] = [];
    for (let start = 0; start < wanted.length; start += BATCH) {
      const names = wanted.slice(start, start + BATCH);
      let nextToken: string | undefined;
      do {
        const page = await this.client.send(
          new DescribeAlarmsCommand({
            AlarmNames: names,
            StateValue: 'ALARM',
            MaxRecords: BATCH,
            NextToken: nextToken,
          }),
        );
        for (const alarm of [...(page.MetricAlarms ?? []), ...(page.CompositeAlarms ?? [])]) {
          if (alarm.StateValue !== 'ALARM' || !names.includes(alarm.AlarmName ?? '')) continue;
          found.push({
            alarmName: alarm.AlarmName ?? '',
            since: alarm.StateUpdatedTimestamp?.getTime(),
            reason: alarm.StateReason,
          });
        }
        nextToken = page.NextToken;
      } while (nextToken !== undefined);
    }
    return found;
  }
}
