import fc from 'fast-check';
import { prototypeNames, type Mutation } from './mutate';

/** fast-check's generator of mutations, shared by the fuzz tests and the long fuzz run. */
export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap-chars' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('garbage' as const), at: fc.nat(), bytes: fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 1, maxLength: 12 }) }),
  fc.record({ kind: fc.constant('huge-number' as const), at: fc.nat(), digits: fc.integer({ min: 10, max: 400 }) }),
  fc.record({ kind: fc.constant('unicode' as const), at: fc.nat(), text: fc.string({ unit: 'grapheme', maxLength: 8 }) }),
  fc.record({ kind: fc.constant('deep-nesting' as const), at: fc.nat(), depth: fc.integer({ min: 50, max: 3000 }) }),
  fc.record({ kind: fc.constant('indent' as const), at: fc.nat(), by: fc.integer({ min: 1, max: 9 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('prototype-name' as const), at: fc.nat(), name: fc.constantFrom(...prototypeNames) }),
);
