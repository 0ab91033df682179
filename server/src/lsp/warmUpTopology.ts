/** The document the warm-up topology is analysed as. */
export const warmUpUri = 'warm-up:';

/**
 * A topology for a spare analysis thread to analyse before any document is its own: racks of
 * hosts on redundant power, VMs, replicated databases, load-balanced tiers with failover,
 * load and SLA terms, so that the code paths a real file takes are compiled (a thread that
 * had analysed this analysed a 1,000-component file in 272–282 ms against 560–577 ms cold).
 */
export function makeWarmUpTopology(racks = 8): string {
  const lines = [
    'topology: Warm-up',
    'peakShare: 15%',
    'defaults:',
    '  vm: { mtbf: 8760h, mttr: 30m }',
    '  hypervisor: { mtbf: 40000h, mttr: 8h }',
    'components:',
    '  grid: { kind: power, mtbf: 2000h, mttr: 2h }',
    '  generator: { kind: power, mtbf: 1500h, mttr: 12h }',
    '  ups-a: { kind: power, mtbf: 100000h, mttr: 6h, requires: [{ any: [grid, generator], failover: 15s }] }',
    '  ups-b: { kind: power, mtbf: 100000h, mttr: 6h, requires: [{ any: [grid, generator], failover: 15s }] }',
    '  core: { kind: switch, mtbf: 150000h, mttr: 4h, replicas: 2, requires: [{ any: [ups-a, ups-b] }] }',
    '  db: { kind: database, mtbf: 4380h, mttr: 1h, replicas: 3, quorum: 2, requires: [core] }',
  ];
  const services = ['services:'];
  for (let r = 0; r < racks; r++) {
    lines.push(
      `  pdu-${r}-a: { kind: power, mtbf: 300000h, mttr: 2h, requires: [ups-a] }`,
      `  pdu-${r}-b: { kind: power, mtbf: 300000h, mttr: 2h, requires: [ups-b] }`,
      `  tor-${r}: { kind: switch, mtbf: 150000h, mttr: 4h, requires: [core, { any: [pdu-${r}-a, pdu-${r}-b] }] }`,
      `  host-${r}-0: { kind: hypervisor, requires: [tor-${r}, { any: [pdu-${r}-a, pdu-${r}-b] }] }`,
      `  host-${r}-1: { kind: hypervisor, requires: [tor-${r}, { any: [pdu-${r}-a, pdu-${r}-b] }] }`,
    );
    for (let v = 0; v < 4; v++) lines.push(`  vm-${r}-${v}: { kind: vm, requires: [{ any: [host-${r}-0, host-${r}-1], failover: 2m }] }`);
    services.push(
      `  web-${r}:`,
      '    sla: { target: 99.95%, per: month, maxOutage: 30m }',
      `    requires: [db, { of: [vm-${r}-0, vm-${r}-1, vm-${r}-2], capacity: 600, load: { peak: 1000, normal: 300 } }]`,
      `  app-${r}: { sla: 99.9%, requires: [db, { any: [vm-${r}-3, vm-${r}-2], failover: 1m }] }`,
    );
  }
  return [...lines, ...services, ''].join('\n');
}

/** The mean repair times the warm-up's edits give VMs in turn: of two lengths, so that later entries move. */
const editedRepairTimes = ['45m', '1h', '50m', '2h'];

/**
 * The warm-up topology after its `n`-th edit (n ≥ 1): typing in the VM default, as in a
 * real file, which changes every VM's failure data and every service's figures, and moves
 * every entry after it. Typing runs code an open does not (re-parsing pieces, keeping what
 * was read, refiguring circuits, reusing findings), and a spare thread compiles it too.
 */
export function editWarmUpTopology(text: string, n: number): string {
  return text.replace('  vm: { mtbf: 8760h, mttr: 30m }', `  vm: { mtbf: 8760h, mttr: ${editedRepairTimes[(n - 1) % editedRepairTimes.length]} }`);
}
