package main

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
