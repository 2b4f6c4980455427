import type { ScalingConfig } from '../domain/model.ts';
import { oracleSchedule } from './references/oracle.ts';
import type { SimulationRun } from './report/outputs.ts';
import type { TargetSimulationResult } from './run-simulation.ts';
import { capacityPerStep } from './simulated-minute.ts';

/**
 * What the report of one simulated target shows: its run, with the oracle's plan over the same
 * demand (the same steps and start-up rounding as the summary's oracle).
 */
export function simulationRunOf(
  result: TargetSimulationResult,
  options: { capacityPerInstance: number; startupSeconds: number; minCapacity: number },
): SimulationRun {
  const stepSeconds = result.resolution?.stepSeconds ?? 60;
  return {
    target: result.targetKey,
    policy: result.policy,
    baseline: result.baseline,
    outcomes: result.outcomes,
    scheduledFirings: result.scheduledFirings,
    alarmNames: result.alarmNames,
    summary: result.summary,
    oracleBilled: oracleSchedule(
      result.policy.map((minute) => minute.demand),
      {
        capacityPerInstance: capacityPerStep(options.capacityPerInstance, stepSeconds),
        startupSteps: Math.ceil(options.startupSeconds / stepSeconds),
        minCapacity: options.minCapacity,
        stepSeconds,
      },
    ),
    capacityPerInstance: options.capacityPerInstance,
    ...(result.resolution ? { resolution: result.resolution } : {}),
  };
}

/** The simulated target's minCapacity in scaling.yml: the oracle never goes below it. */
export function targetMinCapacity(config: ScalingConfig, result: TargetSimulationResult): number {
  const target = config.targets.find(
    (t) => t.endpointName === result.endpointName && t.variantName === result.variantName,
  );
  return target?.minCapacity ?? 1;
}
