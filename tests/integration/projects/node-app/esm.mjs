// An ES module program: import the package, analyse a file, print the RF matrix.
import { readFile } from 'node:fs/promises';
import { createEngine } from 'retention-kit';

const engine = await createEngine();
const report = await engine.analyze(await readFile(process.argv[2]));
console.log(JSON.stringify(report.rfMatrix.customers));
