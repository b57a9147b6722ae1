package main

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
