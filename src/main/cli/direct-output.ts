// Output for the warm path: write(2) on the descriptor instead of Node's stream. Building
// process.stdout for a pipe loads net and stream, a few ms of a run that prints one table. Whatever
// the descriptor does not take at once (a full non-blocking pipe, a closed one) goes to the stream,
// which waits for the reader or reports the error exactly as it always has. Not on Windows, where
// only the stream writes Unicode to a console.
import { writeSync } from 'node:fs';
import type { CliOutput } from './default-context';

/** CliOutput that can also tell whether everything so far went out with write(2), none of it left to the stream. */
export interface DirectOutput extends CliOutput {
  allWritten(): boolean;
}

function directWriter(fd: 1 | 2, stream: () => NodeJS.WriteStream, onHandOver: () => void): (text: string) => void {
  let handedOver = false;
  return (text) => {
    if (handedOver) {
      stream().write(text);
      return;
    }
    const bytes = Buffer.from(text, 'utf8');
    let written = 0;
    try {
      while (written < bytes.length) written += writeSync(fd, bytes, written);
    } catch {
      // From here on the stream writes, so nothing overtakes what it still holds.
      handedOver = true;
      onHandOver();
      stream().write(bytes.subarray(written));
    }
  };
}

export function directOutput(platform: NodeJS.Platform): DirectOutput | undefined {
  if (platform === 'win32') return undefined;
  let streamed = false;
  const handOver = (): void => {
    streamed = true;
  };
  return {
    stdout: directWriter(1, () => process.stdout, handOver),
    stderr: directWriter(2, () => process.stderr, handOver),
    allWritten: () => !streamed,
  };
}
