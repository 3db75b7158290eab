// Mocha entry for this suite's extension host: the main suite's runner, which picks up the *.e2e.js next to it.
export { run } from '../suite/index';
