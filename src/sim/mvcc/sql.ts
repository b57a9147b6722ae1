/**
 * A hand-written tokenizer and recursive-descent parser for the SQL subset the MVCC simulator runs
 * (MySQL 8.0 syntax). Errors carry line:col. Anything outside the subset is refused with a message
 * that says what is supported, never silently ignored.
 */

export type Value = number | string | null;

export type Expr =
  | { readonly k: 'num'; readonly v: number }
  | { readonly k: 'str'; readonly v: string }
  | { readonly k: 'null' }
  | { readonly k: 'col'; readonly name: string; readonly pos: Pos }
  | { readonly k: 'bin'; readonly op: BinOp; readonly l: Expr; readonly r: Expr }
  | { readonly k: 'not'; readonly e: Expr }
  | { readonly k: 'neg'; readonly e: Expr }
  | { readonly k: 'in'; readonly e: Expr; readonly list: readonly Expr[]; readonly not: boolean }
  | { readonly k: 'isnull'; readonly e: Expr; readonly not: boolean };

export type BinOp = '=' | '<>' | '<' | '>' | '<=' | '>=' | '+' | '-' | '*' | '/' | '%' | 'AND' | 'OR';

export type IsolationLevel = 'READ UNCOMMITTED' | 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';
export const ISOLATION_LEVELS: readonly IsolationLevel[] = ['READ UNCOMMITTED', 'READ COMMITTED', 'REPEATABLE READ', 'SERIALIZABLE'];

export interface Pos { readonly line: number; readonly col: number }

export interface ColumnDef { readonly name: string; readonly type: 'INT' | 'VARCHAR'; readonly length: number }

export type Statement =
  | { readonly kind: 'create'; readonly table: string; readonly columns: readonly ColumnDef[]; readonly primaryKey: string }
  | { readonly kind: 'insert'; readonly table: string; readonly columns: readonly string[] | null; readonly rows: readonly (readonly Expr[])[] }
  | {
      readonly kind: 'select';
      readonly table: string;
      readonly columns: readonly string[] | '*';
      readonly where: Expr | null;
      readonly orderBy: { readonly column: string; readonly desc: boolean } | null;
      readonly lock: 'none' | 'update' | 'share';
    }
  | { readonly kind: 'sleep'; readonly seconds: number; readonly label: string }
  | { readonly kind: 'update'; readonly table: string; readonly sets: readonly { readonly column: string; readonly expr: Expr }[]; readonly where: Expr | null }
  | { readonly kind: 'delete'; readonly table: string; readonly where: Expr | null }
  | { readonly kind: 'begin'; readonly snapshot: boolean }
  | { readonly kind: 'commit' }
  | { readonly kind: 'rollback' }
  | { readonly kind: 'setIsolation'; readonly session: boolean; readonly level: IsolationLevel }
  | { readonly kind: 'setTimeout'; readonly seconds: number };

export class SqlError extends Error {
  constructor(message: string, readonly pos: Pos) {
    super(message);
  }
}

type TokKind = 'id' | 'qid' | 'num' | 'str' | 'op' | 'eof';
interface Token { readonly kind: TokKind; readonly text: string; readonly upper: string; readonly pos: Pos }

const MAX_STATEMENT_CHARS = 20_000;
const MAX_DEPTH = 200;

