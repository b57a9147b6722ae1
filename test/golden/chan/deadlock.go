package main

import "fmt"

func main() {
	ch := make(chan int)
	fmt.Println("sending…")
	ch <- 42 // nobody will ever receive
	fmt.Println("never printed")
}
