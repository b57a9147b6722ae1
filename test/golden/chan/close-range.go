package main

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
	fmt.Printf("after close: %q %v\n", v, ok)
}
