export {
  loadOnnxModel,
  readSignature,
  type OnnxModel,
  type OnnxSessionOptions,
  type ExecutionProvider,
} from './onnx-model.ts';
export { loadOnnxInstances } from './onnx-instances.ts';
export { toOrtTensor, fromOrtTensor, v2Datatype } from './datatypes.ts';
