import { RBAC_GROUP, bindingsIn, type BindingObject, type SubjectRef } from '../../model/rbac';
import { editDistance } from '../../explain/distance';
import { formatScalar, insertMapEntry, removePair, setPairValue } from '../../yaml/edit';
import type { YPair } from '../../yaml/node';
import { describe, pairSpan } from '../helpers';
import type { Fix, RuleContext } from '../types';
import { defineRule } from '../types';
import { span, subjectText } from './shared';

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
  const who = `${describe(b.object)}: subject ${subjectText(s, b)}`;
  const kindSpan = s.kind.pair ? pairSpan(s.kind.pair) : span(s.node);
  if (!s.namespace.value && !s.namespace.unknown) {
    const clusterWide = b.kind === 'ClusterRoleBinding';
    const ns = clusterWide ? ctx.settings.defaultNamespace : b.object.namespace;
    const fixes = ns ? writeFix(ctx, s, s.namespace.pair, 'namespace', ns, `Add namespace: ${ns}`, clusterWide) : [];
    ctx.report(clusterWide
      ? { message: `${who} has no namespace; the API rejects ServiceAccount subjects of a ClusterRoleBinding without one.`, ...kindSpan, fixes }
      : {
        message: `${who} has no namespace; Kubernetes assumes the binding's namespace (${b.object.namespace ?? 'unknown'}), but tools that read the manifest may not, so write it.`,
        ...kindSpan, severity: 'warning', fixes,
      });
  }
  const g = s.apiGroup;
  if (g.pair && g.value && !g.unknown) {
    ctx.report({
      message: `${who} has apiGroup ${g.value}; ServiceAccount subjects belong to the core group and the API rejects any apiGroup.`,
      ...pairSpan(g.pair),
      fixes: s.node.flow || s.node.pairs.length > 1 ? [{ title: 'Remove apiGroup', edits: [removePair(ctx.file.text, s.node, g.pair)], isPreferred: true }] : [],
    });
  }
}

function checkUserOrGroup(ctx: RuleContext, b: BindingObject, s: SubjectRef): void {
  const g = s.apiGroup;
  if (g.unknown || g.value === RBAC_GROUP) return;
  const who = `${describe(b.object)}: subject ${subjectText(s, b)}`;
  const fix = (): Fix[] => writeFix(ctx, s, g.pair, 'apiGroup', RBAC_GROUP, `${g.pair ? 'Set' : 'Add'} apiGroup: ${RBAC_GROUP}`, false);
  if (!g.pair || g.value === null) {
    // Missing and empty are the same to the API: the v1 defaulting fills them in, older versions do not.
    ctx.report({
      message: `${who} has ${g.pair ? 'an empty' : 'no'} apiGroup; ${s.kind.value} subjects need apiGroup: ${RBAC_GROUP} (only the v1 API fills it in, other versions and tools reading the manifest reject it).`,
      ...(g.pair ? (g.node && g.node.end > g.node.start ? span(g.node) : pairSpan(g.pair)) : s.kind.pair ? pairSpan(s.kind.pair) : span(s.node)),
      fixes: fix(),
    });
    return;
  }
  ctx.report({
    message: `${who} has apiGroup ${g.value}; the API accepts only ${RBAC_GROUP} for ${s.kind.value} subjects.`,
    ...(g.node && g.node.end > g.node.start ? span(g.node) : pairSpan(g.pair)),
    fixes: fix(),
  });
}

const KINDS = ['ServiceAccount', 'User', 'Group'];

/** A subject kind the API does not know (`serviceaccount`, `Users`): the binding is rejected. */
function checkKind(ctx: RuleContext, b: BindingObject, s: SubjectRef): void {
  const k = s.kind;
  if (k.unknown) return;
  const who = `${describe(b.object)}: subject ${s.name.value ?? '(unnamed)'}`;
  if (!k.pair || k.value === null) {
    ctx.report({ message: `${who} has no kind; the API accepts ServiceAccount, User or Group.`, ...(s.name.pair ? pairSpan(s.name.pair) : span(s.node)) });
    return;
  }
  const guess = KINDS.find((x) => x.toLowerCase() === k.value!.toLowerCase().replace(/s$/, ''))
    ?? KINDS.find((x) => editDistance(x.toLowerCase(), k.value!.toLowerCase(), 2) <= 2);
  const edit = guess ? setPairValue(ctx.file.text, k.pair, guess) : null;
  ctx.report({
    message: `${who} has kind ${k.value}; the API accepts only ServiceAccount, User or Group${guess ? ` (did you mean ${guess}?)` : ''}.`,
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
  docs: {
    why: 'The API rejects a ServiceAccount subject of a ClusterRoleBinding without `namespace`, a ServiceAccount subject with an `apiGroup`, User or Group subjects with another apiGroup than `rbac.authorization.k8s.io`, and any other subject kind. In a RoleBinding a ServiceAccount without namespace means the binding\'s namespace, which readers easily get wrong.',
    howToFix: 'Give ServiceAccount subjects a `namespace` and no `apiGroup`; give User and Group subjects `apiGroup: rbac.authorization.k8s.io`.',
    example: {
      bad: 'subjects:\n- kind: ServiceAccount\n  name: deployer\n  apiGroup: rbac.authorization.k8s.io\n- kind: Group\n  name: devs',
      good: 'subjects:\n- kind: ServiceAccount\n  name: deployer\n  namespace: ci\n- kind: Group\n  name: devs\n  apiGroup: rbac.authorization.k8s.io',
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
