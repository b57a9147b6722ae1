package main

import (
	"fmt"
	"time"
)

func main() {
	ch := make(chan int)
	go func() {
		ch <- 1 // parks in sendq; closechan wakes it with success == false
	}()
	time.Sleep(10 * time.Millisecond)
	fmt.Println("closing")
	close(ch)
	time.Sleep(10 * time.Millisecond)
	fmt.Println("not reached")
}
