import type { KObject } from './objects';
import { ensurePath } from '../yaml/edit';
import type { TextEdit } from '../text/types';

/** Sets an annotation on an object's own metadata. */
export function setAnnotation(text: string, o: KObject, key: string, value: string): TextEdit | null {
  return ensurePath(text, o.root, ['metadata', 'annotations', key], value);
}

