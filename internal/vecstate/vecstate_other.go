//go:build !amd64

package vecstate

const available = false

func xinuse() uint32 { return 0 }
func soil()          {}
func clean()         {}
