package main

import "fmt"

func main() {
	ch := make(chan int, 1)
	ch <- 1
	select {
	case ch <- 2:
		fmt.Println("sent")
	default:
		fmt.Println("full")
	}
	<-ch
	select {
	case v := <-ch:
		fmt.Println("got", v)
	default:
		fmt.Println("empty")
	}
	var nilch chan int
	select {
	case nilch <- 1:
		fmt.Println("impossible")
	case v := <-nilch:
		fmt.Println("impossible", v)
	default:
		fmt.Println("nil channels are never ready")
	}
}
