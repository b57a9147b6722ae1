/** The syntax tree of the Go subset the simulator runs. Every node carries its source position. */

export interface Pos { readonly line: number; readonly col: number }

export type GoType =
  | { readonly k: 'int' | 'string' | 'bool' | 'error' | 'any' | 'empty' | 'duration' | 'wg' | 'mutex' }
  | { readonly k: 'slice'; readonly elem: GoType }
  | { readonly k: 'chan'; readonly elem: GoType; readonly dir: 'both' | 'send' | 'recv' }
  | { readonly k: 'ptr'; readonly elem: GoType }
  | { readonly k: 'func'; readonly params: readonly GoType[]; readonly results: readonly GoType[]; readonly variadic: boolean };

export type Expr = (
  | { readonly k: 'lit'; readonly value: number | string | boolean }
  | { readonly k: 'nil' }
  | { readonly k: 'ident'; readonly name: string }
  | { readonly k: 'binary'; readonly op: string; readonly x: Expr; readonly y: Expr }
  | { readonly k: 'unary'; readonly op: string; readonly x: Expr }
  | { readonly k: 'recv'; readonly x: Expr }
  | { readonly k: 'call'; readonly fn: Expr; readonly args: readonly Expr[]; readonly spread: boolean }
  | { readonly k: 'builtin'; readonly name: string; readonly args: readonly Expr[]; readonly type?: GoType; readonly spread: boolean }
  | { readonly k: 'pkg'; readonly pkg: string; readonly name: string }
  | { readonly k: 'method'; readonly x: Expr; readonly name: string }
  | { readonly k: 'index'; readonly x: Expr; readonly index: Expr }
  | { readonly k: 'slice'; readonly x: Expr; readonly lo?: Expr; readonly hi?: Expr }
  | { readonly k: 'funcLit'; readonly fn: FuncDef }
  | { readonly k: 'composite'; readonly type: GoType; readonly elems: readonly Expr[] }
  | { readonly k: 'convert'; readonly type: GoType; readonly x: Expr }
) & Pos & { sync?: boolean };

export interface FuncDef {
  readonly name: string;
  readonly params: readonly { readonly name: string; readonly type: GoType }[];
  readonly results: readonly { readonly name?: string; readonly type: GoType }[];
  readonly variadic: boolean;
  readonly body: Block;
  readonly line: number;
}

export interface Block { readonly stmts: readonly Stmt[]; readonly line: number; readonly endLine: number }

export interface CommClause {
  /** undefined for `default`. */
  readonly comm?: { readonly kind: 'send'; readonly ch: Expr; readonly value: Expr }
    | { readonly kind: 'recv'; readonly ch: Expr; readonly lhs: readonly Expr[]; readonly define: boolean };
  readonly body: readonly Stmt[];
  readonly line: number;
}

export type Stmt = (
  | { readonly k: 'expr'; readonly x: Expr }
  | { readonly k: 'send'; readonly ch: Expr; readonly value: Expr }
  | { readonly k: 'incdec'; readonly x: Expr; readonly op: '++' | '--' }
  | { readonly k: 'assign'; readonly lhs: readonly Expr[]; readonly op: string; readonly rhs: readonly Expr[] }
  | { readonly k: 'define'; readonly names: readonly string[]; readonly rhs: readonly Expr[]; readonly namePos?: readonly Pos[] }
  | { readonly k: 'var'; readonly names: readonly string[]; readonly type?: GoType; readonly values: readonly Expr[]; readonly isConst?: boolean }
  | { readonly k: 'go' | 'defer'; readonly call: Expr }
  | { readonly k: 'return'; readonly values: readonly Expr[] }
  | { readonly k: 'if'; readonly init?: Stmt; readonly cond: Expr; readonly then: Block; readonly else?: Stmt }
  | { readonly k: 'for'; readonly init?: Stmt; readonly cond?: Expr; readonly post?: Stmt; readonly body: Block; readonly label?: string }
  | { readonly k: 'range'; readonly key?: Expr; readonly value?: Expr; readonly define: boolean; readonly x: Expr; readonly body: Block; readonly label?: string }
  | { readonly k: 'switch'; readonly init?: Stmt; readonly tag?: Expr; readonly cases: readonly { readonly exprs?: readonly Expr[]; readonly body: readonly Stmt[]; readonly line: number }[]; readonly label?: string }
  | { readonly k: 'select'; readonly cases: readonly CommClause[]; readonly label?: string }
  | { readonly k: 'block'; readonly block: Block }
  | { readonly k: 'break' | 'continue'; readonly label?: string }
  | { readonly k: 'empty' }
) & Pos;

export interface Program {
  /** Import paths with the position of each import spec. */
  readonly importPos?: ReadonlyMap<string, Pos>;
  /** Packages named in types (sync.WaitGroup, time.Duration), which count as uses of the import. */
  readonly typePkgs?: ReadonlySet<string>;
  readonly funcs: ReadonlyMap<string, FuncDef>;
  readonly globals: readonly Stmt[];
  readonly imports: readonly string[];
}
