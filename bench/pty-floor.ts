// The floor under every key-to-frame figure: a key written into a pseudo-terminal, read by a Node
// program in raw mode that writes one tiny frame back at once, and that frame read here.
import * as pty from 'node-pty';

const FRAME_END = '\u001b[?2026l';
const ECHO = `process.stdin.setRawMode(true);
process.stdin.on('data', (d) => d.toString() === 'q' ? process.exit(0) : process.stdout.write('\\u001b[?2026hx${FRAME_END.replace('\u001b', '\\u001b')}'));
process.stdout.write('ready');`;

/** Key-to-echo times, ms, for `keys` keys sent `gapMs` apart. */
export async function ptyRoundTrips(keys: number, gapMs = 50): Promise<number[]> {
  const child = pty.spawn(process.execPath, ['-e', ECHO], { name: 'xterm-256color', cols: 80, rows: 24, env: process.env as Record<string, string> });
  let frames = 0;
  let ready = false;
  let wake = () => {};
  child.onData((d) => {
    if (d.includes('ready')) ready = true;
    frames += d.split(FRAME_END).length - 1;
    wake();
  });
  const until = async (check: () => boolean) => {
    const deadline = performance.now() + 10_000;
    while (!check()) {
      if (performance.now() > deadline) throw new Error('the pty echo program did not answer');
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, 100);
      });
    }
  };
  try {
    await until(() => ready);
    const ms: number[] = [];
    for (let i = 0; i < keys; i++) {
      await new Promise((r) => setTimeout(r, gapMs));
      const before = frames;
      const t = performance.now();
      child.write('j');
      await until(() => frames > before);
      ms.push(performance.now() - t);
    }
    return ms;
  } finally {
    child.write('q');
    setTimeout(() => child.kill(), 1000).unref();
  }
}
