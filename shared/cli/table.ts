/** Renders rows as a plain-text table with a header, columns padded to their widest cell. */
export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/**
 * A table written as its rows come, for output of any length: the first `sizeOn` rows are held to
 * size the columns (so a short table prints exactly as {@link renderTable} prints it), later rows
 * use those widths, a longer cell pushing its row's next columns right.
 */
export class StreamingTable {
  private held: string[][] | undefined = [];
  private widths: number[] = [];

  constructor(
    private readonly headers: readonly string[],
    private readonly write: (line: string) => void,
    private readonly sizeOn = 1_000,
  ) {}

  row(cells: readonly string[]): void {
    if (this.held === undefined) {
      this.write(this.line(cells));
      return;
    }
    this.held.push([...cells]);
    if (this.held.length >= this.sizeOn) this.flush();
  }

  /** Writes what is still held (the whole table, when it had fewer than `sizeOn` rows). */
  end(): void {
    if (this.held !== undefined) this.flush();
  }

  private flush(): void {
    const rows = this.held ?? [];
    this.held = undefined;
    this.widths = this.headers.map((header, column) =>
      rows.reduce((widest, row) => Math.max(widest, (row[column] ?? '').length), header.length),
    );
    this.write(this.line(this.headers));
    this.write(this.line(this.widths.map((width) => '-'.repeat(width))));
    for (const row of rows) this.write(this.line(row));
  }

  private line(cells: readonly string[]): string {
    return cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(this.widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  }
}
