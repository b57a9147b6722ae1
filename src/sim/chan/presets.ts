/**
 * The channel simulator's presets: real Go programs (each has its expected outcome in
 * test/golden/chan/ID.expected.json, checked against the real Go toolchain), a short explanation in both languages,
 * and the heading of the channels note (topic `go-channels`) each one illustrates.
 */
import type { ChanLang } from './strings';

export const NOTE_TOPIC = 'go-channels';

export interface ChanPreset {
  readonly id: string;
  readonly title: Readonly<Record<ChanLang, string>>;
  readonly explain: Readonly<Record<ChanLang, string>>;
  /** Heading slug in the go-channels note. */
  readonly slug: string;
  readonly source: string;
}

const PING_PONG = `package main

import "fmt"

func main() {
	ping := make(chan string) // unbuffered: a send waits for a receiver
	pong := make(chan string)
	go func() {
		for i := 0; i < 3; i++ {
			msg := <-ping
			fmt.Println(msg)
			pong <- "pong"
		}
	}()
	for i := 0; i < 3; i++ {
		ping <- "ping"
		fmt.Println(<-pong)
	}
}
`;

const PRODUCER_CONSUMER = `package main

import "fmt"

func main() {
	ch := make(chan int, 3) // a ring buffer of 3 slots
	done := make(chan bool)
	go func() {
		for v := range ch {
			fmt.Println("consumed", v)
		}
		done <- true
	}()
	for i := 1; i <= 5; i++ {
		ch <- i
	}
	close(ch)
	<-done
	fmt.Println("len", len(ch), "cap", cap(ch))
}
`;

const CLOSE_RANGE = `package main

import "fmt"

func main() {
	ch := make(chan string, 2)
	go func() {
		ch <- "a"
		ch <- "b"
		ch <- "c"
		close(ch)
	}()
	for s := range ch {
		fmt.Println("got", s)
	}
	v, ok := <-ch
	fmt.Printf("after close: %q %v\\n", v, ok)
}
`;

const WORKER_POOL = `package main

import (
	"fmt"
	"sync"
)

func worker(jobs <-chan int, results chan<- int, wg *sync.WaitGroup) {
	defer wg.Done()
	for j := range jobs {
		results <- j * j
	}
}

func main() {
	jobs := make(chan int, 5)
	results := make(chan int, 5)
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go worker(jobs, results, &wg)
	}
	for i := 1; i <= 5; i++ {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	close(results)
	sum := 0
	for r := range results {
		sum += r
	}
	fmt.Println("sum of squares:", sum)
}
`;

const FAN_IN = `package main

import "fmt"

func producer(name string, n int) <-chan string {
	out := make(chan string)
	go func() {
		for i := 0; i < n; i++ {
			out <- fmt.Sprintf("%s%d", name, i)
		}
		close(out)
	}()
	return out
}

func main() {
	a := producer("a", 2)
	b := producer("b", 2)
	for a != nil || b != nil {
		select {
		case v, ok := <-a:
			if !ok {
				a = nil
				continue
			}
			fmt.Println(v)
		case v, ok := <-b:
			if !ok {
				b = nil
				continue
			}
			fmt.Println(v)
		}
	}
	fmt.Println("both closed")
}
`;

const TIMEOUT = `package main

import (
	"fmt"
	"time"
)

func main() {
	result := make(chan string, 1)
	go func() {
		time.Sleep(200 * time.Millisecond) // a slow call
		result <- "done"
	}()
	select {
	case r := <-result:
		fmt.Println(r)
	case <-time.After(100 * time.Millisecond):
		fmt.Println("timeout")
	}
}
`;

const DEADLOCK = `package main

import "fmt"

func main() {
	ch := make(chan int)
	fmt.Println("sending…")
	ch <- 42 // nobody will ever receive
	fmt.Println("never printed")
}
`;

const SEND_ON_CLOSED = `package main

import "fmt"

func main() {
	ch := make(chan int, 1)
	ch <- 1
	close(ch)
	fmt.Println(<-ch) // buffered values survive close
	v, ok := <-ch
	fmt.Println(v, ok)
	ch <- 2 // panics
}
`;

const NIL_CHANNEL = `package main

import "fmt"

func main() {
	data := make(chan int)
	quit := make(chan struct{})
	go func() {
		for i := 1; i <= 3; i++ {
			data <- i
		}
		close(quit)
	}()
	in := data
	for {
		select {
		case v := <-in:
			fmt.Println("value", v)
			if v == 3 {
				in = nil // a nil channel is never ready: this case is now disabled
			}
		case <-quit:
			fmt.Println("quit")
			return
		}
	}
}
`;

const NONDETERMINISTIC = `package main

import "fmt"

func main() {
	a := make(chan string, 1)
	b := make(chan string, 1)
	a <- "a"
	b <- "b"
	// Both cases are ready: select picks one uniformly at random.
	select {
	case v := <-a:
		fmt.Println(v)
	case v := <-b:
		fmt.Println(v)
	}
}
`;

