/**
 * How a simulation's events reach the scaler. The run loop owns time and the world; a delivery
 * only carries each event to a decision path and hands back what it decided. The default runs the
 * use cases in process over the world's in-memory ports (`scaler simulate`); the local stack
 * supplies one that invokes the real Lambda handlers over HTTP (`shared/local/handler-delivery.ts`).
 */
import { parseScheduledEvent } from '../events/index.ts';
import { handleAlarm } from '../usecases/handle-alarm.ts';
import { handleSchedule } from '../usecases/handle-schedule.ts';
import { handleTick, type TickPorts } from '../usecases/handle-tick.ts';
import type { EventOutcome } from '../usecases/outcome.ts';
import { type ForecastPorts, refreshForecasts } from '../usecases/predictive/refresh-forecasts.ts';
import type { SimulatedAlarmChange } from './cloudwatch/alarm-event.ts';
import { simulatedAlarmTrigger } from './cloudwatch/alarm-trigger.ts';
import type { SimulatedWorld } from './simulated-world.ts';

/** Carries one simulated minute's events to the scaler; `now` is the simulated processing time. */
export interface SimulationDelivery {
  /**
   * A CloudWatch alarm's change of state: its "Alarm State Change" event, as EventBridge would
   * send it, is `alarmStateChangeEvent(change)`.
   */
  alarm(change: SimulatedAlarmChange, now: number): Promise<EventOutcome[]>;
  /** The scaler's "Scheduled Scaling Action" event, as EventBridge Scheduler would send it. */
  scheduled(event: Record<string, unknown>, now: number): Promise<EventOutcome[]>;
  /** The one-minute tick; `tickId` names it in the history. */
  tick(now: number, tickId: string): Promise<EventOutcome[]>;
  /**
   * The hourly forecast function; `requestId` names it in the history. A delivery without it
   * cannot play predictive policies (the run says so before it starts).
   */
  forecast?(now: number, requestId: string): Promise<EventOutcome[]>;
}

/** Builds the delivery for a world, once the run has built it (the local stack serves it over HTTP). */
export type SimulationDeliveryFactory = (
  world: SimulatedWorld,
) => SimulationDelivery | Promise<SimulationDelivery>;

/** The events through their wire format (a JSON round trip), as EventBridge delivers them. */
export function overTheWire(event: Record<string, unknown>): unknown {
  return JSON.parse(JSON.stringify(event));
}

/**
 * The use cases in process over the world's in-memory ports: what `scaler simulate` runs. An alarm
 * change reaches `handleAlarm` as the trigger `parseAlarmEvent` makes of its event, built directly
 * (`simulatedAlarmTrigger`: the same typed object, without the JSON round trip); scheduled events
 * (a few a month) still go through the wire and the parse. The forecast function runs when the
 * world has predictive policies (`forecasting`).
 */
export function inProcessDelivery(ports: TickPorts, forecasting?: ForecastPorts): SimulationDelivery {
  return {
    ...(forecasting && {
      forecast: (now: number, requestId: string) => refreshForecasts(forecasting, now, requestId),
    }),
    alarm: (change, now) => handleAlarm(ports, simulatedAlarmTrigger(change), now),
    scheduled: (event, now) => handleSchedule(ports, parseScheduledEvent(overTheWire(event), now), now),
    tick: (now, tickId) => handleTick(ports, now, tickId),
  };
}
