package main

import "fmt"

func main() {
	done := make(chan struct{})
	msg := ""
	go func() {
		msg = "hello from the goroutine"
		done <- struct{}{}
	}()
	<-done
	fmt.Println(msg)
}
