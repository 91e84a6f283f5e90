package main

/*
#include <stdlib.h>
*/
import "C"

import (
	"encoding/json"
	"errors"
	"fmt"
	"runtime/debug"
	"sync"
	"syscall"

	"github.com/gipsdev/gips"
	"github.com/gipsdev/gips/ops"
)

// Status codes returned by every entry point. The Python side maps them to
// exceptions; the mapping from Go's sentinel errors to codes is here, once.
const (
	codeOK       = 0
	codeError    = 1 // any other gips error: gips.GipsError
	codeType     = 2 // a dtype or buffer type not accepted: TypeError
	codeValue    = 3 // a shape, geometry, range or parameter: ValueError
	codeReadOnly = 4 // a write into read-only memory was refused
	codeCopy     = 5 // a copy was needed and refused (copy=False)
	codeInternal = 6 // a panic or a malformed request: a bug, please report
	codeTooLarge = 7 // an allocation beyond gips.MaxAlloc was refused: MemoryError
)

// codeOf classifies an error by the sentinel it wraps. The order matters:
// an ops error that wraps a dtype error is a type error.
func codeOf(err error) int {
	switch {
	case errors.Is(err, errRequest):
		return codeInternal
	case errors.Is(err, gips.ErrTooLarge):
		return codeTooLarge
	case errors.Is(err, gips.ErrReadOnly):
		return codeReadOnly
	case errors.Is(err, gips.ErrCopyRequired):
		return codeCopy
	case errors.Is(err, gips.ErrDType), errors.Is(err, gips.ErrBufferType):
		return codeType
	case errors.Is(err, gips.ErrShape), errors.Is(err, gips.ErrGeometry), errors.Is(err, gips.ErrRange),
		errors.Is(err, ops.ErrParam), errors.Is(err, ops.ErrInput), errors.Is(err, ops.ErrOutput),
		errors.Is(err, ops.ErrUnknownOp):
		return codeValue
	}
	return codeError
}

// errRequest marks a request that the binding itself got wrong.
var errRequest = errors.New("malformed request")

// handler serves one request body and returns the value to send back as JSON.
type handler func(req []byte) (any, error)

// serve runs h on the request and writes the reply into *out. It is the only
// way into Go from C.
func serve(req *C.char, out **C.char, h handler) C.int {
	var body []byte
	if req != nil {
		body = []byte(C.GoString(req))
	}
	code, text := run(body, h)
	return C.int(reply(out, code, text))
}

// run serves one request and gives the status code and the reply text (the
// JSON reply, or the error message). It recovers from any panic, so none
// crosses the boundary.
func run(body []byte, h handler) (code int, text string) {
	defer func() {
		if r := recover(); r != nil {
			code, text = codeInternal, fmt.Sprintf("gips: internal error (a bug, please report it): panic: %v\n%s", r, debug.Stack())
		}
	}()
	res, err := h(body)
	if err != nil {
		return codeOf(err), err.Error()
	}
	if _, ok := res.(noReplyT); ok { // a type check: res == noReply called runtime.efaceeq, cold after a system call
		return codeOK, ""
	}
	js, err := json.Marshal(res)
	if err != nil {
		return codeInternal, "gips: encoding the reply: " + err.Error()
	}
	return codeOK, string(js)
}

// reply stores text in *out (when out is not NULL) and returns code.
func reply(out **C.char, code int, text string) int {
	if code != codeOK {
		setLastError(text)
	}
	if out != nil {
		*out = nil // nothing to say (noReply): no allocation, no free
		if code != codeOK || text != "" {
			*out = C.CString(text)
		}
	}
	return code
}

// decode parses a JSON request into v.
func decode(req []byte, v any) error {
	if err := json.Unmarshal(req, v); err != nil {
		return fmt.Errorf("%w: %v", errRequest, err)
	}
	return nil
}

// The last error per OS thread: a C caller's thread runs the whole call, so
// its thread id names the caller.
var (
	lastMu   sync.Mutex
	lastErrs = map[int]string{}
)

func setLastError(s string) {
	lastMu.Lock()
	if len(lastErrs) >= 4096 { // threads come and go: forget old ones
		clear(lastErrs)
	}
	lastErrs[syscall.Gettid()] = s
	lastMu.Unlock()
}

func lastError() string {
	lastMu.Lock()
	defer lastMu.Unlock()
	return lastErrs[syscall.Gettid()]
}
