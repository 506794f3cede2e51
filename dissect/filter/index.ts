/**
 * Wireshark display filters (wireshark-filter(4), as tshark 4.0 reads them) for keyhole's
 * commands: compile a filter once, then let a FilterRecorder evaluate it frame by frame during
 * analyze() and answer per frame or per TCP stream.
 */
export { compileFilter, type CompiledFilter, type CompileResult } from './compile.js';
export { FilterError, formatFilterError } from './errors.js';
export { FIELDS, type FieldInfo, type FieldSource, type HttpMessageFacts } from './fields/index.js';
export { FilterRecorder, type FilterRecorderOptions } from './recorder.js';
export { FrameValues, type FieldLookup, type FieldType, type FieldValue } from './values.js';
