// One onnxruntime session in a worker thread (see session-host.ts for why). Plain JavaScript:
// Node 20 does not carry the TypeScript loader the runner starts with (tsx) into worker threads,
// and this file needs nothing but onnxruntime. The protocol is typed in worker-session-host.ts.
import { parentPort, workerData } from 'node:worker_threads';
import ort from 'onnxruntime-node';

const message = (error) => (error instanceof Error ? error.message : String(error));

let session;
try {
  session = await ort.InferenceSession.create(workerData.model, workerData.sessionOptions);
  parentPort.postMessage({
    kind: 'loaded',
    inputMetadata: session.inputMetadata,
    outputMetadata: session.outputMetadata,
    outputNames: session.outputNames,
  });
} catch (error) {
  parentPort.postMessage({ kind: 'failed', message: message(error) });
}

parentPort.on('message', async (request) => {
  if (request.kind === 'release') {
    await session?.release();
    parentPort.postMessage({ kind: 'released' });
    return;
  }
  const { id, feeds, fetches } = request;
  try {
    const tensors = {};
    for (const [name, t] of Object.entries(feeds))
      tensors[name] = new ort.Tensor(t.type, t.data, t.dims);
    const results = await session.run(tensors, fetches);
    const outputs = {};
    const transfer = [];
    for (const name of fetches) {
      const { type, data, dims } = results[name];
      outputs[name] = { type, data, dims };
      // the output's memory is this thread's to give away; strings are copied
      if (ArrayBuffer.isView(data)) transfer.push(data.buffer);
    }
    parentPort.postMessage({ kind: 'result', id, outputs }, transfer);
  } catch (error) {
    parentPort.postMessage({ kind: 'error', id, message: message(error) });
  }
});
