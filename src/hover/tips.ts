import type { NoteLanguage } from '../notes/model';
import type { SimulatorKind } from '../sim/protocol';
import type { TipId } from './classify';

export interface TipText {
  /** What really happens, one or two sentences. */
  readonly what: string;
  /** The interview gotcha. */
  readonly gotcha: string;
}

export interface Tip {
  readonly title: string;
  readonly text: Record<NoteLanguage, TipText>;
  /** The note (and heading id) that teaches it; checked against the bundled notes by a unit test. */
  readonly note?: { readonly topic: string; readonly section?: string };
  /** The simulator preset that shows it; checked against the simulators' presets by a unit test. */
  readonly visualize?: { readonly simulator: SimulatorKind; readonly preset: string };
}

/** Facts as of Go 1.22 unless a version is named. */
export const TIPS: Record<TipId, Tip> = {
  go: {
    title: 'go statement',
    text: {
      en: {
        what: 'Starts the call in a new goroutine and returns at once. The function value and arguments are evaluated in the calling goroutine first. The new goroutine starts on a small stack (at least 2 KB; since Go 1.19 sized from the average stack use) that grows by copying, and the runtime schedules it on a P.',
        gotcha: 'The program exits when `main` returns — it does not wait for other goroutines (use `sync.WaitGroup` or channels). Since Go 1.22 each loop iteration has its own loop variable, so goroutines started in a loop no longer share it.',
      },
      'zh-cn': {
        what: '在新的 goroutine 中执行该调用并立即返回。函数值和参数在当前 goroutine 中先求值。新 goroutine 从很小的栈开始（至少 2 KB；Go 1.19 起按历史平均栈用量决定初始大小），按需复制扩容，由运行时调度到某个 P 上执行。',
        gotcha: '`main` 返回时程序直接退出，不会等待其他 goroutine（用 `sync.WaitGroup` 或 channel 等待）。Go 1.22 起每次循环迭代都有独立的循环变量，循环里启动的 goroutine 不再共享它。',
      },
    },
    note: { topic: 'goroutines', section: 'stacks' },
    visualize: { simulator: 'chan', preset: 'ping-pong' },
  },
  chan: {
    title: 'chan',
    text: {
      en: {
        what: 'A channel is a runtime `hchan`: a lock, an optional circular buffer (`buf`, `dataqsiz`, `sendx`, `recvx`, `qcount`) and queues of parked senders and receivers (`sendq`, `recvq`). An unbuffered channel hands each value directly from sender to receiver.',
        gotcha: 'The zero value is `nil`: sending to or receiving from a nil channel blocks forever — handy for switching off a `select` case, a deadlock anywhere else.',
      },
      'zh-cn': {
        what: 'channel 在运行时是一个 `hchan`：一把锁、一个可选的环形缓冲区（`buf`、`dataqsiz`、`sendx`、`recvx`、`qcount`），以及挂起的发送者和接收者队列（`sendq`、`recvq`）。无缓冲 channel 把值直接从发送方交给接收方。',
        gotcha: '零值是 `nil`：对 nil channel 发送或接收会永久阻塞——在 `select` 里可以用来关掉某个分支，在别处就是死锁。',
      },
    },
    note: { topic: 'go-channels', section: 'hchan' },
    visualize: { simulator: 'chan', preset: 'ping-pong' },
  },
  'chan-send-only': {
    title: 'chan<- T (send-only)',
    text: {
      en: {
        what: 'A send-only channel type: receiving from it does not compile. A bidirectional `chan T` converts to it implicitly, never back.',
        gotcha: 'Closing a send-only channel is allowed (the sender is the side that should close); closing a receive-only `<-chan T` does not compile.',
      },
      'zh-cn': {
        what: '只发送 channel 类型：从它接收无法通过编译。双向的 `chan T` 可以隐式转换成它，反之不行。',
        gotcha: '可以关闭只发送 channel（本来就该由发送方关闭）；关闭只接收的 `<-chan T` 无法通过编译。',
      },
    },
    note: { topic: 'go-channels', section: 'hchan' },
  },
  'chan-recv-only': {
    title: '<-chan T (receive-only)',
    text: {
      en: {
        what: 'A receive-only channel type: sends to it do not compile. Returning `<-chan T` from a producer function tells callers they may only read.',
        gotcha: '`close` on a receive-only channel is a compile error ("cannot close receive-only channel"): closing is the producer’s job.',
      },
      'zh-cn': {
        what: '只接收 channel 类型：向它发送无法通过编译。生产者函数返回 `<-chan T`，表示调用方只能读。',
        gotcha: '对只接收 channel 调用 `close` 是编译错误（cannot close receive-only channel）：关闭是生产者的事。',
      },
    },
    note: { topic: 'go-channels', section: 'hchan' },
  },
  send: {
    title: 'ch <- v (send)',
    text: {
      en: {
        what: 'If a receiver is parked in `recvq`, the value is copied straight to it (direct handoff, skipping the buffer). Otherwise, if the buffer has room, it goes into `buf[sendx]`. Otherwise the sender parks in `sendq` until a receiver takes it.',
        gotcha: 'Sending on a closed channel panics ("send on closed channel"); sending on a nil channel blocks forever.',
      },
      'zh-cn': {
        what: '如果 `recvq` 里有等待的接收者，值直接拷贝给它（直接交接，不经过缓冲区）；否则缓冲区有空位就写入 `buf[sendx]`；否则发送者挂到 `sendq` 上，等接收者来取。',
        gotcha: '向已关闭的 channel 发送会 panic（send on closed channel）；向 nil channel 发送永久阻塞。',
      },
    },
    note: { topic: 'go-channels', section: 'send-path' },
    visualize: { simulator: 'chan', preset: 'ping-pong' },
  },
  receive: {
    title: '<-ch (receive)',
    text: {
      en: {
        what: 'Takes from the buffer at `recvx` first; if a sender is parked, its value then moves into the freed slot and the sender is woken. On an unbuffered channel it takes directly from a parked sender. Otherwise the receiver parks in `recvq`.',
        gotcha: 'A closed and drained channel returns the zero value immediately; use `v, ok := <-ch` (ok is false) to tell it from a real zero.',
      },
      'zh-cn': {
        what: '先从缓冲区的 `recvx` 处取值；如果有发送者在等，就把它的值挪进腾出的槽位并唤醒它。无缓冲 channel 直接从等待的发送者手里取。否则接收者挂到 `recvq` 上。',
        gotcha: '已关闭且取空的 channel 会立即返回零值；用 `v, ok := <-ch`（ok 为 false）区分真正的零值。',
      },
    },
    note: { topic: 'go-channels', section: 'receive-path' },
    visualize: { simulator: 'chan', preset: 'ping-pong' },
  },
  select: {
    title: 'select',
    text: {
      en: {
        what: 'Waits on several channel operations. The runtime polls the cases in a random order, so when several are ready one is chosen uniformly at random; with none ready it runs `default` if there is one, otherwise it parks on all the channels and wakes on the first that is ready.',
        gotcha: 'Case order gives no priority. Cases on nil channels are never chosen. `select {}` blocks forever.',
      },
      'zh-cn': {
        what: '同时等待多个 channel 操作。运行时以随机顺序轮询各个分支，多个就绪时等概率随机选一个；都没就绪时有 `default` 就执行 `default`，否则挂在所有 channel 上，谁先就绪就被谁唤醒。',
        gotcha: '分支的书写顺序不代表优先级。nil channel 的分支永远不会被选中。`select {}` 会永久阻塞。',
      },
    },
    note: { topic: 'go-channels', section: 'select' },
    visualize: { simulator: 'chan', preset: 'fan-in' },
  },
  'select-default': {
    title: 'default in select',
    text: {
      en: {
        what: 'Makes the `select` non-blocking: `default` runs when no other case can proceed right now.',
        gotcha: 'A `select` with `default` inside a `for` loop busy-spins and burns a CPU core; block on the channels, or wait on a ticker.',
      },
      'zh-cn': {
        what: '让 `select` 变成非阻塞：此刻没有其他分支能执行时就走 `default`。',
        gotcha: '在 `for` 循环里用带 `default` 的 `select` 会空转、吃满一个 CPU 核；应当阻塞等待，或配合 ticker。',
      },
    },
    note: { topic: 'go-channels', section: 'select' },
    visualize: { simulator: 'chan', preset: 'nil-channel' },
  },
  defer: {
    title: 'defer',
    text: {
      en: {
        what: 'Runs the call when the surrounding function returns — normally or while panicking — in last-in, first-out order. The arguments are evaluated when the `defer` statement runs, not when the call happens. Since Go 1.14 most defers are open-coded and nearly free.',
        gotcha: 'A `defer` in a loop runs only when the function returns, not per iteration, so resources pile up. A deferred closure can still change named results.',
      },
      'zh-cn': {
        what: '在外层函数返回时（正常返回或 panic 时）执行该调用，按后进先出的顺序。参数在执行 `defer` 语句时就已求值，而不是调用时。Go 1.14 起大多数 defer 是 open-coded 的，几乎没有开销。',
        gotcha: '循环里的 `defer` 要等函数返回才执行，而不是每轮执行，资源会越积越多。defer 的闭包仍可以修改具名返回值。',
      },
    },
  },
  panic: {
    title: 'panic',
    text: {
      en: {
        what: 'Stops normal execution of the goroutine and runs its deferred calls; if none of them recovers, the program crashes with the panic value and every goroutine’s stack.',
        gotcha: 'A panic in any goroutine takes down the whole process: a `recover` in `main` does not catch panics raised in other goroutines.',
      },
      'zh-cn': {
        what: '终止当前 goroutine 的正常执行并运行它的 defer；如果没有 defer 调用 recover，整个程序带着 panic 值和所有 goroutine 的栈崩溃退出。',
        gotcha: '任何一个 goroutine panic 都会让整个进程退出：`main` 里的 `recover` 抓不到其他 goroutine 里的 panic。',
      },
    },
  },
  recover: {
    title: 'recover',
    text: {
      en: {
        what: 'Stops a panic and returns its value — but only when called directly by a deferred function in the panicking goroutine; anywhere else it returns nil.',
        gotcha: '`recover()` inside a helper that the deferred function calls does not stop the panic.',
      },
      'zh-cn': {
        what: '终止 panic 并返回 panic 的值——但只有在发生 panic 的 goroutine 里、由 defer 的函数直接调用时才有效；其他地方调用返回 nil。',
        gotcha: '在 defer 函数调用的辅助函数里再调用 `recover()`，并不能止住 panic。',
      },
    },
  },
  'make-chan': {
    title: 'make(chan T, n)',
    text: {
      en: {
        what: 'Allocates an `hchan`. `n` is the buffer capacity; 0 or omitted means unbuffered, where every send waits for a receiver.',
        gotcha: 'A buffer only decouples timing; it does not make a send safe if nobody ever receives: once it is full, senders block.',
      },
      'zh-cn': {
        what: '分配一个 `hchan`。`n` 是缓冲区容量；为 0 或省略时是无缓冲 channel，每次发送都要等接收者。',
        gotcha: '缓冲只是解耦了时序，并不能让没有接收者的发送变安全：缓冲区满了发送者照样阻塞。',
      },
    },
    note: { topic: 'go-channels', section: 'ring-buffer' },
    visualize: { simulator: 'chan', preset: 'producer-consumer' },
  },
  'make-slice': {
    title: 'make([]T, len, cap)',
    text: {
      en: {
        what: 'Allocates a zeroed backing array of `cap` elements and returns a slice of length `len` over it. Whether the array lives on the heap or the stack is decided by escape analysis.',
        gotcha: '`append` past `cap` allocates a new array and copies; until then, slices that share the array see each other’s writes.',
      },
      'zh-cn': {
        what: '分配一个容量为 `cap`、已清零的底层数组，返回长度为 `len` 的切片。数组分配在堆上还是栈上由逃逸分析决定。',
        gotcha: '`append` 超过 `cap` 会分配新数组并复制；在此之前，共享同一数组的切片会互相看到对方的写入。',
      },
    },
    note: { topic: 'go-memory', section: 'escape-analysis' },
    visualize: { simulator: 'alloc', preset: 'growing-slice' },
  },
  'make-map': {
    title: 'make(map[K]V, hint)',
    text: {
      en: {
        what: 'Creates a hash map; the optional hint pre-sizes it to hold that many entries without growing.',
        gotcha: 'Maps are not safe for concurrent writes: the runtime detects it and stops the program with "fatal error: concurrent map writes", which `recover` cannot catch. Iteration order is deliberately random.',
      },
      'zh-cn': {
        what: '创建一个哈希表；可选的 hint 让它预先分配足够容纳这么多元素的空间，避免扩容。',
        gotcha: 'map 不支持并发写：运行时检测到后直接以 "fatal error: concurrent map writes" 终止程序，`recover` 也救不回来。遍历顺序是故意随机的。',
      },
    },
    note: { topic: 'go-memory', section: 'size-classes' },
  },
  new: {
    title: 'new(T)',
    text: {
      en: {
        what: 'Allocates a zeroed `T` and returns a `*T`. Heap or stack is decided by escape analysis, not by `new`.',
        gotcha: '`new(map[string]int)` is a pointer to a nil map — writing to it panics; maps, slices and channels need `make`.',
      },
      'zh-cn': {
        what: '分配一个零值的 `T` 并返回 `*T`。分配在堆上还是栈上由逃逸分析决定，与是否用 `new` 无关。',
        gotcha: '`new(map[string]int)` 得到的是指向 nil map 的指针，写入会 panic；map、切片和 channel 要用 `make`。',
      },
    },
    note: { topic: 'go-memory', section: 'escape-analysis' },
    visualize: { simulator: 'alloc', preset: 'tiny-strings' },
  },
  close: {
    title: 'close(ch)',
    text: {
      en: {
        what: 'Marks the channel closed and wakes every parked receiver and every parked sender. Receivers drain what is still buffered, then get the zero value with ok == false; the woken senders panic.',
        gotcha: 'Closing a nil channel or a closed one panics ("close of nil channel", "close of closed channel"). Only the sender side should close; receivers never need to.',
      },
      'zh-cn': {
        what: '把 channel 标记为关闭，并唤醒所有挂起的接收者和发送者。接收者先取完缓冲区里剩下的值，之后得到零值且 ok == false；被唤醒的发送者会 panic。',
        gotcha: '关闭 nil channel 或已关闭的 channel 会 panic（close of nil channel / close of closed channel）。应由发送方关闭，接收方不需要关闭。',
      },
    },
    note: { topic: 'go-channels', section: 'close' },
    visualize: { simulator: 'chan', preset: 'close-range' },
  },
  'len-chan': {
    title: 'len(ch)',
    text: {
      en: {
        what: 'The number of values queued in the channel’s buffer right now (`qcount`); always 0 for an unbuffered channel.',
        gotcha: 'The number is stale as soon as you read it: never use it to decide whether a send or receive will block — use `select` with `default`.',
      },
      'zh-cn': {
        what: '此刻缓冲区里排队的元素个数（`qcount`）；无缓冲 channel 恒为 0。',
        gotcha: '读到的值立刻就可能过时：不要用它判断收发会不会阻塞，应该用带 `default` 的 `select`。',
      },
    },
    note: { topic: 'go-channels', section: 'ring-buffer' },
    visualize: { simulator: 'chan', preset: 'producer-consumer' },
  },
  'cap-chan': {
    title: 'cap(ch)',
    text: {
      en: {
        what: 'The buffer capacity (`dataqsiz`) fixed at `make`; 0 for an unbuffered channel.',
        gotcha: '`cap` of a nil channel is 0, the same as an unbuffered one — it does not tell you whether the channel exists.',
      },
      'zh-cn': {
        what: '在 `make` 时确定的缓冲区容量（`dataqsiz`）；无缓冲 channel 为 0。',
        gotcha: 'nil channel 的 `cap` 也是 0，和无缓冲 channel 一样，据此判断不了 channel 是否存在。',
      },
    },
    note: { topic: 'go-channels', section: 'ring-buffer' },
    visualize: { simulator: 'chan', preset: 'producer-consumer' },
  },
  'range-chan': {
    title: 'range over a channel',
    text: {
      en: {
        what: '`for v := range ch` receives values until the channel is closed and its buffer drained, then the loop ends.',
        gotcha: 'If nobody closes the channel the loop never ends; when every goroutine is stuck like that the runtime stops with "fatal error: all goroutines are asleep - deadlock!".',
      },
      'zh-cn': {
        what: '`for v := range ch` 不断接收，直到 channel 被关闭且缓冲区取空，循环才结束。',
        gotcha: '没人关闭 channel，循环就永远不结束；所有 goroutine 都这样卡住时，运行时报 "fatal error: all goroutines are asleep - deadlock!"。',
      },
    },
    note: { topic: 'go-channels', section: 'deadlock-detection' },
    visualize: { simulator: 'chan', preset: 'close-range' },
  },
  'sync-mutex': {
    title: 'sync.Mutex',
    text: {
      en: {
        what: 'A mutual-exclusion lock; not re-entrant. It has a normal mode and a starvation mode: once a waiter has waited over 1 ms, ownership is handed off in FIFO order so that waiters cannot starve.',
        gotcha: 'Copying a Mutex (passing a struct by value) copies its state — `go vet` (copylocks) reports it. Locking twice from the same goroutine deadlocks.',
      },
      'zh-cn': {
        what: '互斥锁，不可重入。分正常模式和饥饿模式：某个等待者等待超过 1 ms 后，锁按 FIFO 顺序直接交接，避免等待者饿死。',
        gotcha: '复制 Mutex（例如按值传结构体）会连状态一起复制——`go vet`（copylocks）会报出来。同一个 goroutine 加锁两次会死锁。',
      },
    },
    note: { topic: 'go-channels', section: 'channels-vs-mutexes' },
  },
  'sync-rwmutex': {
    title: 'sync.RWMutex',
    text: {
      en: {
        what: 'Many readers or one writer. Once a writer is waiting in `Lock`, new `RLock` calls block, so a steady stream of readers cannot starve the writer.',
        gotcha: 'Recursive read locking is unsafe: an `RLock` taken while another goroutine waits in `Lock` blocks behind the writer, which waits for the first read lock — deadlock.',
      },
      'zh-cn': {
        what: '多读单写。一旦有写者在 `Lock` 上等待，新的 `RLock` 就会阻塞，源源不断的读者饿不死写者。',
        gotcha: '不能递归加读锁：已持有读锁时再 `RLock`，若恰好有写者在等 `Lock`，就会排在写者后面，而写者在等第一个读锁——死锁。',
      },
    },
    note: { topic: 'go-channels', section: 'channels-vs-mutexes' },
  },
  'sync-waitgroup': {
    title: 'sync.WaitGroup',
    text: {
      en: {
        what: 'A counter of outstanding work: `Add(n)` before starting goroutines, `Done()` in each (usually `defer wg.Done()`), `Wait()` blocks until the counter is zero.',
        gotcha: 'Call `Add` before the `go` statement, not inside the goroutine, or `Wait` can return too early. A negative counter panics.',
      },
      'zh-cn': {
        what: '未完成任务的计数器：启动 goroutine 之前 `Add(n)`，每个 goroutine 里 `Done()`（通常 `defer wg.Done()`），`Wait()` 阻塞到计数归零。',
        gotcha: '`Add` 要在 `go` 语句之前调用，不要放进 goroutine 里，否则 `Wait` 可能提前返回。计数变成负数会 panic。',
      },
    },
    visualize: { simulator: 'chan', preset: 'worker-pool' },
  },
  'sync-once': {
    title: 'sync.Once',
    text: {
      en: {
        what: '`Do(f)` runs `f` exactly once across all goroutines; concurrent callers wait until that first call has returned. Go 1.21 added `sync.OnceFunc`, `OnceValue` and `OnceValues`.',
        gotcha: 'If `f` panics, `Do` still counts it as done and never retries. Calling `Do` from inside `f` deadlocks.',
      },
      'zh-cn': {
        what: '`Do(f)` 在所有 goroutine 之间只执行一次 `f`；并发调用者会等第一次调用返回。Go 1.21 新增了 `sync.OnceFunc`、`OnceValue`、`OnceValues`。',
        gotcha: '`f` panic 了，`Do` 也算执行过，不会重试。在 `f` 里再调用 `Do` 会死锁。',
      },
    },
  },
  context: {
    title: 'context.Context',
    text: {
      en: {
        what: 'Carries a deadline, a cancellation signal (`Done()` channel, `Err()`) and request-scoped values across API boundaries. Pass it as the first parameter, named `ctx`.',
        gotcha: 'Don’t keep a Context in a struct. Long-running loops must check `ctx.Done()`/`ctx.Err()` — cancellation is cooperative. Values are for request-scoped data, not optional parameters.',
      },
      'zh-cn': {
        what: '跨 API 边界传递截止时间、取消信号（`Done()` channel、`Err()`）和请求级的值。作为第一个参数传递，命名为 `ctx`。',
        gotcha: '不要把 Context 存进结构体。长时间运行的循环必须检查 `ctx.Done()`/`ctx.Err()`——取消是协作式的。Value 用于请求级数据，不是可选参数。',
      },
    },
    note: { topic: 'resilience', section: 'deadline-propagation' },
  },
  'context-withcancel': {
    title: 'context.WithCancel',
    text: {
      en: {
        what: 'Returns a child context and a `cancel` function. Calling `cancel` (or cancelling the parent) closes the child’s `Done` channel and cancels its descendants.',
        gotcha: 'Always call `cancel` — usually `defer cancel()` — or the child stays registered with its parent until the parent ends; `go vet` (lostcancel) reports it.',
      },
      'zh-cn': {
        what: '返回子 context 和 `cancel` 函数。调用 `cancel`（或父 context 被取消）会关闭子 context 的 `Done` channel，并取消它的所有后代。',
        gotcha: '一定要调用 `cancel`——通常是 `defer cancel()`——否则子 context 一直挂在父 context 上直到父结束；`go vet`（lostcancel）会报出来。',
      },
    },
    note: { topic: 'resilience', section: 'deadline-propagation' },
  },
  'context-withtimeout': {
    title: 'context.WithTimeout / WithDeadline',
    text: {
      en: {
        what: '`WithTimeout(parent, d)` is `WithDeadline(parent, time.Now().Add(d))`: `Done` closes at the deadline and `Err()` returns `context.DeadlineExceeded`.',
        gotcha: 'A child’s deadline can never be later than its parent’s. Still call `cancel` to release the timer as soon as the work is done.',
      },
      'zh-cn': {
        what: '`WithTimeout(parent, d)` 等价于 `WithDeadline(parent, time.Now().Add(d))`：到期时关闭 `Done`，`Err()` 返回 `context.DeadlineExceeded`。',
        gotcha: '子 context 的截止时间不可能晚于父 context。工作完成后仍要调用 `cancel`，尽早释放定时器。',
      },
    },
    note: { topic: 'resilience', section: 'timeouts' },
  },
  'runtime-gc': {
    title: 'runtime.GC',
    text: {
      en: {
        what: 'Runs a full garbage collection and blocks the caller until it has finished.',
        gotcha: 'Rarely right in production code: tune `GOGC`, or set a soft limit with `GOMEMLIMIT` (Go 1.19+), and let the pacer decide.',
      },
      'zh-cn': {
        what: '执行一次完整的垃圾回收，并阻塞调用者直到完成。',
        gotcha: '生产代码里很少需要：调 `GOGC`，或用 `GOMEMLIMIT`（Go 1.19+）设软上限，让 pacer 自己决定。',
      },
    },
    note: { topic: 'go-memory', section: 'pacing' },
    visualize: { simulator: 'alloc', preset: 'fragmentation-gc' },
  },
  'runtime-gosched': {
    title: 'runtime.Gosched',
    text: {
      en: {
        what: 'Yields the processor: the current goroutine goes to the global run queue so others can run, and resumes later on its own.',
        gotcha: 'It is not synchronisation. Since Go 1.14 asynchronous preemption interrupts tight loops, so they no longer need `Gosched` to let others run.',
      },
      'zh-cn': {
        what: '让出处理器：当前 goroutine 放回全局运行队列，让别的 goroutine 运行，之后会自动恢复执行。',
        gotcha: '它不是同步手段。Go 1.14 起有异步抢占，紧凑循环也会被打断，不再需要 `Gosched` 来给别人让路。',
      },
    },
    note: { topic: 'goroutines', section: 'preemption' },
  },
  'runtime-gomaxprocs': {
    title: 'runtime.GOMAXPROCS',
    text: {
      en: {
        what: 'Sets the number of Ps — how many OS threads may run Go code at the same time — and returns the previous value; `GOMAXPROCS(0)` only reads it. It defaults to the number of CPUs.',
        gotcha: 'Threads blocked in system calls do not count. Before Go 1.25 the default ignored a container’s cgroup CPU limit; Go 1.25 takes the limit into account.',
      },
      'zh-cn': {
        what: '设置 P 的数量——即同时能运行 Go 代码的 OS 线程数——并返回旧值；`GOMAXPROCS(0)` 只读取。默认等于 CPU 数。',
        gotcha: '阻塞在系统调用里的线程不计入。Go 1.25 之前默认值不考虑容器的 cgroup CPU 限额；Go 1.25 起会考虑。',
      },
    },
    note: { topic: 'goroutines', section: 'gomaxprocs' },
  },
  atomic: {
    title: 'sync/atomic',
    text: {
      en: {
        what: 'Lock-free atomic operations on integers and pointers: `Add`, `Load`, `Store`, `Swap`, `CompareAndSwap`. Since Go 1.19 there are typed values such as `atomic.Int64` and `atomic.Pointer[T]`.',
        gotcha: 'Mixing atomic and plain reads or writes of the same variable is a data race. On 32-bit platforms 64-bit atomics need 8-byte alignment, which `atomic.Int64` guarantees.',
      },
      'zh-cn': {
        what: '对整数和指针的无锁原子操作：`Add`、`Load`、`Store`、`Swap`、`CompareAndSwap`。Go 1.19 起有 `atomic.Int64`、`atomic.Pointer[T]` 等类型化的值。',
        gotcha: '对同一个变量混用原子操作和普通读写就是数据竞争。32 位平台上 64 位原子操作需要 8 字节对齐，`atomic.Int64` 会保证这一点。',
      },
    },
  },
};
