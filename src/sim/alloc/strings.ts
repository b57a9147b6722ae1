/**
 * Every user-visible string of the allocator panel, in English and Simplified Chinese (identical
 * keys), plus the narration of trace events. Placeholders are {0}, {1}, ...
 */
import type { SimLanguage } from '../protocol';
import type { AllocEvent, MallocEvent } from './scenario';
import { MALLOC_HEADER_SIZE, MAX_SMALL_SIZE, PAGE_SIZE, TINY_SPAN_CLASS } from './sizeclasses';

const en = {
  title: 'Go allocator simulator',
  version: 'Models {0} on {1}: runtime/sizeclasses.go, malloc.go, mcache.go, mcentral.go, mheap.go, mpagealloc.go, mgcscavenge.go, mbitmap.go.',
  preset: 'Preset',
  openNote: 'Open note',
  saveScenario: 'Save scenario',
  openScenario: 'Open scenario',
  step: 'Step',
  run: 'Run all',
  pause: 'Pause',
  reset: 'Reset',
  stepHint: 'Keys: → step, Space run/pause, R reset (when focus is not in a text field).',
  allocate: 'Allocate',
  size: 'Size (bytes)',
  noPointers: 'no pointers',
  onP: 'on P',
  malloc: 'malloc',
  gc: 'Run GC',
  scavenge: 'Scavenge',
  free: 'Free',
  freeWhich: 'Free object',
  freeNone: '(nothing to free)',
  progress: 'Op {0} of {1}',
  progressPartial: 'Op {0} of {1} ({2}/{3} allocations)',
  finished: 'All {0} ops done',
  ps: 'Ps and their mcaches',
  pLabel: 'P{0}',
  mcacheEmpty: 'mcache empty',
  tinyBlock: 'tiny block: span {0} slot #{1}, offset {2}/16',
  noTiny: 'no tiny block',
  centrals: 'mcentral (one per span class)',
  centralRow: 'mcentral[{0}] class {1} ({2} B{3})',
  centralLarge: 'mcentral[{0}] class 0 (large objects{1})',
  noscanTag: ', noscan',
  partialFull: 'partial {0} · full {1}',
  noCentrals: 'No spans in any mcentral yet.',
  heap: 'mheap: pages and arenas',
  arena: 'arena {0} · 64 MB at {1}',
  arenaNone: 'No arena reserved yet: the first allocation maps one.',
  mapped: '{0} mapped of 64 MB',
  zoom: 'zoom: pages 0–{0} of the heap, one column per 8 KB page (outlines are span boundaries)',
  legendInuse: 'in use',
  legendIdle: 'free (idle)',
  legendReleased: 'free (released to the OS)',
  legendUnmapped: 'reserved, not mapped',
  osBoundary: 'OS boundary: mmap reserves arenas, sysMap commits them, the scavenger gives free pages back (MADV_DONTNEED)',
  spans: 'Spans (most recently used first)',
  spanTitle: 'span {0} · class {1} · {2} B × {3} · {4} page(s) at page {5} · {6}',
  spanLarge: 'span {0} · large object · {1} page(s) at page {2} · {3}',
  spansHidden: '{0} more spans not drawn.',
  slotsHidden: '+{0} slots',
  placeMcache: 'in P{0}\'s mcache',
  placePartial: 'in mcentral (partial)',
  placeFull: 'in mcentral (full)',
  slotUsed: 'used',
  slotFree: 'free',
  slotWaste: 'tail waste',
  slotDead: 'unreachable, awaiting sweep',
  stats: 'MemStats',
  chart: 'HeapInuse, HeapReleased and Sys over time',
  chartEmpty: 'Run some ops to draw the chart.',
  fragmentation: 'Fragmentation: {0} live bytes requested, {1} lost inside slots, {2} tail waste, {3} free slots in in-use spans ({4} of HeapInuse not holding data).',
  sysNote: 'Sys here counts heap memory only; the real runtime.MemStats.Sys adds stacks, GC metadata and other runtime structures.',
  explorer: 'Size class explorer',
  explorerLabel: 'Object size in bytes',
  explorerPointers: 'contains pointers',
  explorerResult: '{0} B → class {1}: {2} B slots, {3} B wasted per object, span of {4} page(s) = {5} B holding {6} objects (tail waste {7} B), span class {8}.',
  explorerHeader: '{0} B + {1} B malloc header = {2} B → class {3}: {4} B slots, {5} B wasted per object, span of {6} page(s) = {7} B holding {8} objects, span class {9}.',
  explorerTiny: '{0} B without pointers → tiny allocator: packed into 16-byte blocks (class 2, span class {1}) with {2}-byte alignment.',
  explorerLarge: '{0} B → large object (class 0): its own span of {1} page(s) = {2} B, {3} B wasted.',
  explorerInvalid: 'Type a whole number of bytes from 1 to {0}.',
  narration: 'What happened (newest first)',
  errorTitle: 'Problem',
  history: 'Before Go 1.11 and today',
  historyText: 'Up to Go 1.10 the heap was one contiguous reservation on 64-bit: a 512 MB spans region (one pointer per page to its mspan), a 16 GB bitmap (2 bits per heap word) and a 512 GB arena, so the heap could never exceed 512 GB and had to be contiguous. Since Go 1.11 the heap is a set of sparse 64 MB arenas (heapArenaBytes on linux/amd64), each with its own metadata (heapArena: spans, page bitmaps), found through a two-level arena index; arenas are reserved on demand at hinted addresses starting at 0xc000000000.',
  chartLegendInuse: 'HeapInuse',
  chartLegendReleased: 'HeapReleased',
  chartLegendSys: 'Sys',
  // narration
  nTiny: '{0} B noscan < 16 B → tiny allocator (16-byte blocks from span class {1})',
  nSmall: '{0} B {1} → class {2} ({3} B), span class {4}',
  nHeader: '{0} B with pointers > 512 B → + 8 B malloc header = {1} B → class {2} ({3} B), span class {4}',
  nLarge: '{0} B > {1} B → large object: class 0, span class {2}, {3} page(s) ({4} B)',
  nNoscan: 'noscan',
  nPointers: 'with pointers',
  nTinyFits: 'P{0}\'s tiny block (span {1} slot #{2}) has room: offset {3} (aligned to {4}) — no lock taken',
  nTinyNew: 'does not fit in P{0}\'s tiny block → new 16-byte block: span {1} slot #{2}, offset 0',
  nTinyKept: 'the new block has more room left, so it becomes P{0}\'s tiny block',
  nTinyNotKept: 'the old tiny block has more room left, so P{0} keeps it',
  nMcache: 'P{0}\'s mcache span {1} has a free slot #{2} — no lock taken',
  nRefill: 'P{0}\'s mcache span for span class {1} is full → refill from mcentral[{1}]',
  nRefillEmpty: 'P{0}\'s mcache has no span for span class {1} yet → refill from mcentral[{1}]',
  nReturned: 'the full span {0} goes back to mcentral[{1}]\'s full list',
  nCentral: 'mcentral[{0}] hands over span {1} from its partial swept set (lock-free spanSet pop) → slot #{2}',
  nCentralEmpty: 'mcentral[{0}] has no span with free slots → mheap (takes mheap.lock) allocates a {1}-page span {2} at page {3}',
  nLargeHeap: 'mheap (takes mheap.lock) finds {0} free page(s) at page {1}, lowest address first → span {2}, put on mcentral[{3}]\'s full list for the sweeper',
  nGrow: 'heap has no free run of {0} page(s) → grow by {1} ({2} pages, whole 4 MB chunks)',
  nGrowArena: 'heap has no free run of {0} page(s) → reserve {3} new 64 MB arena(s) from the OS (mmap) and map {1} of it ({2} pages)',
  nSlot: 'object at slot #{0} of span {1}, address {2}',
  nCount: '×{0}: {1} from the mcache, {2} refills from mcentral, {3} new spans from mheap, {4} heap growths; the last one went to span {5} slot #{6}',
  nFree: '{0}: {1} object(s) are now unreachable; the next GC sweep reclaims their slots',
  nGc: 'GC: every mcache flushed to mcentral; swept {0} spans, freed {1} objects ({2}); {3} empty span(s) ({4} pages) returned to the heap as idle pages (not yet released)',
  nScavenge: 'scavenger returned {0} free page(s) ({1}) to the OS, highest addresses first: HeapReleased grows, RSS shrinks',
  nScavengeNone: 'scavenger found no free, unreleased pages to return to the OS',
  errorOp: 'Error: {0}',
  // presets
  'preset.tiny-strings.title': 'Many small strings (tiny allocator)',
  'preset.tiny-strings.text': 'Pointer-free objects under 16 bytes share 16-byte blocks: 5 B, 3 B, then an 8 B value aligned to offset 8, 2 B, then 12 B that no longer fits and opens a new block. A pointerful 8 B object skips the tiny allocator. A block is freed only when all of its objects are unreachable; tiny allocations count as both a malloc and a free in MemStats.',
  'preset.growing-slice.title': 'A growing slice (append doubling)',
  'preset.growing-slice.text': 'Appending to a []int64 up to 20 000 elements: the capacity doubles until 256 elements, then grows by (cap + 768)/4, each time rounded up to a size class; past 32 KB the backing array is a large object. Every old array becomes garbage.',
  'preset.large-objects.title': 'Large objects',
  'preset.large-objects.text': 'Objects above 32 760 bytes (32 KB minus the 8-byte header slot) get their own span of whole 8 KB pages straight from mheap: 32 768 B already counts as large in Go 1.22. A 70 MB object needs a second arena. After GC the freed pages are reused first-fit by address, and the scavenger returns the idle ones.',
  'preset.fragmentation-gc.title': 'Fragmentation, then GC',
  'preset.fragmentation-gc.text': 'Freeing every second 48 B node leaves spans half full: GC frees the slots but cannot give the pages back, so HeapInuse stays high while HeapAlloc halves. The 1 KB temporaries die together, so their spans return to the heap and the scavenger can release them. New 48 B objects refill from mcentral\'s partial spans without new pages.',
  'preset.two-ps.title': 'Two Ps, same size class',
  'preset.two-ps.text': 'P0 and P1 both allocate 24 B objects (span class 7). Each has its own span in its own mcache, so neither takes a lock on the fast path; only when a span fills up does a P go to mcentral[7] or the heap.',
};

