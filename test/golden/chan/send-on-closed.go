package main

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