/** Splits `text` into tokens; `line` and `col0` say where the text starts in its file (1-based). */
export function tokenize(text: string, line = 1, col0 = 1): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let ln = line;
  let lineStart = 0;
  let colBase = col0;
  const pos = (at: number): Pos => ({ line: ln, col: at - lineStart + colBase });
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      i++;
      ln++;
      lineStart = i;
      colBase = 1;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '-' && text[i + 1] === '-' && (i + 2 >= text.length || text[i + 2] === ' ' || text[i + 2] === '\t' || text[i + 2] === '\n' || text[i + 2] === '\r')) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const start = i;
    if (isIdentStart(c.charCodeAt(0))) {
      while (i < text.length && isIdentPart(text.charCodeAt(i))) i++;
      const word = text.slice(start, i);
      tokens.push({ kind: 'id', text: word, upper: word.toUpperCase(), pos: pos(start) });
      continue;
    }
    if (isDigit(c.charCodeAt(0))) {
      while (i < text.length && isDigit(text.charCodeAt(i))) i++;
      if (text[i] === '.' && isDigit(text.charCodeAt(i + 1))) {
        i++;
        while (i < text.length && isDigit(text.charCodeAt(i))) i++;
      }
      if (i < text.length && isIdentStart(text.charCodeAt(i))) throw new SqlError(`unexpected character '${text[i]}' after a number`, pos(i));
      const num = text.slice(start, i);
      tokens.push({ kind: 'num', text: num, upper: num, pos: pos(start) });
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      let value = '';
      i++;
      for (;;) {
        if (i >= text.length) throw new SqlError(c === '`' ? 'unterminated quoted identifier' : 'unterminated string literal', pos(start));
        const d = text[i];
        if (d === c) {
          if (text[i + 1] === c) { value += c; i += 2; continue; }
          i++;
          break;
        }
        if (d === '\\' && c !== '`' && i + 1 < text.length) {
          const e = text[i + 1];
          value += e === 'n' ? '\n' : e === 't' ? '\t' : e === '0' ? '\0' : e;
          i += 2;
          continue;
        }
        if (d === '\n') { ln++; lineStart = i + 1; colBase = 1; }
        value += d;
        i++;
      }
      tokens.push({ kind: c === '`' ? 'qid' : 'str', text: value, upper: value.toUpperCase(), pos: pos(start) });
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '<>' || two === '!=' || two === '<=' || two === '>=') {
      tokens.push({ kind: 'op', text: two === '!=' ? '<>' : two, upper: two, pos: pos(start) });
      i += 2;
      continue;
    }
    if ('=<>+-*/%(),;.'.includes(c)) {
      tokens.push({ kind: 'op', text: c, upper: c, pos: pos(start) });
      i++;
      continue;
    }
    throw new SqlError(`unexpected character '${c}'`, pos(i));
  }
  tokens.push({ kind: 'eof', text: '', upper: '', pos: pos(i) });
  return tokens;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}
function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c) || c === 36;
}

const SUPPORTED =
  'supported: CREATE TABLE, INSERT, SELECT [FOR UPDATE | FOR SHARE | LOCK IN SHARE MODE], UPDATE, DELETE, BEGIN, START TRANSACTION [WITH CONSISTENT SNAPSHOT], COMMIT, ROLLBACK, SET [SESSION] TRANSACTION ISOLATION LEVEL …, SET [SESSION] innodb_lock_wait_timeout = N, SELECT SLEEP(N)';

const RESERVED = new Set([
  'SELECT', 'FROM', 'WHERE', 'AND', 'OR', 'NOT', 'IN', 'IS', 'NULL', 'ORDER', 'BY', 'FOR', 'UPDATE', 'SET', 'DELETE', 'INSERT',
  'INTO', 'VALUES', 'LOCK', 'SHARE', 'MODE', 'CREATE', 'TABLE', 'PRIMARY', 'KEY', 'ASC', 'DESC', 'LIMIT', 'JOIN', 'GROUP', 'HAVING',
]);

class Parser {
  private i = 0;
  private depth = 0;
  constructor(private readonly toks: Token[]) {}

  private get t(): Token { return this.toks[this.i]; }
  private next(): Token { return this.toks[this.i++]; }
  private fail(message: string, tok: Token = this.t): never {
    throw new SqlError(message, tok.pos);
  }
  private describe(tok: Token): string {
    return tok.kind === 'eof' ? 'end of statement' : tok.kind === 'str' ? `'${tok.text}'` : `'${tok.text}'`;
  }
  private isKw(word: string, at = 0): boolean {
    const tok = this.toks[this.i + at];
    return tok.kind === 'id' && tok.upper === word;
  }
  private acceptKw(word: string): boolean {
    if (this.isKw(word)) { this.i++; return true; }
    return false;
  }
  private expectKw(word: string): void {
    if (!this.acceptKw(word)) this.fail(`expected ${word} but found ${this.describe(this.t)}`);
  }
  private isOp(op: string): boolean { return this.t.kind === 'op' && this.t.text === op; }
  private acceptOp(op: string): boolean {
    if (this.isOp(op)) { this.i++; return true; }
    return false;
  }
  private expectOp(op: string): void {
    if (!this.acceptOp(op)) this.fail(`expected '${op}' but found ${this.describe(this.t)}`);
  }
  private ident(what: string): string {
    const tok = this.t;
    if (tok.kind === 'qid') { this.i++; return tok.text; }
    if (tok.kind === 'id' && !RESERVED.has(tok.upper)) { this.i++; return tok.text; }
    return this.fail(`expected ${what} but found ${this.describe(tok)}`);
  }
  private integer(what: string): number {
    const tok = this.t;
    if (tok.kind !== 'num' || tok.text.includes('.')) this.fail(`expected ${what} (an integer) but found ${this.describe(tok)}`);
    this.i++;
    return Number(tok.text);
  }

