package main

import "fmt"

func main() {
	defer fmt.Println("deferred calls run before the crash")
	panic(42)
}
