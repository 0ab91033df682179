import { EventSums, ProductQueue, TripleTable } from './scratchTables';
import { IntStack } from '../util/intStack';

/**
 * What every diagram over one BDD shares (see Diagram.withCircuit): scratch arrays sized to
 * it, reused by every measurement, and the node lists of the functions measured so far,
 * which stay the same while the structure does. `stamp` marks the nodes of the current
 * function so that nothing has to be cleared between functions.
 */
export class DiagramScratch {
  readonly up: Float64Array;
  readonly down: Float64Array;
  readonly reach: Float64Array;
  readonly seen: Int32Array;
  stamp = 0;
  readonly nodeLists = new Map<number, Int32Array>();
  /** Node lists are kept up to a few times the diagram's size, so that memory stays linear. */
  listRoom: number;
  /** Past that room, the last list collected is still kept: callers measure one gate many times over. */
  last: { root: number; nodes: Int32Array } | undefined;
  /** Per event, one pass's sums (a measurement's importances, criticalities' brackets). */
  readonly eventSums = new EventSums();
  /** A joint walk's probabilities by triple, and criticalities' product nodes by triple (one walk at a time). */
  readonly jointProbabilities = new TripleTable();
  readonly productNodes = new TripleTable();
  readonly products = new ProductQueue();
  /** A function's nodes as collect finds them, and the nodes it has still to visit. */
  readonly found = new IntStack();
  readonly pending = new IntStack();

  constructor(size: number) {
    this.up = new Float64Array(size);
    this.down = new Float64Array(size);
    this.reach = new Float64Array(size);
    this.seen = new Int32Array(size);
    this.listRoom = 4 * size + 100_000;
  }
}
