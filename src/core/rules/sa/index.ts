import type { Rule } from '../types';
import saNameInvalid from './sa-name-invalid';
import saDeprecatedField from './sa-deprecated-field';

export const rules: Rule[] = [saNameInvalid, saDeprecatedField];
