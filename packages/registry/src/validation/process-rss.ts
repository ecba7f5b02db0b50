import { readFile } from 'node:fs/promises';

/**
 * Resident memory of a process in bytes, as the kernel counts it (native allocations of
 * onnxruntime included, which the process's own heap statistics miss); null where /proc is
 * unavailable or the process is gone.
 */
export async function readProcessRssBytes(pid: number): Promise<number | null> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}
