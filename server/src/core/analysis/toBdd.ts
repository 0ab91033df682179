import { Bdd, FALSE, TRUE } from './bdd';
import type { Circuit } from './circuit';

/** A BDD for one root gate, with the map from diagram levels back to basic events. */
export interface CompiledFunction {
  readonly bdd: Bdd;
  readonly root: number;
  /** `events[level]` is the index of the basic event at that level. */
  readonly events: readonly number[];
}

/**
 * Builds the diagram of one gate.
 *
 * The variable order comes from the dependency graph: the circuit numbers events in a
 * depth-first post-order (dependencies before the things that need them), and the diagram
 * takes them in reverse, a topological order from services down to power. Measured on the
 * benchmarks this beats depth-first pre-order by 70× in nodes on a dense layered mesh
 * (11,207 against 783,794) and by 4× on generated data centres. Gates are then built in
 * index order, which puts inputs before their users.
 */
export function compileToBdd(circuit: Circuit, rootGate: number, maxNodes: number): CompiledFunction {
  const { bdd, nodes, events } = compileGates(circuit, [rootGate], maxNodes);
  return { bdd, root: nodes[0]!, events };
}

/** Builds several gates into one diagram, so that their nodes can be compared and shared. */
export function compileGates(
  circuit: Circuit,
  rootGates: readonly number[],
  maxNodes: number,
): { bdd: Bdd; nodes: number[]; events: number[] } {
  const bdd = new Bdd(maxNodes);
  const reachable = walkDepthFirst(circuit, rootGates);
  const events = reachable.flatMap((g) => {
    const gate = circuit.gates[g]!;
    return gate.op === 'event' ? [gate.event] : [];
  });
  events.sort((a, b) => b - a);
  const levelOfEvent = new Map<number, number>();
  for (const event of events) levelOfEvent.set(event, bdd.addVariable());
  const nodeOf = new Map<number, number>();
  for (const gateIndex of reachable.sort((a, b) => a - b)) {
    const gate = circuit.gates[gateIndex]!;
    let node: number;
    if (gate.op === 'const') node = gate.value ? TRUE : FALSE;
    else if (gate.op === 'event') node = bdd.variable(levelOfEvent.get(gate.event)!);
    else node = bdd.atLeast(gate.k, gate.inputs.map((input) => nodeOf.get(input)!));
    nodeOf.set(gateIndex, node);
  }
  return { bdd, nodes: rootGates.map((gate) => nodeOf.get(gate)!), events };
}

/** Returns the gates reachable from the roots, each once, in depth-first pre-order. */
export function walkDepthFirst(circuit: Circuit, rootGates: readonly number[]): number[] {
  const seen = new Set<number>();
  const order: number[] = [];
  const stack = [...rootGates].reverse();
  while (stack.length > 0) {
    const gateIndex = stack.pop()!;
    if (seen.has(gateIndex)) continue;
    seen.add(gateIndex);
    order.push(gateIndex);
    const gate = circuit.gates[gateIndex]!;
    if (gate.op === 'atLeast') for (let i = gate.inputs.length - 1; i >= 0; i--) stack.push(gate.inputs[i]!);
  }
  return order;
}
