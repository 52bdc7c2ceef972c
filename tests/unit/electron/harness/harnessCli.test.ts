import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Starts `npm run harness`'s program on a fresh data file and resolves once it says where it listens. */
function startHarnessCli(dataFile: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/harness/cli.ts', '--data-file', dataFile], {
    env: { ...process.env, XDG_CONFIG_HOME: join(dataFile, '..', 'config') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Data file:')) resolve();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the harness stopped early (${code}): ${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, ready, exited };
}

describe('the harness command', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'gives up its lock file when stopped with %s',
    { timeout: 60_000 },
    async (signal) => {
      const dataFile = join(await mkdtemp(join(tmpdir(), 'apt-harness-cli-')), 'action-plan.json');
      const { child, ready, exited } = startHarnessCli(dataFile);
      await ready;
      expect(existsSync(`${dataFile}.lock`)).toBe(true);
      child.kill(signal);
      expect(await exited).toBe(0);
      expect(existsSync(`${dataFile}.lock`)).toBe(false);
      expect(existsSync(dataFile)).toBe(true);
    },
  );
});
