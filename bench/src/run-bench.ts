// `npm run bench`: one process tree, one machine, one run. For each model: raw onnxruntime at
// batch 1 and at its best batch size, a naive server (one session.run per request), the runner
// over HTTP and the full api path (GraphQL predict with an API key, billing included), at
// concurrency 1 and 64. Prints throughput, p50/p99 and ratios; writes bench/results/.
import path from 'node:path';
import { Agent } from 'undici';
import { runnerModelName } from '@modelhub/inference';
import { DEMO_PUBLISHER_SLUG } from '@modelhub/db';
import { OCR_CLASSIFIER, OCR_DETECTOR, OCR_RECOGNIZER, type DemoModel } from '@modelhub/models';
import { startBenchPlatform } from './bench-platform.ts';
import { closedLoop } from './closed-loop.ts';
import { measureMemoryBudget, printMemoryReport } from './memory-budget.ts';
import { CpuMeter, type ProcessGroups } from './process-cpu.ts';
import { measureRaw } from './raw-onnxruntime.ts';
import {
  machineDescription,
  printReport,
  ratiosFor,
  writeResults,
  type ModelReport,
  type PathResult,
} from './report.ts';
import { graphqlSender, v2BinarySender, v2Sender, type BenchModel } from './scenarios.ts';

const quick = process.argv.includes('--quick');
const timing = { warmupMs: quick ? 300 : 1_000, durationMs: quick ? 1_500 : 5_000 };
const CONCURRENCY = [1, 64];

/** A demo-zoo model as the benchmark sends it: one item of `itemShape` to its input `x`. */
const demoModel = (label: string, model: DemoModel, itemShape: number[]): BenchModel => ({
  label,
  ref: `${DEMO_PUBLISHER_SLUG}/${model.slug}`,
  runnerName: runnerModelName(DEMO_PUBLISHER_SLUG, model.slug),
  file: model.file,
  inputName: 'x',
  itemShape,
});
const classifier = demoModel('PP-OCR direction classifier (CNN)', OCR_CLASSIFIER, [3, 48, 192]);
const recognizer = demoModel('PP-OCRv4 text recognition (SVTR)', OCR_RECOGNIZER, [3, 48, 320]);
/** Served with the other two in the memory phase only. */
const detector = demoModel('PP-OCRv4 text detection (DBNet)', OCR_DETECTOR, [3, 64, 64]);
const models = [classifier, recognizer];

process.stdout.write(`# Modelhub benchmark\n\nmachine: ${machineDescription()}\n`);
const platform = await startBenchPlatform();
/** A connection pool for the load generator, enough for concurrency 64 and more. */
const newAgent = () => new Agent({ connections: 128, keepAliveTimeout: 30_000 });
const agent = newAgent();
const reports: ModelReport[] = [];
try {
  const runner = await platform.start('runner');
  const api = await platform.start('api');
  /** the processes whose CPU per item each path reports */
  const services: ProcessGroups = {
    'load generator': { pid: process.pid, descendants: false },
    api: { pid: api.pid, descendants: true },
    runner: { pid: runner.pid, descendants: true },
    postgres: { pid: platform.postgresPid, descendants: true },
  };
  for (const model of models) {
    const raw = await measureRaw(model, [1, 4, 8, 16, 32, 64], timing);
    const paths: PathResult[] = [];
    const measure = async (
      name: string,
      send: () => Promise<void>,
      processes: ProcessGroups = services,
    ) => {
      const cpu = CpuMeter.create(processes);
      for (const concurrency of CONCURRENCY) {
        paths.push({
          path: name,
          concurrency,
          stats: await closedLoop(send, { ...timing, concurrency, itemsPerRequest: 1, cpu }),
        });
      }
    };
    // Each model's naive server is a new process, possibly on the port of the previous one: its
    // own connection pool keeps sockets to a stopped server from being reused for it.
    const naive = await platform.startNaive(model.file);
    const naiveAgent = newAgent();
    await measure('naive server', v2Sender(naiveAgent, `${naive.url}/`, model), {
      ...services,
      naive: { pid: naive.pid, descendants: true },
    });
    await naiveAgent.close();
    await naive.stop();
    const runnerInfer = `${runner.url}/v2/models/${model.runnerName}/infer`;
    await measure('runner (HTTP JSON)', v2Sender(agent, runnerInfer, model));
    await measure('runner (HTTP binary)', v2BinarySender(agent, runnerInfer, model));
    await measure('api (GraphQL)', graphqlSender(agent, api.url, platform.apiKey, model));
    await measure(
      'api (GraphQL, number lists)',
      graphqlSender(agent, api.url, platform.apiKey, model, 'lists'),
    );
    await measure(
      'api (v2 binary)',
      v2BinarySender(agent, `${api.url}/v2/models/${model.ref}/infer`, model, {
        authorization: `Bearer ${platform.apiKey}`,
      }),
    );
    const report: ModelReport = {
      model: model.label,
      input: `FP32 [1,${model.itemShape.join(',')}]`,
      raw,
      paths,
      ratios: ratiosFor(raw, paths),
    };
    printReport(report);
    reports.push(report);
  }
  const memory = await measureMemoryBudget(
    platform,
    agent,
    [classifier, detector, recognizer],
    quick ? 2 : 5,
  );
  printMemoryReport(memory);
  const written = await writeResults(
    path.join(import.meta.dirname, '..', 'results'),
    reports,
    memory,
  );
  process.stdout.write(`\nwrote ${written.json} and ${written.svg}\n`);
} finally {
  await agent.close();
  await platform.close();
}
