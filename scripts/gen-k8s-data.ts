// Regenerates the Kubernetes built-in objects data (bootstrap policy) from inputs kept in the repository.
// Run: npm run data
export {};
