import { walkDepthFirst, type BasicEvent, type Circuit, type Gate } from './circuit';

/**
 * Numbers what gates compute, across versions of a document: two gates get the same number
 * only when they are the same function (same thresholds, same inputs, recursively) of basic
 * events with the same names and the same figures. A service whose gate keeps its number
 * after an edit has figures the edit cannot have changed.
 *
 * Most numbers are interned text keys, so equal numbers mean equal keys, never a hash
 * collision. A gate above an event whose figures changed gets a new number without a key
 * (see renameShapes): its key is filed only if a later version needs keys to compare with
 * (see fileShapes), so that typing one figure after another never builds them.
 */
export class ShapeTable {
  private readonly ids = new Map<string, number>();
  private next = 0;

  /** How many keys are filed. */
  get size(): number {
    return this.ids.size;
  }

  /** How many numbers were given out, with keys or without. */
  get issued(): number {
    return this.next;
  }

  idOf(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.next++;
      this.ids.set(key, id);
    }
    return id;
  }

  /** A number no gate had before, with no key. */
  issue(): number {
    return this.next++;
  }

  /**
   * Files a key for a number issued without one, and returns the number the key stands for:
   * this one, or the one it was filed with already (the same function got two numbers, as
   * a gate of each load phase does).
   */
  file(key: string, id: number): number {
    const known = this.ids.get(key);
    if (known !== undefined) return known;
    this.ids.set(key, id);
    return id;
  }
}

/** A circuit's shape numbers, with the gates whose numbers have no key filed yet (see fileShapes). */
export interface Shapes {
  readonly numbers: Int32Array;
  readonly unkeyed: Uint8Array | undefined;
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

/**
 * The shapes of a circuit of the same structure as one already named (see haveSameStructure):
 * a gate keeps its shape unless an event under it changed its figures, so only the gates above
 * a changed event get new numbers. Those are issued without keys: within the same structure,
 * an unchanged number is all the memo asks, and a default every VM uses would otherwise build
 * and intern a key for most gates on every keystroke.
 */
export function renameShapes(circuit: Circuit, previous: { readonly circuit: Circuit; readonly shapes: Int32Array; readonly unkeyed: Uint8Array | undefined }, table: ShapeTable): Shapes {
  const { gates, events } = circuit;
  const shapes = new Int32Array(gates.length);
  const changed = new Uint8Array(gates.length);
  // Plain loops: this runs over every gate on every edit.
  for (let index = 0; index < gates.length; index++) {
    const gate = gates[index]!;
    let differs = false;
    if (gate.op === 'atLeast') {
      for (const input of gate.inputs) {
        if (changed[input] === 1) {
          differs = true;
          break;
        }
      }
    } else if (gate.op === 'event') {
      const event = events[gate.event]!;
      const before = previous.circuit.events[gate.event]!;
      // An event the circuit's reuse kept is one object in both versions.
      differs = event !== before && eventDiffers(event, before, changed);
    }
    changed[index] = differs ? 1 : 0;
    shapes[index] = differs ? table.issue() : previous.shapes[index]!;
  }
  // A number kept from the version before has its key filed only if it had then.
  const unkeyed = changed;
  if (previous.unkeyed) for (let i = 0; i < unkeyed.length; i++) unkeyed[i]! |= previous.unkeyed[i]!;
  return { numbers: shapes, unkeyed };
}

/**
 * Files the keys of the gates whose numbers were issued without one, inputs first, so that
 * naming a circuit of another structure (nameShapes) gives a gate that computes the same
 * function as one of these the same number, and its results are found. A gate whose key was
 * filed with another number already (its copy in the other load phase) takes that number,
 * in `shapes` itself, so that the gates above it file the keys nameShapes will build; each
 * number so replaced goes into `replaced`, with the number that replaces it. `unkeyed` is
 * cleared as the keys are filed.
 */
export function fileShapes(circuit: Circuit, shapes: Int32Array, unkeyed: Uint8Array | undefined, table: ShapeTable, replaced: Map<number, number>): void {
  if (!unkeyed) return;
  const shapeOf = (gate: number) => shapes[gate]!;
  circuit.gates.forEach((gate, index) => {
    if (unkeyed[index] !== 1) return;
    // Filed once: a version that keeps this number finds it keyed.
    unkeyed[index] = 0;
    const own = shapes[index]!;
    const filed = table.file(keyOf(gate, circuit.events, shapeOf), own);
    if (filed === own) return;
    shapes[index] = filed;
    replaced.set(own, filed);
  });
}

/** Whether an event's figures differ from its counterpart's, or, for a switchover, what they are computed from. */
function eventDiffers(event: BasicEvent, before: BasicEvent, changed: Uint8Array): boolean {
  const info = event.failover;
  if (!info) return event.availability !== before.availability || event.unavailability !== before.unavailability || event.frequency !== before.frequency || event.frequencyKnown !== before.frequencyKnown;
  const old = before.failover!;
  return info.hours !== old.hours || info.success !== old.success || info.manualHours !== old.manualHours || info.primary !== old.primary || changed[info.primaryGate] === 1 || changed[info.restGate] === 1 || changed[info.switchGate] === 1;
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
  // A circuit made from the one before (reuseCircuit) shares its gates.
  if (a.gates === b.gates && a.entityGates === b.entityGates) return true;
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
export function describeEventOrder(circuit: Circuit, shapes: Int32Array, gate: number): { readonly order: string; readonly work: number } {
  const cone = walkDepthFirst(circuit, [gate]);
  const events = cone.filter((g) => circuit.gates[g]!.op === 'event');
  // Event gates are compiled in event order, so gate order is event order.
  events.sort((a, b) => a - b);
  return { order: events.map((g) => shapes[g]).join(','), work: cone.length };
}

/**
 * Whether every event both circuits have (by name) comes in the same order in both. Then an
 * entity whose shape is unchanged has its events in the same order too (equal shapes mean the
 * same events), and no entity's order needs to be compared on its own.
 */
export function keepEventOrder(before: Circuit, after: Circuit): boolean {
  const indexAfter = new Map<string, number>();
  for (const [index, event] of after.events.entries()) {
    // Names are unique in practice; where they are not, the orders are compared entity by entity.
    if (indexAfter.has(event.name)) return false;
    indexAfter.set(event.name, index);
  }
  let last = -1;
  const seen = new Set<string>();
  for (const event of before.events) {
    if (seen.has(event.name)) return false;
    seen.add(event.name);
    const index = indexAfter.get(event.name);
    if (index === undefined) continue;
    if (index < last) return false;
    last = index;
  }
  return true;
}
