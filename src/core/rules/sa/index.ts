import type { Rule } from '../types';
import saNameInvalid from './sa-name-invalid';
import saDeprecatedField from './sa-deprecated-field';
import saNotFound from './sa-not-found';
import saAutomountToken from './sa-automount-token';

export const rules: Rule[] = [saNameInvalid, saDeprecatedField, saNotFound, saAutomountToken];
