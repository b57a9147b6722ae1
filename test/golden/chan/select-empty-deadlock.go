package main

import "fmt"

func main() {
	go fmt.Println("a goroutine runs and exits")
	select {}
}
