import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerSettings } from '../protocol';
import type { AnalysisHost } from './analysisHost';

/** What every feature handler needs; passed in, never kept in module globals. */
export interface FeatureContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly host: AnalysisHost;
  readonly settings: () => ServerSettings;
  readonly schema: Record<string, unknown>;
  readonly capabilities: { readonly inlayHintRefresh: boolean; readonly codeLensRefresh: boolean };
}