  statement(): Statement {
    const tok = this.t;
    if (tok.kind !== 'id') this.fail(`expected a statement but found ${this.describe(tok)}; ${SUPPORTED}`);
    let st: Statement;
    switch (tok.upper) {
      case 'CREATE': st = this.create(); break;
      case 'INSERT': st = this.insert(); break;
      case 'SELECT': st = this.select(); break;
      case 'UPDATE': st = this.update(); break;
      case 'DELETE': st = this.del(); break;
      case 'BEGIN':
        this.next();
        this.acceptKw('WORK');
        st = { kind: 'begin', snapshot: false };
        break;
      case 'START': {
        this.next();
        this.expectKw('TRANSACTION');
        let snapshot = false;
        if (this.acceptKw('WITH')) {
          this.expectKw('CONSISTENT');
          this.expectKw('SNAPSHOT');
          snapshot = true;
        }
        if (this.isOp(',') || this.isKw('READ')) this.fail('START TRANSACTION READ ONLY / READ WRITE is not supported by this simulator');
        st = { kind: 'begin', snapshot };
        break;
      }
      case 'COMMIT': this.next(); this.acceptKw('WORK'); st = { kind: 'commit' }; break;
      case 'ROLLBACK':
        this.next();
        this.acceptKw('WORK');
        if (this.isKw('TO')) this.fail('savepoints are not supported by this simulator');
        st = { kind: 'rollback' };
        break;
      case 'SET': st = this.set(); break;
      default:
        this.fail(`'${tok.text}' is not supported; ${SUPPORTED}`);
    }
    this.acceptOp(';');
    if (this.t.kind !== 'eof') this.fail(`unexpected ${this.describe(this.t)} after the end of the statement (one statement per line)`);
    return st;
  }

  private create(): Statement {
    this.expectKw('CREATE');
    if (!this.acceptKw('TABLE')) this.fail('only CREATE TABLE is supported');
    const table = this.ident('a table name');
    this.expectOp('(');
    const columns: ColumnDef[] = [];
    let primaryKey: string | null = null;
    do {
      if (this.isKw('PRIMARY')) {
        const at = this.t;
        this.next();
        this.expectKw('KEY');
        this.expectOp('(');
        const name = this.ident('a column name');
        if (this.isOp(',')) this.fail('composite primary keys are not supported by this simulator');
        this.expectOp(')');
        if (primaryKey !== null) this.fail('multiple primary keys defined', at);
        primaryKey = name;
        continue;
      }
      if (this.isKw('KEY') || this.isKw('INDEX') || this.isKw('UNIQUE')) {
        this.fail('secondary indexes are not supported by this simulator: only the clustered primary key is an index');
      }
      const nameTok = this.t;
      const name = this.ident('a column name');
      if (columns.some((c) => c.name.toLowerCase() === name.toLowerCase())) this.fail(`duplicate column name '${name}'`, nameTok);
      const typeTok = this.t;
      let type: ColumnDef['type'];
      let length = 0;
      if (this.acceptKw('INT') || this.acceptKw('INTEGER') || this.acceptKw('BIGINT')) {
        type = 'INT';
        if (this.acceptOp('(')) { this.integer('a display width'); this.expectOp(')'); }
      } else if (this.acceptKw('VARCHAR')) {
        type = 'VARCHAR';
        this.expectOp('(');
        length = this.integer('a length');
        if (length < 1 || length > 16383) this.fail('VARCHAR length must be between 1 and 16383', typeTok);
        this.expectOp(')');
      } else {
        this.fail(`column type ${this.describe(typeTok)} is not supported; use INT or VARCHAR(n)`);
      }
      for (;;) {
        if (this.acceptKw('PRIMARY')) {
          this.expectKw('KEY');
          if (primaryKey !== null) this.fail('multiple primary keys defined', nameTok);
          primaryKey = name;
        } else if (this.acceptKw('NOT')) {
          this.expectKw('NULL');
        } else if (this.acceptKw('NULL')) {
          // nullable is the default
        } else break;
      }
      columns.push({ name, type, length });
    } while (this.acceptOp(','));
    this.expectOp(')');
    if (this.acceptKw('ENGINE')) {
      this.acceptOp('=');
      const engine = this.t;
      this.ident('an engine name');
      if (engine.upper !== 'INNODB') this.fail('only ENGINE=InnoDB is simulated', engine);
    }
    if (primaryKey === null) this.fail('a PRIMARY KEY is required (this simulator does not model the hidden DB_ROW_ID clustered index)');
    const pk = primaryKey;
    if (!columns.some((c) => c.name.toLowerCase() === pk.toLowerCase())) this.fail(`key column '${pk}' doesn't exist in table`);
    return { kind: 'create', table, columns, primaryKey: columns.find((c) => c.name.toLowerCase() === pk.toLowerCase())!.name };
  }

