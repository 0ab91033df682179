import { ModelMemo } from '../model/readSectionOnce';
import type { ModelChecks } from '../model/checkModel';
import { gateOfEntity, type Circuit } from './circuit';
import type { Diagram } from './diagram';
import type { SwitchoverFigures, SwitchoverMemo } from './failoverEvents';
import { describeEventOrder, fileShapes, haveSameStructure, keepEventOrder, nameShapes, renameShapes, ShapeTable } from './nameShapes';
import type { AnalysisOptions, ComponentFigures, ServiceFigures } from './results';
import type { StructuralFindings } from './reuseFindings';
import type { SinglePointIndex } from './singlePoints';

/** What one load phase of the previous version left to reuse. */
export interface RememberedPhase {
  readonly circuit: Circuit;
  readonly shapes: Int32Array;
  /** The gates whose shape numbers have no key filed (see renameShapes). */
  readonly unkeyed: Uint8Array | undefined;
  readonly shared: Diagram | undefined;
  readonly singlePoints: SinglePointIndex;
}

/** A service's results, with its single points of failure off-peak (for the load findings). */
export interface RememberedService {
  readonly figures: ServiceFigures;
  readonly offPeakSpofs: readonly string[] | undefined;
}

/**
 * What an entity's results depend on: its own settings (a service's SLA terms) and, per load
 * phase, the phase's weight and the shape of the entity's gate. Results are filed by entity
 * id with the key they were computed under, and found only under an equal key.
 */
export interface ResultKey {
  readonly id: string;
  readonly own: string;
  /** Each phase's weight: the same array for every entity of one analysis. */
  readonly weights: readonly number[];
  /** Each phase's shape of the entity's gate. */
  readonly shapes: readonly number[];
}

/** A result with the key it was computed under. */
interface Filed<T> {
  readonly key: ResultKey;
  readonly value: T;
}

function haveSameKey(a: ResultKey, b: ResultKey): boolean {
  return a.own === b.own && haveSameNumbers(a.weights, b.weights) && haveSameNumbers(a.shapes, b.shapes);
}

function haveSameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** One phase of the version being analysed, as the memo sees it. */
export interface PhaseShapes {
  readonly circuit: Circuit;
  readonly shapes: Int32Array;
  readonly unkeyed: Uint8Array | undefined;
  /** The previous version's phase when its circuit has the same structure. */
  readonly same: RememberedPhase | undefined;
  /** The previous version's phase, whatever its structure. */
  readonly previous: RememberedPhase | undefined;
  /** Whether the events both versions have come in the same order (always so with the same structure). */
  readonly orderKept: boolean;
}

/**
 * What the analysis of one document keeps between versions, so that an edit redoes only what
 * it changed. Results are filed under keys that say everything they depend on (see
 * nameShapes): a service's key is its own settings and, per load phase, the shape of its gate;
 * a result found by key is used only if its events also keep their order (which decides the
 * size of its diagram). Such a result was computed from the same inputs, so it is the one a
 * fresh analysis would give. When the circuit keeps its structure (an edit to failure data or
 * SLAs), its decision diagrams and single points of failure are kept too and only
 * probabilities are evaluated again.
 *
 * Only complete, exact analyses are remembered: anything cut short by a limit is analysed
 * from scratch next time.
 */
export class AnalysisMemo {
  private shapes = new ShapeTable();
  private optionsKey = '';
  private phases: RememberedPhase[] = [];
  private services = new Map<string, Filed<RememberedService>>();
  private components = new Map<string, Filed<ComponentFigures>>();
  private failovers = new Map<number, SwitchoverFigures>();
  /** What the model's checks found in the previous version (see checkModel). */
  modelChecks: ModelChecks | undefined;
  /** How the previous version's model was read (see buildModel). */
  model = new ModelMemo();
  /** The structural findings of the last analysis, with what they were found from (see reuseFindings). */
  structuralFindings: StructuralFindings | undefined;
  /** How the last analysis went, for tests and benchmarks. */
  lastRun: { readonly reusedStructure: boolean; readonly circuitsReused: number; readonly servicesReused: number; readonly componentsReused: number; readonly switchoversReused: number; readonly gatesWalkedForOrder: number; readonly findingsReused: boolean } | undefined;

  /** The circuits of the last complete analysis, one per load phase, to build the next ones from (see reuseCircuit). */
  circuits(): readonly Circuit[] {
    return this.phases.map((phase) => phase.circuit);
  }

