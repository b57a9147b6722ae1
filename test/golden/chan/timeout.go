package main

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
