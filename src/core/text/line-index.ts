import type { Position, Range } from './types';

/**
 * Converts between UTF-16 offsets and line/character positions of one text. The line starts are found on
 * first use: every indexed file has an index, but most files never need a position (no finding, no hover).
 */
export class LineIndex {
  private starts: Int32Array | null = null;

  constructor(private readonly text: string) {}

  private get lineStarts(): Int32Array {
    if (this.starts) return this.starts;
    const text = this.text;
    let count = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
    const starts = new Int32Array(count);
    let k = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[k++] = i + 1;
    return (this.starts = starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  positionAt(offset: number): Position {
    const starts = this.lineStarts;
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: clamped - starts[lo] };
  }

  offsetAt(position: Position): number {
    const starts = this.lineStarts;
    if (position.line >= starts.length) return this.text.length;
    const line = Math.max(0, position.line);
    return Math.min(starts[line] + Math.max(0, position.character), this.lineEnd(line));
  }

  rangeOf(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  lineStart(line: number): number {
    const starts = this.lineStarts;
    return starts[Math.max(0, Math.min(line, starts.length - 1))];
  }

  /** Offset of the end of the line's content, before any \r\n or \n. */
  lineEnd(line: number): number {
    const starts = this.lineStarts;
    const next = line + 1 < starts.length ? starts[line + 1] - 1 : this.text.length;
    return next > 0 && this.text.charCodeAt(next - 1) === 13 && next - 1 >= starts[line] ? next - 1 : next;
  }

  /** Offset just past the line's terminator (or the text end). */
  lineEndWithBreak(line: number): number {
    const starts = this.lineStarts;
    return line + 1 < starts.length ? starts[line + 1] : this.text.length;
  }
}
