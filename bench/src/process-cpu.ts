// CPU time per process group (the api, the runner, PostgreSQL, the load generator), read from
// Linux's /proc, so the report shows where each path spends its CPU per item. On two cores every
// process of the platform shares the CPUs with the others, and the load generator with them all:
// the CPU per item, more than the throughput alone, tells which process a change should target.
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';

/** /proc reports CPU time in clock ticks of USER_HZ, which Linux fixes at 100 for user space. */
const MS_PER_TICK = 10;

/** Named processes, each with its descendants (a service) or alone (the load generator, whose
 * descendants are the services it measures). */
export type ProcessGroups = Record<string, { pid: number; descendants: boolean }>;

export class CpuMeter {
  /** null where /proc cannot be read (not Linux): the report then leaves the column empty */
  static create(groups: ProcessGroups): CpuMeter | null {
    try {
      readFileSync('/proc/self/stat');
      return new CpuMeter(groups);
    } catch {
      return null;
    }
  }

  private constructor(private readonly groups: ProcessGroups) {}

  /** The CPU time each group has used so far, in ms. */
  sample(): Record<string, number> {
    const tree = processTree();
    return Object.fromEntries(
      Object.entries(this.groups).map(([name, { pid, descendants }]) => {
        const ticks = descendants ? treeTicks(pid, tree) : (tree.get(pid)?.ownTicks ?? 0);
        return [name, ticks * MS_PER_TICK];
      }),
    );
  }

  /** CPU ms per item of each group between two samples; groups that used none are left out. */
  static perItem(
    before: Record<string, number>,
    after: Record<string, number>,
    items: number,
  ): Record<string, number> {
    return Object.fromEntries(
      Object.entries(after)
        .map(([name, ms]) => [name, (ms - (before[name] ?? 0)) / items] as const)
        .filter(([, perItem]) => perItem > 0),
    );
  }
}

interface ProcessTimes {
  parent: number;
  /** utime + stime: the process's own */
  ownTicks: number;
  /** cutime + cstime: its children that have exited (a PostgreSQL backend that closed) */
  reapedTicks: number;
}

function processTree(): Map<number, ProcessTimes> {
  const tree = new Map<number, ProcessTimes>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited meanwhile
    }
    // The command name (field 2) may hold spaces; the fields after it are plain numbers.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    tree.set(Number(entry), {
      parent: Number(fields[1]),
      ownTicks: Number(fields[11]) + Number(fields[12]),
      reapedTicks: Number(fields[13]) + Number(fields[14]),
    });
  }
  return tree;
}

/** Ticks of `root` and everything below it, those of exited descendants included. */
function treeTicks(root: number, tree: Map<number, ProcessTimes>): number {
  const times = tree.get(root);
  if (!times) return 0;
  let ticks = times.ownTicks + times.reapedTicks;
  for (const [pid, child] of tree) if (child.parent === root) ticks += treeTicks(pid, tree);
  return ticks;
}

/**
 * A clock of the time the hypervisor ran other guests while this machine's CPUs wanted to run
 * (steal, the eighth field of /proc/stat's "cpu" line), summed over the CPUs, in ms; null where
 * /proc/stat cannot be read. On a shared virtual machine this is the noise the benchmark cannot
 * control: measured processes run slower, and their CPU times grow, while it rises.
 */
export function hostStealMs(): number | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/);
    const steal = Number(fields[8]);
    return Number.isFinite(steal) ? steal * MS_PER_TICK : null;
  } catch {
    return null;
  }
}

/** Steal over a window as a percentage of the CPU time the machine's CPUs had in it. */
export function stealPercent(stolenMs: number, windowMs: number): number {
  return (100 * stolenMs) / (windowMs * os.availableParallelism());
}
