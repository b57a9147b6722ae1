package main

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
