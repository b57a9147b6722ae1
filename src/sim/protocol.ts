/**
 * Messages between a simulator panel and the extension, shared by all four simulators.
 * One union per direction; whatever arrives is validated and anything else is ignored.
 */
import { isRecord } from '../shared/isRecord';

export const SIMULATOR_KINDS = ['raft', 'chan', 'alloc', 'mvcc'] as const;
export type SimulatorKind = (typeof SIMULATOR_KINDS)[number];
export type SimLanguage = 'en' | 'zh-cn';

/** Webview → extension. */
export type SimViewMessage =
  | { readonly type: 'ready' }
  /** Open a bundled note, optionally at a heading. */
  | { readonly type: 'openNote'; readonly topicId: string; readonly slug?: string }
  /** Ask the user where to save a scenario file with this text. */
  | { readonly type: 'saveScenario'; readonly text: string; readonly fileName: string }
  /** Ask the user for a scenario file; the answer comes back as a `scenario` message. */
  | { readonly type: 'openScenario' }
  /** The scenario text changed in the panel (custom editors write it back to the document). */
  | { readonly type: 'edit'; readonly text: string };

/** Extension → webview. */
export type SimHostMessage =
  | { readonly type: 'preset'; readonly id: string }
  | { readonly type: 'scenario'; readonly text: string; readonly fileName: string }
  | { readonly type: 'lang'; readonly lang: SimLanguage };

/** Scenario files and messages larger than this are refused. */
export const MAX_SCENARIO_CHARS = 256 * 1024;
const MAX_ID = 200;

function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length <= max;
}

export function isSimulatorKind(value: unknown): value is SimulatorKind {
  return typeof value === 'string' && (SIMULATOR_KINDS as readonly string[]).includes(value);
}

export function parseSimViewMessage(value: unknown): SimViewMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'ready':
    case 'openScenario':
      return { type: value.type };
    case 'openNote':
      if (!isText(value.topicId, MAX_ID)) return undefined;
      if (value.slug !== undefined && !isText(value.slug, MAX_ID)) return undefined;
      return value.slug === undefined ? { type: 'openNote', topicId: value.topicId } : { type: 'openNote', topicId: value.topicId, slug: value.slug };
    case 'saveScenario':
      return isText(value.text, MAX_SCENARIO_CHARS) && isText(value.fileName, MAX_ID) ? { type: 'saveScenario', text: value.text, fileName: value.fileName } : undefined;
    case 'edit':
      return isText(value.text, MAX_SCENARIO_CHARS) ? { type: 'edit', text: value.text } : undefined;
    default:
      return undefined;
  }
}

export function parseSimHostMessage(value: unknown): SimHostMessage | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'preset':
      return isText(value.id, MAX_ID) ? { type: 'preset', id: value.id } : undefined;
    case 'scenario':
      return isText(value.text, MAX_SCENARIO_CHARS) && isText(value.fileName, MAX_ID) ? { type: 'scenario', text: value.text, fileName: value.fileName } : undefined;
    case 'lang':
      return value.lang === 'en' || value.lang === 'zh-cn' ? { type: 'lang', lang: value.lang } : undefined;
    default:
      return undefined;
  }
}
