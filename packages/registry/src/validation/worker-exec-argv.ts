import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const LOADER_FLAGS = new Set(['--import', '--loader', '--experimental-loader']);

/**
 * The Node flags that let the child run the TypeScript worker: the parent's own tsx loader when
 * it runs under `node --import tsx` or the tsx CLI (so both resolve modules alike), else tsx
 * resolved from this package (under vitest, whose loader lives in-process and is not inherited).
 * Other flags (--inspect, heap sizes) are deliberately not passed on.
 */
export function workerExecArgv(parentExecArgv: readonly string[] = process.execArgv): string[] {
  const inherited: string[] = [];
  for (let i = 0; i < parentExecArgv.length; i++) {
    const flag = parentExecArgv[i]!;
    const [name, inlineValue] = flag.split(/=(.*)/s, 2) as [string, string | undefined];
    if (!LOADER_FLAGS.has(name)) continue;
    const value = inlineValue ?? parentExecArgv[++i];
    if (value && /(^|[\\/])tsx([\\/]|$)/.test(value)) inherited.push(name, value);
  }
  if (inherited.length > 0) return inherited;
  const require = createRequire(import.meta.url);
  return ['--import', pathToFileURL(require.resolve('tsx')).href];
}
