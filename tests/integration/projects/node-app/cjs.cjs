// A CommonJS program: require() of the package (Node 20.19+ and 22.12+ load ES modules this way).
const { readFileSync } = require('node:fs');
const { createEngine, RetentionError } = require('retention-kit');

createEngine()
  .then((engine) => engine.analyze(readFileSync(process.argv[2])))
  .then((report) => console.log(JSON.stringify({ rf: report.rfMatrix.customers, error: typeof RetentionError })));
