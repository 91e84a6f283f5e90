/* gips._fastcall.bind: the generated op functions as C callables.

   A generated op function (gips/arith.py, ...: python/gips/_gen.py) is one
   Python frame around run(name, *inputs, out=out, p=p, ...). From Python
   that frame was about 28 ns of the 290 ns of an 8x8 in-place add, the
   whole of gips' excess over numpy's 258 ns on the percall row (issue 15).
   An OpFunc makes the same call of run without the frame: it binds the
   call's arguments to the function's signature here (positional inputs,
   then parameters by position or keyword, the function's own defaults for
   the rest) and calls run with the keywords in the function's order.

   An op that writes into one of its inputs when no output is given
   (util.eraseImg: `if out is None: out = image` in its function) is bound
   with that input's index: out=None becomes that input here, as the
   function's two lines would make it.

   Any call it does not bind exactly (too few or too many positional
   arguments, an unknown or repeated keyword, a required parameter left
   out) goes to the Python function itself, so that Python raises its own
   TypeError. The function stays reachable as __wrapped__ (inspect.signature
   follows it) and lends the object its __doc__, __name__, __qualname__,
   __module__ and any other attribute; the object pickles by name, as the
   function did. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stddef.h>

#include "_opfunc.h"

#define MAX_OPARGS 32

typedef struct {
    PyObject_HEAD
    vectorcallfunc vectorcall;
    PyObject *func;              /* the generated Python function */
    PyObject *run;               /* what it calls: gips._ops.run */
    _PyCFunctionFastWithKeywords direct; /* run's C function when it is one (_fastcall.run) */
    PyObject *directSelf;        /* ... and its self (borrowed from run) */
    PyObject *name;              /* the registry name: run's first argument */
    PyObject *names;             /* tuple: run's keyword names, in the function's call order */
    PyObject *defs[MAX_OPARGS];  /* each name's default; NULL: required */
    Py_ssize_t posslot[MAX_OPARGS]; /* the positional parameter nin+i is names[posslot[i]] */
    Py_ssize_t nin;              /* the image inputs: the first positional parameters */
    Py_ssize_t npos;             /* how many parameters may be given by position (inputs too) */
    Py_ssize_t modifies;         /* the input written into when out is None, or -1 */
    Py_ssize_t outslot;          /* the index of "out" in names, or -1 */
} OpFunc;

static PyObject *opfuncVectorcall(PyObject *self, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
    OpFunc *f = (OpFunc *)self;
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    Py_ssize_t nkw = kwnames != NULL ? PyTuple_GET_SIZE(kwnames) : 0;
    Py_ssize_t n = PyTuple_GET_SIZE(f->names);
    if (nargs < f->nin || nargs > f->npos)
        goto python;
    /* buf[0] is spare (PY_VECTORCALL_ARGUMENTS_OFFSET), then the name,
       the inputs and the keywords' values. */
    PyObject *buf[2 + 2 * MAX_OPARGS];
    PyObject **st = buf + 1;
    st[0] = f->name;
    for (Py_ssize_t i = 0; i < f->nin; i++)
        st[1 + i] = args[i];
    PyObject **vals = st + 1 + f->nin;
    for (Py_ssize_t j = 0; j < n; j++)
        vals[j] = NULL;
    for (Py_ssize_t i = f->nin; i < nargs; i++)
        vals[f->posslot[i - f->nin]] = args[i];
    for (Py_ssize_t k = 0; k < nkw; k++) {
        PyObject *key = PyTuple_GET_ITEM(kwnames, k);
        Py_ssize_t j = 0;
        while (j < n && PyTuple_GET_ITEM(f->names, j) != key) /* names are interned: identity first */
            j++;
        if (j == n) {
            for (j = 0; j < n; j++) {
                int c = PyUnicode_Compare(PyTuple_GET_ITEM(f->names, j), key);
                if (c == -1 && PyErr_Occurred())
                    return NULL;
                if (c == 0)
                    break;
            }
        }
        if (j == n || vals[j] != NULL)
            goto python; /* unknown or given twice: Python's TypeError */
        vals[j] = args[nargs + k];
    }
    for (Py_ssize_t j = 0; j < n; j++) {
        if (vals[j] == NULL) {
            if (f->defs[j] == NULL)
                goto python; /* a required parameter missing */
            vals[j] = f->defs[j];
        }
    }
    if (f->modifies >= 0 && vals[f->outslot] == Py_None) /* the function's `if out is None: out = image` */
        vals[f->outslot] = st[1 + f->modifies];
    if (f->direct != NULL) /* no vectorcall dispatch: ~5 ns of a 270 ns call */
        return f->direct(f->directSelf, st, 1 + f->nin, f->names);
    return PyObject_Vectorcall(f->run, st, (size_t)(1 + f->nin) | PY_VECTORCALL_ARGUMENTS_OFFSET, f->names);
python:
    return PyObject_Vectorcall(f->func, args, nargsf, kwnames);
}

