import type { NoteLanguage } from './model';

/** Category names are part of the content, so they follow the notes language (not the UI language). */
const CATEGORY_LABELS: Record<string, Record<NoteLanguage, string>> = {
  distributed: { en: 'Distributed systems', 'zh-cn': '分布式系统' },
  go: { en: 'Go', 'zh-cn': 'Go 语言' },
  databases: { en: 'Databases', 'zh-cn': '数据库' },
  redis: { en: 'Redis', 'zh-cn': 'Redis' },
  architecture: { en: 'Architecture', 'zh-cn': '架构设计' },
  web: { en: 'Web & Node.js', 'zh-cn': 'Web 与 Node.js' },
  devops: { en: 'DevOps', 'zh-cn': 'DevOps' },
  mine: { en: 'My notes', 'zh-cn': '我的笔记' },
};

export function categoryLabel(category: string, lang: NoteLanguage): string {
  return CATEGORY_LABELS[category]?.[lang] ?? category;
}

const CONTENT_STRINGS = {
  beingWritten: { en: 'being written', 'zh-cn': '正在编写' },
  simulator: { en: 'simulator', 'zh-cn': '模拟器' },
  due: { en: 'due', 'zh-cn': '待复习' },
  hasSimulator: { en: 'Has an interactive simulator', 'zh-cn': '配有交互式模拟器' },
  topicBeingWritten: { en: 'This topic is being written', 'zh-cn': '本主题正在编写中' },
  sections: { en: 'sections', 'zh-cn': '个小节' },
  quizThisTopic: { en: 'Quiz this topic', 'zh-cn': '测一测这个主题' },
} as const;

export function contentString(key: keyof typeof CONTENT_STRINGS, lang: NoteLanguage): string {
  return CONTENT_STRINGS[key][lang];
}
