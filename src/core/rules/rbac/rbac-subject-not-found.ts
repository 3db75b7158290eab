import { bindingsIn } from '../../model/rbac';
import { appendDocument, eolOf, indentUnit, renderDocument } from '../../yaml/edit';
import { describe } from '../helpers';
import { defineRule } from '../types';
import { span, subjectNamespace } from './shared';

export default defineRule({
  id: 'rbac-subject-not-found',
  title: 'Binding subject is a ServiceAccount the workspace does not define',
  defaultSeverity: 'info',
  category: 'rbac',
  fixable: true,
  docs: {
    why: 'A binding to a ServiceAccount that does not exist grants nothing until someone creates it, and a typo in the name or namespace means the workload never gets the access. The rule runs only for namespaces whose ServiceAccounts the workspace defines.',
    howToFix: 'Correct the subject\'s name or namespace, or create the ServiceAccount.',
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
        const ns = subjectNamespace(s, b);
        if (!ns || !index.hasKindIn('ServiceAccount', ns) || index.find('ServiceAccount', ns, name).length) continue;
        const others = [...index.ofKindIn('ServiceAccount', ns)].filter((o) => o.name).map((o) => o.name as string);
        const shown = [...new Set(others)].sort();
        const list = shown.length > 5 ? `${shown.slice(0, 5).join(', ')}, …` : shown.join(', ');
        const doc = renderDocument({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: ns } }, indentUnit(text), eolOf(text));
        ctx.report({
          message: `${describe(b.object)} binds ServiceAccount ${ns}/${name}, which the workspace does not define (its ServiceAccounts in ${ns}: ${list}); the grant takes effect only once it exists.`,
          ...span(s.name.node),
          fixes: [{ title: `Create ServiceAccount ${name} in namespace ${ns}`, edits: [appendDocument(text, doc)], isPreferred: true }],
        });
      }
    }
  },
});
