import { MarkupKind, type Hover } from 'vscode-languageserver';
import { describeEntity, describeKeyAt, describeSite, findIdAt, findSiteAt } from '../../core';
import type { FeatureContext } from '../context';
import { runSafeAsync } from '../runSafe';
import { toRange } from '../toProto';

/**
 * Hover on an id, on a failover, common cause or maintenance key (what it costs), or on any
 * other key (what the schema says), answered from the newest snapshot at once, even while a
 * newer version is analysed.
 */
export function registerHover(context: FeatureContext): void {
  context.connection.onHover((params): Promise<Hover | null> =>
    runSafeAsync(context.connection, 'hover', null, async () => {
      const document = context.documents.get(params.textDocument.uri);
      const snapshot = document && (await context.host.settled(document.uri));
      if (!document || !snapshot) return null;
      const offset = document.offsetAt(params.position);
      const site = findSiteAt(snapshot.index, offset);
      if (site) {
        return {
          contents: { kind: MarkupKind.Markdown, value: describeSite(snapshot.index, site, context.settings().downtimeUnit) },
          range: toRange(document, site.span),
        };
      }
      const target = findIdAt(snapshot.index, document.getText(), offset, snapshot.version === document.version);
      if (!target?.entity) {
        // On a key: what the schema says it means.
        const key = describeKeyAt(document.getText(), offset, context.schema);
        return key ? { contents: { kind: MarkupKind.Markdown, value: key.markdown }, range: toRange(document, key.span) } : null;
      }
      return {
        contents: { kind: MarkupKind.Markdown, value: describeEntity(snapshot.index, target.entity, context.settings().downtimeUnit) },
        range: toRange(document, target.span),
      };
    }),
  );
}
