/**
 * A topology to start from: one component and one service that requires it, so that the
 * new file analyses at once. As a snippet, the component's id is one placeholder used twice,
 * so typing its name also renames the reference: no "unknown id" while it is being filled in.
 */
export const skeletonSnippet = `topology: \${1:My services}
sla: \${2:99.9%}

components:
  \${3:server-1}:
    kind: \${4:server}
    mtbf: \${5:50000h}
    mttr: \${6:4h}

services:
  \${7:website}:
    requires: [\${3:server-1}]
`;

/** The skeleton as plain text: each placeholder's default. */
export const skeletonText = skeletonSnippet.replace(/\$\{\d+:([^}]*)\}/g, '$1');

/** Whether a text holds nothing but blank lines and comments. */
export function isBlankTopology(text: string): boolean {
  return text.split('\n').every((line) => line.trim() === '' || line.trimStart().startsWith('#'));
}
