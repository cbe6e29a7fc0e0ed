// Preloaded (`node --import`) into a CLI child by test/helpers/bounded-child.ts: when the process exits, writes its
// peak virtual size, peak resident size and CPU time to $TOKENVAULT_PROBE_FILE. A child killed by the
// address-space limit writes nothing, which the tests read as a failure.
import { readFileSync, writeFileSync } from 'node:fs';

process.on('exit', () => {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kib = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  const usage = process.resourceUsage();
  writeFileSync(
    process.env.TOKENVAULT_PROBE_FILE,
    JSON.stringify({
      vmPeakBytes: kib('VmPeak') * 1024,
      peakRssBytes: kib('VmHWM') * 1024,
      cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
      wallMs: process.uptime() * 1000,
    }),
  );
});
