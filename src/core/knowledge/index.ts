export * from './data';
export * from './match';
export * from './roles';
export * from './rbac-terms';