export const CHAN_PRESETS: readonly ChanPreset[] = [
  {
    id: 'ping-pong', slug: 'who-wakes-whom', source: PING_PONG,
    title: { en: 'Unbuffered ping-pong', 'zh-cn': '无缓冲乒乓' },
    explain: {
      en: 'main and a goroutine take turns over two unbuffered channels. A send either finds the partner parked in recvq and hands the value over directly, or parks in sendq until the partner arrives — there is no buffer.',
      'zh-cn': 'main 和一个 goroutine 通过两个无缓冲通道轮流收发。发送要么发现对方已在 recvq 中挂起并直接把值交给它，要么在 sendq 中挂起直到对方到来 —— 没有缓冲区。',
    },
  },
  {
    id: 'producer-consumer', slug: 'ring-buffer', source: PRODUCER_CONSUMER,
    title: { en: 'Buffered producer / consumer', 'zh-cn': '带缓冲的生产者 / 消费者' },
    explain: {
      en: 'A channel with a 3-slot ring buffer: the producer writes at sendx, the consumer reads at recvx, both wrap around. When the buffer is full the producer parks in sendq.',
      'zh-cn': '缓冲区为 3 个槽位的环形队列：生产者在 sendx 写入，消费者在 recvx 读取，两者都会回绕。缓冲区满时生产者在 sendq 中挂起。',
    },
  },
  {
    id: 'close-range', slug: 'close', source: CLOSE_RANGE,
    title: { en: 'Close and range', 'zh-cn': '关闭与 range' },
    explain: {
      en: 'for range keeps receiving until the channel is closed and drained. A receive after that returns the zero value with ok == false.',
      'zh-cn': 'for range 会一直接收，直到通道被关闭且取空。之后的接收返回零值且 ok == false。',
    },
  },
  {
    id: 'worker-pool', slug: 'csp', source: WORKER_POOL,
    title: { en: 'Worker pool with WaitGroup', 'zh-cn': '使用 WaitGroup 的工作池' },
    explain: {
      en: 'Three workers share one jobs channel; a WaitGroup tells main when they are all done so it can close results. Which worker gets which job varies; the sum does not.',
      'zh-cn': '三个 worker 共享一个 jobs 通道；WaitGroup 告诉 main 它们何时全部完成，于是可以关闭 results。哪个 worker 拿到哪个任务会变化，总和不变。',
    },
  },
  {
    id: 'fan-in', slug: 'select', source: FAN_IN,
    title: { en: 'Fan-in with select', 'zh-cn': '用 select 扇入' },
    explain: {
      en: 'select merges two producers. The order of a0, a1, b0, b1 depends on scheduling and on select\'s random poll order; a closed input is set to nil so its case is never chosen again.',
      'zh-cn': 'select 合并两个生产者。a0、a1、b0、b1 的顺序取决于调度和 select 的随机轮询顺序；关闭的输入被设为 nil，它的 case 不会再被选中。',
    },
  },
  {
    id: 'timeout', slug: 'select', source: TIMEOUT,
    title: { en: 'Timeout with time.After', 'zh-cn': '用 time.After 超时' },
    explain: {
      en: 'time.After returns a channel that a timer fills after 100 ms on the virtual clock. The worker needs 200 ms, so the timer case wins every time.',
      'zh-cn': 'time.After 返回一个通道，定时器会在虚拟时钟 100 ms 后写入它。worker 需要 200 ms，所以每次都是定时器的 case 胜出。',
    },
  },
  {
    id: 'deadlock', slug: 'deadlock-detection', source: DEADLOCK,
    title: { en: 'Deadlock: a forgotten receiver', 'zh-cn': '死锁：忘了接收者' },
    explain: {
      en: 'main sends on an unbuffered channel nobody reads. It parks in sendq; no goroutine can run and no timer is pending, so the runtime reports the deadlock.',
      'zh-cn': 'main 向一个没人读取的无缓冲通道发送，在 sendq 中挂起；没有 goroutine 能运行，也没有定时器，于是运行时报告死锁。',
    },
  },
  {
    id: 'send-on-closed', slug: 'behaviour-table', source: SEND_ON_CLOSED,
    title: { en: 'Send on a closed channel', 'zh-cn': '向已关闭的通道发送' },
    explain: {
      en: 'Values buffered before close can still be received; then receives return zero, false. Sending on the closed channel panics.',
      'zh-cn': '关闭前已缓冲的值仍可被接收；之后接收返回零值和 false。向已关闭的通道发送会 panic。',
    },
  },
  {
    id: 'nil-channel', slug: 'select', source: NIL_CHANNEL,
    title: { en: 'A nil channel disables a select case', 'zh-cn': 'nil 通道禁用 select 分支' },
    explain: {
      en: 'Setting in = nil removes that case from select: selectgo skips cases whose channel is nil, so only quit can fire afterwards.',
      'zh-cn': '把 in 设为 nil 就把这个 case 从 select 中去掉了：selectgo 会跳过通道为 nil 的 case，之后只有 quit 能触发。',
    },
  },
  {
    id: 'nondeterministic-select', slug: 'select', source: NONDETERMINISTIC,
    title: { en: 'A non-deterministic select', 'zh-cn': '不确定的 select' },
    explain: {
      en: 'Both channels hold a value, so both cases are ready; selectgo shuffles its poll order, so "a" and "b" each win about half the time. Try "What can it print?".',
      'zh-cn': '两个通道都有值，两个 case 都就绪；selectgo 会打乱轮询顺序，所以 "a" 和 "b" 各约一半机会胜出。试试“它可能打印什么？”。',
    },
  },
];

export function findPreset(id: string | undefined): ChanPreset | undefined {
  return CHAN_PRESETS.find((p) => p.id === id);
}

/** Note headings of the go-channels note, for links. */
export const NOTE_SLUGS = ['csp', 'hchan', 'ring-buffer', 'wait-queues', 'send-path', 'receive-path', 'who-wakes-whom', 'close', 'behaviour-table', 'select', 'deadlock-detection', 'memory-model'] as const;
