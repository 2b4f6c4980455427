import { Document, isMap, type Node } from 'yaml';
import { isoSeconds } from '../usecases/operate/clock-text.ts';
import type { ImportPlan } from '../usecases/operate/import-native.ts';
import type { ImportNote, NativeRemoval } from '../usecases/operate/import-types.ts';

const SERVICE = '--service-namespace sagemaker --scalable-dimension sagemaker:variant:DesiredInstanceCount';
const WIDTH = 96;

const HEADINGS: Record<ImportNote['kind'], string> = {
  'not-migrated': 'Not migrated',
  changed: 'Behaves differently',
  kept: 'Kept as it is',
};

/** A value the shell takes as one word. */
function shellWord(value: string): string {
  return /^[\w./:@=+-]+$/.test(value) ? value : `'${value.replaceAll("'", `'\\''`)}'`;
}

/**
 * The AWS CLI commands that delete the native policies and scheduled actions the scaler now
 * replaces. Printed, never run: they are for after the scaler is deployed.
 */
export function removalCommands(removals: readonly NativeRemoval[], region: string | undefined): string[] {
  const where = region ? ` --region ${shellWord(region)}` : '';
  return removals.map((removal) => {
    const verb = removal.kind === 'scaling-policy' ? 'delete-scaling-policy' : 'delete-scheduled-action';
    const flag = removal.kind === 'scaling-policy' ? '--policy-name' : '--scheduled-action-name';
    return `aws application-autoscaling ${verb}${where} ${SERVICE} --resource-id ${shellWord(removal.resourceId)} ${flag} ${shellWord(removal.name)}`;
  });
}

/** Words wrapped to lines of at most `width` characters. */
function wrap(text: string, width: number, indent = ''): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + word.length + 1 > width) {
      lines.push(line);
      line = indent + word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The notes grouped by kind, as `- target subject: message` items. */
export function noteLines(notes: readonly ImportNote[], width = WIDTH): string[] {
  const lines: string[] = [];
  for (const kind of ['not-migrated', 'changed', 'kept'] as const) {
    const ofKind = notes.filter((note) => note.kind === kind);
    if (ofKind.length === 0) continue;
    lines.push(`${HEADINGS[kind]}:`);
    for (const note of ofKind) {
      const where = note.target ? `${note.target} ` : '';
      lines.push(...wrap(`- ${where}${note.subject}: ${note.message}`, width, '    ').map((l) => `  ${l}`));
    }
  }
  return lines;
}

/** scaling.yml text: the plan's document with a header that tells the story and comments where it matters. */
export function renderImportYaml(
  plan: ImportPlan,
  meta: { endpointName: string; region?: string | undefined; at: number },
): string {
  const document = new Document(plan.document);
  const where = meta.region ? `, region ${meta.region}` : '';
  const header = [
    'scaling.yml imported from Application Auto Scaling by `scaler import`',
    `(endpoint ${meta.endpointName}${where}, ${isoSeconds(meta.at)}).`,
    'Check it with `scaler validate`, deploy the scaler, then delete the native step policies and',
    'scheduled actions with the commands `scaler import` printed: two scalers on one variant fight.',
    ...(plan.notes.length > 0 ? ['', ...noteLines(plan.notes, WIDTH - 2)] : []),
  ];
  document.commentBefore = header.map((line) => (line === '' ? '' : ` ${line}`)).join('\n');
  for (const comment of plan.comments) {
    const node = document.getIn(comment.path, true) as Node | undefined;
    if (node)
      node.commentBefore = wrap(comment.text, WIDTH - 8)
        .map((line) => ` ${line}`)
        .join('\n');
  }
  // Steps one per line, as the AWS console lists them.
  for (const [t, target] of plan.document.targets.entries()) {
    for (const [p, policy] of target.stepPolicies.entries()) {
      for (const s of policy.stepAdjustments.keys()) {
        const node = document.getIn(['targets', t, 'stepPolicies', p, 'stepAdjustments', s], true);
        if (isMap(node)) node.flow = true;
      }
    }
    for (const s of target.scheduledActions.keys()) {
      const node = document.getIn(['targets', t, 'scheduledActions', s, 'scalableTargetAction'], true);
      if (isMap(node)) node.flow = true;
    }
  }
  return document.toString({ lineWidth: 0 });
}
