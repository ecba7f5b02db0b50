export {
  loadOnnxModel,
  type OnnxModel,
  type OnnxSessionOptions,
  type ExecutionProvider,
} from './onnx-model.ts';
export { loadOnnxInstances } from './onnx-instances.ts';
export { v2Datatype } from './datatypes.ts';
