/**
 * Child process of the crash test (crash.test.ts): waits for "go" on stdin, opens a PlanStore on the file
 * given as argv[2] and saves in a tight loop, each save setting the first action's achievement to an
 * increasing counter. Before each save starts it reports "saving N", and after it has resolved "saved N", on
 * stdout with a synchronous write,
 * so everything it reported is in the pipe before the next save starts. The parent kills it with SIGKILL.
 */
import { writeSync } from 'node:fs';
import { PlanStore } from '../../electron/core/planStore';
import type { PlanDocument } from '../../shared/model/plan';

export const COUNTER_PREFIX = 'crash-counter:';

export function counterOf(doc: PlanDocument): number {
  const text = doc.actions[0]?.achievement ?? '';
  if (!text.startsWith(COUNTER_PREFIX)) throw new Error(`no counter in "${text.slice(0, 40)}"`);
  return Number(text.slice(COUNTER_PREFIX.length));
}

export function withCounter(doc: PlanDocument, counter: number): PlanDocument {
  const [first, ...rest] = doc.actions;
  if (!first) throw new Error('the plan has no action');
  return { ...doc, actions: [{ ...first, achievement: `${COUNTER_PREFIX}${counter}` }, ...rest] };
}

function say(line: string): void {
  writeSync(1, `${line}\n`);
}

async function saveForever(path: string): Promise<void> {
  const store = await PlanStore.open(
    path,
    () => {
      throw new Error('the crash test creates the file before the first child runs');
    },
    { lock: true, datedBackups: { keep: 4, minIntervalMs: 1000 } },
  );
  const status = store.status();
  const doc = store.document();
  if (status.kind !== 'ready' || status.readOnly || doc === null) {
    say(`error ${JSON.stringify(status)}`);
    process.exit(2);
  }
  let counter = counterOf(doc);
  say(`opened ${counter}`);
  for (;;) {
    const next = counter + 1;
    say(`saving ${next}`);
    await store.update((current) => withCounter(current, next));
    counter = next;
    say(`saved ${counter}`);
  }
}

function main(): void {
  const path = process.argv[2];
  if (!path) {
    say('error no path given');
    process.exit(2);
  }
  let input = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    input += chunk;
    if (input.includes('go\n')) {
      process.stdin.pause();
      saveForever(path).catch((error: unknown) => {
        say(`error ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        process.exit(3);
      });
    }
  });
  say('ready');
}

// Only when run as the child, not when the test imports counterOf/withCounter.
if (process.env.APT_SAVE_LOOP_CHILD === '1') main();
