import { walkDepthFirst, type BasicEvent, type Circuit, type Gate } from './circuit';

/**
 * Numbers what gates compute, across versions of a document: two gates get the same number
 * exactly when they are the same function (same thresholds, same inputs, recursively) of
 * basic events with the same names and the same figures. A service whose gate keeps its
 * number after an edit has figures the edit cannot have changed.
 *
 * Numbers are interned text keys, so equal numbers mean equal keys, never a hash collision.
 */
export class ShapeTable {
  private current = new Map<string, number>();
  private previous = new Map<string, number>();
  private next = 0;

  /**
   * Starts a version: shapes the last version did not use are forgotten, so the table holds
   * at most two versions' shapes. A forgotten shape named again gets a new number, which can
   * only make a result be computed again, never reuse a wrong one.
   */
  turn(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  idOf(key: string): number {
    let id = this.current.get(key);
    if (id === undefined) {
      id = this.previous.get(key) ?? this.next++;
      this.current.set(key, id);
    }
    return id;
  }
}

/**
 * Gives every gate of the circuit its shape number. A failover pseudo-event is named by what
 * its figures are computed from (its switch time, success and manual time, and the shapes of
 * its primary, its rest and what its switch needs), not by figures filled in later, so the
 * numbers are known before any diagram is built.
 */
export function nameShapes(circuit: Circuit, table: ShapeTable): Int32Array {
  const shapes = new Int32Array(circuit.gates.length).fill(-1);
  const shapeOf = (gate: number): number => {
    const shape = shapes[gate]!;
    // The circuit is compiled inputs first; a gate named before its inputs would be a bug.
    if (shape < 0) throw new Error(`gate ${gate} is used before it is compiled`);
    return shape;
  };
  circuit.gates.forEach((gate, index) => {
    shapes[index] = table.idOf(keyOf(gate, circuit.events, shapeOf));
  });
  return shapes;
}

function keyOf(gate: Gate, events: readonly BasicEvent[], shapeOf: (gate: number) => number): string {
  if (gate.op === 'const') return gate.value ? 'true' : 'false';
  if (gate.op === 'atLeast') return `${gate.k} of ${gate.inputs.map(shapeOf).join(',')}`;
  const event = events[gate.event]!;
  const own = `${event.kind}\u0000${event.name}\u0000${event.entityId}`;
  const info = event.failover;
  if (!info) return `${own}\u0000${event.availability}\u0000${event.unavailability}\u0000${event.frequency}\u0000${event.frequencyKnown}`;
  return `${own}\u0000${info.hours}\u0000${info.success}\u0000${info.manualHours}\u0000${info.primary}\u0000${shapeOf(info.primaryGate)},${shapeOf(info.restGate)},${shapeOf(info.switchGate)}`;
}

/**
 * Whether two circuits are the same structure: the same gates over the same events, named
 * alike, whatever their figures. Then a diagram and the single points of failure of one
 * hold for the other, gate for gate.
 */
export function haveSameStructure(a: Circuit, b: Circuit): boolean {
  if (a.gates.length !== b.gates.length || a.events.length !== b.events.length || a.entityGates.size !== b.entityGates.size) return false;
  for (let i = 0; i < a.gates.length; i++) {
    const x = a.gates[i]!;
    const y = b.gates[i]!;
    if (x.op !== y.op) return false;
    if (x.op === 'const' && x.value !== (y as typeof x).value) return false;
    if (x.op === 'event' && x.event !== (y as typeof x).event) return false;
    if (x.op === 'atLeast') {
      const other = y as typeof x;
      if (x.k !== other.k || x.inputs.length !== other.inputs.length || x.inputs.some((input, j) => input !== other.inputs[j])) return false;
    }
  }
  for (let i = 0; i < a.events.length; i++) {
    const x = a.events[i]!;
    const y = b.events[i]!;
    if (x.name !== y.name || x.kind !== y.kind || x.entityId !== y.entityId || !x.failover !== !y.failover) return false;
    if (x.failover && (x.failover.primaryGate !== y.failover!.primaryGate || x.failover.restGate !== y.failover!.restGate || x.failover.switchGate !== y.failover!.switchGate)) return false;
  }
  for (const [id, gate] of a.entityGates) if (b.entityGates.get(id) !== gate) return false;
  return true;
}

/**
 * The shapes of a gate's events in the order a diagram tests them. Equal shapes can still
 * order their events differently after an edit elsewhere, and the order decides the size of
 * the diagram (a reported figure), so a result is reused only where this is equal too.
 */
export function describeEventOrder(circuit: Circuit, shapes: Int32Array, gate: number): string {
  const events: number[] = [];
  for (const g of walkDepthFirst(circuit, [gate])) if (circuit.gates[g]!.op === 'event') events.push(g);
  // Event gates are compiled in event order, so gate order is event order.
  events.sort((a, b) => a - b);
  return events.map((g) => shapes[g]).join(',');
}
