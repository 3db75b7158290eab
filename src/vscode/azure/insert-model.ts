import type { KObject } from '../../core/model/objects';
import { readObject } from '../../core/model/objects';
import { WI } from '../../core/model/workload-identity';
import { setAnnotation } from '../../core/model/object-edits';
import type { TextEdit } from '../../core/text/types';
import { parseYaml } from '../../core/yaml/parse';

/** The ServiceAccounts of one manifest's text, in document order. */
export function serviceAccountsIn(path: string, text: string, defaultNamespace: string): KObject[] {
  const parsed = parseYaml(text);
  return parsed.docs.map((d) => readObject(path, d, defaultNamespace)).filter((o): o is KObject => o?.kind === 'ServiceAccount');
}

/**
 * The ServiceAccount that "Insert client-id" targets in the active manifest: the one whose document holds
 * the cursor, else the only one in the file; null when the user has to pick.
 */
export function serviceAccountAt(accounts: KObject[], offset: number): KObject | null {
  const at = accounts.find((o) => o.doc.start <= offset && offset <= o.doc.end);
  if (at) return at;
  return accounts.length === 1 ? accounts[0] : null;
}

/**
 * The edit that sets the ServiceAccount's client-id annotation (creating `metadata.annotations` when
 * needed), keeping comments and formatting; null when the value is already there or the path is not a map.
 */
export function clientIdEdit(text: string, sa: KObject, clientId: string): TextEdit | null {
  const edit = setAnnotation(text, sa, WI.clientId, clientId);
  if (!edit) return null;
  return text.slice(edit.start, edit.end) === edit.newText ? null : edit;
}
