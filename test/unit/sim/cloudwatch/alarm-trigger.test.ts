import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../../../shared/config/index.ts';
import { parseAlarmEvent } from '../../../../shared/events/index.ts';
import { alarmStateChangeEvent } from '../../../../shared/sim/cloudwatch/alarm-event.ts';
import { simulatedAlarmTrigger } from '../../../../shared/sim/cloudwatch/alarm-trigger.ts';
import { inProcessDelivery, overTheWire } from '../../../../shared/sim/delivery.ts';
import { runSimulation, type SimulationOptions } from '../../../../shared/sim/run-simulation.ts';
import { readTraceFile } from '../../../../shared/sim/trace/trace.ts';
import { handleAlarm } from '../../../../shared/usecases/handle-alarm.ts';

const ROOT = new URL('../../../../', import.meta.url).pathname;

/**
 * Runs the simulation twice: as `scaler simulate` does (triggers built from the changes), and
 * with every alarm change sent through its EventBridge JSON and `parseAlarmEvent`, as the Lambda
 * receives it, checking on the way that both give the same trigger.
 */
async function compareRuns(
  config: string,
  trace: string,
  options: SimulationOptions,
  resolutionSeconds = 60,
) {
  const scaling = loadConfigFile(`${ROOT}${config}`);
  const steps = readTraceFile(`${ROOT}${trace}`, { resolutionSeconds });
  let compared = 0;
  const overTheWireRun = await runSimulation(scaling, steps, {
    ...options,
    delivery: (world) => ({
      ...inProcessDelivery(world.ports),
      alarm: (change, now) => {
        const parsed = parseAlarmEvent(overTheWire(alarmStateChangeEvent(change)));
        expect(simulatedAlarmTrigger(change)).toStrictEqual(parsed);
        compared++;
        return handleAlarm(world.ports, parsed, now);
      },
    }),
  });
  const direct = await runSimulation(scaling, steps, options);
  return { compared, overTheWireRun, direct };
}

describe("the simulator's alarm triggers", () => {
  it('equal what parseAlarmEvent makes of the JSON event, on every change of two NASA days (step and tracking alarms)', async () => {
    const { compared, overTheWireRun, direct } = await compareRuns(
      'scaling.yml',
      'test/fixtures/traces/nasa_http_1995_0712-0713_1min.csv',
      { capacityPerInstance: 1000, scale: 25 },
    );
    expect(compared).toBeGreaterThan(50);
    expect(direct).toEqual(overTheWireRun);
  });

  it('equal it on the high-resolution example (10-s alarms, OK and ALARM both ways)', async () => {
    const { compared, overTheWireRun, direct } = await compareRuns(
      'test/fixtures/config/high-resolution.yml',
      'traces/azure_llm_2023_conv_1s.csv',
      { capacityPerInstance: 180, serviceTime: { latencyMs: 2000 }, baselineTarget: 120 },
      10,
    );
    expect(compared).toBeGreaterThan(5);
    expect(direct).toEqual(overTheWireRun);
  });
});
