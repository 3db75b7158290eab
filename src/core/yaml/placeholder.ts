const PLACEHOLDER = [
  /\{\{/, // Helm / Go templates
  /\$\{[^}]*\}/, // ${VAR}, ${VAR:-default}
  /\$\([A-Za-z_][A-Za-z0-9_]*\)/, // $(VAR), Kubernetes-style
  /\$[A-Za-z_][A-Za-z0-9_]*/, // $VAR
  /<[^<>\s][^<>]*>/, // <client-id>
];

/** Whether a value is a placeholder that stands for something the manifest does not say. */
export function isPlaceholder(text: string): boolean {
  return PLACEHOLDER.some((re) => re.test(text));
}
