/*
 * What version 2's failover costs: the generated data centres analysed as they are (their
 * failover groups are version 1's short form), and with a tenth of their `any` groups turned
 * into switchovers that need an HA manager and can fail. Prints each time and the ratio to
 * the plain file in the same run. The whole pipeline (`analyseDocument`), median of 3.
 */
import { analyseDocument, createSchemaValidator } from '../server/src/core';
import { loadSchema } from '../server/src/node/packageFiles';
import { generateDataCentre } from './generate';
import { medianMs } from './measure';

const validator = createSchemaValidator(loadSchema());


/** Every tenth `{ any: [...] }` becomes a switchover that needs the HA manager and works 99% of the time. */
function withFailoverRequires(text: string): string {
  let count = 0;
  const groups = text.replace(/\{ any: \[([^\]]*)\] \}/g, (group, members: string) => (count++ % 10 === 0 ? `{ any: [${members}], failover: { time: 1m, success: 99%, manual: 30m, requires: [ha-manager] } }` : group));
  return groups.replace('components:\n', 'components:\n  ha-manager: { kind: application, mtbf: 2000h, mttr: 1h }\n');
}

for (const size of [1_000, 10_000]) {
  const plain = generateDataCentre(size);
  const v2 = withFailoverRequires(plain);
  const plainMs = medianMs(() => analyseDocument(plain, { validator }));
  const v2Ms = medianMs(() => analyseDocument(v2, { validator }));
  const groups = (v2.match(/requires: \[ha-manager\]/g) ?? []).length;
  console.log(`${size} components: ${plainMs.toFixed(0)} ms as generated; ${v2Ms.toFixed(0)} ms with ${groups} switchovers needing an HA manager (${(v2Ms / plainMs).toFixed(2)}×)`);
}