  /** Starts an analysis: names the shapes of each phase's circuit and finds what can be kept. */
  begin(options: AnalysisOptions, circuits: readonly Circuit[]): MemoRun {
    const optionsKey = `${options.maxBddNodes}/${options.seed}/${options.maxFixes}`;
    // The table of keys only grows (a number in use must keep its key): past several
    // circuits' worth of old keys, or long before 32-bit numbers run out, start over. The
    // model's checks depend on the text alone, so they are kept: the first analysis sets the
    // options, and dropping its checks made the first edit after opening a file look for
    // dependency cycles again (about 40 ms on 10,000 components).
    const gates = circuits.reduce((sum, circuit) => sum + circuit.gates.length, 0);
    if (optionsKey !== this.optionsKey || this.shapes.size > 8 * gates + 50_000 || this.shapes.issued > 2 ** 30) this.forgetResults();
    this.optionsKey = optionsKey;
    const sameAs = circuits.map((circuit, i) => {
      const previous = this.phases[i];
      return previous && this.phases.length === circuits.length && haveSameStructure(previous.circuit, circuit) ? previous : undefined;
    });
    // A circuit of another structure is named by keys: those the previous version left
    // unfiled are filed first, so that what did not change is found by them.
    if (sameAs.some((same) => !same)) this.fileKeys();
    const phases = circuits.map((circuit, i): PhaseShapes => {
      const previous = this.phases[i];
      const same = sameAs[i];
      // With the same structure, only the gates above events whose figures changed are numbered again.
      const { numbers: shapes, unkeyed } = same ? renameShapes(circuit, same, this.shapes) : { numbers: nameShapes(circuit, this.shapes), unkeyed: undefined };
      const before = this.phases.length === circuits.length ? previous : undefined;
      return { circuit, shapes, unkeyed, same, previous: before, orderKept: same !== undefined || (before !== undefined && keepEventOrder(before.circuit, circuit)) };
    });
    return new MemoRun(this, phases, this.services, this.components, this.failovers);
  }

  /**
   * Files the keys the previous version's numbers lack (see fileShapes). Where a number gives
   * way to the one its key already had, what is remembered under it is filed under that one.
   */
  private fileKeys(): void {
    const replaced = new Map<number, number>();
    for (const phase of this.phases) fileShapes(phase.circuit, phase.shapes, phase.unkeyed, this.shapes, replaced);
    if (replaced.size === 0) return;
    const renumber = <T>(filed: Map<string, Filed<T>>) => {
      for (const [id, { key, value }] of filed) {
        if (key.shapes.some((n) => replaced.has(n))) filed.set(id, { key: { ...key, shapes: key.shapes.map((n) => replaced.get(n) ?? n) }, value });
      }
    };
    renumber(this.services);
    renumber(this.components);
    this.failovers = new Map([...this.failovers].map(([shape, figures]) => [replaced.get(shape) ?? shape, figures]));
  }

  /** Keeps what a complete analysis used, and forgets the rest. */
  commit(run: MemoRun, phases: readonly RememberedPhase[]): void {
    this.phases = [...phases];
    this.services = run.nextServices;
    this.components = run.nextComponents;
    this.failovers = run.nextFailovers;
    this.lastRun = { reusedStructure: run.phases.every((p) => p.same !== undefined), circuitsReused: run.phases.filter((p) => p.same?.circuit.gates === p.circuit.gates).length, servicesReused: run.servicesReused, componentsReused: run.componentsReused, switchoversReused: run.switchoversReused, gatesWalkedForOrder: run.orderWork, findingsReused: run.findingsReused };
  }

  /** Forgets everything: the next analysis starts from scratch. */
  forget(): void {
    this.forgetResults();
    this.modelChecks = undefined;
    this.model = new ModelMemo();
  }

  /** Forgets what the analysis found, keeping what the model's checks found (they hold for the text whatever the analysis did). */
  forgetResults(): void {
    this.shapes = new ShapeTable();
    this.phases = [];
    this.services = new Map();
    this.components = new Map();
    this.failovers = new Map();
    this.structuralFindings = undefined;
    this.lastRun = undefined;
  }
}

/** One analysis' view of the memo: looks results up by key and collects those to keep. */
export class MemoRun {
  readonly nextServices = new Map<string, Filed<RememberedService>>();
  readonly nextComponents = new Map<string, Filed<ComponentFigures>>();
  readonly nextFailovers = new Map<number, SwitchoverFigures>();
  servicesReused = 0;
  componentsReused = 0;
  /** Switchovers (one per load phase each) whose figures were found rather than figured. */
  switchoversReused = 0;
  /** Whether the structural findings were the previous version's (see reuseFindings). */
  findingsReused = false;
  /** Gates walked to compare entities' event orders, and the most that may be. */
  orderWork = 0;
  private readonly maxOrderWork: number;

