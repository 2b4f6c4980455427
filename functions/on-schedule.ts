import { scheduleHandler } from '../shared/wiring/handlers.ts';
import { createRuntime } from '../shared/wiring/runtime.ts';

/** Runs scheduled actions fired by EventBridge Scheduler. */
export const handler = scheduleHandler(createRuntime(process.env, 'on-schedule'));
