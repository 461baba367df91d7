/** "1 paper", "2 papers", "0 papers": a count with its noun, for every line a person reads. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