static int opfuncTraverse(OpFunc *f, visitproc visit, void *arg) {
    Py_VISIT(f->func);
    Py_VISIT(f->run);
    Py_VISIT(f->name);
    Py_VISIT(f->names);
    for (int j = 0; j < MAX_OPARGS; j++)
        Py_VISIT(f->defs[j]);
    return 0;
}

static int opfuncClear(OpFunc *f) {
    Py_CLEAR(f->func);
    Py_CLEAR(f->run);
    Py_CLEAR(f->name);
    Py_CLEAR(f->names);
    for (int j = 0; j < MAX_OPARGS; j++)
        Py_CLEAR(f->defs[j]);
    return 0;
}

static void opfuncDealloc(OpFunc *f) {
    PyObject_GC_UnTrack(f);
    opfuncClear(f);
    Py_TYPE(f)->tp_free((PyObject *)f);
}

/* Attributes the object does not have itself are the function's. */
static PyObject *opfuncGetattro(PyObject *self, PyObject *name) {
    PyObject *v = PyObject_GenericGetAttr(self, name);
    if (v != NULL || !PyErr_ExceptionMatches(PyExc_AttributeError))
        return v;
    PyErr_Clear();
    return PyObject_GetAttr(((OpFunc *)self)->func, name);
}

static PyObject *opfuncFuncAttr(PyObject *self, void *name) {
    return PyObject_GetAttrString(((OpFunc *)self)->func, (const char *)name);
}

static PyObject *opfuncWrapped(PyObject *self, void *unused) {
    return Py_NewRef(((OpFunc *)self)->func);
}

static PyGetSetDef opfuncGetset[] = {
    {"__doc__", opfuncFuncAttr, NULL, NULL, "__doc__"},
    {"__name__", opfuncFuncAttr, NULL, NULL, "__name__"},
    {"__qualname__", opfuncFuncAttr, NULL, NULL, "__qualname__"},
    {"__module__", opfuncFuncAttr, NULL, NULL, "__module__"},
    {"__wrapped__", opfuncWrapped, NULL, "the generated Python function", NULL},
    {NULL},
};

/* A module-level function pickles by its name (pickle then checks that
   the module's attribute is this object). */
static PyObject *opfuncReduce(PyObject *self, PyObject *unused) {
    return PyObject_GetAttrString(((OpFunc *)self)->func, "__qualname__");
}

static PyMethodDef opfuncMethods[] = {
    {"__reduce__", opfuncReduce, METH_NOARGS, NULL},
    {NULL},
};

/* As a function in a class, it does not bind (help() and inspect then
   take it for a routine: a descriptor without __set__). */
static PyObject *opfuncGet(PyObject *self, PyObject *obj, PyObject *type) {
    return Py_NewRef(self);
}

static PyObject *opfuncRepr(PyObject *self) {
    OpFunc *f = (OpFunc *)self;
    return PyUnicode_FromFormat("<gips op function %R (%U)>", f->func, f->name);
}

static PyTypeObject OpFuncType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "gips._fastcall.OpFunc",
    .tp_basicsize = sizeof(OpFunc),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL,
    .tp_doc = "A generated gips op function called from C (python/gips/_opfunc.c).",
    .tp_vectorcall_offset = offsetof(OpFunc, vectorcall),
    .tp_call = PyVectorcall_Call,
    .tp_traverse = (traverseproc)opfuncTraverse,
    .tp_clear = (inquiry)opfuncClear,
    .tp_dealloc = (destructor)opfuncDealloc,
    .tp_getattro = opfuncGetattro,
    .tp_getset = opfuncGetset,
    .tp_methods = opfuncMethods,
    .tp_descr_get = opfuncGet,
    .tp_repr = opfuncRepr,
};

