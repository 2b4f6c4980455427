import {
  type CloudWatchClient,
  type CompositeAlarm,
  DescribeAlarmsCommand,
  type DescribeAlarmsCommandInput,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';

/** DescribeAlarms takes at most 100 AlarmNames (and returns at most 100 records) per call. */
const BATCH = 100;

/** The filters a caller may add to a by-name DescribeAlarms. */
export type DescribeAlarmsFilter = Pick<DescribeAlarmsCommandInput, 'StateValue' | 'AlarmTypes'>;

/**
 * DescribeAlarms for the given names, in batches of 100, every page read. Only alarms of those
 * names come back (the filters are the API's promise, the names are ours to keep); callers that
 * filter on state check it again for the same reason.
 */
export async function describeAlarmsNamed(
  client: CloudWatchClient,
  alarmNames: readonly string[],
  filter: DescribeAlarmsFilter = {},
): Promise<{ metricAlarms: MetricAlarm[]; compositeAlarms: CompositeAlarm[] }> {
  const wanted = [...new Set(alarmNames)];
  const metricAlarms: MetricAlarm[] = [];
  const compositeAlarms: CompositeAlarm[] = [];
  for (let start = 0; start < wanted.length; start += BATCH) {
    const names = wanted.slice(start, start + BATCH);
    const named = new Set(names);
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new DescribeAlarmsCommand({ AlarmNames: names, ...filter, MaxRecords: BATCH, NextToken: nextToken }),
      );
      for (const alarm of page.MetricAlarms ?? [])
        if (named.has(alarm.AlarmName ?? '')) metricAlarms.push(alarm);
      for (const alarm of page.CompositeAlarms ?? [])
        if (named.has(alarm.AlarmName ?? '')) compositeAlarms.push(alarm);
      nextToken = page.NextToken;
    } while (nextToken !== undefined);
  }
  return { metricAlarms, compositeAlarms };
}
