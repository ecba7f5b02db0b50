// Task pipelines exposed through GraphQL (image inputs, composite models). Registered by
// importing this module from ../schema.ts.
export {};
