/** The `mysql` command-line client's output formats (result tables, OK lines, errors), pure. */
import { formatValue, type SimEvent, type Value } from './engine';

/** `+----+-------+` boxed table as the mysql client prints it (numbers right-aligned). */
export function formatResultTable(columns: readonly string[], rows: readonly (readonly Value[])[]): string {
  const cells = rows.map((r) => r.map(formatValue));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => r[i].length)));
  const border = '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+';
  const line = (vals: readonly string[], right: readonly boolean[]) => '| ' + vals.map((v, i) => (right[i] ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join(' | ') + ' |';
  const numeric = columns.map((_, i) => rows.length > 0 && rows.every((r) => typeof r[i] === 'number' || r[i] === null));
  const out = [border, line(columns, columns.map(() => false)), border];
  for (const r of cells) out.push(line(r, numeric));
  out.push(border);
  return out.join('\n');
}

/** Error line as the client prints it: `ERROR 1205 (HY000): …`. */
export function formatError(e: Pick<SimEvent, 'errno' | 'sqlstate' | 'error'>): string {
  return `ERROR ${e.errno} (${e.sqlstate ?? 'HY000'}): ${e.error}`;
}
