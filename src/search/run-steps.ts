/** A stepped build (a generator that yields between slices of work) run to its end at once, for a caller that need not stay responsive. */
export function runSteps<T>(steps: Generator<unknown, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
