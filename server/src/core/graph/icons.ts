/**
 * Codicon glyphs for each component kind, group kind and marker. The code points come from
 * @vscode/codicons' codicon.css; a test checks that they still match it.
 */
export interface Icon {
  readonly name: string;
  readonly codePoint: number;
}

/** Keyed by user text (a component's kind), so a Map: "constructor" is just an unknown kind. */
export const kindIcons: ReadonlyMap<string, Icon> = new Map(
  Object.entries({
  power: { name: 'zap', codePoint: 0xea86 },
  cooling: { name: 'flame', codePoint: 0xeaf2 },
  network: { name: 'globe', codePoint: 0xeb01 },
  switch: { name: 'arrow-swap', codePoint: 0xebcb },
  router: { name: 'radio-tower', codePoint: 0xeb34 },
  firewall: { name: 'shield', codePoint: 0xeb53 },
  'load-balancer': { name: 'split-horizontal', codePoint: 0xeb56 },
  server: { name: 'server', codePoint: 0xeb50 },
  hypervisor: { name: 'server-environment', codePoint: 0xeba3 },
  vm: { name: 'vm', codePoint: 0xea7a },
  container: { name: 'package', codePoint: 0xeb29 },
  storage: { name: 'archive', codePoint: 0xea98 },
  disk: { name: 'layers', codePoint: 0xebd2 },
  database: { name: 'database', codePoint: 0xeace },
  application: { name: 'code', codePoint: 0xeac4 },
  dns: { name: 'symbol-namespace', codePoint: 0xea8b },
  service: { name: 'cloud', codePoint: 0xebaa },
  other: { name: 'circle-outline', codePoint: 0xeabc },
  cluster: { name: 'folder-library', codePoint: 0xebdf },
  any: { name: 'type-hierarchy-sub', codePoint: 0xebba },
  atLeast: { name: 'list-tree', codePoint: 0xeb86 },
  all: { name: 'combine', codePoint: 0xebb6 },
  spof: { name: 'warning', codePoint: 0xea6c },
  down: { name: 'error', codePoint: 0xea87 },
  }),
);

export function iconFor(kind: string): string {
  return String.fromCodePoint((kindIcons.get(kind) ?? kindIcons.get('other')!).codePoint);
}
