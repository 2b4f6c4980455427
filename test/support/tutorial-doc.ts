/**
 * Reads docs/tutorial.md as a script: its ```sh tutorial blocks are the commands, in order, and the
 * ```text block right after one (blank lines between allowed) is what that command prints. Also
 * the normalization under which a real run and the doc must agree: what varies from run to run
 * (wall-clock instants, ports, durations) is masked, everything else must match character for
 * character.
 */

/** Where a block runs: the main shell, or the second terminal that holds `scaler local`. */
export type TutorialShell = 'main' | 'local';

/** One command block of the tutorial and the output the doc shows for it. */
export interface TutorialStep {
  shell: TutorialShell;
  /** The commands, as the reader copies them. */
  script: string;
  /** The doc's line of the opening fence (1-based), for messages. */
  line: number;
  /** The output block's text, if the doc shows one. */
  shown?: string;
  /** Offsets of the output block's body in the doc (to rewrite it), or where one would go. */
  outputAt: { start: number; end: number; exists: boolean };
}

const FENCE = /^```([^\n]*)\n([\s\S]*?)^```[ \t]*$/gm;

/** The steps of a tutorial document, in order. */
export function tutorialSteps(doc: string): TutorialStep[] {
  const blocks = [...doc.matchAll(FENCE)].map((match) => ({
    info: (match[1] ?? '').trim(),
    body: match[2] ?? '',
    start: match.index,
    end: match.index + match[0].length,
    bodyStart: match.index + match[0].indexOf('\n') + 1,
  }));
  const steps: TutorialStep[] = [];
  for (const [index, block] of blocks.entries()) {
    const words = block.info.split(/\s+/);
    if (words[0] !== 'sh' || words[1] !== 'tutorial') continue;
    const next = blocks[index + 1];
    const adjacent =
      next !== undefined && next.info === 'text' && /^\s*$/.test(doc.slice(block.end, next.start));
    const line = doc.slice(0, block.start).split('\n').length;
    steps.push({
      shell: words[2] === 'local' ? 'local' : 'main',
      script: block.body,
      line,
      ...(adjacent ? { shown: next.body } : {}),
      outputAt: adjacent
        ? { start: next.bodyStart, end: next.bodyStart + next.body.length, exists: true }
        : { start: block.end, end: block.end, exists: false },
    });
  }
  return steps;
}

/**
 * What may differ between the doc and a run: instants of today (the trace's 1995 dates stay),
 * clock times, loopback ports, durations, the operator's user name, and so the padding of table
 * columns. Trailing spaces and blank lines at the ends go too.
 */
export function normalizeOutput(text: string): string {
  return (
    text
      .replace(/20\d\d-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?Z?/g, '<instant>')
      .replace(/\b\d\d:\d\d:\d\d\b/g, '<clock>')
      .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:<port>')
      .replace(/\b(\d+h )?(\d+m )?\d+s left\b/g, '<duration> left')
      .replace(/\bin \d+(\.\d+)? s\b/g, 'in <seconds> s')
      .replace(/\(\d+s\)/g, '(<seconds>s)')
      .replace(/\bscaler (pause|resume|reset-marks) by \S+/g, 'scaler $1 by <user>')
      // Table columns are as wide as their widest cell, which the masked parts can change.
      .replace(/ {2,}/g, '  ')
      .replace(/-{3,}/g, '---')
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n')
      .trim()
  );
}

/** The doc with each step's output block replaced (or added) by `outputs[i]`, for the update mode. */
export function withOutputs(doc: string, steps: readonly TutorialStep[], outputs: readonly string[]): string {
  let result = '';
  let from = 0;
  for (const [index, step] of steps.entries()) {
    const output = outputs[index]?.replace(/\s+$/, '') ?? '';
    result += doc.slice(from, step.outputAt.start);
    if (step.outputAt.exists) result += output === '' ? '' : `${output}\n`;
    else if (output !== '') result += `\n\n\`\`\`text\n${output}\n\`\`\``;
    from = step.outputAt.end;
  }
  return result + doc.slice(from);
}
