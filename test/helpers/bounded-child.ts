import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CLI_PATH } from './run-cli';

export interface ProbedRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Absent when the child died before it could report (killed by the limit). */
  probe?: { vmPeakBytes: number; peakRssBytes: number; cpuMs: number; wallMs: number };
}

const PROBE = pathToFileURL(join(__dirname, 'resource-probe.mjs')).href;

/**
 * Run the built CLI under `prlimit --as=<addressSpaceBytes>` with test/helpers/resource-probe.mjs preloaded, so
 * memory is bounded by the kernel (an allocation past the limit fails in the child) and the child reports its own
 * peak resident size and CPU time.
 */
export function runCliUnderLimit(args: string[], addressSpaceBytes: number, probeFile: string): ProbedRun {
  rmSync(probeFile, { force: true });
  const result = spawnSync(
    'prlimit',
    [`--as=${Math.floor(addressSpaceBytes)}`, process.execPath, '--import', PROBE, CLI_PATH, ...args],
    {
      encoding: 'utf8',
      env: { ...process.env, TOKENVAULT_KDF_TARGET_MS: '0', TOKENVAULT_PROBE_FILE: probeFile },
      timeout: 120_000,
    },
  );
  return {
    code: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
    ...(existsSync(probeFile) ? { probe: JSON.parse(readFileSync(probeFile, 'utf8')) } : {}),
  };
}
