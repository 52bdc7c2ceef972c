/**
 * Child process for tests/unit/planStoreLocking.test.ts: a second instance of the app in its own process.
 * Opens a PlanStore with the lock on argv[2], says "opened <json status>", then on the line "close" on stdin
 * closes the store (releasing the lock) and says "closed".
 */
import { writeSync } from 'node:fs';
import { PlanStore } from '../../electron/core/planStore';
import { makeDocument } from '../unit/fixtures';

function say(line: string): void {
  writeSync(1, `${line}\n`);
}

async function main(): Promise<void> {
  const path = process.argv[2];
  if (!path) throw new Error('no path given');
  const store = await PlanStore.open(path, makeDocument, { lock: true });
  say(`opened ${JSON.stringify(store.status())}`);
  let input = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    input += chunk;
    if (input.includes('close\n')) {
      void store.close().then(() => {
        say('closed');
        process.exit(0);
      });
    }
  });
}

main().catch((error: unknown) => {
  say(`error ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
