// Child process: loads one ONNX file in onnxruntime and reports its signature. It runs apart
// from the api so that a model that crashes onnxruntime, hangs or eats memory takes down
// only this process, which the parent kills at its limits.
import { loadOnnxModel } from '@modelhub/runner-onnx';
import type { WorkerMessage } from './worker-messages.ts';

function send(message: WorkerMessage): Promise<void> {
  return new Promise((resolve) => process.send!(message, undefined, {}, () => resolve()));
}

// An orphan must not go on loading: when the parent goes away, so does this process.
process.once('disconnect', () => process.exit(0));

// The parent reads /proc where it can; this report covers systems without it.
setInterval(() => void send({ type: 'rss', rssBytes: process.memoryUsage.rss() }), 50).unref();

const file = process.argv[2];
try {
  if (!file) throw new Error('no model file given');
  const model = await loadOnnxModel(file, { intraOpThreads: 1, interOpThreads: 1 });
  const signature = model.signature;
  await model.dispose();
  await send({
    type: 'loaded',
    signature,
    // maxRSS is the kernel's high-water mark in KiB: it catches a peak between two samples
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  });
} catch (error) {
  await send({ type: 'failed', message: (error as Error).message });
}
process.disconnect();
