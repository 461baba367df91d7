/** "1 paper", "12 papers": every count the model words goes through here. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The first of several messages, and how many more there are. */
export function summarize(messages: readonly string[]): string {
  const [first] = messages;
  return messages.length > 1 ? `${first} (+${messages.length - 1} more)` : (first ?? '');
}
