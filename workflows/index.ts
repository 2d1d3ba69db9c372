// Everything the worker registers as a workflow type. Keep this file a list of re-exports.
export { roundTripWorkflow } from './roundtrip.js';
export { syncWorkflow } from './sync.js';