  private insert(): Statement {
    this.expectKw('INSERT');
    if (this.isKw('IGNORE')) this.fail('INSERT IGNORE is not supported by this simulator');
    this.expectKw('INTO');
    const table = this.ident('a table name');
    let columns: string[] | null = null;
    if (this.acceptOp('(')) {
      columns = [];
      do columns.push(this.ident('a column name'));
      while (this.acceptOp(','));
      this.expectOp(')');
    }
    if (!this.acceptKw('VALUES') && !this.acceptKw('VALUE')) this.fail(`expected VALUES but found ${this.describe(this.t)} (INSERT … SELECT is not supported)`);
    const rows: Expr[][] = [];
    do {
      this.expectOp('(');
      const row: Expr[] = [];
      do row.push(this.expr());
      while (this.acceptOp(','));
      this.expectOp(')');
      rows.push(row);
    } while (this.acceptOp(','));
    if (this.isKw('ON')) this.fail('ON DUPLICATE KEY UPDATE is not supported by this simulator');
    return { kind: 'insert', table, columns, rows };
  }

  private select(): Statement {
    this.expectKw('SELECT');
    if (this.isKw('SLEEP') && this.toks[this.i + 1].text === '(') {
      const start = this.t;
      this.next();
      this.expectOp('(');
      const secondsTok = this.t;
      if (secondsTok.kind !== 'num') this.fail('SLEEP needs a number of seconds');
      this.next();
      this.expectOp(')');
      const seconds = Number(secondsTok.text);
      if (seconds > 86400) this.fail('SLEEP longer than a day is refused', secondsTok);
      if (!this.isOp(';') && this.t.kind !== 'eof') this.fail('SELECT SLEEP(N) takes nothing else');
      return { kind: 'sleep', seconds, label: `SLEEP(${secondsTok.text})`.replace('SLEEP', start.text) };
    }
    let columns: string[] | '*';
    if (this.acceptOp('*')) columns = '*';
    else {
      columns = [];
      do {
        if (this.t.kind === 'num' || this.t.kind === 'str' || this.isOp('(')) this.fail('only column names or * are supported in the select list');
        columns.push(this.ident('a column name or *'));
        if (this.isOp('(')) this.fail('functions are not supported in the select list');
      } while (this.acceptOp(','));
    }
    this.expectKw('FROM');
    const table = this.ident('a table name');
    if (this.isOp(',') || this.isKw('JOIN')) this.fail('joins are not supported by this simulator');
    const where = this.acceptKw('WHERE') ? this.expr() : null;
    let orderBy: { column: string; desc: boolean } | null = null;
    if (this.acceptKw('ORDER')) {
      this.expectKw('BY');
      const column = this.ident('a column name');
      let desc = false;
      if (this.acceptKw('DESC')) desc = true;
      else this.acceptKw('ASC');
      if (this.isOp(',')) this.fail('ORDER BY supports one column');
      orderBy = { column, desc };
    }
    if (this.isKw('GROUP') || this.isKw('LIMIT') || this.isKw('HAVING')) this.fail(`${this.t.upper} is not supported by this simulator`);
    let lock: 'none' | 'update' | 'share' = 'none';
    if (this.acceptKw('FOR')) {
      if (this.acceptKw('UPDATE')) lock = 'update';
      else if (this.acceptKw('SHARE')) lock = 'share';
      else this.fail(`expected UPDATE or SHARE after FOR but found ${this.describe(this.t)}`);
      if (this.isKw('NOWAIT') || this.isKw('SKIP') || this.isKw('OF')) this.fail(`${this.t.upper} is not supported by this simulator`);
    } else if (this.acceptKw('LOCK')) {
      this.expectKw('IN');
      this.expectKw('SHARE');
      this.expectKw('MODE');
      lock = 'share';
    }
    return { kind: 'select', table, columns, where, orderBy, lock };
  }

