import { createCloudWatchClient } from '../shared/adapters/aws/cloudwatch-client.ts';
import { CloudWatchLoadHistory } from '../shared/adapters/aws/cloudwatch-load-history.ts';
import { createForecastRuntime } from '../shared/wiring/forecast-runtime.ts';
import { forecastHandler } from '../shared/wiring/handlers.ts';
import { withPorts } from '../shared/wiring/runtime-base.ts';

/** Every hour: forecasts each predictive policy's load for the next 48 hours and stores it. */
export const handler = forecastHandler(
  withPorts(createForecastRuntime(process.env), {
    loadHistory: new CloudWatchLoadHistory(createCloudWatchClient()),
  }),
);
