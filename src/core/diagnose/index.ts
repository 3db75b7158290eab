export { diagnose, type Diagnosis, type DiagnosisItem } from './diagnose';
export { parseSignInError, type ParsedSignInError } from './parse';
export { gatherSources, type DiagnoseSources, type Location, type SourceInputs } from './sources';
export { renderMarkdown, renderText } from './render';
export type { DiagnosisKind } from './causes';
