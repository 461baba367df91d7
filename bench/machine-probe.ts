// How fast this machine hands out fresh memory, in a fresh process. Loading is dominated by it, and
// it differs tenfold between a laptop and some sandboxes, so every results file records it.
const MB = 2 ** 20;
const t0 = performance.now();
Buffer.alloc(100 * MB, 1);
const t1 = performance.now();
const objects: { i: number; s: string }[] = [];
for (let i = 0; i < 1_000_000; i++) objects.push({ i, s: `x${i}` });
const t2 = performance.now();
process.stdout.write(`${JSON.stringify({ touch100MBMs: t1 - t0, million: objects.length, millionObjectsMs: t2 - t1 })}\n`);
