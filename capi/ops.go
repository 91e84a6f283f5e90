package main

import "fmt"

func handleOps([]byte) (any, error)      { return []any{}, nil }
func handleOpOutput([]byte) (any, error) { return nil, fmt.Errorf("ops: not yet") }
func handleOpRun([]byte) (any, error)    { return nil, fmt.Errorf("ops: not yet") }
