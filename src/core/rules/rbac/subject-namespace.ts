import type { WorkspaceIndex } from '../../index/workspace-index';
import type { BindingObject, SubjectRef } from '../../model/rbac';
import type { KObject } from '../../model/objects';
import { knownStr } from '../../yaml/node';

/**
 * The ServiceAccount a subject names inside the binding's own kustomize build, as kustomize's name-reference
 * transformer finds it: same name, and the subject's namespace equal to the account's stated or built namespace.
 */
function inSameBuild(index: WorkspaceIndex, s: SubjectRef, binding: BindingObject, builds = index.scopeOf(binding.object.file)?.builds): KObject | null {
  if (!builds?.length || !s.name.value) return null;
  const written = s.namespace.value;
  for (const sa of index.ofKind('ServiceAccount')) {
    if (sa.name !== s.name.value) continue;
    const theirs = index.scopeOf(sa.file)?.builds;
    if (!theirs?.some((b) => builds.includes(b))) continue;
    // kustomize compares original namespaces with an unstated one equal to `default`.
    const stated = knownStr(sa.namespaceNode) || 'default';
    if (written && written !== stated && written !== sa.namespace) continue;
    return sa;
  }
  return null;
}

/**
 * A ServiceAccount subject's namespace after the build: a subject that names an account of the same kustomize build
 * follows that account (kustomize rewrites it); otherwise its own namespace; without one, a RoleBinding's namespace
 * (the authorizer's rule), or the build's namespace for a subject named `default` (kustomize sets those). Null when
 * unknown, or for a ClusterRoleBinding subject that states none.
 */
export function resolveSubjectNamespace(index: WorkspaceIndex | undefined, s: SubjectRef, binding: BindingObject): string | null {
  if (s.namespace.unknown) return null;
  const scope = index?.scopeOf(binding.object.file);
  if (index && scope && scope.namespace !== undefined) {
    const sa = inSameBuild(index, s, binding);
    if (sa) return sa.namespace;
    if (s.namespace.value) return s.namespace.value;
    if (s.name.value === 'default') return scope.namespace;
    return binding.kind === 'RoleBinding' ? binding.object.namespace : null;
  }
  if (s.namespace.value) return s.namespace.value;
  return binding.kind === 'RoleBinding' ? binding.object.namespace : null;
}

/**
 * Whether kustomize fills in the namespace of this subject: it names an account of the same build that has one, stated
 * or given by every build that includes it (builds that give different namespaces still each fill one in). A binding
 * in a file its folder's kustomization does not list counts as part of that kustomization's builds.
 */
export function buildFillsNamespace(index: WorkspaceIndex, s: SubjectRef, binding: BindingObject): boolean {
  // A file its folder's kustomization leaves out is judged as that build would see it once listed again.
  const scope = index.scopeOf(binding.object.file) ?? index.scopeBeside(binding.object.file);
  if (!scope) return false;
  const sa = inSameBuild(index, s, binding, scope.builds);
  if (!sa) return false;
  return sa.namespace !== null || !!knownStr(sa.namespaceNode) || index.scopeOf(sa.file)?.namespaced === true;
}
