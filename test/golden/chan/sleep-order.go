package main

import (
	"fmt"
	"time"
)

func main() {
	done := make(chan bool)
	for _, d := range []int{30, 10, 20} {
		go func(ms int) {
			time.Sleep(time.Duration(ms) * time.Millisecond)
			fmt.Println("slept", ms)
			done <- true
		}(d)
	}
	for i := 0; i < 3; i++ {
		<-done
	}
}
