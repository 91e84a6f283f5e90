package all_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gipsdev/gips/ops"
	_ "github.com/gipsdev/gips/ops/all"
)

const module = "github.com/gipsdev/gips"

// imports lists the import paths of the non-test Go files of a directory.
func imports(t *testing.T, dir string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
	var out []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		af, err := parser.ParseFile(token.NewFileSet(), f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range af.Imports {
			p, _ := strconv.Unquote(im.Path.Value)
			out = append(out, p)
		}
	}
	return out
}

// TestEveryFamilyIsImported: every package that registers ops (a
// register.go beside its kernels) is imported by ops/all, and each family
// has at least one op under its own name.
func TestEveryFamilyIsImported(t *testing.T) {
	have := imports(t, ".")
	regs, _ := filepath.Glob("../../*/register.go")
	if len(regs) < 6 {
		t.Fatalf("found %d register.go files, want the 6 families at least", len(regs))
	}
	families := map[string]bool{}
	for _, op := range ops.List() {
		families[op.Family()] = true
	}
	for _, r := range regs {
		pkg := filepath.Base(filepath.Dir(r))
		if !slices.Contains(have, module+"/"+pkg) {
			t.Errorf("ops/all does not import %s, which registers ops", pkg)
		}
		if !families[pkg] {
			t.Errorf("package %s registers no op of family %q", pkg, pkg)
		}
	}
}

// TestRegistryImportsOnlyTheRootPackage: the registry core stays below the
// families (they import it to register themselves).
func TestRegistryImportsOnlyTheRootPackage(t *testing.T) {
	for _, p := range imports(t, "..") {
		if strings.HasPrefix(p, module+"/") {
			t.Errorf("package ops imports %s: the registry core may import only %s", p, module)
		}
	}
	if _, err := os.Stat("../register.go"); err == nil {
		t.Error("ops has a register.go: families register from their own packages")
	}
}

// TestBorderParametersFollowTheOpsOwn: mode and cval (together) follow at
// least the op's first own parameter, so that Python's positional order is
// scipy's (gaussian(image, sigma), median_filter(image, size),
// zoom(image, zoom, ..., order, mode, cval)), in every family.
func TestBorderParametersFollowTheOpsOwn(t *testing.T) {
	for _, op := range ops.List() {
		n := len(op.Params)
		m := slices.IndexFunc(op.Params, func(p ops.Param) bool { return p.Name == "mode" })
		if m < 0 || op.Param("cval") == nil {
			continue
		}
		if (n > 2 && m == 0) || m+1 >= n || op.Params[m+1].Name != "cval" {
			names := make([]string, n)
			for i, p := range op.Params {
				names[i] = p.Name
			}
			t.Errorf("%s: parameters %v: want mode, cval together after the op's own", op.Name, names)
		}
	}
}
