/**
 * The language service: editor features computed from an editor index and the current
 * text, in offsets. The LSP layer only converts these to protocol types.
 */
export { indexDocument, type EditorIndex, type EntityInfo, type ReferenceInfo, type SiteInfo } from './editorIndex';
export { findIdAt, findOccurrences, findWordAt, type IdAtCursor } from './locate';
export { describeEntity } from './hover';
export { describeSite, findSiteAt } from './describeSite';
export { describeKeyAt } from './describeKey';
export { renameId, type RenameResult } from './rename';
export { outlineDocument, listFoldableSpans, listEnclosingSpans, type OutlineItem } from './structure';
export { listInlineFigures, type InlineFigure } from './inlineFigures';
export { summariseStatus, type Status } from './status';
export { listCodeActions, type CodeAction, type TextEdit, type DiagnosticInContext } from './codeActions';
export { listCompletions, type CompletionItem } from './completion';
export { formatDowntime, formatAvailability, formatServiceAvailability, formatHours, type DowntimeUnit } from './format';
export { skeletonSnippet } from './skeleton';
