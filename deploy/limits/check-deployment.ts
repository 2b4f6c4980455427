/**
 * The AWS limits over a whole deployment (the root template and every nested one), with advice
 * that fits the layout: which `nestedStacks` to package with.
 */
import type { NestedStackSpec } from '../build-resources.ts';
import { suggestedStackCount } from '../layout/partition.ts';
import { type LimitProblem, type TemplateDocument, templateProblems } from './check-template.ts';

/** The most nested stacks one deployment takes (each is a resource of the root stack). */
export const MAX_NESTED_STACKS = 256;

/** Every limit the deployment breaks, `nestedStacks` being the layout it was built with. */
export function deploymentProblems(
  root: TemplateDocument,
  nested: readonly NestedStackSpec[],
  nestedStacks: number,
): LimitProblem[] {
  const rootAdvice = (what: string) =>
    nestedStacks === 0
      ? `Put the per-target resources in nested stacks: package with --param="nestedStacks=${suggestedStackCount(Object.keys(root.Resources ?? {}).length)}" (docs/deploy.md, "Large fleets").`
      : `The root holds only shared resources and one resource per nested stack; ${what} means fewer nested stacks.`;
  const nestedAdvice = () =>
    `Spread the targets over more nested stacks: package with --param="nestedStacks=${Math.min(nestedStacks * 2, MAX_NESTED_STACKS)}" (docs/deploy.md, "Large fleets").`;
  return [
    ...templateProblems('root stack', root, rootAdvice),
    ...nested.flatMap((stack) =>
      templateProblems(stack.fileName, stack.template as TemplateDocument, nestedAdvice),
    ),
  ];
}
