//go:build !amd64

package vecstate

const available, hasAVX = false, false

func xinuse() uint32 { return 0 }
func soil()          {}
func clean()         {}
