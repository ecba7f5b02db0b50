// Node flags for the long-running servers that serve predictions (api and runner). Every place
// that starts them passes these: the launcher, the benchmark, and infra/docker/Dockerfile (which
// repeats them literally; infra/check.sh keeps the two in step).
//
// Why: both processes hold a live V8 heap of about 35 MB and allocate briefly per request. With
// V8's default initial old-generation limit, the limit settles about 25 MB above the live heap,
// less than the young generation's capacity, so V8 starts incremental marking again soon after
// each full collection: the runner ran a full mark-compact every ~40 requests, and garbage
// collection took a quarter of its main thread's time. Starting the old generation at 256 MB
// lets short-lived garbage die young. In interleaved runs on the classifier (bench/README.md)
// the runner's full collections fell about 3x, its CPU per request 10-15% at concurrency 64 and
// ~30% at concurrency 1. The flag is not accepted in NODE_OPTIONS, so it travels on the command
// line.
export const SERVER_NODE_FLAGS: readonly string[] = ['--initial-old-space-size=256'];
