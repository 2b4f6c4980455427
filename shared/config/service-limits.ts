/**
 * SageMaker's own limits that no deployment layout can work around, checked with the rest of
 * scaling.yml so `scaler validate` and `serverless package` refuse the file before anything is
 * built.
 */
import type { TargetConfig } from '../domain/model.ts';
import { at, type IssueCollector } from './issues.ts';

/**
 * An endpoint configuration holds at most 10 production variants (CreateEndpointConfig,
 * `ProductionVariants`: "Maximum number of 10 items",
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html), so
 * no endpoint has an 11th variant to scale.
 */
export const MAX_VARIANTS_PER_ENDPOINT = 10;

/**
 * At most {@link MAX_VARIANTS_PER_ENDPOINT} targets per endpoint. Endpoint names are compared
 * without case: SageMaker lower-cases them in ARNs, and two spellings name one endpoint.
 */
export function checkVariantsPerEndpoint(
  targets: readonly (TargetConfig | undefined)[],
  issues: IssueCollector,
): void {
  const byEndpoint = new Map<string, number[]>();
  targets.forEach((target, index) => {
    if (target === undefined) return;
    const key = target.endpointName.toLowerCase();
    byEndpoint.set(key, [...(byEndpoint.get(key) ?? []), index]);
  });
  for (const indexes of byEndpoint.values()) {
    if (indexes.length <= MAX_VARIANTS_PER_ENDPOINT) continue;
    const first = targets[indexes[0] ?? 0]?.endpointName ?? '';
    const extra = indexes.slice(MAX_VARIANTS_PER_ENDPOINT);
    issues.error(
      at('targets', extra[0] ?? 0),
      `endpoint '${first}' has ${indexes.length} variants in this file (targets ${indexes.map((i) => `[${i}]`).join(', ')}), ` +
        `${indexes.length - MAX_VARIANTS_PER_ENDPOINT} over SageMaker's limit of ${MAX_VARIANTS_PER_ENDPOINT} production variants per endpoint: ` +
        'no endpoint can hold them, and no stack split can help. Move the extra variants to another endpoint.',
    );
  }
}