type Key = keyof typeof en;

const zh: Record<Key, string> = {
  title: 'Go 内存分配器模拟器',
  version: '模拟 {0}（{1}）：runtime/sizeclasses.go、malloc.go、mcache.go、mcentral.go、mheap.go、mpagealloc.go、mgcscavenge.go、mbitmap.go。',
  preset: '预设',
  openNote: '打开笔记',
  saveScenario: '保存场景',
  openScenario: '打开场景',
  step: '单步',
  run: '全部运行',
  pause: '暂停',
  reset: '重置',
  stepHint: '快捷键：→ 单步，空格 运行/暂停，R 重置（焦点不在输入框时）。',
  allocate: '分配',
  size: '大小（字节）',
  noPointers: '不含指针',
  onP: '在 P',
  malloc: 'malloc',
  gc: '运行 GC',
  scavenge: '归还内存',
  free: '释放',
  freeWhich: '释放对象',
  freeNone: '（没有可释放的对象）',
  progress: '第 {0} / {1} 步',
  progressPartial: '第 {0} / {1} 步（已分配 {2}/{3}）',
  finished: '{0} 步全部完成',
  ps: 'P 及其 mcache',
  pLabel: 'P{0}',
  mcacheEmpty: 'mcache 为空',
  tinyBlock: 'tiny 块：span {0} 槽 #{1}，偏移 {2}/16',
  noTiny: '没有 tiny 块',
  centrals: 'mcentral（每个 span class 一个）',
  centralRow: 'mcentral[{0}] 规格 {1}（{2} B{3}）',
  centralLarge: 'mcentral[{0}] 规格 0（大对象{1}）',
  noscanTag: '，noscan',
  partialFull: '部分空闲 {0} · 已满 {1}',
  noCentrals: '还没有 span 进入 mcentral。',
  heap: 'mheap：页与 arena',
  arena: 'arena {0} · 64 MB，起始 {1}',
  arenaNone: '尚未保留 arena：第一次分配时会映射一个。',
  mapped: '已映射 {0} / 64 MB',
  zoom: '放大：堆的第 0–{0} 页，每列一个 8 KB 页（细线为 span 边界）',
  legendInuse: '使用中',
  legendIdle: '空闲（未归还）',
  legendReleased: '空闲（已归还操作系统）',
  legendUnmapped: '已保留，未映射',
  osBoundary: '操作系统边界：mmap 保留 arena，sysMap 提交内存，scavenger 把空闲页归还（MADV_DONTNEED）',
  spans: 'span（最近使用的在前）',
  spanTitle: 'span {0} · 规格 {1} · {2} B × {3} · {4} 页，起始页 {5} · {6}',
  spanLarge: 'span {0} · 大对象 · {1} 页，起始页 {2} · {3}',
  spansHidden: '另有 {0} 个 span 未绘制。',
  slotsHidden: '+{0} 个槽',
  placeMcache: '在 P{0} 的 mcache 中',
  placePartial: '在 mcentral（部分空闲）',
  placeFull: '在 mcentral（已满）',
  slotUsed: '已用',
  slotFree: '空闲',
  slotWaste: '尾部浪费',
  slotDead: '不可达，等待清扫',
  stats: 'MemStats',
  chart: 'HeapInuse、HeapReleased 与 Sys 随时间变化',
  chartEmpty: '运行几步后这里会画出曲线。',
  fragmentation: '碎片：存活对象请求 {0}，槽内浪费 {1}，尾部浪费 {2}，使用中 span 的空闲槽 {3}（HeapInuse 中有 {4} 未存放数据）。',
  sysNote: '这里的 Sys 只统计堆内存；真实的 runtime.MemStats.Sys 还包括栈、GC 元数据等运行时结构。',
  explorer: '规格查询',
  explorerLabel: '对象大小（字节）',
  explorerPointers: '含指针',
  explorerResult: '{0} B → 规格 {1}：槽大小 {2} B，每个对象浪费 {3} B，span 为 {4} 页 = {5} B，可放 {6} 个对象（尾部浪费 {7} B），span class {8}。',
  explorerHeader: '{0} B + {1} B malloc 头 = {2} B → 规格 {3}：槽大小 {4} B，每个对象浪费 {5} B，span 为 {6} 页 = {7} B，可放 {8} 个对象，span class {9}。',
  explorerTiny: '{0} B 且不含指针 → tiny 分配器：打包进 16 字节块（规格 2，span class {1}），按 {2} 字节对齐。',
  explorerLarge: '{0} B → 大对象（规格 0）：独占 {1} 页的 span = {2} B，浪费 {3} B。',
  explorerInvalid: '请输入 1 到 {0} 之间的整数字节数。',
  narration: '发生了什么（最新在前）',
  errorTitle: '问题',
  history: 'Go 1.11 之前与现在',
  historyText: '在 Go 1.10 及以前，64 位平台上的堆是一整块连续保留的地址空间：512 MB 的 spans 区（每页一个指向 mspan 的指针）、16 GB 的 bitmap（每个堆字 2 位）和 512 GB 的 arena，所以堆不能超过 512 GB，且必须连续。从 Go 1.11 起，堆由稀疏的 64 MB arena 组成（linux/amd64 上的 heapArenaBytes），每个 arena 有自己的元数据（heapArena：spans、页位图），通过两级 arena 索引查找；arena 按需在从 0xc000000000 开始的提示地址上保留。',
  chartLegendInuse: 'HeapInuse',
  chartLegendReleased: 'HeapReleased',
  chartLegendSys: 'Sys',
  nTiny: '{0} B noscan < 16 B → tiny 分配器（从 span class {1} 取 16 字节块）',
  nSmall: '{0} B {1} → 规格 {2}（{3} B），span class {4}',
  nHeader: '{0} B 含指针且 > 512 B → 加 8 B malloc 头 = {1} B → 规格 {2}（{3} B），span class {4}',
  nLarge: '{0} B > {1} B → 大对象：规格 0，span class {2}，{3} 页（{4} B）',
  nNoscan: 'noscan',
  nPointers: '含指针',
  nTinyFits: 'P{0} 的 tiny 块（span {1} 槽 #{2}）还有空间：偏移 {3}（按 {4} 对齐）——无需加锁',
  nTinyNew: 'P{0} 的 tiny 块放不下 → 新的 16 字节块：span {1} 槽 #{2}，偏移 0',
  nTinyKept: '新块剩余空间更多，成为 P{0} 的 tiny 块',
  nTinyNotKept: '旧 tiny 块剩余空间更多，P{0} 继续使用旧块',
  nMcache: 'P{0} 的 mcache 中 span {1} 有空闲槽 #{2}——无需加锁',
  nRefill: 'P{0} 的 mcache 中 span class {1} 的 span 已满 → 从 mcentral[{1}] 补充（refill）',
  nRefillEmpty: 'P{0} 的 mcache 里还没有 span class {1} 的 span → 从 mcentral[{1}] 补充（refill）',
  nReturned: '已满的 span {0} 还给 mcentral[{1}] 的 full 集合',
  nCentral: 'mcentral[{0}] 从部分空闲且已清扫的集合交出 span {1}（无锁 spanSet pop）→ 槽 #{2}',
  nCentralEmpty: 'mcentral[{0}] 没有带空闲槽的 span → mheap（持有 mheap.lock）分配 {1} 页的 span {2}，起始页 {3}',
  nLargeHeap: 'mheap（持有 mheap.lock）按地址从低到高找到 {0} 个连续空闲页，起始页 {1} → span {2}，放入 mcentral[{3}] 的 full 集合供清扫器查看',
  nGrow: '堆里没有 {0} 个连续空闲页 → 增长 {1}（{2} 页，按 4 MB chunk 取整）',
  nGrowArena: '堆里没有 {0} 个连续空闲页 → 向操作系统保留（mmap）{3} 个新的 64 MB arena，并映射其中 {1}（{2} 页）',
  nSlot: '对象位于 span {1} 的槽 #{0}，地址 {2}',
  nCount: '×{0}：{1} 次来自 mcache，{2} 次从 mcentral 补充，{3} 个新 span 来自 mheap，{4} 次堆增长；最后一个在 span {5} 槽 #{6}',
  nFree: '{0}：{1} 个对象变为不可达；下一次 GC 清扫时回收它们的槽',
  nGc: 'GC：所有 mcache 交还给 mcentral；清扫 {0} 个 span，释放 {1} 个对象（{2}）；{3} 个空 span（{4} 页）还给堆，成为空闲页（尚未归还操作系统）',
  nScavenge: 'scavenger 把 {0} 个空闲页（{1}）归还操作系统，从高地址开始：HeapReleased 增加，RSS 下降',
  nScavengeNone: 'scavenger 没有找到可归还操作系统的空闲页',
  errorOp: '错误：{0}',
  'preset.tiny-strings.title': '大量小字符串（tiny 分配器）',
  'preset.tiny-strings.text': '小于 16 字节且不含指针的对象共用 16 字节块：5 B、3 B，然后 8 B 的值对齐到偏移 8，2 B，接着 12 B 放不下，开启新块。含指针的 8 B 对象不走 tiny 分配器。只有块内所有对象都不可达时块才被释放；MemStats 中 tiny 分配同时计为一次 malloc 和一次 free。',
  'preset.growing-slice.title': '不断增长的切片（append 翻倍）',
  'preset.growing-slice.text': '向 []int64 追加到 20 000 个元素：256 个元素之前容量翻倍，之后每次增长 (cap + 768)/4，并向上取整到规格大小；超过 32 KB 后底层数组成为大对象。每个旧数组都变成垃圾。',
  'preset.large-objects.title': '大对象',
  'preset.large-objects.text': '大于 32 760 字节（32 KB 减去 8 字节头）的对象直接从 mheap 取整页（8 KB）组成独占的 span：在 Go 1.22 中 32 768 B 已经算大对象。70 MB 的对象需要第二个 arena。GC 之后释放的页按地址首次适配被复用，scavenger 归还空闲页。',
  'preset.fragmentation-gc.title': '碎片化，然后 GC',
  'preset.fragmentation-gc.text': '每隔一个释放 48 B 的节点，span 只剩一半：GC 释放了槽，但页还不回去，所以 HeapAlloc 减半而 HeapInuse 不变。1 KB 的临时对象一起死亡，它们的 span 回到堆，scavenger 可以归还。新的 48 B 对象从 mcentral 的部分空闲 span 补充，不需要新页。',
  'preset.two-ps.title': '两个 P 分配同一规格',
  'preset.two-ps.text': 'P0 和 P1 都分配 24 B 对象（span class 7）。各自的 mcache 里有各自的 span，快速路径上谁都不加锁；只有 span 用满时才去 mcentral[7] 或堆。',
};

