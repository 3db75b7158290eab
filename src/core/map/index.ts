export * from './types';
export { buildIdentityMap, mapNamespaces, workloadsOf, type MapInputs } from './build';
export { layoutMap, type MapLayout } from './layout';
export { renderSvg, nodeDomIds, MAP_CSS, escapeXml } from './svg';
export { renderMermaid, escapeMermaid } from './mermaid';
export { renderJson } from './json';
