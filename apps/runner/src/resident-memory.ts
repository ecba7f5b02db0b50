// What loading a model costs in process memory, measured rather than guessed: the growth of the
// resident set size (RSS) while its sessions are created and warmed up. onnxruntime allocates
// natively, outside the V8 heap, so RSS is the number that sees it.

/**
 * Runs `work` and returns its result with how many bytes the RSS grew meanwhile (0 when it
 * shrank). Anything else the process allocates at the same time is counted too, and memory that
 * freed sessions left to the allocator is reused without growing the RSS, so callers take the
 * max of this and a floor.
 */
export async function measureResidentGrowth<T>(
  work: () => Promise<T>,
): Promise<{ result: T; grownBytes: number }> {
  const before = process.memoryUsage.rss();
  const result = await work();
  return { result, grownBytes: Math.max(0, process.memoryUsage.rss() - before) };
}
