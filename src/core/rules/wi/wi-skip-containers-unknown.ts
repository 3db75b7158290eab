import { entry } from '../../model/objects';
import { get, knownStr } from '../../yaml/node';
import { WI, describe } from '../helpers';
import { defineRule } from '../types';

export default defineRule({
  id: 'wi-skip-containers-unknown',
  title: 'skip-containers names no container of the pod, or uses the wrong separator',
  defaultSeverity: 'warning',
  category: 'workload-identity',
  fixable: false,
  docs: {
    why: 'The webhook leaves out of the identity injection exactly the containers named in `azure.workload.identity/skip-containers`, separated by `;`. A name that matches no container (a typo, or `a,b` read as one name) silently skips nothing, so a container meant to run without the token still gets it.',
    howToFix: 'List container names of this pod separated by semicolons, e.g. `"sidecar;init-db"`.',
    severity: 'warning: a name that matches no container (or a `,` separator) means the container meant to be skipped gets the identity\'s token and variables after all: an exposure a reviewer would fix, but not a failure.',
    assumes: 'Needs the annotation value and every container name of the pod to be known: a templated or placeholder value, container name or container list gets no finding. Needs no namespace.',
  },
  check(ctx) {
    for (const o of ctx.file.objects) {
      for (const pod of o.podSpecs) {
        const p = pod.annotations ? entry(pod.annotations, WI.skipContainers) : undefined;
        const v = p?.value;
        if (!p || !v || v.unknown) continue;
        const raw = knownStr(v);
        if (raw === null) continue;
        // A templated container list or name (Helm, a placeholder) could be any container: nothing to compare with.
        const lists = ['containers', 'initContainers'].map((k) => get(pod.spec, k));
        if (lists.some((l) => l?.unknown) || pod.containers.some((c) => c.name === null)) continue;
        const names = new Set(pod.containers.map((c) => c.name).filter((n): n is string => !!n));
        const at = { start: v.start, end: v.end };
        if (raw.includes(',')) {
          ctx.report({ message: `Names separated by "," in skip-containers: the webhook splits "${raw}" of ${describe(o)} on ";" only, so it reads one name that matches no container.`, ...at });
          continue;
        }
        const unknown = raw.split(';').map((s) => s.trim()).filter((s) => s && !names.has(s));
        if (unknown.length === 0) continue;
        const known = [...names].join(', ') || 'none';
        ctx.report({ message: `Unknown ${unknown.length === 1 ? 'container' : 'containers'} ${unknown.map((n) => `"${n}"`).join(', ')} in skip-containers: ${describe(o)} has no such container (its containers: ${known}).`, ...at });
      }
    }
  },
});
