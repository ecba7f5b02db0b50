// Prints the comparison table and ratios, and writes results as JSON and as an SVG chart.
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import type { LatencyStats } from './latency-stats.ts';
import type { MemoryBudgetResult } from './memory-budget.ts';
import type { RawResult } from './raw-onnxruntime.ts';

export interface PathResult {
  path: string;
  concurrency: number;
  stats: LatencyStats;
}

export interface ModelReport {
  model: string;
  input: string;
  raw: RawResult;
  paths: PathResult[];
  ratios: Record<string, number>;
}

export function machineDescription(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.availableParallelism()} x ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

export function ratiosFor(raw: RawResult, paths: PathResult[]): Record<string, number> {
  const at = (p: string, c: number) =>
    paths.find((r) => r.path === p && r.concurrency === c)?.stats;
  const api64 = at('api (GraphQL)', 64);
  const naive64 = at('naive server', 64);
  const api1 = at('api (GraphQL)', 1);
  const runner64 = at('runner (HTTP binary)', 64);
  const apiBinary64 = at('api (v2 binary)', 64);
  const apiBinary1 = at('api (v2 binary)', 1);
  return {
    'api c64 / naive c64 (target >= 2.0)':
      (api64?.itemsPerSecond ?? NaN) / (naive64?.itemsPerSecond ?? NaN),
    'api c64 / raw best batch (target >= 0.8)':
      (api64?.itemsPerSecond ?? NaN) / raw.best.itemsPerSecond,
    'api v2 binary c64 / naive c64':
      (apiBinary64?.itemsPerSecond ?? NaN) / (naive64?.itemsPerSecond ?? NaN),
    'api v2 binary c64 / raw best batch':
      (apiBinary64?.itemsPerSecond ?? NaN) / raw.best.itemsPerSecond,
    'api v2 binary p50 c1 - raw p50 batch 1, ms': (apiBinary1?.p50Ms ?? NaN) - raw.batch1.p50Ms,
    'runner binary c64 / raw best batch':
      (runner64?.itemsPerSecond ?? NaN) / raw.best.itemsPerSecond,
    'api p50 c1 - raw p50 batch 1, ms (target <= 2)': (api1?.p50Ms ?? NaN) - raw.batch1.p50Ms,
  };
}

/** " (host steal 3.2%)" after a raw measurement the hypervisor took from, else nothing */
function steal(percent: number | undefined): string {
  return percent !== undefined && percent >= 0.5 ? ` (host steal ${fmt(percent)}%)` : '';
}

/** e.g. "api 1.85, runner 1.67, postgres 0.45, load generator 0.22" (processes under 0.01 ms
 * left out: idle ones, such as PostgreSQL while the runner is measured alone) */
function cpuColumn(perItem: Record<string, number> | undefined): string {
  if (!perItem) return '-';
  return Object.entries(perItem)
    .filter(([, ms]) => ms >= 0.01)
    .map(([name, ms]) => `${name} ${fmt(ms, 2)}`)
    .join(', ');
}

export function printReport(report: ModelReport): void {
  const lines = [
    '',
    `## ${report.model}  (input ${report.input})`,
    '',
    ...report.raw.sessions.flatMap((s) => [
      `raw onnxruntime, ${s.config}, batch 1: ${fmt(s.batch1.itemsPerSecond)} items/s, p50 ${fmt(s.batch1.p50Ms, 2)} ms, p99 ${fmt(s.batch1.p99Ms, 2)} ms${steal(s.batch1.hostStealPercent)}`,
      `raw onnxruntime, ${s.config}, by batch: ${s.byBatch.map((b) => `${b.batch}: ${fmt(b.itemsPerSecond)}${steal(b.hostStealPercent)}`).join(', ')} items/s`,
    ]),
    `baseline: batch 1 p50 ${fmt(report.raw.batch1.p50Ms, 2)} ms (${report.raw.batch1.config}); best ${fmt(report.raw.best.itemsPerSecond)} items/s (${report.raw.best.config}, batch ${report.raw.best.batch})`,
    '',
    '| path | concurrency | items/s | p50 ms | p99 ms | errors | host steal % | CPU ms per item |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...report.paths.map((p) => {
      const errors = `${p.stats.errors ?? 0}${p.stats.firstError ? ` (${p.stats.firstError})` : ''}`;
      return `| ${p.path} | ${p.concurrency} | ${fmt(p.stats.itemsPerSecond)} | ${fmt(p.stats.p50Ms, 2)} | ${fmt(p.stats.p99Ms, 2)} | ${errors} | ${fmt(p.stats.hostStealPercent ?? NaN)} | ${cpuColumn(p.stats.cpuMsPerItem)} |`;
    }),
    '',
    ...Object.entries(report.ratios).map(([k, v]) => `- ${k}: ${fmt(v, 2)}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

export async function writeResults(
  dir: string,
  reports: ModelReport[],
  memory: MemoryBudgetResult,
): Promise<{ json: string; svg: string }> {
  await mkdir(dir, { recursive: true });
  const json = path.join(dir, 'results.json');
  await writeFile(
    json,
    JSON.stringify(
      { machine: machineDescription(), date: new Date().toISOString(), reports, memory },
      null,
      2,
    ),
  );
  const values = reports.flatMap((r) => [
    {
      model: r.model,
      path: `raw best batch (${r.raw.best.batch}, ${r.raw.best.config})`,
      itemsPerSecond: r.raw.best.itemsPerSecond,
    },
    {
      model: r.model,
      path: `raw onnxruntime, batch 1 (${r.raw.batch1.config})`,
      itemsPerSecond: r.raw.batch1.itemsPerSecond,
    },
    ...r.paths.map((p) => ({
      model: r.model,
      path: `${p.path} c${p.concurrency}`,
      itemsPerSecond: p.stats.itemsPerSecond,
    })),
  ]);
  const spec = compile({
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Throughput (items/s), same machine and run',
    data: { values },
    facet: { row: { field: 'model', type: 'nominal', title: null } },
    spec: {
      width: 420,
      mark: 'bar',
      encoding: {
        y: { field: 'path', type: 'nominal', sort: null, title: null, axis: { labelLimit: 260 } },
        x: { field: 'itemsPerSecond', type: 'quantitative', title: 'items/s' },
      },
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  }).spec;
  const view = new vega.View(vega.parse(spec), { renderer: 'none' });
  const svg = path.join(dir, 'throughput.svg');
  await writeFile(svg, await view.toSVG());
  view.finalize();
  return { json, svg };
}
