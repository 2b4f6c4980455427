/**
 * The tuned scaling.yml: the user's own file with only the tuned target's policies replaced. The
 * yaml package's Document API keeps every comment, the other targets and the scheduled actions as
 * they were; the tuned policies get a comment block saying where they came from (trace, window,
 * SLO, held-out figures) and each tuned value an end-of-line comment saying what was searched.
 */
import { isMap, isScalar, type Node, type Pair, parseDocument, type YAMLMap } from 'yaml';
import type { PredictivePolicy, StepPolicy, TargetConfig, TargetTrackingPolicy } from '../domain/model.ts';
import type { CandidatePolicies } from './families.ts';

/** What the comments say. */
export interface TunedProvenance {
  /** Lines of the comment above the tuned policies. */
  lines: readonly string[];
  /** The note at each tuned value: its path under the target, and the text. */
  notes: readonly { path: readonly (string | number)[]; text: string }[];
}

/** The policy lists scaling.yml holds, in the order they are written. */
const POLICY_KEYS: readonly string[] = ['stepPolicies', 'targetTrackingPolicies', 'predictivePolicies'];

function trackingDocument(policy: TargetTrackingPolicy) {
  const spec = policy.metric;
  const metric =
    spec.kind === 'predefined'
      ? { predefinedMetricSpecification: { predefinedMetricType: spec.predefinedMetricType } }
      : {};
  return {
    policyName: policy.policyName,
    targetValue: policy.targetValue,
    ...metric,
    scaleOutCooldown: policy.scaleOutCooldown,
    scaleInCooldown: policy.scaleInCooldown,
  };
}

function stepDocument(policy: StepPolicy) {
  return {
    policyName: policy.policyName,
    alarmName: policy.alarmName,
    ...(policy.alarm === undefined ? {} : { alarm: { ...policy.alarm } }),
    adjustmentType: policy.adjustmentType,
    cooldown: policy.cooldown,
    stepAdjustments: policy.stepAdjustments.map((step) => ({ ...step })),
  };
}

function predictiveDocument(policy: PredictivePolicy) {
  const { loadMetric } = policy;
  const metric =
    loadMetric.kind === 'predefined'
      ? { predefinedLoadMetricSpecification: { predefinedMetricType: loadMetric.predefinedMetricType } }
      : {
          customizedLoadMetricSpecification: {
            metricName: loadMetric.metricName,
            namespace: loadMetric.namespace,
            statistic: loadMetric.statistic,
            ...(loadMetric.dimensions && {
              dimensions: Object.entries(loadMetric.dimensions).map(([name, value]) => ({ name, value })),
            }),
          },
        };
  return {
    policyName: policy.policyName,
    targetValue: policy.targetValue,
    ...metric,
    mode: policy.mode,
    schedulingBufferTime: policy.schedulingBufferTime,
    maxCapacityBreachBehavior: policy.maxCapacityBreachBehavior,
    ...(policy.maxCapacityBuffer === undefined ? {} : { maxCapacityBuffer: policy.maxCapacityBuffer }),
  };
}

/** The scaling.yml form of the tuned policies, list by list. */
export function policiesDocument(policies: CandidatePolicies): Record<string, unknown[]> {
  return {
    stepPolicies: policies.stepPolicies.map(stepDocument),
    targetTrackingPolicies: policies.targetTrackingPolicies.map(trackingDocument),
    predictivePolicies: policies.predictivePolicies.map(predictiveDocument),
  };
}

function comment(lines: readonly string[]): string {
  return lines.map((line) => (line === '' ? '' : ` ${line}`)).join('\n');
}

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

/**
 * `text` (the user's scaling.yml) with the policies of `target` replaced by `policies`. Only
 * `stepPolicies`, `targetTrackingPolicies` and `predictivePolicies` of that target change; the new
 * lists go where the old ones were (else before `scheduledActions`).
 */
export function tunedYaml(
  text: string,
  target: Pick<TargetConfig, 'endpointName' | 'variantName'>,
  policies: CandidatePolicies,
  provenance: TunedProvenance,
): string {
  const document = parseDocument(text);
  const items = (document.get('targets', true) as { items?: Node[] } | undefined)?.items ?? [];
  const node = items.find(
    (item) =>
      isMap(item) &&
      item.get('endpointName') === target.endpointName &&
      item.get('variantName') === target.variantName,
  ) as YAMLMap | undefined;
  if (node === undefined) {
    throw new Error(`scaling.yml has no target ${target.endpointName}/${target.variantName}`);
  }
  const written = policiesDocument(policies);
  const isPolicies = (pair: Pair) => POLICY_KEYS.includes(keyOf(pair));
  const firstOld = node.items.findIndex(isPolicies);
  const schedules = node.items.findIndex((pair) => keyOf(pair) === 'scheduledActions');
  const at = firstOld >= 0 ? firstOld : schedules >= 0 ? schedules : node.items.length;
  node.items = node.items.filter((pair) => !isPolicies(pair));
  const fresh = POLICY_KEYS.filter((key) => (written[key] ?? []).length > 0).map((key) =>
    document.createPair(key, written[key]),
  );
  node.items.splice(Math.min(at, node.items.length), 0, ...fresh);
  const first = fresh[0];
  if (first && isScalar(first.key)) first.key.commentBefore = comment(provenance.lines);
  // A step is written on one line: its notes go after it, together.
  const onStep = new Map<Node, string[]>();
  for (const note of provenance.notes) {
    const step = note.path.indexOf('stepAdjustments');
    if (step >= 0) {
      const holder = node.getIn(note.path.slice(0, step + 2), true) as Node | undefined;
      if (holder) onStep.set(holder, [...(onStep.get(holder) ?? []), note.text]);
      continue;
    }
    const value = node.getIn(note.path, true);
    if (isScalar(value)) value.comment = ` ${note.text}`;
  }
  for (const [holder, texts] of onStep) holder.comment = ` ${texts.join('; ')}`;
  // Steps one per line, as scaling.yml writes them.
  const steps = node.get('stepPolicies', true) as { items?: YAMLMap[] } | undefined;
  for (const policy of steps?.items ?? []) {
    const list = policy.get('stepAdjustments', true) as { items?: Node[] } | undefined;
    for (const step of list?.items ?? []) if (isMap(step)) step.flow = true;
  }
  return document.toString({ lineWidth: 0 });
}