  private update(): Statement {
    this.expectKw('UPDATE');
    const table = this.ident('a table name');
    this.expectKw('SET');
    const sets: { column: string; expr: Expr }[] = [];
    do {
      const column = this.ident('a column name');
      this.expectOp('=');
      sets.push({ column, expr: this.expr() });
    } while (this.acceptOp(','));
    const where = this.acceptKw('WHERE') ? this.expr() : null;
    if (this.isKw('ORDER') || this.isKw('LIMIT')) this.fail(`${this.t.upper} in UPDATE is not supported by this simulator`);
    return { kind: 'update', table, sets, where };
  }

  private del(): Statement {
    this.expectKw('DELETE');
    this.expectKw('FROM');
    const table = this.ident('a table name');
    const where = this.acceptKw('WHERE') ? this.expr() : null;
    if (this.isKw('ORDER') || this.isKw('LIMIT')) this.fail(`${this.t.upper} in DELETE is not supported by this simulator`);
    return { kind: 'delete', table, where };
  }

  private set(): Statement {
    this.expectKw('SET');
    let session = false;
    if (this.acceptKw('SESSION') || this.acceptKw('LOCAL')) session = true;
    else if (this.t.kind === 'op' && this.t.text === '@') this.fail('user variables are not supported');
    if (this.isKw('GLOBAL') || this.isKw('PERSIST')) this.fail('SET GLOBAL is not supported: use SET [SESSION]');
    if (this.acceptKw('TRANSACTION')) {
      this.expectKw('ISOLATION');
      this.expectKw('LEVEL');
      return { kind: 'setIsolation', session, level: this.level() };
    }
    const nameTok = this.t;
    const name = this.ident('TRANSACTION or a variable name').toLowerCase();
    if (name === 'innodb_lock_wait_timeout') {
      this.expectOp('=');
      const seconds = this.integer('a number of seconds');
      if (seconds < 1 || seconds > 1073741824) this.fail('innodb_lock_wait_timeout must be between 1 and 1073741824', nameTok);
      return { kind: 'setTimeout', seconds };
    }
    if (name === 'transaction_isolation' || name === 'tx_isolation') {
      this.expectOp('=');
      const tok = this.t;
      if (tok.kind !== 'str') this.fail("expected a level such as 'READ-COMMITTED'");
      this.next();
      const level = parseIsolationLevel(tok.text);
      if (!level) this.fail(`Variable 'transaction_isolation' can't be set to the value of '${tok.text}'`, tok);
      return { kind: 'setIsolation', session: true, level };
    }
    return this.fail(`SET ${nameTok.text} is not supported; only SET [SESSION] TRANSACTION ISOLATION LEVEL …, transaction_isolation and innodb_lock_wait_timeout`, nameTok);
  }

  private level(): IsolationLevel {
    if (this.acceptKw('SERIALIZABLE')) return 'SERIALIZABLE';
    if (this.acceptKw('REPEATABLE')) { this.expectKw('READ'); return 'REPEATABLE READ'; }
    if (this.acceptKw('READ')) {
      if (this.acceptKw('COMMITTED')) return 'READ COMMITTED';
      if (this.acceptKw('UNCOMMITTED')) return 'READ UNCOMMITTED';
    }
    return this.fail(`expected READ UNCOMMITTED, READ COMMITTED, REPEATABLE READ or SERIALIZABLE but found ${this.describe(this.t)}`);
  }

