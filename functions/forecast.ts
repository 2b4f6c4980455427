import { createCloudWatchClient } from '../shared/adapters/aws/cloudwatch-alarms.ts';
import { CloudWatchLoadHistory } from '../shared/adapters/aws/cloudwatch-load-history.ts';
import { forecastHandler } from '../shared/wiring/handlers.ts';
import { createRuntime, withPorts } from '../shared/wiring/runtime.ts';

/** Every hour: forecasts each predictive policy's load for the next 48 hours and stores it. */
export const handler = forecastHandler(
  withPorts(createRuntime(process.env, 'forecast'), {
    loadHistory: new CloudWatchLoadHistory(createCloudWatchClient()),
  }),
);
