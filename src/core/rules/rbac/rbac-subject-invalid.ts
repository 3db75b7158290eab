import { RBAC_GROUP, bindingsIn, isEmptyValue, type BindingObject, type SubjectRef } from '../../model/rbac';
import { levenshteinWithin as editDistance } from '../../text/edit-distance';
import { formatScalar, insertMapEntry, removePair, setPairValue } from '../../yaml/edit';
import type { YPair } from '../../yaml/node';
import { describe, pairSpan } from '../helpers';
import type { Fix, RuleContext } from '../types';
import { defineRule } from '../types';
import { span, subjectText } from './shared';
import { buildFillsNamespace } from './subject-namespace';

/**
 * A fix that writes `key: value` into the subject (inserting the pair, or filling an empty one); with
 * `select`, the written value is selected in the editor as a placeholder to overwrite.
 */
function writeFix(ctx: RuleContext, s: SubjectRef, pair: YPair | null, key: string, value: string, title: string, select: boolean): Fix[] {
  const shown = formatScalar(value);
  const edit = pair ? setPairValue(ctx.file.text, pair, shown) : insertMapEntry(ctx.file.text, s.node, key, value);
  if (!edit) return [];
  const at = edit.start + edit.newText.lastIndexOf(shown);
  return [{ title, edits: [edit], isPreferred: true, ...(select ? { selection: { start: at, end: at + shown.length } } : {}) }];
}

function checkServiceAccount(ctx: RuleContext, b: BindingObject, s: SubjectRef): void {
  const who = `subject ${subjectText(s, b, ctx.index)} of ${describe(b.object)}`;
  const kindSpan = s.kind.pair ? pairSpan(s.kind.pair) : span(s.node);
  // A RoleBinding's subject without namespace is the binding's namespace (the authorizer's rule): valid. A
  // ClusterRoleBinding has none to give, unless the kustomize build fills it in from its own ServiceAccount.
  if (b.kind === 'ClusterRoleBinding' && !s.namespace.value && !s.namespace.unknown && !b.object.partial && !buildFillsNamespace(ctx.index, s, b)) {
    ctx.report({
      message: `Missing namespace on a ServiceAccount subject: ${who} has none, and the API rejects ServiceAccount subjects of a ClusterRoleBinding without one.`,
      ...kindSpan,
      suggestions: namespaceSuggestions(ctx, s),
    });
  }
  const g = s.apiGroup;
  if (g.pair && g.value && !g.unknown) {
    ctx.report({
      message: `Unexpected apiGroup on a ServiceAccount subject: ${who} has apiGroup ${g.value}, but ServiceAccount subjects belong to the core group and the API rejects any apiGroup.`,
      ...pairSpan(g.pair),
      fixes: s.node.flow || s.node.pairs.length > 1 ? [{ title: 'Remove apiGroup', edits: [removePair(ctx.file.text, s.node, g.pair)], isPreferred: true }] : [],
    });
  }
}

/**
 * Which namespace to add is the author's choice: the namespaces where the workspace defines a ServiceAccount of
 * that name, else a placeholder to overwrite. Never a guessed default.
 */
function namespaceSuggestions(ctx: RuleContext, s: SubjectRef): Fix[] {
  const name = s.name.value;
  const known = new Set<string>();
  if (name) for (const sa of ctx.index.ofKind('ServiceAccount')) if (sa.name === name && sa.namespace) known.add(sa.namespace);
  const out: Fix[] = [];
  for (const ns of [...known].sort().slice(0, 3)) out.push(...writeFix(ctx, s, s.namespace.pair, 'namespace', ns, `Add namespace: ${ns} (ServiceAccount ${ns}/${name} is defined there)`, false));
  if (!out.length) out.push(...writeFix(ctx, s, s.namespace.pair, 'namespace', '<namespace>', 'Add a namespace', true));
  return out;
}

function checkUserOrGroup(ctx: RuleContext, b: BindingObject, s: SubjectRef): void {
  const g = s.apiGroup;
  // rbac.authorization.k8s.io/v1 defaults an empty or missing apiGroup of User and Group subjects to its own group.
  if (g.unknown || g.value === RBAC_GROUP || isEmptyValue(g.node)) return;
  const who = `subject ${subjectText(s, b, ctx.index)} of ${describe(b.object)}`;
  ctx.report({
    message: `Wrong apiGroup on a ${s.kind.value} subject: ${who} has apiGroup ${g.value ?? 'that is not a string'}; the API accepts only ${RBAC_GROUP} for ${s.kind.value} subjects.`,
    ...(g.node && g.node.end > g.node.start ? span(g.node) : pairSpan(g.pair!)),
    fixes: writeFix(ctx, s, g.pair, 'apiGroup', RBAC_GROUP, `Set apiGroup: ${RBAC_GROUP}`, false),
  });
}