  // expr := or ; or := and (OR and)* ; and := not (AND not)* ; not := NOT not | cmp
  expr(): Expr {
    if (++this.depth > MAX_DEPTH) this.fail('expression nested too deeply');
    let left = this.and();
    while (this.acceptKw('OR') || this.acceptOp('||')) left = { k: 'bin', op: 'OR', l: left, r: this.and() };
    this.depth--;
    return left;
  }
  private and(): Expr {
    let left = this.not();
    while (this.acceptKw('AND')) left = { k: 'bin', op: 'AND', l: left, r: this.not() };
    return left;
  }
  private not(): Expr {
    if (this.acceptKw('NOT')) {
      if (++this.depth > MAX_DEPTH) this.fail('expression nested too deeply');
      const e = this.not();
      this.depth--;
      return { k: 'not', e };
    }
    return this.cmp();
  }
  private cmp(): Expr {
    const left = this.add();
    const tok = this.t;
    if (tok.kind === 'op' && ['=', '<>', '<', '>', '<=', '>='].includes(tok.text)) {
      this.next();
      return { k: 'bin', op: tok.text as BinOp, l: left, r: this.add() };
    }
    if (this.isKw('IS')) {
      this.next();
      const not = this.acceptKw('NOT');
      this.expectKw('NULL');
      return { k: 'isnull', e: left, not };
    }
    let not = false;
    if (this.isKw('NOT') && this.isKw('IN', 1)) { this.next(); not = true; }
    if (this.acceptKw('IN')) {
      this.expectOp('(');
      if (this.isKw('SELECT')) this.fail('subqueries are not supported by this simulator');
      const list: Expr[] = [];
      do list.push(this.add());
      while (this.acceptOp(','));
      this.expectOp(')');
      return { k: 'in', e: left, list, not };
    }
    if (this.isKw('BETWEEN') || this.isKw('LIKE')) this.fail(`${tok.upper} is not supported by this simulator; use comparisons with AND`);
    return left;
  }
  private add(): Expr {
    let left = this.mul();
    while (this.isOp('+') || this.isOp('-')) {
      const op = this.next().text as BinOp;
      left = { k: 'bin', op, l: left, r: this.mul() };
    }
    return left;
  }
  private mul(): Expr {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('%')) {
      const op = this.next().text as BinOp;
      left = { k: 'bin', op, l: left, r: this.unary() };
    }
    return left;
  }
  private unary(): Expr {
    if (this.acceptOp('-')) {
      if (++this.depth > MAX_DEPTH) this.fail('expression nested too deeply');
      const e = this.unary();
      this.depth--;
      return e.k === 'num' ? { k: 'num', v: -e.v } : { k: 'neg', e };
    }
    if (this.acceptOp('+')) return this.unary();
    return this.primary();
  }
  private primary(): Expr {
    const tok = this.t;
    if (tok.kind === 'num') { this.next(); return { k: 'num', v: Number(tok.text) }; }
    if (tok.kind === 'str') { this.next(); return { k: 'str', v: tok.text }; }
    if (tok.kind === 'id' && tok.upper === 'NULL') { this.next(); return { k: 'null' }; }
    if (tok.kind === 'id' && (tok.upper === 'TRUE' || tok.upper === 'FALSE')) { this.next(); return { k: 'num', v: tok.upper === 'TRUE' ? 1 : 0 }; }
    if (this.acceptOp('(')) {
      if (this.isKw('SELECT')) this.fail('subqueries are not supported by this simulator');
      const e = this.expr();
      this.expectOp(')');
      return e;
    }
    if (tok.kind === 'qid' || (tok.kind === 'id' && !RESERVED.has(tok.upper))) {
      this.next();
      if (this.isOp('(')) this.fail(`function ${tok.text}() is not supported by this simulator`, tok);
      if (this.isOp('.')) {
        this.next();
        const col = this.ident('a column name');
        return { k: 'col', name: col, pos: tok.pos };
      }
      return { k: 'col', name: tok.text, pos: tok.pos };
    }
    return this.fail(`expected an expression but found ${this.describe(tok)}`);
  }
}

/** Parses one statement. `line`/`col` say where it starts in its script (for error positions). */
export function parseStatement(text: string, line = 1, col = 1): Statement {
  if (text.length > MAX_STATEMENT_CHARS) throw new SqlError(`statement longer than ${MAX_STATEMENT_CHARS} characters is refused`, { line, col });
  const toks = tokenize(text, line, col);
  if (toks.length === 1 || (toks.length === 2 && toks[0].text === ';')) throw new SqlError('empty statement', { line, col });
  return new Parser(toks).statement();
}

/** Accepts `READ-COMMITTED`, `read committed`, `RC`, `repeatable_read`, … */
export function parseIsolationLevel(text: string): IsolationLevel | undefined {
  const norm = text.trim().toUpperCase().replace(/[-_\s]+/g, ' ');
  const short: Record<string, IsolationLevel> = { RU: 'READ UNCOMMITTED', RC: 'READ COMMITTED', RR: 'REPEATABLE READ', SR: 'SERIALIZABLE' };
  if (short[norm]) return short[norm];
  return ISOLATION_LEVELS.find((l) => l === norm);
}
