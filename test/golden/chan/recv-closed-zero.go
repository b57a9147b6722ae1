package main

import "fmt"

func main() {
	s := make(chan string)
	n := make(chan int, 2)
	e := make(chan struct{})
	close(s)
	n <- 7
	close(n)
	close(e)
	v, ok := <-s
	fmt.Printf("%q %v\n", v, ok)
	a, ok1 := <-n
	b, ok2 := <-n
	fmt.Println(a, ok1, b, ok2)
	x, ok3 := <-e
	fmt.Println(x, ok3)
}
