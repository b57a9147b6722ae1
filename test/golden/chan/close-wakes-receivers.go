package main

import (
	"fmt"
	"sync"
)

func main() {
	ch := make(chan int)
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, ok := <-ch
			if ok {
				fmt.Println("unexpected value", v)
			}
		}()
	}
	close(ch)
	wg.Wait()
	fmt.Println("all receivers released")
}
