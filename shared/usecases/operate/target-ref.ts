import { type ScalingConfig, type TargetConfig, targetKey } from '../../domain/model.ts';

/** The argument names no target of scaling.yml; the message lists the known ones. */
export class UnknownTargetError extends Error {
  override readonly name = 'UnknownTargetError';
  constructor(
    message: string,
    readonly known: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** `endpoint/variant`, the short form the commands take and print. */
export function shortTargetName(target: { endpointName: string; variantName: string }): string {
  return `${target.endpointName}/${target.variantName}`;
}

/**
 * Finds the target an argument names: `endpoint/variant`, the AAS resource id
 * `endpoint/<endpoint>/variant/<variant>`, or a bare endpoint name when scaling.yml manages a
 * single variant of it.
 * @throws UnknownTargetError naming the targets scaling.yml does have.
 */
export function resolveTarget(config: ScalingConfig, ref: string): TargetConfig {
  const text = ref.trim();
  const found = config.targets.filter(
    (target) =>
      targetKey(target) === text ||
      shortTargetName(target) === text ||
      (!text.includes('/') && target.endpointName === text),
  );
  const known = config.targets.map(shortTargetName);
  const [only] = found;
  if (found.length === 1 && only) return only;
  const why =
    found.length > 1
      ? `endpoint ${text} has several managed variants; name one`
      : `no target ${JSON.stringify(text)} in scaling.yml`;
  throw new UnknownTargetError(`${why}. Known targets: ${known.join(', ')}`, known);
}

/** The targets a command acts on: the one named, or all of scaling.yml. */
export function selectTargets(config: ScalingConfig, ref: string | undefined): TargetConfig[] {
  return ref === undefined ? [...config.targets] : [resolveTarget(config, ref)];
}
