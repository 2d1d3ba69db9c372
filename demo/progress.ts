/**
 * A progress line for the terminal: a bar on a TTY (redrawn in place), a plain line now and then
 * elsewhere (CI logs).
 */
export interface ProgressLine {
  update(done: number, total: number, detail: string): void;
  finish(done: number, total: number, detail: string): void;
}

export function progressLine(label: string, out: NodeJS.WriteStream = process.stdout): ProgressLine {
  const width = 30;
  let lastPrinted = 0;
  const render = (done: number, total: number, detail: string) => {
    const share = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(share * width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
    return `${label.padEnd(16)} ${bar} ${String(Math.round(share * 100)).padStart(3)}%  ${done}/${total}  ${detail}`;
  };
  return {
    update(done, total, detail) {
      if (out.isTTY) {
        out.write(`\r${render(done, total, detail)}\x1b[K`);
      } else if (Date.now() - lastPrinted > 2000) {
        lastPrinted = Date.now();
        out.write(`${render(done, total, detail)}\n`);
      }
    },
    finish(done, total, detail) {
      out.write(`${out.isTTY ? '\r' : ''}${render(done, total, detail)}${out.isTTY ? '\x1b[K' : ''}\n`);
    },
  };
}
