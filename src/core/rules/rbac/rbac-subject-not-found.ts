import { bindingsIn } from '../../model/rbac';
import { builtinObject } from '../../knowledge/k8s-builtins';
import { appendDocument, eolOf, formatScalar, indentUnit, insertMapEntry, renderDocument, setPairValue } from '../../yaml/edit';
import { describe } from '../helpers';
import { defineRule, type Fix, type Related } from '../types';
import { span, subjectNamespace } from './shared';

export default defineRule({
  id: 'rbac-subject-not-found',
  title: 'Binding subject is a ServiceAccount the workspace does not define',
  defaultSeverity: 'info',
  alsoReports: ['warning'],
  category: 'rbac',
  fixable: false,
  suggests: true,
  docs: {
    why: 'A binding to a ServiceAccount that does not exist grants nothing until someone creates it, and a typo in the name or namespace means the workload never gets the access. The rule runs for namespaces whose ServiceAccounts the workspace defines, and wherever the workspace defines a ServiceAccount of that name in another namespace ("did you mean"). The ServiceAccounts every cluster has (`default`, the kube-system controllers\' accounts) count as defined.',
    howToFix: 'Correct the subject\'s name or namespace, or create the ServiceAccount. Suggestions (quick-fix menu): point the subject at the namespace where the workspace defines that ServiceAccount, or create it.',
    severity: 'info: the ServiceAccount may be created elsewhere; warning when the same file defines a ServiceAccount of that name in another namespace, which is almost always a namespace mistake.',
    assumes: 'Needs the subject\'s namespace: its own, else a RoleBinding\'s, else (in a kustomize build) the namespace kustomize gives it — a subject naming a ServiceAccount of the same build follows it. Unknown namespaces (Helm templates, bases included under several namespaces) and placeholder names are never reported; a ServiceAccount of that name with an unknown namespace, or with none stated (it lands where it is applied), counts as a match.',
    example: {
      bad: 'subjects:\n- kind: ServiceAccount\n  name: ordres   # the workspace defines shop/orders\n  namespace: shop',
      good: 'subjects:\n- kind: ServiceAccount\n  name: orders\n  namespace: shop',
    },
  },
  check(ctx) {
    const { index } = ctx;
    const text = ctx.file.text;
    for (const b of bindingsIn(ctx.file.objects)) {
      for (const s of b.subjects) {
        const name = s.name.value;
        if (s.kind.value !== 'ServiceAccount' || !name || !s.name.node || name === 'default') continue;
        const ns = subjectNamespace(s, b, index);
        if (!ns || index.find('ServiceAccount', ns, name).length || builtinObject('ServiceAccount', ns, name)) continue;
        if (index.find('ServiceAccount', null, name).length || index.findRenamed('ServiceAccount', ns, name).length) continue;
        // An account of that name that states no namespace lands where it is applied (`kubectl apply -n`): it may be
        // this one. Docs and samples ship it next to bindings that name their namespace.
        const named = [...index.ofKind('ServiceAccount')].filter((o) => o.name === name);
        if (named.some((o) => o.namespaceFrom === 'default')) continue;
        const elsewhere = named.filter((o) => o.namespace && o.namespace !== ns);
        if (!elsewhere.length && !index.hasKindIn('ServiceAccount', ns)) continue;
        const suggestions: Fix[] = [];
        const related: Related[] = [];
        for (const sa of elsewhere.slice(0, 3)) {
          related.push({ file: sa.file, ...span(sa.nameNode ?? sa.root), message: `ServiceAccount ${sa.namespace}/${name} is defined here` });
          const edit = s.namespace.pair ? setPairValue(text, s.namespace.pair, formatScalar(sa.namespace!)) : insertMapEntry(text, s.node, 'namespace', sa.namespace!);
          if (edit) suggestions.push({ title: `Bind ServiceAccount ${sa.namespace}/${name} instead`, edits: [edit], isPreferred: suggestions.length === 0 });
        }
        const doc = renderDocument({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns } }, indentUnit(text), eolOf(text));
        suggestions.push({ title: `Create ServiceAccount ${name} in namespace ${ns}`, edits: [appendDocument(text, doc)], ...(suggestions.length ? {} : { isPreferred: true }) });
        let message: string;
        if (elsewhere.length) {
          const where = [...new Set(elsewhere.map((o) => `${o.namespace}/${name}`))].sort();
          message = `No ServiceAccount ${ns}/${name} in the workspace: ${describe(b.object)} binds it (did you mean ${where.slice(0, 3).join(' or ')}?); the grant takes effect only for an account in ${ns}.`;
        } else {
          const shown = [...new Set([...index.ofKindIn('ServiceAccount', ns)].filter((o) => o.name).map((o) => o.name as string))].sort();
          const list = shown.length > 5 ? `${shown.slice(0, 5).join(', ')}, …` : shown.join(', ');
          message = `No ServiceAccount ${ns}/${name} in the workspace: ${describe(b.object)} binds it (the workspace's ServiceAccounts in ${ns}: ${list}); the grant takes effect only once it exists.`;
        }
        const sameFile = elsewhere.some((o) => o.file === ctx.file.path);
        ctx.report({ message, ...span(s.name.node), ...(sameFile ? { severity: 'warning' as const } : {}), related, suggestions });
      }
    }
  },
});
