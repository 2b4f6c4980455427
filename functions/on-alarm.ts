import { alarmHandler } from '../shared/wiring/handlers.ts';
import { createRuntime } from '../shared/wiring/runtime.ts';

/** Applies step scaling policies on CloudWatch alarm state changes. */
export const handler = alarmHandler(createRuntime(process.env, 'on-alarm'));
