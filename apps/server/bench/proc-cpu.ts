import { readdirSync, readFileSync } from "node:fs";

// Linux /proc counts CPU time in clock ticks of USER_HZ, 100 on every Linux this runs on.
const TICKS_PER_SECOND = 100;

/** CPU seconds a process has used so far (user + system); 0 once it is gone. */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by every `postgres` process on this machine. */
export function postgresCpuSeconds(): number {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")) === "postgres") {
        total += cpuSecondsOf(Number(pid));
      }
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** CPU seconds the whole machine has been busy so far (all but idle and I/O wait). */
export function machineBusySeconds(): number {
  try {
    const all = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1);
    const n = all.map(Number);
    return (n.reduce((a, b) => a + b, 0) - n[3]! - n[4]!) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}
