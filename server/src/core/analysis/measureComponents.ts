import type { Budget } from '../budget';
import type { Component } from '../model/types';
import type { MemoRun, ResultKey } from './analysisMemo';
import { gateOfEntity } from './circuit';
import { describeComponent, nameSinglePoints } from './describeFigures';
import type { Diagram, Measures } from './diagram';
import type { PreparedPhase } from './preparePhase';
import type { ComponentFigures } from './results';

/** What measuring the components needs from the analysis that prepared the phases. */
export interface ComponentInputs {
  readonly components: readonly Component[];
  /** With a memo: each component's key and remembered figures, in the order of `components`. */
  readonly keys: readonly { readonly key: ResultKey; readonly remembered: ComponentFigures | undefined }[];
  readonly run: MemoRun | undefined;
  readonly phases: readonly PreparedPhase[];
  readonly budget: Budget;
  /** Single points of failure of a gate, from the circuit or (past its work budget) from a diagram. */
  readonly findSinglePoints: (gate: number, diagramOf: () => Diagram | undefined) => Iterable<number> | undefined;
}

/**
 * Each component's figures: remembered where its key finds some, else measured over the
 * shared diagrams. Those met once the budget's time limit is past get no figures, and
 * `skipped` counts them: listing every component's single points of failure in a long chain
 * takes time quadratic in its length (each one fails with any of the rest of the chain).
 */
export function measureComponents(inputs: ComponentInputs): { figures: ComponentFigures[]; skipped: number } {
  const { components, keys, run, phases, budget } = inputs;
  const main = phases[0]!;
  // Each phase's shared diagram measured whole, once a component needs it (see measureEveryGate).
  const everyGate: ((gate: number) => Figures | undefined)[] = [];
  const measureShared = (phase: number, gate: number) => (everyGate[phase] ??= phases[phase]!.shared!.measureEveryGate())(gate);
  const figures: ComponentFigures[] = [];
  let skipped = 0;
  for (let index = 0; index < components.length; index++) {
    const component = components[index]!;
    const key = keys[index];
    const remembered = key?.remembered;
    if (remembered) {
      run!.keepComponent(key!.key, remembered);
      figures.push(remembered);
      continue;
    }
    if (skipped > 0 || budget.exceeded()) {
      skipped++;
      figures.push(describeComponent(component.id, undefined, []));
      continue;
    }
    const gate = gateOfEntity(main.circuit, component.id);
    // Without a shared diagram (past its budget) the fallback has none; a shared one that does
    // not hold the gate (it was built for what an edit changed) lends a diagram of its own.
    const spofs = inputs.findSinglePoints(gate, () => (main.shared ? main.diagramFor([gate]) : undefined));
    const measured = describeComponent(component.id, measureWeighted(phases, component.id, measureShared), spofs ? nameSinglePoints(main.circuit, spofs, component.id) : []);
    if (key && measured.availability !== null) run!.keepComponent(key.key, measured);
    figures.push(measured);
  }
  return { figures, skipped };
}

type Figures = Pick<Measures, 'availability' | 'unavailability' | 'frequency'>;

/** An entity's figures over the shared diagrams, phase-weighted; undefined where a phase has none. */
function measureWeighted(phases: readonly PreparedPhase[], id: string, measureShared: (phase: number, gate: number) => Figures | undefined): Figures | undefined {
  let availability = 0;
  let unavailability = 0;
  let frequency = 0;
  for (let i = 0; i < phases.length; i++) {
    const phase = phases[i]!;
    // Without a shared diagram (past its budget) components have no figures; with one, a
    // component it does not hold (it was remembered when the diagram was built) gets its own.
    if (!phase.shared) return undefined;
    const gate = gateOfEntity(phase.circuit, id);
    const measures = measureShared(i, gate) ?? phase.diagramFor([gate])?.measureFigures(gate);
    if (!measures) return undefined;
    availability += phase.weight * measures.availability;
    unavailability += phase.weight * measures.unavailability;
    frequency += phase.weight * measures.frequency;
  }
  return { availability, unavailability, frequency };
}