  constructor(
    readonly memo: AnalysisMemo,
    readonly phases: readonly PhaseShapes[],
    private readonly services: ReadonlyMap<string, Filed<RememberedService>>,
    private readonly components: ReadonlyMap<string, Filed<ComponentFigures>>,
    private readonly failovers: ReadonlyMap<number, SwitchoverFigures>,
  ) {
    this.maxOrderWork = 4 * phases.reduce((sum, phase) => sum + phase.circuit.gates.length, 0) + 10_000;
  }

  /**
   * The key of an entity's results (see ResultKey). Plain numbers compared in place, rather
   * than one text per entity hashed into a map, on every version of a large file.
   */
  keyOf(id: string, own: string, weights: readonly number[]): ResultKey {
    const shapes = new Array<number>(this.phases.length);
    for (let i = 0; i < shapes.length; i++) shapes[i] = this.phases[i]!.shapes[gateOfEntity(this.phases[i]!.circuit, id)]!;
    return { id, own, weights, shapes };
  }

  /**
   * Whether the entity's events keep the order they had in the previous version. A result
   * found by key holds for the previous version; where the events keep their order overall
   * (always so when the structure is unchanged), so does every entity's, and elsewhere the
   * order is compared entity by entity.
   */
  keepsOrder(id: string): boolean {
    return this.phases.every(({ circuit, shapes, previous, orderKept }) => {
      if (orderKept) return true;
      // Comparing entity by entity walks each one's dependencies: a long chain would make that
      // quadratic, so past a few times the circuit's size the rest is computed afresh instead.
      if (!previous || this.orderWork > this.maxOrderWork) return false;
      const now = describeEventOrder(circuit, shapes, gateOfEntity(circuit, id));
      const before = describeEventOrder(previous.circuit, previous.shapes, gateOfEntity(previous.circuit, id));
      this.orderWork += now.work + before.work;
      return now.order === before.order;
    });
  }

  /** A remembered service's results under the key, if there are some and its events keep their order. */
  findService(key: ResultKey): RememberedService | undefined {
    const found = this.find(this.services, key);
    if (found) this.servicesReused++;
    return found;
  }

  keepService(key: ResultKey, remembered: RememberedService): void {
    this.nextServices.set(key.id, { key, value: remembered });
  }

  /** A remembered component's figures under the key, if there are some and its events keep their order. */
  findComponent(key: ResultKey): ComponentFigures | undefined {
    const found = this.find(this.components, key);
    if (found) this.componentsReused++;
    return found;
  }

  private find<T>(remembered: ReadonlyMap<string, Filed<T>>, key: ResultKey): T | undefined {
    const found = remembered.get(key.id);
    return found !== undefined && haveSameKey(found.key, key) && this.keepsOrder(key.id) ? found.value : undefined;
  }

  keepComponent(key: ResultKey, figures: ComponentFigures): void {
    this.nextComponents.set(key.id, { key, value: figures });
  }

  /**
   * Switchover figures of one phase, filed by the shape of their pseudo-event. Figures found
   * are kept for the next version like those computed; were they not, every second edit
   * would figure every switchover again.
   */
  switchovers(phase: number): SwitchoverMemo {
    return {
      find: (event) => {
        const shape = this.shapeOfEvent(phase, event);
        const found = this.failovers.get(shape);
        if (found) {
          this.nextFailovers.set(shape, found);
          this.switchoversReused++;
        }
        return found;
      },
      keep: (event, figures) => void this.nextFailovers.set(this.shapeOfEvent(phase, event), figures),
    };
  }

  private shapeOfEvent(phase: number, event: number): number {
    const { circuit, shapes } = this.phases[phase]!;
    return shapes[eventGateOf(circuit, event)]!;
  }
}

/** The gate of each event, found once per circuit. */
const eventGates = new WeakMap<Circuit, Int32Array>();

function eventGateOf(circuit: Circuit, event: number): number {
  let gates = eventGates.get(circuit);
  if (!gates) {
    gates = new Int32Array(circuit.events.length);
    circuit.gates.forEach((gate, index) => {
      if (gate.op === 'event') gates![gate.event] = index;
    });
    eventGates.set(circuit, gates);
  }
  return gates[event]!;
}
