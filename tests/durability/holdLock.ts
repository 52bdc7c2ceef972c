/**
 * Child process for the locking tests: a second instance of the app in its own process. Opens a PlanStore
 * with the lock on argv[2] and says "opened <json status>". Then, one command a line on stdin:
 * "save" makes an edit and says "saved" or "refused <json status>"; "close" closes the store (releasing
 * the lock), says "closed" and exits.
 */
import { writeSync } from 'node:fs';
import { PlanStore } from '../../electron/core/planStore';
import { updateAction } from '../../shared/domain/operations';
import { fixedContext, makeDocument } from '../support/fixtures';

function say(line: string): void {
  writeSync(1, `${line}\n`);
}

async function main(): Promise<void> {
  const path = process.argv[2];
  if (!path) throw new Error('no path given');
  const store = await PlanStore.open(path, makeDocument, { lock: true });
  say(`opened ${JSON.stringify(store.status())}`);
  const commands: Record<string, () => Promise<void>> = {
    save: async () => {
      try {
        await store.update(
          (doc) => updateAction(doc, 'action-1', { status: 'complete' }, fixedContext({ idPrefix: 'child' })).doc,
        );
        say('saved');
      } catch {
        say(`refused ${JSON.stringify(store.status())}`);
      }
    },
    close: async () => {
      await store.close();
      say('closed');
      process.exit(0);
    },
  };
  let input = '';
  let done: Promise<void> = Promise.resolve();
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    input += chunk;
    const lines = input.split('\n');
    input = lines.pop() ?? '';
    for (const line of lines) {
      const command = commands[line.trim()];
      if (command) done = done.then(command);
    }
  });
}

main().catch((error: unknown) => {
  say(`error ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
});
