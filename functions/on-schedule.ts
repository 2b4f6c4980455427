import {
  ApplicationAutoScaling,
  createApplicationAutoScalingClient,
} from '../shared/adapters/aws/application-auto-scaling.ts';
import { scheduleHandler } from '../shared/wiring/handlers.ts';
import { createRuntime, withPorts } from '../shared/wiring/runtime.ts';

/** Runs scheduled actions fired by EventBridge Scheduler; keeps native AAS bounds in step. */
export const handler = scheduleHandler(
  withPorts(createRuntime(process.env, 'on-schedule'), {
    native: new ApplicationAutoScaling(createApplicationAutoScalingClient()),
  }),
);
