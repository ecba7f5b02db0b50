// The baseline a user would write by hand: one HTTP server, one onnxruntime session, one
// session.run per request, JSON in and out, no batching. Started as a child process.
import { createServer } from 'node:http';
import { InferenceSession, Tensor } from 'onnxruntime-node';

const [modelPath, portArg] = process.argv.slice(2);
const session = await InferenceSession.create(modelPath!);
const input = session.inputNames[0]!;

const server = createServer((req, res) => {
  if (req.method !== 'POST') return void res.end('ok');
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    void (async () => {
      const body = JSON.parse(Buffer.concat(chunks).toString()) as {
        inputs: { shape: number[]; data: number[] }[];
      };
      const tensor = new Tensor(
        'float32',
        Float32Array.from(body.inputs[0]!.data),
        body.inputs[0]!.shape,
      );
      const out = await session.run({ [input]: tensor });
      const outputs = Object.entries(out).map(([name, t]) => ({
        name,
        shape: t.dims,
        data: Array.from(t.data as Float32Array),
      }));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ outputs }));
    })();
  });
});
server.listen(Number(portArg), '127.0.0.1', () => process.send?.('ready'));
process.on('disconnect', () => process.exit(0));