const KINDS = ['ServiceAccount', 'User', 'Group'];

/** A subject kind the API does not know (`serviceaccount`, `Users`): the binding is rejected. */
function checkKind(ctx: RuleContext, b: BindingObject, s: SubjectRef): void {
  const k = s.kind;
  if (k.unknown) return;
  const who = `subject ${s.name.value ?? '(unnamed)'} of ${describe(b.object)}`;
  if (!k.pair || k.value === null) {
    ctx.report({ message: `Missing subject kind: ${who} has none; the API accepts ServiceAccount, User or Group.`, ...(s.name.pair ? pairSpan(s.name.pair) : span(s.node)) });
    return;
  }
  const guess = KINDS.find((x) => x.toLowerCase() === k.value!.toLowerCase().replace(/s$/, ''))
    ?? KINDS.find((x) => editDistance(x.toLowerCase(), k.value!.toLowerCase(), 2) <= 2);
  const edit = guess ? setPairValue(ctx.file.text, k.pair, guess) : null;
  ctx.report({
    message: `Unknown subject kind ${k.value}: ${who} cannot be bound; the API accepts only ServiceAccount, User or Group${guess ? ` (did you mean ${guess}?)` : ''}.`,
    ...(k.node && k.node.end > k.node.start ? span(k.node) : pairSpan(k.pair)),
    fixes: edit ? [{ title: `Change kind to ${guess}`, edits: [edit], isPreferred: true }] : [],
  });
}

export default defineRule({
  id: 'rbac-subject-invalid',
  title: 'Invalid binding subject (kind, namespace or apiGroup)',
  defaultSeverity: 'error',
  category: 'rbac',
  fixable: true,
  suggests: true,
  docs: {
    why: 'The API rejects a ServiceAccount subject of a ClusterRoleBinding without `namespace`, a ServiceAccount subject with an `apiGroup`, User or Group subjects with another apiGroup than `rbac.authorization.k8s.io`, and any other subject kind. Not findings: a RoleBinding\'s ServiceAccount subject without namespace (the binding\'s namespace applies) and a User or Group subject without apiGroup (`rbac.authorization.k8s.io/v1` fills it in).',
    howToFix: 'Give ServiceAccount subjects of a ClusterRoleBinding a `namespace`, and no `apiGroup`; give User and Group subjects no apiGroup or `rbac.authorization.k8s.io`. Fix (safe): remove a ServiceAccount subject\'s apiGroup, correct a User or Group subject\'s apiGroup. Suggestions (quick-fix menu): the namespace to add, a corrected subject kind.',
    severity: 'error: the API server rejects the binding.',
    assumes: 'Needs the subject\'s own fields; a templated or placeholder value is unknown and never reported. A ClusterRoleBinding subject without namespace is not reported when the kustomize build that includes it defines that ServiceAccount with a namespace, stated or set by every build that includes it (kustomize fills it in, even where builds set different ones), nor in a kustomize patch; a file the kustomization beside it leaves out is judged as that build would see it once listed again. Never writes a namespace it guessed: the suggestions offer the namespaces where the workspace defines that ServiceAccount, else a placeholder to overwrite.',
    example: {
      bad: 'kind: ClusterRoleBinding\nsubjects:\n- kind: ServiceAccount\n  name: deployer\n  apiGroup: rbac.authorization.k8s.io\n- kind: Group\n  name: devs\n  apiGroup: rbac.authorization.k8s.io/v1',
      good: 'kind: ClusterRoleBinding\nsubjects:\n- kind: ServiceAccount\n  name: deployer\n  namespace: ci\n- kind: Group\n  name: devs',
    },
  },
  check(ctx) {
    for (const b of bindingsIn(ctx.file.objects)) {
      for (const s of b.subjects) {
        if (s.kind.value === 'ServiceAccount') checkServiceAccount(ctx, b, s);
        else if (s.kind.value === 'User' || s.kind.value === 'Group') checkUserOrGroup(ctx, b, s);
        else checkKind(ctx, b, s);
      }
    }
  },
});
