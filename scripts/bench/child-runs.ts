// Runs one engine on one file in a fresh Node child process, so memory and JIT state do not carry
// over from one run to the next.

import { spawn } from 'node:child_process';
import path from 'node:path';

import type { BenchFile } from './bench-files.ts';
import type { EngineRunOutput } from './escu-rows.ts';

export type Engine = 'duckdb' | 'mailsweep';

export interface EngineRun extends EngineRunOutput {
  engine: Engine;
  /** Seconds from spawning the child to its exit, Node start-up and TypeScript loading included. */
  processSeconds: number;
}

const SCRIPT_DIR = import.meta.dirname;

function childArguments(engine: Engine, file: BenchFile): string[] {
  const script = path.join(SCRIPT_DIR, engine === 'duckdb' ? 'run-duckdb.ts' : 'run-mailsweep.ts');
  const engineArguments = engine === 'duckdb' ? [file.path, file.format] : [file.path];
  return ['--import', 'tsx', script, ...engineArguments];
}

/** Spawns the child, waits for it and parses the JSON of its last stdout line. Rejects when it fails. */
export function runEngine(engine: Engine, file: BenchFile): Promise<EngineRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, childArguments(engine, file), { stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);

    child.on('close', (code) => {
      const processSeconds = (performance.now() - started) / 1000;
      if (code !== 0) {
        reject(new Error(`The ${engine} run on ${file.path} failed with exit code ${code}: ${Buffer.concat(stderr).toString().trim()}`));
        return;
      }
      const lastLine = Buffer.concat(stdout).toString().trim().split('\n').at(-1) ?? '';
      try {
        const output = JSON.parse(lastLine) as EngineRunOutput;
        resolve({ ...output, engine, processSeconds });
      } catch (error) {
        reject(new Error(`The ${engine} run on ${file.path} printed no valid result line: ${String(error)}`));
      }
    });
  });
}
