/**
 * Simulated EventBridge Scheduler: every scheduled action of the simulated targets fires at its
 * times in its time zone, within its start and end times, as the scaler's own "Scheduled Scaling
 * Action" event. `rate()` counts from the action's startTime, or from the start of the run (as in
 * replay), since a simulated schedule has no creation date.
 */
import type { TargetConfig } from '../domain/model.ts';
import { fireTimesBetween, parseScheduleExpression } from '../domain/schedule/index.ts';

/** One firing of one scheduled action. */
export interface SimulatedFiring {
  /** The scheduled time, epoch ms (the Scheduler's `<aws.scheduler.scheduled-time>`). */
  time: number;
  endpointName: string;
  variantName: string;
  scheduledActionName: string;
}

/** A schedule that cannot be simulated (an expression the validator should have refused). */
export class SimulatedScheduleError extends Error {
  override readonly name = 'SimulatedScheduleError';
}

/** Every firing of the targets' scheduled actions in [from, to), in time order. */
export function scheduledFirings(
  targets: readonly TargetConfig[],
  from: number,
  to: number,
): SimulatedFiring[] {
  const firings: SimulatedFiring[] = [];
  for (const target of targets) {
    for (const action of target.scheduledActions) {
      const parsed = parseScheduleExpression(action.schedule);
      if (!parsed.ok) {
        throw new SimulatedScheduleError(
          `scheduled action ${action.scheduledActionName} of ${target.endpointName}/${target.variantName}: ${parsed.errors.join('; ')}`,
        );
      }
      const window = {
        timezone: action.timezone,
        startTime: action.startTime,
        endTime: action.endTime,
        rateAnchor: action.startTime ?? from,
      };
      for (const time of fireTimesBetween(parsed.expression, window, from, to)) {
        firings.push({
          time,
          endpointName: target.endpointName,
          variantName: target.variantName,
          scheduledActionName: action.scheduledActionName,
        });
      }
    }
  }
  // Stable: actions firing at the same instant keep the order scaling.yml gives them.
  return firings.sort((a, b) => a.time - b.time);
}

/** The event EventBridge Scheduler sends for a firing (what `parseScheduledEvent` reads). */
export function scheduledActionEvent(firing: SimulatedFiring, id: string): Record<string, unknown> {
  return {
    version: '0',
    id,
    'detail-type': 'Scheduled Scaling Action',
    source: 'sagemaker-scaler',
    time: new Date(firing.time).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    detail: {
      endpointName: firing.endpointName,
      variantName: firing.variantName,
      scheduledActionName: firing.scheduledActionName,
    },
  };
}

const NOTHING_DUE: readonly SimulatedFiring[] = Object.freeze([]);

/** Hands out the firings due by a given simulated time, in order. */
export class SimulatedScheduler {
  private next = 0;

  constructor(readonly firings: readonly SimulatedFiring[]) {}

  /** Firings at or before `now` not handed out yet (one shared empty list on quiet minutes). */
  due(now: number): readonly SimulatedFiring[] {
    const next = this.firings[this.next];
    if (next === undefined || next.time > now) return NOTHING_DUE;
    const due: SimulatedFiring[] = [];
    while (this.next < this.firings.length && (this.firings[this.next] as SimulatedFiring).time <= now) {
      due.push(this.firings[this.next] as SimulatedFiring);
      this.next++;
    }
    return due;
  }
}
