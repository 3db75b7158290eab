import { defineRule } from '../types';
import { SUPPRESSION_UNUSED } from '../suppression';

export default defineRule({
  id: SUPPRESSION_UNUSED,
  title: 'Suppression that suppresses nothing',
  defaultSeverity: 'info',
  category: 'general',
  fixable: false,
  docs: {
    why: 'A suppression left behind after its finding was fixed would silently hide the next real mistake at that place.',
    howToFix: 'Remove the rule id from the `# aks-iam-disable…` comment or the `aks-iam.io/ignore` annotation (or the whole comment when it names nothing else).',
    severity: 'info: a suppression that suppresses nothing hides no problem today; worth removing before it hides the next one.',
    assumes: 'Needs no namespace.',
  },
  // Reported by the engine after every other rule ran (see suppression.ts).
  check() {},
});
