import { CloudWatchAlarms, createCloudWatchClient } from '../shared/adapters/aws/cloudwatch-alarms.ts';
import { tickHandler } from '../shared/wiring/handlers.ts';
import { createRuntime, withPorts } from '../shared/wiring/runtime.ts';

/** Every minute: steps again for alarms still in ALARM, retries deferred changes, corrects drift. */
export const handler = tickHandler(
  withPorts(createRuntime(process.env, 'on-tick'), {
    alarms: new CloudWatchAlarms(createCloudWatchClient()),
  }),
);
