package main

import "fmt"

func main() {
	fmt.Printf("%d %s %v %t %q\n", 42, "go", []int{1, 2}, true, "hi")
	fmt.Printf("[%5d] [%-5d] [%05d] [%3s] [%-3s]\n", 7, 7, 7, "a", "b")
	fmt.Printf("%d %v\n", "str", []string{"x", "y"})
	fmt.Printf("%d %d\n", 1)
	fmt.Printf("%d\n", 1, 2)
	fmt.Println(fmt.Sprint("a", 1, 2, "b", true), fmt.Sprintf("%q", 'x'))
	var err error
	fmt.Println(err, 100%7, 1<<10, 6&^3)
}
