/**
 * The strongly connected groups of a directed graph (Tarjan's algorithm, iterative so that
 * deep chains cannot overflow the stack). Every id is in exactly one group; a group of
 * more than one id, or of one id that requires itself, is a cycle. Groups come out in
 * reverse topological order: a group comes after every group it reaches.
 */
export function findStronglyConnected<Id>(ids: Iterable<Id>, targetsOf: (id: Id) => ArrayLike<Id>): Id[][] {
  // Ids are numbered as they are first met, so that the walk itself runs on arrays of
  // numbers: on ten thousand ids, maps keyed by id made this several times slower.
  const numberOf = new Map<Id, number>();
  const idOf: Id[] = [];
  const index: number[] = [];
  const low: number[] = [];
  const onStack: boolean[] = [];
  const stack: number[] = [];
  const groups: Id[][] = [];
  // The depth-first walk's frames, as parallel arrays: the node, its targets, the next one to follow.
  const frameNode: number[] = [];
  const frameOut: ArrayLike<Id>[] = [];
  const frameNext: number[] = [];
  let counter = 0;
  const numberOfId = (id: Id): number => {
    let n = numberOf.get(id);
    if (n === undefined) {
      n = idOf.length;
      numberOf.set(id, n);
      idOf.push(id);
      index.push(-1);
      low.push(0);
      onStack.push(false);
    }
    return n;
  };
  const enter = (n: number): void => {
    index[n] = low[n] = counter++;
    stack.push(n);
    onStack[n] = true;
    frameNode.push(n);
    frameOut.push(targetsOf(idOf[n]!));
    frameNext.push(0);
  };
  for (const start of ids) {
    const first = numberOfId(start);
    if (index[first]! >= 0) continue;
    enter(first);
    while (frameNode.length > 0) {
      const top = frameNode.length - 1;
      const n = frameNode[top]!;
      const out = frameOut[top]!;
      if (frameNext[top]! < out.length) {
        const to = numberOfId(out[frameNext[top]!++]!);
        if (index[to]! < 0) enter(to);
        else if (onStack[to]) low[n] = Math.min(low[n]!, index[to]!);
        continue;
      }
      frameNode.pop();
      frameOut.pop();
      frameNext.pop();
      if (top > 0) {
        const parent = frameNode[top - 1]!;
        low[parent] = Math.min(low[parent]!, low[n]!);
      }
      if (low[n] === index[n]) {
        const group: Id[] = [];
        let m: number;
        do {
          m = stack.pop()!;
          onStack[m] = false;
          group.push(idOf[m]!);
        } while (m !== n);
        groups.push(group);
      }
    }
  }
  return groups;
}
