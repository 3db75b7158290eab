export { run } from '../suite/index';
