/** WAPE and the share of under-forecast intervals, accumulated over scored intervals. */
export class Score {
  private absoluteError = 0;
  private actualTotal = 0;
  private under = 0;
  private count = 0;

  add(forecast: number, actual: number): void {
    this.absoluteError += Math.abs(forecast - actual);
    this.actualTotal += actual;
    this.count++;
    if (forecast < actual) this.under++;
  }

  /** Sum of |forecast - actual| over sum of actual, percent. */
  get wape(): number {
    return (100 * this.absoluteError) / this.actualTotal;
  }

  /** Share of scored intervals whose forecast fell short of what happened, percent. */
  get underShare(): number {
    return (100 * this.under) / this.count;
  }

  get intervals(): number {
    return this.count;
  }

  /** `21.3 % / 64 %`: WAPE, then under-forecast share. */
  toString(): string {
    return `${this.wape.toFixed(1).padStart(5)} % / ${this.underShare.toFixed(0).padStart(2)} %`;
  }
}

/** A plain text table: the first column left-aligned, the others right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

/** The median of a list of numbers. */
export function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
