package main

import "fmt"

func main() {
	n := 3
	panic(fmt.Sprintf("bad value %d (%s)", n, "three"))
}
