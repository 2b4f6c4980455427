import { isoTime } from '../../domain/decision.ts';
import type { TargetConfig } from '../../domain/model.ts';
import {
  decidePredictiveFloor,
  dynamicBounds,
  observeForecastOnly,
  type PredictiveFloor,
} from '../../domain/predictive/floor.ts';
import type { TargetState } from '../../domain/state.ts';
import type { ScalerPorts } from '../apply-intent.ts';
import { runDecisionPath } from '../decision-path.ts';
import type { EventOutcome } from '../outcome.ts';

/** The tick's invocation, for one target. */
interface TickEvent {
  eventId: string;
  now: number;
  target: TargetConfig;
}

/**
 * The tick's predictive step for one target: raise capacity to a ForecastAndScale floor it is
 * below (keyed by the minute: a deferral is decided again next minute, like the floor itself),
 * and record once per interval what a ForecastOnly policy would have done. Each first checks the
 * tick's snapshot of the state and the endpoint, so a minute above the floor costs nothing more.
 */
export async function applyFloors(
  ports: ScalerPorts,
  event: TickEvent,
  floors: readonly PredictiveFloor[],
  snapshot: { state: TargetState | undefined; desiredInstanceCount: number },
  minute: string,
): Promise<(EventOutcome | undefined)[]> {
  const { now, target } = event;
  const bounds = snapshot.state?.bounds ?? target;
  const outcomes: (EventOutcome | undefined)[] = [];
  for (const floor of floors) {
    const below = snapshot.desiredInstanceCount < dynamicBounds(bounds, floor).minCapacity;
    if (floor.policy.mode === 'ForecastAndScale' && below) {
      outcomes.push(
        await runDecisionPath(ports, {
          eventId: event.eventId,
          now,
          target,
          eventKey: `floor@${minute}`,
          decide: (state, currentCapacity) =>
            decidePredictiveFloor(target, state, floor, { now, currentCapacity, floor }),
        }),
      );
    }
    const seen = snapshot.state?.forecastOnlySeen?.[floor.policy.policyName] === floor.interval.start;
    if (floor.policy.mode === 'ForecastOnly' && !seen && snapshot.desiredInstanceCount < floor.capacity) {
      outcomes.push(
        await runDecisionPath(ports, {
          eventId: event.eventId,
          now,
          target,
          eventKey: `forecast-only@${floor.policy.policyName}@${isoTime(floor.interval.start)}`,
          decide: (state, currentCapacity) => observeForecastOnly(state, floor, { now, currentCapacity }),
        }),
      );
    }
  }
  return outcomes;
}