/* bind(func, run, name, nin, names, defaults, required, posslots[,
   modifies]): func as an OpFunc. names is the tuple of run's keywords in
   func's call order, defaults their defaults (the object `required` where
   there is none), posslots the index in names of each parameter that may
   follow the nin inputs by position, modifies the input that out=None
   stands for (names must then hold "out"), or -1. */
PyObject *opfuncBind(PyObject *module, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 8 && nargs != 9)
        return PyErr_Format(PyExc_TypeError, "bind: takes 8 or 9 arguments, got %zd", nargs);
    PyObject *func = args[0], *run = args[1], *name = args[2], *names = args[4], *defaults = args[5],
             *required = args[6], *posslots = args[7];
    Py_ssize_t nin = PyLong_AsSsize_t(args[3]);
    if (nin == -1 && PyErr_Occurred())
        return NULL;
    if (!PyCallable_Check(func) || !PyCallable_Check(run) || !PyUnicode_Check(name) || !PyTuple_Check(names) ||
        !PyTuple_Check(defaults) || !PyTuple_Check(posslots))
        return PyErr_Format(PyExc_TypeError, "bind: func, run callable; name str; names, defaults, posslots tuples");
    Py_ssize_t n = PyTuple_GET_SIZE(names), np = PyTuple_GET_SIZE(posslots);
    if (nin < 0 || nin > MAX_OPARGS || n > MAX_OPARGS || np > n || PyTuple_GET_SIZE(defaults) != n)
        return PyErr_Format(PyExc_ValueError, "bind: %zd inputs, %zd names, %zd defaults, %zd positional: want at most %d "
                            "inputs and names, a default per name", nin, n, PyTuple_GET_SIZE(defaults), np, MAX_OPARGS);
    Py_ssize_t modifies = nargs == 9 ? PyLong_AsSsize_t(args[8]) : -1, outslot = -1;
    if (modifies == -1 && PyErr_Occurred())
        return NULL;
    for (Py_ssize_t j = 0; j < n; j++) {
        if (!PyUnicode_Check(PyTuple_GET_ITEM(names, j)))
            return PyErr_Format(PyExc_TypeError, "bind: names[%zd] is not a str", j);
        if (PyUnicode_CompareWithASCIIString(PyTuple_GET_ITEM(names, j), "out") == 0)
            outslot = j;
    }
    if (modifies < -1 || modifies >= nin || (modifies >= 0 && outslot < 0))
        return PyErr_Format(PyExc_ValueError, "bind: modifies %zd: want -1, or an input (0 to %zd) of a function with out",
                            modifies, nin - 1);
    OpFunc *f = PyObject_GC_New(OpFunc, &OpFuncType);
    if (f == NULL)
        return NULL;
    f->vectorcall = opfuncVectorcall;
    f->func = Py_NewRef(func);
    f->run = Py_NewRef(run);
    f->direct = NULL;
    f->directSelf = NULL;
    if (PyCFunction_Check(run) && (PyCFunction_GET_FLAGS(run) & ~METH_COEXIST) == (METH_FASTCALL | METH_KEYWORDS)) {
        f->direct = (_PyCFunctionFastWithKeywords)(void (*)(void))PyCFunction_GET_FUNCTION(run);
        f->directSelf = PyCFunction_GET_SELF(run);
    }
    f->name = Py_NewRef(name);
    f->names = Py_NewRef(names);
    f->nin = nin;
    f->npos = nin + np;
    f->modifies = modifies;
    f->outslot = outslot;
    for (Py_ssize_t j = 0; j < MAX_OPARGS; j++) {
        PyObject *d = j < n ? PyTuple_GET_ITEM(defaults, j) : NULL;
        f->defs[j] = d != NULL && d != required ? Py_NewRef(d) : NULL;
    }
    for (Py_ssize_t i = 0; i < np; i++) {
        Py_ssize_t s = PyLong_AsSsize_t(PyTuple_GET_ITEM(posslots, i));
        if (s < 0 || s >= n) {
            Py_DECREF(f);
            if (!PyErr_Occurred())
                PyErr_Format(PyExc_ValueError, "bind: posslots[%zd] = %zd: want 0 to %zd", i, s, n - 1);
            return NULL;
        }
        f->posslot[i] = s;
    }
    PyObject_GC_Track(f);
    return (PyObject *)f;
}

int opfuncReady(void) { return PyType_Ready(&OpFuncType); }
