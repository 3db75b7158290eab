export * from './types';
export { buildAccessModel } from './model';
export { ruleAllows, resourceMatches, scopeCovers, grantAllows } from './match';
export { subjectKey, subjectLabel, identitiesOf, canonicalSubject } from './subject';
export { toPolicyRule } from './roles';
