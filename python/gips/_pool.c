/* The output pool: large op outputs reuse the memory of freed ones.

   numpy allocates a large array (glibc: anything over 32 MiB) by a fresh
   mmap, whose pages the kernel zeroes on first touch: for a 268 MB label
   volume that is ~13 ms of a 60 ms call, paid again on every call of a
   loop over volumes of one size (issues 11 and 15). An op output of at
   least minBytes (32 MiB) is therefore a numpy array over a pool block
   (an object with the buffer protocol, the array's base): when the
   array and its views die, the block goes back to the pool instead of
   munmap, and the next output of about its size (at most an eighth
   smaller) takes it, its pages already mapped.

   Smaller outputs are numpy's own: once glibc has freed one mapping of
   their size its mmap threshold grows to it (up to 32 MiB) and its heap
   serves them from memory already touched, as it serves numpy's and
   OpenCV's outputs. The pool took them from 8 MiB until 2026-12-03: a
   block is a fresh mapping whenever the last output of that size still
   lives (a caller that keeps one result, as the bench keeps its warm-up
   result for the agreement check), and on this VM the first touch of a
   fresh mapping can stall (numpy's np.ones of 200 MB took 0.04-1.8 s on
   a process's first call, 35 ms after): a 1024x1024 float32 rgbToHsv
   (12 MiB out, 0.5 ms) took 47-87 ms on its first two calls after
   scikit-image's, 1.7-2.0 ms with glibc's heap.

   The pool holds at most maxBytes of freed blocks (default: a sixteenth
   of the RAM, at most 2 GiB; GIPS_OUTPUT_POOL_MB sets it, 0 turns the
   pool off), dropping the oldest first; gips.freeMemory empties it. A
   block larger than maxBytes is never kept. The contents of a reused
   block are the last owner's, as np.empty promises nothing: every op
   writes every pixel of its output (poison mode, for the tests, fills
   every block with 0xA5 bytes to prove it).

   Every function here runs with the GIL held (a block dies under it), so
   the pool needs no lock. */

#define PY_SSIZE_T_CLEAN
#include "_pool.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define POOL_SLOTS 16

typedef struct {
    void *p;
    size_t n; /* mapped bytes */
} span;

static span pool[POOL_SLOTS]; /* oldest first */
static int npool;
static size_t pooled;                 /* bytes in pool */
static size_t maxBytes;               /* set by poolInit */
static size_t minBytes = (size_t)32 << 20; /* glibc maps afresh from 32 MiB on, whatever its threshold */
static int poison;

static size_t pageRound(size_t n) {
    size_t pg = (size_t)sysconf(_SC_PAGESIZE);
    return (n + pg - 1) / pg * pg;
}

/* dropOldest unmaps the oldest pooled block. */
static void dropOldest(void) {
    munmap(pool[0].p, pool[0].n);
    pooled -= pool[0].n;
    npool--;
    memmove(pool, pool + 1, (size_t)npool * sizeof(span));
}

/* poolPut keeps block p of n mapped bytes for a later output, or unmaps it. */
static void poolPut(void *p, size_t n) {
    if (n > maxBytes) {
        munmap(p, n);
        return;
    }
    while (npool > 0 && (pooled + n > maxBytes || npool == POOL_SLOTS))
        dropOldest();
    if (poison)
        memset(p, 0xA5, n);
    pool[npool++] = (span){p, n};
    pooled += n;
}

/* poolTake is the smallest pooled block of n to n + n/8 bytes, taken out
   of the pool, or a fresh mapping (advised for huge pages: a large
   output's first touch then faults once per 2 MiB); NULL when mmap fails. */
static span poolTake(size_t n) {
    int best = -1;
    for (int i = 0; i < npool; i++)
        if (pool[i].n >= n && pool[i].n <= n + n / 8 && (best < 0 || pool[i].n < pool[best].n))
            best = i;
    if (best >= 0) {
        span s = pool[best];
        pooled -= s.n;
        npool--;
        memmove(pool + best, pool + best + 1, (size_t)(npool - best) * sizeof(span));
        return s;
    }
    size_t m = pageRound(n);
    void *p = mmap(NULL, m, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return (span){NULL, 0};
#ifdef MADV_HUGEPAGE
    madvise(p, m, MADV_HUGEPAGE);
#endif
    if (poison)
        memset(p, 0xA5, m);
    return (span){p, m};
}

/* A pool block: the base object of an output array. */
typedef struct {
    PyObject_HEAD
    void *p;
    size_t n;       /* mapped bytes */
    Py_ssize_t len; /* the array's bytes */
} block;

static int blockBuffer(PyObject *self, Py_buffer *view, int flags) {
    block *b = (block *)self;
    return PyBuffer_FillInfo(view, self, b->p, b->len, 0, flags);
}

static void blockDealloc(PyObject *self) {
    block *b = (block *)self;
    if (b->p != NULL)
        poolPut(b->p, b->n);
    Py_TYPE(self)->tp_free(self);
}

static PyBufferProcs blockBufferProcs = {blockBuffer, NULL};

static PyTypeObject blockType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "gips._fastcall.OutputBlock",
    .tp_basicsize = sizeof(block),
    .tp_dealloc = blockDealloc,
    .tp_as_buffer = &blockBufferProcs,
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "The memory of a gips op's output array; back to gips' output pool when the array dies.",
};

