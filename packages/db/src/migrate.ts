// Applies pending migrations with the Prisma CLI (`migrate deploy`), which runs in Prisma's
// WASM schema engine through our migration adapter (see prisma.config.ts).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const prismaCli = require.resolve('prisma/build/index.js');
const configFile = path.join(import.meta.dirname, '..', 'prisma.config.ts');

export interface PrismaCliResult {
  code: number;
  output: string;
}

/** Runs a Prisma CLI command against `url` and reports its exit code and output. */
export function execPrismaCli(
  url: string,
  args: string[],
  inherit = false,
): Promise<PrismaCliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, ...args, '--config', configFile], {
      env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      stdio: inherit ? 'inherit' : 'pipe',
    });
    let output = '';
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Runs a Prisma CLI command against `url`; rejects when it fails. */
export async function runPrismaCli(url: string, args: string[], inherit = false): Promise<string> {
  const { code, output } = await execPrismaCli(url, args, inherit);
  if (code !== 0) throw new Error(`prisma ${args.join(' ')} exited with ${code}:\n${output}`);
  return output;
}

export async function migrateDeploy(url: string): Promise<void> {
  await runPrismaCli(url, ['migrate', 'deploy']);
}
