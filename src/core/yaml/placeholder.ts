/**
 * The one recogniser of placeholders: values that stand for something the manifest does not say yet. The parser
 * marks such values unknown (no rule judges them) and `placeholder-unreplaced` reports the ones left in
 * identity-relevant fields.
 *
 * Recognised anywhere in a value:
 * - templates: `{{ … }}` (Helm, Go), `{% … %}` (Jinja, Liquid);
 * - variables: `${VAR}`, `${VAR:-default}`, `$VAR`, `$(VAR)` (envsubst, shells, Kubernetes dependent variables);
 * - angle brackets: `<client-id>`;
 * - ALL_CAPS tokens with an underscore, the convention of docs and kustomize bases: `YOUR_CLIENT_ID`, `KSA_NAME`,
 *   `PATCHED_BY_OVERLAY`, `sa@PROJECT_ID.iam.gserviceaccount.com`, `arn:aws:iam::ACCOUNT_ID:role/x`;
 * - the words `REPLACEME`, `REPLACE_ME`, `CHANGEME`, `CHANGE_ME`, `PLACEHOLDER`, `TODO`, `FIXME`, `TBD` in capitals;
 * - GUIDs masked with `x` (`xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`, `1234xxxx-…`) and the all-zero GUID
 *   `00000000-0000-0000-0000-000000000000`, which docs and snippets use for "your id here";
 * - other ids masked with a run of eight or more `x` (`arn:aws:iam::xxxxxxxxxxxx:role/x`, an AWS account id
 *   redacted from pasted `kubectl get -o yaml` output);
 * - a whole value that only names the identity id it stands for: `client-id`, `your-client-id`, `my_tenant_id`,
 *   `clientId`, `user-assigned-client-id` (blog posts and test snapshots).
 *
 * Kubernetes names are lower case, so an ALL_CAPS token in one is always a placeholder. Elsewhere a real value may
 * have that form (an IAM role named `DEPLOY_ROLE`); treating it as unknown only loses findings. Environment variable
 * names and Linux capabilities, which are ALL_CAPS identifiers by nature, are exempt (see `isCapsIdentifier`).
 */

const TEMPLATE = /\{\{|\{%/;
const VARIABLE = /\$\{[^}]*\}|\$\([A-Za-z_][A-Za-z0-9_]*\)|\$[A-Za-z_]/;
const ANGLE = /<[^<>\s][^<>]*>/;
// An ALL_CAPS token with at least one underscore, not glued to lower-case letters or digits on either side
// (`MC_rg_aks` and `abc_DEF` are not placeholders).
const CAPS = /(?<![A-Za-z0-9_])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![A-Za-z0-9_])/;
const WORDS = /(?<![A-Za-z0-9_])(?:REPLACE_?ME|CHANGE_?ME|PLACEHOLDER|TODO|FIXME|TBD)(?![A-Za-z0-9_])/;
// A GUID whose groups are hex or `x`, with at least one `x` (checked separately); or the all-zero GUID.
const GUID_LIKE = /(?<![0-9A-Za-z])[0-9a-fx]{8}-[0-9a-fx]{4}-[0-9a-fx]{4}-[0-9a-fx]{4}-[0-9a-fx]{12}(?![0-9A-Za-z])/gi;
const ZERO_GUID = '00000000-0000-0000-0000-000000000000';
const MASKED_RUN = /(?<![A-Za-z0-9])[xX]{8,}(?![A-Za-z0-9])/;
const ID_NAME = /^(?:(?:your|my|the|user[-_.]?assigned)[-_.]?)?(?:managed[-_.]?identity[-_.]?)?(?:client|tenant|subscription|object|principal|app(?:lication)?)[-_.]?id$/i;

/**
 * A cheap pre-test: every placeholder has one of these, and most values have none. Callers on hot paths (the parser)
 * run it before `isPlaceholder`.
 */
export const PLACEHOLDER_HINT = /[$<_{]|[A-Z]{3}|[xX]{4}|0000|[iI][dD]$/;

/** Whether text is one ALL_CAPS identifier with an underscore and nothing else (`KSA_NAME`, `NET_ADMIN`). */
export function isCapsIdentifier(text: string): boolean {
  return /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(text);
}

function masked(text: string): boolean {
  if (text.includes(ZERO_GUID) || MASKED_RUN.test(text)) return true;
  GUID_LIKE.lastIndex = 0;
  for (let m = GUID_LIKE.exec(text); m; m = GUID_LIKE.exec(text)) if (/x/i.test(m[0])) return true;
  return false;
}

export interface PlaceholderOptions {
  /**
   * The value is of a kind that is an ALL_CAPS identifier by nature (an environment variable name, a capability):
   * such a whole value is not a placeholder there.
   */
  capsIdentifierAllowed?: boolean;
  /** Only the syntactic forms (templates, variables, angle brackets): for map keys. */
  syntacticOnly?: boolean;
}

/**
 * What kind of placeholder a value is (or holds): `syntax` for templates, variables and angle brackets, which a
 * renderer or a substitution step replaces by design; `convention` for the ALL_CAPS tokens, words and GUIDs of docs
 * and kustomize bases, which someone must replace by hand or by an overlay; null for a value that is none.
 */
export function placeholderKind(text: string, options: PlaceholderOptions = {}): 'syntax' | 'convention' | null {
  if (TEMPLATE.test(text) || VARIABLE.test(text) || ANGLE.test(text)) return 'syntax';
  if (options.syntacticOnly) return null;
  if (WORDS.test(text) || masked(text) || ID_NAME.test(text.trim())) return 'convention';
  if (!CAPS.test(text)) return null;
  return options.capsIdentifierAllowed && isCapsIdentifier(text) ? null : 'convention';
}

/** Whether a value is (or holds) a placeholder that stands for something the manifest does not say. */
export function isPlaceholder(text: string, options: PlaceholderOptions = {}): boolean {
  return placeholderKind(text, options) !== null;
}
