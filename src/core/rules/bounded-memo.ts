/**
 * Answers of a pure function of a string, remembered for the last `limit` distinct strings. Rules that ask the
 * same question for every object (a label key, a verb) repeat a few hundred distinct strings over a workspace;
 * the bound keeps a workspace of generated names from growing the table without end.
 */
export class BoundedMemo<V> {
  private readonly answers = new Map<string, V>();

  constructor(readonly limit: number, private readonly compute: (key: string) => V) {
    if (!(limit >= 1)) throw new Error('BoundedMemo needs a limit of at least 1');
  }

  get(key: string): V {
    const known = this.answers.get(key);
    if (known !== undefined || this.answers.has(key)) return known as V;
    const value = this.compute(key);
    // Oldest first out: Map keeps insertion order.
    if (this.answers.size >= this.limit) this.answers.delete(this.answers.keys().next().value as string);
    this.answers.set(key, value);
    return value;
  }

  get size(): number {
    return this.answers.size;
  }
}
