import type { Span } from './text/span';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/**
 * Every diagnostic the product can emit. The code is part of the CLI's JSON contract
 * and of SARIF rule ids, so codes are only ever added, never renamed.
 */
export const diagnosticCodes = {
  'yaml-syntax': {
    title: 'YAML syntax error',
    help: 'The text is not valid YAML here. Check indentation (spaces, not tabs), colons after keys, and that every bracket and quote is closed. Only the first syntax error is shown; the ones after it are usually its echoes.',
  },
  'duplicate-key': {
    title: 'A key appears twice in the same map',
    help: 'A map lists the same key twice, or a service uses an id that a component already has. Only the first is used. Rename or merge the two.',
  },
  'alias-limit': {
    title: 'YAML aliases expand past the safety limit',
    help: 'Anchors and aliases (`&a`, `*a`) here expand to more nodes than the limit allows, as an alias bomb would. Write the structure out instead of nesting aliases.',
  },
  'multiple-documents': {
    title: 'A topology file holds one YAML document',
    help: 'Everything after the first `---` document is ignored. Put each topology in its own file.',
  },
  schema: {
    title: 'The file does not match the topology schema',
    help: 'A key is unknown or missing, or a value has the wrong type. The message names the key; completion in the editor lists what is allowed.',
  },
  'invalid-duration': {
    title: 'A duration is zero, negative or unparsable',
    help: 'Durations are a number of hours, or amounts with units s, m or min, h, d, w, y (a year is 8760 h) such as `4h` or `1d 4h`, or ISO 8601 such as `PT4H`. They must be greater than zero.',
  },
  'invalid-availability': {
    title: 'An availability is outside (0, 1] or unparsable',
    help: 'Write an availability as a percentage such as `99.95%` or a fraction such as `0.9995`. A plain number above 1 is probably a percentage missing its `%`.',
  },
  'invalid-probability': {
    title: 'A probability is outside [0, 1] or unparsable',
    help: 'Write a probability as a percentage such as `98%` or a fraction such as `0.98`.',
  },
  'invalid-common-cause': {
    title: 'A common-cause group cannot be modelled',
    help: 'A common-cause group needs a beta factor in [0, 1), at least two things that fail (a replicated component, or two or more components), members that all give mtbf/mttr or all give availability, and each component in one group only.',
  },
  'invalid-maintenance': {
    title: 'A maintenance window is not shorter than its period',
    help: '`maintenance: { every, duration }` takes the component down for `duration` once every `every`; the duration must be shorter than the period.',
  },
  'unknown-reference': {
    title: 'A requirement names an id that does not exist',
    help: 'Every id in `requires` must be a component or service defined in the file. Fix the spelling (the closest id is suggested) or define the missing component. Until then the reference counts as always up.',
  },
  'dependency-cycle': {
    title: 'Requirements form a cycle',
    help: 'A component cannot depend, even indirectly, on itself. The message spells out the whole cycle; remove the link that points the wrong way (often a lower layer requiring a higher one).',
  },
  'at-least-too-large': {
    title: 'An atLeast group needs more members than it has',
    help: '`atLeast: k` can never hold when the group has fewer than k members. Lower k or add members.',
  },
  'quorum-too-large': {
    title: 'A quorum is larger than the number of replicas',
    help: 'A component with `quorum` above `replicas` can never be up. Lower the quorum or add replicas.',
  },
  'conflicting-failure-data': {
    title: 'Both availability and mtbf/mttr are given',
    help: 'Give either `mtbf` and `mttr` (preferred: they also give failure frequency) or `availability`. When both are present, mtbf/mttr are used.',
  },
  'incomplete-failure-data': {
    title: 'mtbf is given without mttr, or the other way round',
    help: 'Availability needs both how often something fails (`mtbf`) and how long a repair takes (`mttr`).',
  },
  'never-fails': {
    title: 'A component has no failure data and is treated as never failing',
    help: 'Give the component `mtbf` and `mttr`, an `availability`, or add failure data for its kind under `defaults`; otherwise it never counts as failing.',
  },
  'unknown-kind': {
    title: 'A component kind is not one of the known kinds',
    help: 'Known kinds drive icons and `defaults`: power, cooling, network, switch, router, firewall, load-balancer, server, hypervisor, vm, container, storage, disk, database, application, dns, service, other.',
  },
  'unused-component': {
    title: 'No service depends on this component',
    help: 'The component does not count towards any availability. Require it from a service or a component a service uses, or remove it.',
  },
  'failover-without-redundancy': {
    title: 'failover is given on a group with a single member',
    help: '`failover` models the switchover from a group\'s first member to another one; a group of one member has nothing to switch to.',
  },
  'failover-capped': {
    title: 'A switchover takes longer than the time between failures of the primary',
    help: 'The primary fails, on average, more often than once per switchover time, so the group would spend all its time switching. Its switchover downtime is capped at 100%. Check the `failover` time and the primary\'s mtbf.',
  },
  'single-point-of-failure': {
    title: 'One failure alone takes a service down',
    help: 'Every service that requires this part goes down whenever it fails, whatever else is up. Add a replica, put it in an `any` group with an independent alternative, or accept the risk explicitly.',
  },
  'defeated-redundancy': {
    title: 'Redundant members all depend on the same single point of failure',
    help: 'The group (or the replicas) looks redundant, but every member needs the same component, so one failure takes them all down: the classic hidden single point of failure. Give the members independent dependencies (another host, another feed).',
  },
  'defeated-failover': {
    title: 'A failure takes down both the primary and what its switchover needs',
    help: 'The switchover needs something (an HA manager, a network path) that fails together with the primary, for example an HA manager running on the host it must fail over from. Every such failure waits for a manual switch. Run what the switch needs somewhere independent of the primary.',
  },
  'sla-miss': {
    title: 'The predicted availability is below the SLA target',
    help: 'The service is predicted to be down more than its target allows. The hover and the report rank the fixes by the downtime each saves.',
  },
  'approximate-analysis': {
    title: 'The exact analysis was too large; figures are a Monte Carlo estimate',
    help: 'The decision diagram passed the node budget (`haTopology.analysis.maxBddNodes`), so the availability is a seeded estimate with a 95% confidence interval. Single points of failure are still exact.',
  },
  'analysis-limit': {
    title: 'The analysis stopped at a resource limit',
    help: 'The file is too large or too deep for some figures within the limits (`haTopology.analysis.timeLimitMs`, `haTopology.analysis.maxBddNodes`); what could be computed is shown. Raise the limit or split the topology.',
  },
  'file-too-large': {
    title: 'The file is larger than the limit',
    help: 'Files larger than `haTopology.limits.maxFileSizeKb` are not analysed, to keep the editor responsive. Raise the limit or split the topology.',
  },
  'nesting-limit': {
    title: 'The YAML nests deeper than the limit',
    help: 'Maps and lists nested deeper than `haTopology.limits.maxNestingDepth` are not read. Topologies need only a few levels; deep nesting is usually a mistake or a hostile file.',
  },
  'incomplete-load': {
    title: 'capacity without load, or load without capacity',
    help: 'A demand needs both: `capacity` is what one instance or member can serve, `load` what they must carry together (`load: 1000` or `load: { peak: 1000, normal: 300 }`), in the same unit.',
  },
  'conflicting-load': {
    title: 'capacity and load beside quorum, atLeast, any or all',
    help: 'capacity and load work out how many instances or members must be up in each phase, so they replace `quorum` and `atLeast`, and an `any` or `all` group has no use for them. Keep one way of saying it; write `{ of: [...], capacity, load }` for a group.',
  },
  'capacity-too-small': {
    title: 'The instances or members cannot carry the load',
    help: 'ceil(load / capacity) instances or members must be up, and there are fewer than that, so the service is down whenever the load is that high. Add instances or members, or raise their capacity.',
  },
  'no-spare-at-peak': {
    title: 'No spare at peak (N+0)',
    help: 'Every instance or member is needed to carry the load, so any one failing takes the service down: redundancy that exists off-peak is gone at peak. Add one more, or raise the capacity of each.',
  },
  'sla-breach-risk': {
    title: 'Meets the SLA on average but misses it in many periods',
    help: 'The predicted availability meets the target on average, but outages come in lumps: in more than 10% of SLA periods the downtime exceeds what the target allows. Shorten the long outages (repairs, manual takeovers) or make them rarer.',
  },
  'analysis-failed': {
    title: 'The analysis of a service failed unexpectedly',
    help: 'This is a bug in HA Topology; the other services are still analysed. Please report the file that causes it.',
  },
} as const;

export type DiagnosticCode = keyof typeof diagnosticCodes;

export interface RelatedInformation {
  readonly span: Span;
  readonly message: string;
}

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly related?: readonly RelatedInformation[];
  /** Machine-readable details for quick fixes, such as the suggested id. */
  readonly data?: { readonly suggestion?: string; readonly [key: string]: unknown };
}

/** Orders diagnostics by position, then by severity, for stable output. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const rank: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };
  return [...diagnostics].sort(
    (a, b) => a.span.start - b.span.start || a.span.end - b.span.end || rank[a.severity] - rank[b.severity],
  );
}
