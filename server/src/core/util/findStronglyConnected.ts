/**
 * The strongly connected groups of a directed graph (Tarjan's algorithm, iterative so that
 * deep chains cannot overflow the stack). Every id is in exactly one group; a group of
 * more than one id, or of one id that requires itself, is a cycle. Groups come out in
 * reverse topological order: a group comes after every group it reaches.
 */
export function findStronglyConnected<Id>(ids: Iterable<Id>, targetsOf: (id: Id) => readonly Id[]): Id[][] {
  const index = new Map<Id, number>();
  const low = new Map<Id, number>();
  const onStack = new Set<Id>();
  const stack: Id[] = [];
  const groups: Id[][] = [];
  let counter = 0;
  for (const start of ids) {
    if (index.has(start)) continue;
    const work: { id: Id; out: readonly Id[]; next: number }[] = [{ id: start, out: targetsOf(start), next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.next < frame.out.length) {
        const to = frame.out[frame.next++]!;
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ id: to, out: targetsOf(to), next: 0 });
        } else if (onStack.has(to)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(to)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const group: Id[] = [];
        let id: Id;
        do {
          id = stack.pop()!;
          onStack.delete(id);
          group.push(id);
        } while (id !== frame.id);
        groups.push(group);
      }
    }
  }
  return groups;
}
