package main

import "fmt"

func main() {
	ch := make(chan int, 1)
	go func() {
		fmt.Println("goroutine")
	}()
	ch <- 1
	fmt.Println("main")
}
