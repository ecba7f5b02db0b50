// Run as `node --import tsx test/validate-from-cli.ts <model.onnx> [limits JSON]`: validates the
// model the way the api process does (tsx loader on the command line, not vitest's) and prints
// the outcome as JSON.
import { readFile } from 'node:fs/promises';
import { validateOnnxInChildProcess } from '../src/validation/validate-in-child-process.ts';

const [file, limits] = process.argv.slice(2);
try {
  const result = await validateOnnxInChildProcess(
    await readFile(file!),
    limits ? (JSON.parse(limits) as object) : {},
  );
  console.warn(JSON.stringify({ ok: result.signature }));
} catch (error) {
  console.warn(JSON.stringify({ code: (error as { code?: string }).code ?? 'UNKNOWN' }));
}
