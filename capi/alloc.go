package main

/*
#include <stdint.h>

typedef int64_t (*gips_alloc)(int64_t nbytes);

static int64_t gips_call_alloc(gips_alloc f, int64_t n) { return f(n); }
*/
import "C"

// callAlloc asks the caller's allocator for n bytes (Python: numpy).
func callAlloc(f C.gips_alloc, n int) int64 { return int64(C.gips_call_alloc(f, C.int64_t(n))) }
