// Hot-spot mining: see cluster.ts for the method and the heat index.
export * from './cluster.js';
export * from './csv.js';
export { analyse, districtOf, placeKey } from './text.js';
export { nearDuplicatePairs, shingles, jaccard } from './minhash.js';
