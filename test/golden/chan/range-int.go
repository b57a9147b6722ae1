package main

import "fmt"

func main() {
	sum := 0
	for i := range 5 {
		sum += i
	}
	fmt.Println(sum)
}
