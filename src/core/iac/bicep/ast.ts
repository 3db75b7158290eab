/**
 * A Bicep file as plain data, read once from the tree-sitter tree so that nothing else touches the parser's nodes.
 * Offsets are UTF-16, as everywhere in the engine. Expressions the reader has no use for are `other`.
 */

export interface Loc {
  start: number;
  end: number;
}

export type BExpr = Loc &
  (
    | { k: 'string'; parts: (string | BExpr)[] }
    | { k: 'number'; value: number }
    | { k: 'bool'; value: boolean }
    | { k: 'null' }
    | { k: 'ident'; name: string }
    | { k: 'member'; object: BExpr; property: string }
    | { k: 'index'; object: BExpr; index: BExpr }
    | { k: 'call'; callee: string; args: BExpr[] }
    | { k: 'object'; props: BProp[] }
    | { k: 'array'; items: BExpr[] }
    | { k: 'for'; item: string; index: string | null; source: BExpr; body: BExpr }
    | { k: 'if'; condition: BExpr; body: BExpr }
    | { k: 'ternary'; condition: BExpr; then: BExpr; else: BExpr }
    | { k: 'resource'; decl: BResource }
    | { k: 'other'; text: string }
  );

export interface BProp extends Loc {
  /** The key as text; null when it is an expression (`'${uami.id}': {}`), which `keyExpr` then holds. */
  key: string | null;
  keyExpr: BExpr | null;
  keyLoc: Loc;
  value: BExpr;
}

export interface BResource extends Loc {
  name: string;
  /** `Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31`, or a nested one's relative type. */
  type: string;
  typeLoc: Loc;
  existing: boolean;
  /** An object, a `for` whose body is one, or an `if` around one. */
  body: BExpr;
  /** `resource x '…'` up to the type string: where resource-level findings go. */
  header: Loc;
}

export type BStatement =
  | (Loc & { k: 'param'; name: string; nameLoc: Loc; value: BExpr | null })
  | (Loc & { k: 'var'; name: string; nameLoc: Loc; value: BExpr })
  | (Loc & { k: 'resource'; decl: BResource })
  | (Loc & { k: 'using'; path: string })
  /**
   * A module: `path` as written (`./identity.bicep`, or `br:…` for a registry); `decl.body` holds its `name`, `params`
   * (an object, a `for` or an `if`). A local Bicep file of the set is read with the params bound from the call.
   */
  | (Loc & { k: 'module'; name: string; path: string; decl: BResource | null })
  /** An `output`: read when the file is a module whose outputs its caller uses. */
  | (Loc & { k: 'output'; name: string; value: BExpr });

export interface BicepFile {
  path: string;
  statements: BStatement[];
  /** Spans tree-sitter could not read. */
  errors: Loc[];
}