export const STRINGS: { readonly en: Record<Key, string>; readonly 'zh-cn': Record<Key, string> } = { en, 'zh-cn': zh };
export type StringKey = Key;

export function t(lang: SimLanguage, key: Key, ...args: (string | number)[]): string {
  const table = STRINGS[lang] ?? STRINGS.en;
  return (table[key] ?? STRINGS.en[key]).replace(/\{(\d+)\}/g, (m, i: string) => (args[Number(i)] !== undefined ? String(args[Number(i)]) : m));
}

/** 1.5 MB, 24 KB, 512 B. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(n % 1024 === 0 ? 0 : 1)} KB`;
  return `${n} B`;
}

/** The alignment the tiny allocator uses for this size (malloc.go, 64-bit). */
export function tinyAlignment(size: number): number {
  if ((size & 7) === 0) return 8;
  if ((size & 3) === 0) return 4;
  if ((size & 1) === 0) return 2;
  return 1;
}

function narrateMalloc(lang: SimLanguage, e: MallocEvent): string[] {
  const lines: string[] = [];
  if (e.tiny) lines.push(t(lang, 'nTiny', e.size, TINY_SPAN_CLASS));
  else if (e.class === 0) lines.push(t(lang, 'nLarge', e.size, MAX_SMALL_SIZE - MALLOC_HEADER_SIZE, e.spanClass, e.span.pages, e.span.pages * PAGE_SIZE));
  else if (e.header) lines.push(t(lang, 'nHeader', e.size, e.size + MALLOC_HEADER_SIZE, e.class, e.elemSize, e.spanClass));
  else lines.push(t(lang, 'nSmall', e.size, t(lang, e.noscan ? 'nNoscan' : 'nPointers'), e.class, e.elemSize, e.spanClass));
  if (e.count !== undefined && e.sources) {
    const s = e.sources;
    lines.push(t(lang, 'nCount', e.count, s.mcache, s.mcentral, s.mheap, s.os, e.span.id, e.slot));
    if (e.grow) lines.push(growLine(lang, e));
    return lines;
  }
  if (e.tiny && e.block && !e.block.new) {
    lines.push(t(lang, 'nTinyFits', e.p, e.span.id, e.slot, e.offset ?? 0, tinyAlignment(e.size)));
    return lines;
  }
  if (e.tiny) lines.push(t(lang, 'nTinyNew', e.p, e.span.id, e.slot));
  if (e.class === 0) {
    if (e.grow) lines.push(growLine(lang, e));
    lines.push(t(lang, 'nLargeHeap', e.span.pages, e.span.startPage, e.span.id, e.spanClass));
  } else if (e.source === 'mcache') {
    if (!e.tiny) lines.push(t(lang, 'nMcache', e.p, e.span.id, e.slot));
  } else {
    lines.push(t(lang, e.refill === 'empty' ? 'nRefillEmpty' : 'nRefill', e.p, e.spanClass));
    if (e.returnedSpan !== undefined) lines.push(t(lang, 'nReturned', e.returnedSpan, e.spanClass));
    if (e.source === 'mcentral') lines.push(t(lang, 'nCentral', e.spanClass, e.span.id, e.slot));
    else {
      if (e.grow) lines.push(growLine(lang, e));
      lines.push(t(lang, 'nCentralEmpty', e.spanClass, e.span.pages, e.span.id, e.span.startPage));
    }
  }
  if (e.tiny && e.block) lines.push(t(lang, e.block.kept ? 'nTinyKept' : 'nTinyNotKept', e.p));
  lines.push(t(lang, 'nSlot', e.slot, e.span.id, e.address));
  return lines;
}

function growLine(lang: SimLanguage, e: MallocEvent): string {
  const g = e.grow!;
  return g.newArenas > 0 ? t(lang, 'nGrowArena', e.span.pages, formatBytes(g.bytes), g.pages, g.newArenas) : t(lang, 'nGrow', e.span.pages, formatBytes(g.bytes), g.pages);
}

/** The narration of one event: the first line is the decision, the rest the path taken. */
export function narrate(lang: SimLanguage, e: AllocEvent): string[] {
  switch (e.op) {
    case 'malloc':
      return narrateMalloc(lang, e);
    case 'free':
      return [t(lang, 'nFree', e.as, e.objects)];
    case 'gc':
      return [t(lang, 'nGc', e.sweptSpans, e.freedObjects, formatBytes(e.freedBytes), e.freedSpans, e.freedPages)];
    case 'scavenge':
      return [e.releasedPages > 0 ? t(lang, 'nScavenge', e.releasedPages, formatBytes(e.releasedBytes)) : t(lang, 'nScavengeNone')];
  }
}
