// The start-up baseline of B1: the plain C++ hello-world every C++ program costs at least.
#include <iostream>

int main() { std::cout << "hello, world\n"; }
