/** Which targets of scaling.yml a simulation plays (`--target`). */
import { type ScalingConfig, targetKey } from '../domain/model.ts';

/** A `--target` that names no target of scaling.yml. */
export class UnknownTargetError extends Error {
  override readonly name = 'UnknownTargetError';
}

/** The targets `selection` names, in scaling.yml order. */
export function selectTargets(config: ScalingConfig, selection?: readonly string[]): ScalingConfig {
  if (selection === undefined) return config;
  const known = new Map(config.targets.map((t) => [`${t.endpointName}/${t.variantName}`, t]));
  for (const target of config.targets) known.set(targetKey(target), target);
  const chosen = new Set(
    selection.map((name) => {
      const target = known.get(name);
      if (!target) {
        const names = config.targets.map((t) => `${t.endpointName}/${t.variantName}`).join(', ');
        throw new UnknownTargetError(`unknown target '${name}': scaling.yml has ${names}`);
      }
      return target;
    }),
  );
  return { targets: config.targets.filter((target) => chosen.has(target)) };
}
