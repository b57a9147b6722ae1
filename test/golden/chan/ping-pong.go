package main

import "fmt"

func main() {
	ping := make(chan string) // unbuffered: a send waits for a receiver
	pong := make(chan string)
	go func() {
		for i := 0; i < 3; i++ {
			msg := <-ping
			fmt.Println(msg)
			pong <- "pong"
		}
	}()
	for i := 0; i < 3; i++ {
		ping <- "ping"
		fmt.Println(<-pong)
	}
}
