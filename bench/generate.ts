/**
 * Generators of topologies of realistic shape, for benchmarks: power feeds and UPS per
 * room, racks with PDUs and switches, hypervisor hosts, VMs placed on hosts, replicated
 * web tiers behind load balancers, and shared database clusters.
 */
export function generateDataCentre(targetComponents: number, seed = 1): string {
  let state = seed;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const lines: string[] = ['topology: Generated data centre', 'sla: 99.9%', 'defaults:', '  vm: { mtbf: 8760h, mttr: 30m }', '  server: { mtbf: 40000h, mttr: 8h }', 'components:'];
  const services: string[] = ['services:'];
  let count = 0;
  const add = (id: string, body: string) => {
    lines.push(`  ${id}: ${body}`);
    count++;
  };
  const rooms = Math.max(1, Math.round(targetComponents / 2500));
  for (let room = 0; room < rooms && count < targetComponents; room++) {
    add(`grid-${room}`, '{ kind: power, mtbf: 2000h, mttr: 2h }');
    add(`gen-${room}`, '{ kind: power, mtbf: 1500h, mttr: 12h }');
    add(`ups-${room}-a`, `{ kind: power, mtbf: 100000h, mttr: 6h, requires: [{ any: [grid-${room}, gen-${room}], failover: 15s }] }`);
    add(`ups-${room}-b`, `{ kind: power, mtbf: 100000h, mttr: 6h, requires: [{ any: [grid-${room}, gen-${room}], failover: 15s }] }`);
    add(`core-${room}`, `{ kind: switch, mtbf: 150000h, mttr: 4h, replicas: 2, requires: [{ any: [ups-${room}-a, ups-${room}-b] }] }`);
    add(`db-${room}`, `{ kind: database, mtbf: 4380h, mttr: 1h, replicas: 3, quorum: 2, requires: [core-${room}, { any: [ups-${room}-a, ups-${room}-b] }] }`);
    const perRoom = Math.ceil(targetComponents / rooms);
    let rack = 0;
    while (count < perRoom * (room + 1) - 6 && count < targetComponents) {
      const r = `r${room}-${rack}`;
      add(`pdu-${r}-a`, `{ kind: power, mtbf: 300000h, mttr: 2h, requires: [ups-${room}-a] }`);
      add(`pdu-${r}-b`, `{ kind: power, mtbf: 300000h, mttr: 2h, requires: [ups-${room}-b] }`);
      add(`tor-${r}`, `{ kind: switch, mtbf: 150000h, mttr: 4h, requires: [core-${room}, { any: [pdu-${r}-a, pdu-${r}-b] }] }`);
      const hosts: string[] = [];
      for (let h = 0; h < 4; h++) {
        const host = `host-${r}-${h}`;
        hosts.push(host);
        add(host, `{ kind: server, requires: [tor-${r}, { any: [pdu-${r}-a, pdu-${r}-b] }] }`);
      }
      const vms: string[] = [];
      for (let v = 0; v < 12 && count < targetComponents; v++) {
        const vm = `vm-${r}-${v}`;
        vms.push(vm);
        add(vm, `{ kind: vm, requires: [${hosts[Math.floor(random() * hosts.length)]}] }`);
      }
      if (vms.length >= 4) {
        // Every VM serves a service: a web tier behind a load balancer, and an application
        // with an active-passive pair and a pool of workers.
        add(`lb-${r}`, `{ kind: load-balancer, mtbf: 8760h, mttr: 15m, replicas: 2, requires: [tor-${r}] }`);
        const web = vms.slice(0, Math.min(6, vms.length));
        services.push(`  web-${r}:`, `    requires: [lb-${r}, { atLeast: ${Math.ceil(web.length / 2)}, of: [${web.join(', ')}] }, db-${room}]`);
        const pair = vms.slice(6, 8);
        const workers = vms.slice(8);
        if (pair.length > 0) {
          const requires = [`{ any: [${pair.join(', ')}], failover: 1m }`, ...(workers.length ? [`{ atLeast: ${Math.ceil(workers.length / 2)}, of: [${workers.join(', ')}] }`] : []), `db-${room}`];
          services.push(`  app-${r}:`, `    sla: 99.95%`, `    mtbf: 2000h`, `    mttr: 1h`, `    requires: [${requires.join(', ')}]`);
        }
      }
      rack++;
    }
  }
  return [...lines, ...services, ''].join('\n');
}

/**
 * A dense layered mesh: each node needs any of several nodes in the layer below, so many
 * paths share nodes and the structure is far from series-parallel.
 */
export function generateMesh(layers = 6, width = 10, fanIn = 7, seed = 7): { text: string; links: number; nodes: number } {
  let state = seed;
  const random = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state / 2 ** 32;
  };
  const lines = ['topology: Dense mesh', 'components:'];
  let links = 0;
  for (let layer = 0; layer < layers; layer++) {
    for (let i = 0; i < width; i++) {
      const id = `n${layer}-${i}`;
      if (layer === 0) {
        lines.push(`  ${id}: { kind: network, mtbf: 5000h, mttr: 4h }`);
        continue;
      }
      const below = Array.from({ length: width }, (_, j) => `n${layer - 1}-${j}`).sort(() => random() - 0.5).slice(0, fanIn);
      links += below.length;
      lines.push(`  ${id}: { kind: router, mtbf: 20000h, mttr: 4h, requires: [{ any: [${below.join(', ')}] }] }`);
    }
  }
  const top = Array.from({ length: width }, (_, j) => `n${layers - 1}-${j}`);
  links += top.length;
  lines.push('services:', `  reach: { requires: [{ atLeast: 2, of: [${top.join(', ')}] }] }`, '');
  return { text: lines.join('\n'), links, nodes: layers * width };
}

/**
 * A dependency chain of `n` components, each requiring the next, and one service on top:
 * the worst case for anything that walks dependencies per component (the figures of every
 * component of a chain take quadratic work).
 */
export function generateChain(n: number): string {
  const lines = Array.from({ length: n }, (_, i) => `  c${i}: { availability: 99.9%, requires: [${i < n - 1 ? `c${i + 1}` : ''}] }`);
  return `topology: chain\ncomponents:\n${lines.join('\n')}\nservices:\n  s: { requires: [c0] }\n`;
}

/** The "billion laughs": nine aliases per level, `levels` deep, expanding to 9^levels nodes. */
export function generateAliasBomb(levels = 9): string {
  const names = 'abcdefghijklmnop'.slice(0, levels).split('');
  const lines = names.map((name, i) => {
    const items = i === 0 ? Array(9).fill('x') : Array(9).fill(`*${names[i - 1]}`);
    return `  ${name}: ${i < levels - 1 ? `&${name} ` : ''}[${items.join(', ')}]`;
  });
  return `topology: Billion laughs\ncomponents:\n${lines.join('\n')}\nservices: {}\n`;
}