int poolInit(void) {
    long pages = sysconf(_SC_PHYS_PAGES), pg = sysconf(_SC_PAGESIZE);
    maxBytes = pages > 0 && pg > 0 ? (size_t)pages * (size_t)pg / 16 : 0;
    if (maxBytes > (size_t)2 << 30)
        maxBytes = (size_t)2 << 30;
    const char *env = getenv("GIPS_OUTPUT_POOL_MB");
    if (env != NULL && *env != '\0') {
        char *end;
        unsigned long long mb = strtoull(env, &end, 10);
        if (*end != '\0' || env[0] == '-' || mb > ((size_t)-1 >> 20)) {
            PyErr_Format(PyExc_ValueError, "GIPS_OUTPUT_POOL_MB=%s: want a number of MiB (0 turns the pool off)", env);
            return -1;
        }
        maxBytes = (size_t)mb << 20;
    }
    return PyType_Ready(&blockType);
}

/* outputBytes is the bytes of an array of shape (a tuple of ints, or an
   int) and dtype when that is at least minBytes; 0 when smaller or not
   a shape and dtype it reads (numpy.empty then says what is wrong). */
static Py_ssize_t outputBytes(PyObject *shape, PyObject *dtype) {
    Py_ssize_t n = 1;
    PyObject *const *dims = &shape;
    Py_ssize_t nd = 1;
    if (PyTuple_CheckExact(shape)) {
        dims = &PyTuple_GET_ITEM(shape, 0);
        nd = PyTuple_GET_SIZE(shape);
    }
    for (Py_ssize_t i = 0; i < nd; i++) {
        if (!PyLong_CheckExact(dims[i]))
            return 0;
        Py_ssize_t d = PyLong_AsSsize_t(dims[i]);
        if (d < 0) {
            PyErr_Clear();
            return 0;
        }
        if (d != 0 && n > PY_SSIZE_T_MAX / 16 / d)
            return 0; /* numpy says whether it is too large */
        n *= d;
    }
    if ((size_t)n * 16 < minBytes)
        return 0; /* small whatever the dtype: no attribute lookup */
    /* A dtype's itemsize (a type such as numpy.uint8 has none of its own:
       numpy.empty takes it the slow way). */
    PyObject *is = PyObject_GetAttrString(dtype, "itemsize");
    Py_ssize_t item = is != NULL && PyLong_CheckExact(is) ? PyLong_AsSsize_t(is) : -1;
    Py_XDECREF(is);
    if (item <= 0) {
        PyErr_Clear();
        return 0;
    }
    return (size_t)(n * item) >= minBytes ? n * item : 0;
}

PyObject *poolEmpty(PyObject *ndarray, PyObject *shape, PyObject *dtype) {
    Py_ssize_t nbytes = maxBytes > 0 && ndarray != NULL ? outputBytes(shape, dtype) : 0;
    if (nbytes == 0 || (size_t)nbytes > maxBytes)
        return NULL;
    span s = poolTake((size_t)nbytes);
    if (s.p == NULL)
        return PyErr_NoMemory();
    block *b = PyObject_New(block, &blockType);
    if (b == NULL) {
        poolPut(s.p, s.n);
        return NULL;
    }
    b->p = s.p;
    b->n = s.n;
    b->len = nbytes;
    PyObject *args[3] = {shape, dtype, (PyObject *)b};
    PyObject *a = PyObject_Vectorcall(ndarray, args, 3, NULL); /* ndarray(shape, dtype, buffer) */
    Py_DECREF(b);                                              /* the array holds it as its base */
    return a;
}

PyObject *poolConfigure(PyObject *self, PyObject *args, PyObject *kw) {
    static char *names[] = {"maxBytes", "minBytes", "poison", NULL};
    long long mx = -1, mn = -1;
    int ps = -1;
    if (!PyArg_ParseTupleAndKeywords(args, kw, "|LLi:outputPool", names, &mx, &mn, &ps))
        return NULL;
    PyObject *was = Py_BuildValue("(KKKi)", (unsigned long long)maxBytes, (unsigned long long)minBytes,
                                  (unsigned long long)pooled, npool);
    if (mx >= 0) {
        maxBytes = (size_t)mx;
        while (npool > 0 && pooled > maxBytes)
            dropOldest();
    }
    if (mn >= 0)
        minBytes = (size_t)mn;
    if (ps >= 0)
        poison = ps != 0;
    return was;
}

PyObject *poolRelease(PyObject *self, PyObject *unused) {
    size_t n = pooled;
    while (npool > 0)
        dropOldest();
    return PyLong_FromSize_t(n);
}
