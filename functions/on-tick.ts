import { tickHandler } from '../shared/wiring/handlers.ts';
import { createRuntime } from '../shared/wiring/runtime.ts';

/** Every minute: steps again for alarms still in ALARM, retries deferred changes, corrects drift. */
export const handler = tickHandler(createRuntime(process.env, 'on-tick'));
