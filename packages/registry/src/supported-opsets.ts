/**
 * The ai.onnx (default domain) opsets an upload may declare: what the installed onnxruntime-node
 * (1.30) loads. It guarantees support from opset 7 (older ones fail for most operators) and
 * refuses 27 and above as "under development". A test loads both ends in onnxruntime, so an
 * upgrade that moves the range shows up there.
 */
export const SUPPORTED_OPSET_RANGE = { min: 7, max: 26 } as const;
