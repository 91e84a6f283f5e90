/* gips._fastcall: the op call of python/gips/_ops.py without ctypes.

   An op call's fixed cost from Python was mostly the binding's own work:
   building an array.array of image records, ctypes converting eight
   arguments and making its objects, and Python bookkeeping around them
   (issue 15: about 2.5 us of the 5 us an 8x8 in-place add took). This
   module does that part in C: it reads the inputs (and output) from a
   tuple, writes their records (capi/call.go's recNumpy and recStruct) on
   the stack, releases the GIL and calls gips_op_call through the address
   that ctypes found (so the Go library is loaded once, by ctypes).

   It holds no Go pointer past a call, and no Python object of a call
   but its caches' (keys, and the last small output of each: _spare.h):
   the records name the arrays the caller's tuple keeps alive for the
   call, and the reply (a C string that Go allocated, or NULL) is handed
   back as an address for _lib._reply to decode and free. Anything it
   does not know (an Image that is not a struct address, a dtype not yet
   seen, a list) makes it return NotImplemented, and Python takes the
   ctypes path, which stays the reference (and the whole path when this
   module is absent).
   Its run is gips.run itself for the common calls (fc_run), which hands
   every other call to the Python run, _ops.runPy.

   Standard C API only (no numpy headers): numpy's array type and the
   dtype -> typestr code table are given by Python at init, and numpy's
   PyArray_NewFromDescr is read from its C API table (arrayAPI). */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <string.h>
#include <pthread.h>
#include <stdint.h>
#include <structmember.h>

#include "_opfunc.h"
#include "_pool.h"

typedef int (*opcall_fn)(const char *req, int reqlen, int n, int hasOut, int64_t *recs, int nrec, void *alloc,
                         char **out);

static opcall_fn opcall;         /* gips_op_call */
static PyObject *ndarray_type;   /* numpy.ndarray (exact type only) */
static PyObject *typecodes;      /* dict: dtype -> int (its typestr's bytes) */
static void codesClear(void);   /* typecode's cache of it */
static PyObject *np_empty;       /* numpy.empty, for new() */
static PyObject *np_uint8;       /* numpy.dtype("uint8"), for blocks */
static PyObject *s_dtype, *s_shape;

#define MAX_ITEMS 16

/* new()'s output as a gips Image (python/gips/_image.py), made here rather
   than by _image._outImage (object.__new__ and thirteen attribute sets in
   Python: about a fifth of a small call, issue 15): the class, and the
   offsets of its slots, each written as _outImage writes it (imageInit). */
#define MAX_FIELDS 16
static PyTypeObject *image_type;
static Py_ssize_t off_geom, off_array, off_cal;
static Py_ssize_t off_cref = -1;              /* _callRef's slot (None until made); -1: none (imagesNew) */
static Py_ssize_t off_ro = -1, off_planes = -1; /* the others templateRef reads */
static Py_ssize_t off_keep = -1;                /* what shared sets */
static int nconst;
static Py_ssize_t off_const[MAX_FIELDS];
static PyObject *val_const[MAX_FIELDS]; /* strong */

/* slotOffset is the offset in an instance of the object slot name of
   type t, or -1 with a Python error. */
static Py_ssize_t slotOffset(PyTypeObject *t, PyObject *name) {
    PyObject *d = PyObject_GetAttr((PyObject *)t, name);
    if (d == NULL)
        return -1;
    Py_ssize_t off = -1;
    if (Py_TYPE(d) == &PyMemberDescr_Type && ((PyMemberDescrObject *)d)->d_member->type == T_OBJECT_EX)
        off = ((PyMemberDescrObject *)d)->d_member->offset;
    else
        PyErr_Format(PyExc_TypeError, "_fastcall.init: %R is not an object slot", name);
    Py_DECREF(d);
    return off;
}

/* optionalSlot is slotOffset of a slot that imagesNew reads, or -1 (it
   then leaves images to Python). */
static Py_ssize_t optionalSlot(PyTypeObject *t, const char *name) {
    PyObject *s = PyUnicode_FromString(name);
    Py_ssize_t off = s != NULL ? slotOffset(t, s) : -1;
    Py_XDECREF(s);
    if (off < 0)
        PyErr_Clear();
    return off;
}

/* imageInit reads init's image argument: (Image class, (geometry,
   array and calibration slot names), ((slot name, value), ...) for the
   others, every slot of the class but __weakref__). */
static int imageInit(PyObject *spec) {
    PyTypeObject *t;
    PyObject *vars, *consts;
    if (!PyArg_ParseTuple(spec, "O!O!O!", &PyType_Type, &t, &PyTuple_Type, &vars, &PyTuple_Type, &consts))
        return -1;
    Py_ssize_t nc = PyTuple_GET_SIZE(consts);
    if (PyTuple_GET_SIZE(vars) != 3 || nc > MAX_FIELDS) {
        PyErr_SetString(PyExc_ValueError, "_fastcall.init: image: 3 variable slots and up to 16 others");
        return -1;
    }
    Py_ssize_t offs[3], coffs[MAX_FIELDS];
    for (int i = 0; i < 3; i++)
        if ((offs[i] = slotOffset(t, PyTuple_GET_ITEM(vars, i))) < 0)
            return -1;
    for (Py_ssize_t i = 0; i < nc; i++) {
        PyObject *kv = PyTuple_GET_ITEM(consts, i);
        if (!PyTuple_Check(kv) || PyTuple_GET_SIZE(kv) != 2) {
            PyErr_SetString(PyExc_TypeError, "_fastcall.init: image: (slot name, value) pairs");
            return -1;
        }
        if ((coffs[i] = slotOffset(t, PyTuple_GET_ITEM(kv, 0))) < 0)
            return -1;
    }
    for (int i = 0; i < nconst; i++)
        Py_CLEAR(val_const[i]);
    for (Py_ssize_t i = 0; i < nc; i++) {
        off_const[i] = coffs[i];
        val_const[i] = Py_NewRef(PyTuple_GET_ITEM(PyTuple_GET_ITEM(consts, i), 1));
    }
    nconst = (int)nc;
    off_cref = optionalSlot(t, "_cref");
    off_ro = optionalSlot(t, "_readonly");
    off_planes = optionalSlot(t, "_planes");
    off_keep = optionalSlot(t, "_keep");
    off_geom = offs[0];
    off_array = offs[1];
    off_cal = offs[2];
    Py_INCREF(t);
    Py_XSETREF(image_type, t);
    return 0;
}

#define SLOT(o, off) (*(PyObject **)((char *)(o) + (off)))

/* newImage is a new Image of geometry geom, calibration cal on array a,
   as _image._outImage makes it. */
static PyObject *newImage(PyObject *geom, PyObject *a, PyObject *cal) {
    PyObject *img = image_type->tp_alloc(image_type, 0);
    if (img == NULL)
        return NULL;
    SLOT(img, off_geom) = Py_NewRef(geom);
    SLOT(img, off_array) = Py_NewRef(a);
    SLOT(img, off_cal) = Py_NewRef(cal);
    for (int i = 0; i < nconst; i++)
        SLOT(img, off_const[i]) = Py_NewRef(val_const[i]);
    return img;
}

/* init(gips_op_call address, numpy.ndarray, typecode dict[, numpy.empty,
   numpy.dtype("uint8")[, image]]): image as imageInit reads it. */
static PyObject *fc_init(PyObject *self, PyObject *args) {
    unsigned long long fn;
    PyObject *nd, *codes, *empty = NULL, *u8 = NULL, *img = NULL;
    if (!PyArg_ParseTuple(args, "KO!O!|OOO!", &fn, &PyType_Type, &nd, &PyDict_Type, &codes, &empty, &u8,
                          &PyTuple_Type, &img))
        return NULL;
    if (img != NULL && imageInit(img) < 0)
        return NULL;
    if (fn == 0) {
        PyErr_SetString(PyExc_ValueError, "_fastcall.init: NULL gips_op_call");
        return NULL;
    }
    opcall = (opcall_fn)(uintptr_t)fn;
    Py_INCREF(nd);
    Py_INCREF(codes);
    Py_XSETREF(ndarray_type, nd);
    Py_XSETREF(typecodes, codes);
    codesClear();
    if (empty != NULL) {
        Py_INCREF(empty);
        Py_XSETREF(np_empty, empty);
    }
    if (u8 != NULL) {
        Py_INCREF(u8);
        Py_XSETREF(np_uint8, u8);
    }
    Py_RETURN_NONE;
}

#define DATA(a) (*(char **)((char *)(a) + 16))
/* An exact ndarray's dtype (borrowed): its descr field, which a.dtype
   gives (_ops._numpyProbe checks the offset), without an attribute call. */
#define DESCR(a) (*(PyObject **)((char *)(a) + 56))
#define ND(a) (*(int *)((char *)(a) + 24))
#define DIMS(a) (*(Py_ssize_t **)((char *)(a) + 32))

/* The blocks list of the call that this thread is in (fc_call's blocks
   argument), which fc_alloc appends to: Go calls back on the calling
   thread, with the GIL released. */
static _Thread_local PyObject *blocks;

static PyObject *emptyOutput(PyObject *shape, PyObject *dtype);

/* fc_alloc is the gips_alloc of a call with a blocks list: a uint8 numpy
   array of nbytes, appended to the list (which owns it), and its address;
   0 when it fails (Go then reports the failed allocation). */
static int64_t fc_alloc(int64_t nbytes) {
    PyGILState_STATE g = PyGILState_Ensure();
    int64_t addr = 0;
    if (blocks != NULL && np_empty != NULL && np_uint8 != NULL) {
        PyObject *n = PyLong_FromLongLong(nbytes);
        PyObject *a = n != NULL ? emptyOutput(n, np_uint8) : NULL;
        Py_XDECREF(n);
        if (a != NULL && PyList_Append(blocks, a) == 0)
            addr = (int64_t)(intptr_t)DATA(a);
        Py_XDECREF(a);
    }
    if (addr == 0)
        PyErr_Clear();
    PyGILState_Release(g);
    return addr;
}

/* The last few dtypes that typecode found and their codes, checked
   before the dict (its lookup and the int's conversion were ~5 ns an
   array of a call): held, so that a dtype's address names it. A dtype's
   code never changes; init with another dict drops them. */
#define NCODES 4
static PyObject *codeDescr[NCODES]; /* strong */
static long long codeVal[NCODES];
static int codeNext;

static void codesClear(void) {
    for (int i = 0; i < NCODES; i++)
        Py_CLEAR(codeDescr[i]);
}

/* The typestr code of an exact ndarray's dtype: 1 found, 0 not known yet,
   -1 a Python error. */
static int typecode(PyObject *a, long long *code) {
    PyObject *d = DESCR(a);
    for (int i = 0; i < NCODES; i++)
        if (codeDescr[i] == d) {
            *code = codeVal[i];
            return 1;
        }
    PyObject *c = PyDict_GetItemWithError(typecodes, d); /* borrowed */
    if (c == NULL)
        return PyErr_Occurred() ? -1 : 0;
    *code = PyLong_AsLongLong(c);
    if (*code == -1 && PyErr_Occurred())
        return -1;
    int k = codeNext;
    codeNext = (codeNext + 1) % NCODES;
    codeVal[k] = *code;
    Py_XSETREF(codeDescr[k], Py_NewRef(d));
    return 1;
}

/* codeSize is the item size a typestr code (its bytes: order, kind,
   digits) names, or 0. */
static Py_ssize_t codeSize(unsigned long long w) {
    Py_ssize_t size = 0;
    for (w >>= 16; w != 0; w >>= 8) {
        int d = (int)(w & 0xff) - '0';
        if (d < 0 || d > 9)
            return 0;
        size = size * 10 + d;
    }
    return size;
}

/* A call on arrays of KEEP_GIL_BYTES or less in all keeps the GIL while
   Go runs: releasing and taking it back was about 50 ns of an 8x8 add
   (the percall row, ~0.43 us), and Go's work on that little memory is a
   few microseconds at the most, far under Python's switch interval (5
   ms), as numpy keeps it for small loops. A call with images (their size
   not read here) always releases it. One with blocks to allocate keeps
   it as well: fc_alloc's PyGILState_Ensure finds it held (Go calls back
   on the calling thread). */
#define KEEP_GIL_BYTES (16 << 10)

/* arrayBytes adds the bytes of the exact ndarray a of typestr code to
   *total, stopping once it is over KEEP_GIL_BYTES. */
static void arrayBytes(PyObject *a, long long code, Py_ssize_t *total) {
    Py_ssize_t b = codeSize((unsigned long long)code);
    for (int j = 0; j < ND(a) && b <= KEEP_GIL_BYTES; j++)
        b *= DIMS(a)[j] >= 0 ? DIMS(a)[j] : KEEP_GIL_BYTES + 1;
    *total += b <= KEEP_GIL_BYTES ? b : KEEP_GIL_BYTES + 1;
    if (*total > KEEP_GIL_BYTES)
        *total = KEEP_GIL_BYTES + 1;
}

/* call(request: bytes, n: int, hasOut: int, items: tuple[, blocks: list])
   runs gips_op_call on the records of items (n inputs, then the output
   when hasOut): each an exact numpy.ndarray or an int, the address of a
   gips_image struct that the caller keeps alive. Returns None (Go had
   nothing to say: the op wrote into the output), a float (a number
   result), (tag, n, blocks) for a histogram (tag 2), vector (tag 3) or
   table (tag 4) of n in blocks (capi/call.go's tags; _ops._tagged makes
   a table), (code, reply address) for anything
   else, or NotImplemented when an item is not one of those. With blocks,
   Go allocates what it returns there (fc_alloc: a histogram's counts and
   edges); without, an image op's output is the last item. */
static PyObject *callItems(PyObject *req, long n, long hasOut, PyObject **items, Py_ssize_t k, PyObject *blk);

static PyObject *fc_call(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if ((nargs != 4 && nargs != 5) || !PyBytes_CheckExact(args[0]) || !PyTuple_CheckExact(args[3]) ||
        (nargs == 5 && !PyList_CheckExact(args[4]))) {
        PyErr_SetString(PyExc_TypeError, "_fastcall.call(request: bytes, n, hasOut, items: tuple[, blocks: list])");
        return NULL;
    }
    PyObject *blk = nargs == 5 ? args[4] : NULL;
    if (opcall == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "_fastcall.call before init");
        return NULL;
    }
    long n = PyLong_AsLong(args[1]), hasOut = PyLong_AsLong(args[2]);
    if ((n == -1 || hasOut == -1) && PyErr_Occurred())
        return NULL;
    PyObject *items = args[3];
    Py_ssize_t k = PyTuple_GET_SIZE(items);
    if (n < 0 || hasOut < 0 || hasOut > 1 || k != n + hasOut) {
        PyErr_SetString(PyExc_ValueError, "_fastcall.call: items must be the n inputs and the output");
        return NULL;
    }
    return callItems(args[0], n, hasOut, &PyTuple_GET_ITEM(items, 0), k, blk);
}

/* callItems is call's work on its k items (each kept alive by the
   caller), for call and new (which gives them without a tuple). */
static PyObject *callItems(PyObject *req_, long n, long hasOut, PyObject **items, Py_ssize_t k, PyObject *blk) {
    if (k > MAX_ITEMS)
        Py_RETURN_NOTIMPLEMENTED;
    /* Records, then the reply address, the number tag and its bits. */
    int64_t words[3 * MAX_ITEMS + 3];
    int w = 0;
    Py_ssize_t bytes = 0; /* see KEEP_GIL_BYTES */
    for (Py_ssize_t i = 0; i < k; i++) {
        PyObject *x = items[i];
        if ((PyObject *)Py_TYPE(x) == ndarray_type) {
            long long code;
            int r = typecode(x, &code);
            if (r < 0)
                return NULL;
            if (r == 0)
                Py_RETURN_NOTIMPLEMENTED;
            words[w++] = 3;
            words[w++] = (int64_t)(intptr_t)x;
            words[w++] = code;
            arrayBytes(x, code, &bytes);
        } else if (PyLong_CheckExact(x)) {
            unsigned long long addr = PyLong_AsUnsignedLongLong(x);
            if (addr == (unsigned long long)-1 && PyErr_Occurred())
                return NULL;
            if (addr == 0)
                Py_RETURN_NOTIMPLEMENTED;
            words[w++] = 1;
            words[w++] = (int64_t)addr;
            bytes = KEEP_GIL_BYTES + 1;
        } else {
            Py_RETURN_NOTIMPLEMENTED;
        }
    }
    int64_t *tail = words + w;
    tail[0] = tail[1] = tail[2] = 0;
    const char *req = PyBytes_AS_STRING(req_);
    int reqlen = (int)PyBytes_GET_SIZE(req_);
    int code;
    PyObject *saved = blocks;
    blocks = blk;
    /* As ctypes does: other Python threads run while Go does, unless the
       call is small. The items stay alive: the caller holds them. */
    void *alloc = blk != NULL ? (void *)fc_alloc : NULL;
    if (bytes <= KEEP_GIL_BYTES)
        code = opcall(req, reqlen, (int)n, (int)hasOut, words, w, alloc, (char **)tail);
    else {
        Py_BEGIN_ALLOW_THREADS
        code = opcall(req, reqlen, (int)n, (int)hasOut, words, w, alloc, (char **)tail);
        Py_END_ALLOW_THREADS
    }
    blocks = saved;
    if (code == 0 && tail[0] == 0) {
        if (tail[1] == 1) {
            double v;
            memcpy(&v, &tail[2], sizeof v);
            return PyFloat_FromDouble(v);
        }
        if ((tail[1] == 2 || tail[1] == 3 || tail[1] == 4) && blk != NULL)
            return Py_BuildValue("(iLO)", (int)tail[1], (long long)tail[2], blk);
        Py_RETURN_NONE;
    }
    return Py_BuildValue("(iK)", code, (unsigned long long)(uint64_t)tail[0]);
}

/* outkey(request, inputs: tuple) is the key of _ops._OUTS for a call on
   exact numpy arrays: (request, shape..., typecode...), or None when an
   input is something else or its dtype is not known yet. */
static PyObject *fc_outkey(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || !PyTuple_CheckExact(args[1])) {
        PyErr_SetString(PyExc_TypeError, "_fastcall.outkey(request, inputs: tuple)");
        return NULL;
    }
    PyObject *ins = args[1];
    Py_ssize_t n = PyTuple_GET_SIZE(ins);
    for (Py_ssize_t i = 0; i < n; i++)
        if ((PyObject *)Py_TYPE(PyTuple_GET_ITEM(ins, i)) != ndarray_type)
            Py_RETURN_NONE;
    PyObject *key = PyTuple_New(1 + 2 * n);
    if (key == NULL)
        return NULL;
    Py_INCREF(args[0]);
    PyTuple_SET_ITEM(key, 0, args[0]);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *x = PyTuple_GET_ITEM(ins, i);
        long long code;
        int r = typecode(x, &code);
        if (r <= 0) {
            Py_DECREF(key);
            if (r < 0)
                return NULL;
            Py_RETURN_NONE;
        }
        PyObject *shape = PyObject_GetAttr(x, s_shape);
        PyObject *c = shape ? PyLong_FromLongLong(code) : NULL;
        if (c == NULL) {
            Py_XDECREF(shape);
            Py_DECREF(key);
            return NULL;
        }
        PyTuple_SET_ITEM(key, 1 + i, shape);
        PyTuple_SET_ITEM(key, 1 + n + i, c);
    }
    return key;
}

/* A few recent new() calls, checked before the key and the dict lookup
   (those were about 0.4 us of a call): the request object, each input's
   dtype object and shape (read from the ndarray struct at the offsets Go
   reads, which _ops._numpyProbe checked before this module is used), and
   the _OUTS entry found for them. The entries are dropped whenever outs
   is another dict or has another size than when they were stored (an
   entry added, or _OUTS cleared), so the cache never serves a call that
   _OUTS would not. */
#define NCACHE 8
#define CACHE_DIMS 4
#define NSPARE 2 /* spare outputs per entry (_spare.h) */
typedef struct {
    PyObject *req, *outs, *entry; /* strong references; req NULL: empty */
    Py_ssize_t size;              /* len(outs) when stored */
    int n;
    int nd[MAX_ITEMS];
    Py_ssize_t dims[MAX_ITEMS][CACHE_DIMS];
    PyObject *dtype[MAX_ITEMS]; /* strong */
    PyObject *spare[NSPARE];    /* strong: the last new Images of entry, newest first (see takeSpare), or NULL */
    int snd;                    /* the spare's ndim; 0: not known yet, -1: entry has no spare */
    Py_ssize_t sdims[CACHE_DIMS], sstrides[CACHE_DIMS]; /* the spare's layout (spareLayout) */
} centry;
static centry cache[NCACHE];
static int cacheNext;

static void cacheClear(centry *c) {
    Py_CLEAR(c->req);
    Py_CLEAR(c->outs);
    Py_CLEAR(c->entry);
    for (int i = 0; i < c->n; i++)
        Py_CLEAR(c->dtype[i]);
    c->n = 0;
    for (int k = 0; k < NSPARE; k++)
        Py_CLEAR(c->spare[k]);
    c->snd = 0;
}


/* cacheFind is the cache entry for req and the arrays ins with their
   dtypes dts, or NULL. */
static centry *cacheFind(PyObject *req, PyObject *outs, PyObject *const *ins, Py_ssize_t n, PyObject **dts) {
    for (int k = 0; k < NCACHE; k++) {
        centry *c = &cache[k];
        if (c->req == NULL)
            continue;
        if (c->outs != outs || c->size != PyDict_GET_SIZE(outs)) {
            for (int j = 0; j < NCACHE; j++)
                cacheClear(&cache[j]);
            return NULL;
        }
        if (c->req != req || c->n != n)
            continue;
        int same = 1;
        for (Py_ssize_t i = 0; i < n && same; i++) {
            PyObject *a = ins[i];
            int nd = ND(a);
            same = dts[i] == c->dtype[i] && nd == c->nd[i];
            for (int j = 0; j < nd && same; j++)
                same = DIMS(a)[j] == c->dims[i][j];
        }
        if (same)
            return c;
    }
    return NULL;
}

/* cacheStore stores entry for req and the arrays ins, and returns the
   cache entry (NULL: not stored). */
static centry *cacheStore(PyObject *req, PyObject *outs, PyObject *ins, PyObject **dts, PyObject *entry) {
    Py_ssize_t n = PyTuple_GET_SIZE(ins);
    for (Py_ssize_t i = 0; i < n; i++)
        if (ND(PyTuple_GET_ITEM(ins, i)) > CACHE_DIMS || ND(PyTuple_GET_ITEM(ins, i)) < 0)
            return NULL;
    centry *c = &cache[cacheNext];
    cacheNext = (cacheNext + 1) % NCACHE;
    cacheClear(c);
    Py_INCREF(req);
    Py_INCREF(outs);
    Py_INCREF(entry);
    c->req = req;
    c->outs = outs;
    c->entry = entry;
    c->size = PyDict_GET_SIZE(outs);
    c->n = (int)n;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *a = PyTuple_GET_ITEM(ins, i);
        c->nd[i] = ND(a);
        for (int j = 0; j < c->nd[i]; j++)
            c->dims[i][j] = DIMS(a)[j];
        Py_INCREF(dts[i]);
        c->dtype[i] = dts[i];
    }
    return c;
}

/* noOutput is new()'s call of an op that returns no image on the n items
   (kept alive by the caller): a number, or a histogram or vector in
   blocks that Go asks for (see call). */
static PyObject *noOutput(PyObject *req, PyObject **items, Py_ssize_t n) {
    PyObject *blk = PyList_New(0);
    if (blk == NULL)
        return NULL;
    PyObject *r = callItems(req, (long)n, 0, items, n, blk);
    Py_DECREF(blk);
    if (r == NULL || PyFloat_CheckExact(r) || (PyTuple_CheckExact(r) && PyTuple_GET_SIZE(r) == 3))
        return r;
    if (r == Py_None || r == Py_NotImplemented) {
        Py_DECREF(r);
        Py_RETURN_FALSE; /* not what _OUTS said: the general path */
    }
    PyObject *res = PyTuple_Pack(2, Py_None, r); /* a reply or error */
    Py_DECREF(r);
    return res;
}

/* numpy's PyArray_NewFromDescr, read from its C API table (the capsule
   numpy.core.multiarray._ARRAY_API, which arrayAPI takes) by its index in
   the table (94, fixed by numpy's C ABI: extensions built against numpy
   headers call it through the same slot), so that a new output is made
   without numpy.empty's argument parsing (its shape and dtype converters:
   about a tenth of a microsecond of a small call, issue 15). NULL: not
   taken (another ABI, or arrayAPI(None)); emptyOutput then calls
   numpy.empty. */
typedef PyObject *(*newfromdescr_fn)(PyTypeObject *, PyObject *, int, const Py_ssize_t *, const Py_ssize_t *, void *,
                                     int, PyObject *);
static newfromdescr_fn np_newFromDescr;
static PyTypeObject *np_descrType; /* numpy.dtype, the table's PyArrayDescr_Type */
/* For tagged: PyArray_SetBaseObject (slot 282) and the int64 and float64
   dtypes from PyArray_DescrFromType (slot 45; NPY_LONG, 7, is int64 on
   this LP64 platform, NPY_DOUBLE is 12). */
typedef int (*setbase_fn)(PyObject *, PyObject *);
static setbase_fn np_setBase;
static PyObject *np_int64, *np_float64; /* strong */
#define NPY_MAXDIMS_ 32

/* arrayAPI(capsule or None) takes numpy's C API table for emptyOutput
   when its ABI is one whose slots this file knows (numpy 1.x's 0x01000009,
   2.x's 0x02000000) and its array type is init's numpy.ndarray; None
   drops it. Returns whether it took it. */
static PyObject *fc_arrayAPI(PyObject *self, PyObject *cap) {
    np_newFromDescr = NULL;
    np_descrType = NULL;
    np_setBase = NULL;
    Py_CLEAR(np_int64);
    Py_CLEAR(np_float64);
    if (cap == Py_None)
        Py_RETURN_FALSE;
    if (!PyCapsule_CheckExact(cap) || ndarray_type == NULL)
        Py_RETURN_FALSE;
    void **api = PyCapsule_GetPointer(cap, PyCapsule_GetName(cap));
    if (api == NULL) {
        PyErr_Clear();
        Py_RETURN_FALSE;
    }
    unsigned int abi = ((unsigned int (*)(void))api[0])(); /* PyArray_GetNDArrayCVersion */
    if ((abi != 0x01000009 && abi != 0x02000000) || (PyObject *)api[2] != ndarray_type)
        Py_RETURN_FALSE;
    np_descrType = (PyTypeObject *)api[3];
    np_newFromDescr = (newfromdescr_fn)api[94];
    if (sizeof(long) == 8) {
        PyObject *(*descrFromType)(int) = (PyObject * (*)(int)) api[45];
        np_int64 = descrFromType(7);
        np_float64 = descrFromType(12);
        if (np_int64 == NULL || np_float64 == NULL) {
            Py_CLEAR(np_int64);
            Py_CLEAR(np_float64);
            PyErr_Clear();
        } else
            np_setBase = (setbase_fn)api[282];
    }
    Py_RETURN_TRUE;
}

/* blockView is the n 8-byte values of block (a uint8 array of exactly 8n
   bytes, fc_alloc's) as a 1-D array of dtype descr on its memory, as
   block.view(dtype) makes it; NULL without an error when block has
   another size. */
static PyObject *blockView(PyObject *block, PyObject *descr, Py_ssize_t n) {
    if ((PyObject *)Py_TYPE(block) != ndarray_type || ND(block) != 1 || DIMS(block)[0] != 8 * n)
        return NULL;
    PyObject *v = np_newFromDescr((PyTypeObject *)ndarray_type, Py_NewRef(descr), 1, &n, NULL, DATA(block),
                                  0x0501 /* NPY_ARRAY_CARRAY */, NULL);
    if (v != NULL && np_setBase(v, Py_NewRef(block)) < 0) /* it steals the reference */
        Py_CLEAR(v);
    return v;
}

/* tagged is the result of a call's (tag, n, blocks) as _ops._tagged makes
   it: a histogram's (counts, edges) as int64 and float64 arrays, a
   vector's float64 array, each on its block (Go asks for blocks of their
   exact size). NULL without an error when it cannot make it here (no
   numpy C API, an empty result's block of one byte): _ops._tagged then
   does. */
static PyObject *tagged(PyObject *r) {
    if (np_setBase == NULL || !PyTuple_CheckExact(r) || PyTuple_GET_SIZE(r) != 3)
        return NULL;
    long tag = PyLong_AsLong(PyTuple_GET_ITEM(r, 0));
    Py_ssize_t n = PyLong_AsSsize_t(PyTuple_GET_ITEM(r, 1));
    PyObject *blk = PyTuple_GET_ITEM(r, 2);
    if (PyErr_Occurred() || !PyList_CheckExact(blk) || n <= 0) {
        PyErr_Clear();
        return NULL;
    }
    if (tag == 3 && PyList_GET_SIZE(blk) == 1)
        return blockView(PyList_GET_ITEM(blk, 0), np_float64, n);
    if (tag != 2 || PyList_GET_SIZE(blk) != 2)
        return NULL;
    PyObject *counts = blockView(PyList_GET_ITEM(blk, 0), np_int64, n);
    PyObject *edges = counts != NULL ? blockView(PyList_GET_ITEM(blk, 1), np_float64, n + 1) : NULL;
    PyObject *res = edges != NULL ? PyTuple_Pack(2, counts, edges) : NULL;
    Py_XDECREF(counts);
    Py_XDECREF(edges);
    return res;
}

/* emptyOutput is numpy.empty(shape, dtype) for a new output: its one
   place of allocation (a large one from the output pool, _pool.c). */
static PyObject *emptyOutput(PyObject *shape, PyObject *dtype) {
    PyObject *pooled = poolEmpty(ndarray_type, shape, dtype);
    if (pooled != NULL || PyErr_Occurred())
        return pooled;
    Py_ssize_t nd = PyTuple_CheckExact(shape) ? PyTuple_GET_SIZE(shape) : -1;
    if (np_newFromDescr != NULL && nd >= 0 && nd <= NPY_MAXDIMS_ && PyObject_TypeCheck(dtype, np_descrType)) {
        Py_ssize_t dims[NPY_MAXDIMS_];
        int ok = 1;
        for (Py_ssize_t i = 0; i < nd && ok; i++) {
            PyObject *d = PyTuple_GET_ITEM(shape, i);
            dims[i] = PyLong_CheckExact(d) ? PyLong_AsSsize_t(d) : -1;
            ok = dims[i] >= 0;
        }
        PyErr_Clear();
        if (ok) /* as numpy.empty: C order, numpy's own memory (it steals a reference to dtype) */
            return np_newFromDescr((PyTypeObject *)ndarray_type, Py_NewRef(dtype), (int)nd, dims, NULL, NULL, 0,
                                   NULL);
    }
    PyObject *eargs[2] = {shape, dtype};
    return PyObject_Vectorcall(np_empty, eargs, 2, NULL);
}

#include "_spare.h"

/* newOutput is new()'s call into a new output of the _OUTS entry o of
   an image op (geometry, dtype, typecode, calibration, numpy shape) on
   the n items (call's, kept alive by the caller; room for one more): the
   new Image (newImage; (array, entry) when init had no image class) when
   Go wrote into it, (None, reply) for a reply or error (as call's),
   declined when call does not take the items. With the cache entry c of
   the call (NULL: none), the Image is c's spare when nothing else holds
   that one any more, and becomes c's spare (spare.h). */
static PyObject *newOutput(PyObject *req, PyObject *o, PyObject **items, Py_ssize_t n, PyObject *declined,
                           centry *c) {
    Py_INCREF(o); /* the dict may change while Go runs */
    PyObject *img = c != NULL ? takeSpare(c) : NULL; /* claimed: c no longer holds it */
    PyObject *a = img != NULL ? Py_NewRef(SLOT(img, off_array))
                              : emptyOutput(PyTuple_GET_ITEM(o, 4), PyTuple_GET_ITEM(o, 1));
    if (a == NULL) {
        Py_DECREF(o);
        return NULL;
    }
    items[n] = a;
    PyObject *r = callItems(req, (long)n, 1, items, n + 1, NULL);
    PyObject *res = NULL;
    if (r == Py_None) {
        if (img != NULL) /* its reference is res's */
            res = reuseImage(img, PyTuple_GET_ITEM(o, 0), PyTuple_GET_ITEM(o, 3));
        else
            res = image_type != NULL ? newImage(PyTuple_GET_ITEM(o, 0), a, PyTuple_GET_ITEM(o, 3))
                                     : PyTuple_Pack(2, a, o);
        if (res != NULL && c != NULL)
            keepSpare(c, req, o, res, img != NULL);
    } else {
        Py_XDECREF(img);
        if (r == Py_NotImplemented)
            res = Py_NewRef(declined);
        else if (r != NULL)
            res = PyTuple_Pack(2, Py_None, r);
    }
    Py_XDECREF(r);
    Py_DECREF(a);
    Py_DECREF(o);
    return res;
}

/* The name of the method that makes an Image's _callRef slot, and the
   first word of an _OUTS key with images among the inputs (_ops._IMAGES). */
static PyObject *s_callRef, *s_images;

/* _ops' name of _image._TEMPLATES (in run_globals, which setRun sets),
   and "strides". */
static PyObject *s_templates, *s_strides, *s_view;
static PyObject *run_globals;

/* A gips_image struct (capi/main.go; _lib.GipsImage, 232 bytes) fits. */
#define STRUCT_WORDS 32

/* templateRef is Image x's _callRef as Image._fromTemplate would make it,
   without the ctypes struct: its struct is the template's (_image.
   _TEMPLATES: the struct of an image of the same geometry object, dtype,
   strides and read-only flag) copied into buf with x's data address, and
   the result (buf's address, the template's key) is a new tuple. NULL
   without an error when there is no template or x has planes or a
   calibration (the caller then asks x for _callRef). */
static PyObject *templateRef(PyObject *x, int64_t *buf) {
    PyObject *tmpl = run_globals != NULL ? PyDict_GetItemWithError(run_globals, s_templates) : NULL;
    if (tmpl == NULL || !PyDict_CheckExact(tmpl) || off_ro < 0 || off_planes < 0)
        return NULL;
    PyObject *geom = SLOT(x, off_geom), *a = SLOT(x, off_array), *ro = SLOT(x, off_ro);
    if (geom == NULL || a == NULL || ro == NULL || (PyObject *)Py_TYPE(a) != ndarray_type ||
        SLOT(x, off_planes) != Py_None || SLOT(x, off_cal) != Py_None)
        return NULL;
    PyObject *key = PyTuple_New(4);
    if (key == NULL)
        return NULL;
    PyObject *g = PyLong_FromVoidPtr(geom), *d = PyLong_FromVoidPtr(DESCR(a)), *st = PyObject_GetAttr(a, s_strides);
    PyTuple_SET_ITEM(key, 0, g);
    PyTuple_SET_ITEM(key, 1, d);
    PyTuple_SET_ITEM(key, 2, st);
    PyTuple_SET_ITEM(key, 3, Py_NewRef(ro));
    PyObject *e = g != NULL && d != NULL && st != NULL ? PyDict_GetItemWithError(tmpl, key) : NULL; /* borrowed */
    Py_DECREF(key);
    if (e == NULL || !PyTuple_CheckExact(e) || PyTuple_GET_SIZE(e) != 4 || PyTuple_GET_ITEM(e, 0) != geom ||
        PyTuple_GET_ITEM(e, 1) != DESCR(a) || !PyBytes_CheckExact(PyTuple_GET_ITEM(e, 2)) ||
        PyBytes_GET_SIZE(PyTuple_GET_ITEM(e, 2)) > (Py_ssize_t)(STRUCT_WORDS * sizeof(int64_t)))
        return NULL;
    memcpy(buf, PyBytes_AS_STRING(PyTuple_GET_ITEM(e, 2)), PyBytes_GET_SIZE(PyTuple_GET_ITEM(e, 2)));
    buf[0] = (int64_t)(intptr_t)DATA(a); /* the struct's first field, data */
    PyObject *addr = PyLong_FromVoidPtr(buf);
    PyObject *r = addr != NULL ? PyTuple_Pack(2, addr, PyTuple_GET_ITEM(e, 3)) : NULL;
    Py_XDECREF(addr);
    return r;
}

/* imagesNew is new()'s call on inputs among which are Images (the others
   exact arrays), as _ops._runFast makes it after _ops._imageRefs: the
   _OUTS key (the request, each array's shape and typecode, each image's
   _callRef key) and call's items (an image as the address of its
   gips_image struct), here in C (issue 15: a fresh image's Python path
   was several microseconds of a small colour call). None when an input
   is something else or an array's dtype is not known yet, or outs does
   not know the call as an image op's: the Python run then takes it. */
static PyObject *imagesNew(PyObject *req, PyObject *ins, PyObject *outs) {
    Py_ssize_t n = PyTuple_GET_SIZE(ins);
    if (image_type == NULL || off_cref < 0 || n + 1 > MAX_ITEMS)
        Py_RETURN_NONE;
    PyObject *key = PyTuple_New(2 + n);
    if (key == NULL)
        return NULL;
    PyTuple_SET_ITEM(key, 0, Py_NewRef(s_images));
    PyTuple_SET_ITEM(key, 1, Py_NewRef(req));
    PyObject *items[MAX_ITEMS], *refs[MAX_ITEMS] = {NULL}; /* refs: the _callRef tuples, held */
    int64_t structs[MAX_ITEMS][STRUCT_WORDS];                /* templateRef's */
    PyObject *res = Py_None, *k = NULL;
    for (Py_ssize_t i = 0; i < n && res == Py_None; i++) {
        PyObject *x = PyTuple_GET_ITEM(ins, i);
        if ((PyObject *)Py_TYPE(x) == ndarray_type) {
            long long code;
            int r = typecode(x, &code);
            if (r <= 0) {
                res = r < 0 ? NULL : Py_None;
                break;
            }
            PyObject *shape = PyObject_GetAttr(x, s_shape), *c = PyLong_FromLongLong(code);
            k = shape != NULL && c != NULL ? PyTuple_Pack(2, shape, c) : NULL;
            Py_XDECREF(shape);
            Py_XDECREF(c);
            if (k == NULL)
                res = NULL;
            items[i] = x;
        } else if (Py_TYPE(x) == image_type) {
            PyObject *ref = SLOT(x, off_cref);
            if (ref != NULL && ref != Py_None)
                refs[i] = Py_NewRef(ref);
            else if ((refs[i] = templateRef(x, structs[i])) == NULL && !PyErr_Occurred())
                refs[i] = PyObject_CallMethodNoArgs(x, s_callRef);
            if (refs[i] == NULL)
                res = NULL;
            else if (PyTuple_CheckExact(refs[i]) && PyTuple_GET_SIZE(refs[i]) == 2 &&
                     PyLong_CheckExact(PyTuple_GET_ITEM(refs[i], 0))) {
                items[i] = PyTuple_GET_ITEM(refs[i], 0);
                k = Py_NewRef(PyTuple_GET_ITEM(refs[i], 1));
            }
        }
        if (k == NULL)
            break; /* res: NULL (an error) or None (not this path's) */
        PyTuple_SET_ITEM(key, 2 + i, k);
        k = NULL;
        if (i == n - 1) {
            PyObject *o = PyDict_GetItemWithError(outs, key); /* borrowed */
            if (o == NULL)
                res = PyErr_Occurred() ? NULL : Py_None;
            else if (PyTuple_CheckExact(o) && PyTuple_GET_SIZE(o) >= 5)
                res = newOutput(req, o, items, n, Py_None, NULL);
        }
    }
    if (res == Py_None)
        Py_INCREF(res);
    for (Py_ssize_t i = 0; i < n; i++)
        Py_XDECREF(refs[i]);
    Py_DECREF(key);
    return res;
}

/* new(request, inputs: tuple, outs: dict) is an image op's call on exact
   numpy arrays (or, through imagesNew, arrays and Images) into a new
   output, when outs (_ops._OUTS) knows the call:
   the key (outkey), the lookup, numpy.empty of the shape and dtype the
   entry holds (its fifth and second items) and the call, in C (issue 15:
   that Python was about a microsecond of a small call). An entry of one
   item stands for an op that returns no image (noOutput). Returns the
   new Image (newImage; (array, entry) when init had no image class) when
   Go wrote into the array, a float or (tag, n,
   blocks) as call's, (None, reply) for a reply or error (as call's),
   None when an input is not an exact array of a known dtype (nor an
   Image imagesNew takes), False when outs does not know the call. */
static PyObject *fc_new(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 || !PyBytes_CheckExact(args[0]) || !PyTuple_CheckExact(args[1]) || !PyDict_CheckExact(args[2])) {
        PyErr_SetString(PyExc_TypeError, "_fastcall.new(request: bytes, inputs: tuple, outs: dict)");
        return NULL;
    }
    if (np_empty == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "_fastcall.new before init with numpy.empty");
        return NULL;
    }
    PyObject *ins = args[1];
    Py_ssize_t n = PyTuple_GET_SIZE(ins);
    PyObject *dts[MAX_ITEMS]; /* borrowed */
    PyObject *o = NULL;
    centry *ce = NULL;
    int ndt = 0;
    if (n <= MAX_ITEMS) {
        for (; ndt < n; ndt++) {
            PyObject *x = PyTuple_GET_ITEM(ins, ndt);
            if ((PyObject *)Py_TYPE(x) != ndarray_type)
                break;
            dts[ndt] = DESCR(x);
        }
        if (ndt == n)
            ce = cacheFind(args[0], args[2], &PyTuple_GET_ITEM(ins, 0), n, dts);
    }
    if (ce != NULL)
        o = ce->entry;
    int cached = o != NULL;
    if (o == NULL && !PyErr_Occurred()) {
        PyObject *key = fc_outkey(self, args, 2);
        if (key != NULL && key != Py_None) {
            o = PyDict_GetItemWithError(args[2], key); /* borrowed */
            Py_DECREF(key);
            if (o == NULL && !PyErr_Occurred())
                Py_RETURN_FALSE;
        } else if (key == Py_None && ndt < n) {
            Py_DECREF(key);
            return imagesNew(args[0], ins, args[2]); /* Images among the inputs */
        } else {
            return key; /* NULL (an error) or None */
        }
    }
    int entry = o != NULL && PyTuple_CheckExact(o) && (PyTuple_GET_SIZE(o) >= 5 || PyTuple_GET_SIZE(o) == 1);
    if (entry && !cached && ndt == n)
        ce = cacheStore(args[0], args[2], ins, dts, o);
    if (o == NULL)
        return NULL;
    if (!entry)
        Py_RETURN_FALSE;
    if (PyTuple_GET_SIZE(o) == 1)
        return noOutput(args[0], &PyTuple_GET_ITEM(ins, 0), n);
    if (n + 1 > MAX_ITEMS) /* more items than call takes */
        Py_RETURN_FALSE;
    PyObject *items[MAX_ITEMS]; /* the inputs (ins holds them) */
    for (Py_ssize_t i = 0; i < n; i++)
        items[i] = PyTuple_GET_ITEM(ins, i);
    return newOutput(args[0], o, items, n, Py_False, ce);
}

/* newCached is new()'s call on the n exact arrays ins when its recent
   calls (cacheFind) know it as an image op's: run's common call, made
   without the inputs' tuple that new() takes. NULL without an error when
   it is not such a call (run then asks new()). */
static PyObject *newCached(PyObject *req, PyObject *outs, PyObject *const *ins, Py_ssize_t n) {
    PyObject *dts[MAX_ITEMS]; /* borrowed */
    if (n + 1 > MAX_ITEMS)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        if ((PyObject *)Py_TYPE(ins[i]) != ndarray_type)
            return NULL;
        dts[i] = DESCR(ins[i]);
    }
    centry *c = cacheFind(req, outs, ins, n, dts);
    if (c == NULL)
        return NULL;
    PyObject *items[MAX_ITEMS]; /* the caller holds them */
    memcpy(items, ins, n * sizeof *items);
    if (PyTuple_GET_SIZE(c->entry) == 1) /* a call that returns no image */
        return noOutput(req, items, n);
    if (PyTuple_GET_SIZE(c->entry) < 5)
        return NULL;
    return newOutput(req, c->entry, items, n, Py_False, c);
}

/* seqKey is _ops._seqKey's key (a new reference) of the tuple or list v:
   ((type, value), ...) with a float's sign as a third item, or None for a
   sequence it does not key (more than 8 values, NaN, a value of a type
   outside simple; numpy floats too, which Python keys). Without it a call
   with range=(0, 256) went through Python's run (about 2 us, issue 15). */
static PyObject *seqKey(PyObject *v, PyObject *simple) {
    Py_ssize_t n = PySequence_Fast_GET_SIZE(v);
    if (n > 8)
        Py_RETURN_NONE;
    PyObject *key = PyTuple_New(n);
    if (key == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        /* A set lookup may run a metaclass's Python __hash__, which could
           change a list: its length is checked every value, and x held. */
        if (PySequence_Fast_GET_SIZE(v) != n) {
            Py_DECREF(key);
            Py_RETURN_NONE;
        }
        PyObject *x = PySequence_Fast_GET_ITEM(v, i);
        PyObject *t = (PyObject *)Py_TYPE(x), *item;
        if (PyFloat_CheckExact(x)) {
            double d = PyFloat_AS_DOUBLE(x);
            if (d != d) {
                Py_DECREF(key);
                Py_RETURN_NONE;
            }
            item = PyTuple_Pack(3, t, x, signbit(d) ? Py_True : Py_False);
        } else {
            Py_INCREF(x);
            int in = PySet_Contains(simple, t);
            if (in > 0)
                item = PyTuple_Pack(2, t, x);
            Py_DECREF(x);
            if (in <= 0) {
                Py_DECREF(key);
                if (in < 0)
                    return NULL;
                Py_RETURN_NONE;
            }
        }
        if (item == NULL) {
            Py_DECREF(key);
            return NULL;
        }
        PyTuple_SET_ITEM(key, i, item);
    }
    return key;
}

/* request(reqs: dict, name, params: dict, simple: frozenset) is
   _ops._request's cached request bytes for a call with parameters, or
   None: its key (name, (k, type, v), ...) made and looked up in C (in
   Python that was about 0.4 us of a call with two parameters, issue 15).
   The same key as _request's for values of a type in simple and for
   floats but NaN (NaN != NaN; a zero's item holds its sign: -0.0 ==
   0.0), and for short tuples and lists of those (seqKey); None for any
   other value, which _request then keys, or not, itself. */
/* requestFor is the cached request (a new reference) of op name with the
   n parameters keys[i] = vals[i], or None when the cache has none or a
   value is not of a type whose key is its value (see request). */
static PyObject *requestFor(PyObject *reqs, PyObject *name, PyObject *const *keys, PyObject *const *vals,
                            Py_ssize_t n, PyObject *simple) {
    PyObject *key = PyTuple_New(1 + n);
    if (key == NULL)
        return NULL;
    PyTuple_SET_ITEM(key, 0, Py_NewRef(name));
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *k = keys[i], *v = vals[i];
        PyObject *t = (PyObject *)Py_TYPE(v);
        PyObject *sign = NULL; /* a zero's sign */
        if (PyFloat_CheckExact(v)) {
            double d = PyFloat_AS_DOUBLE(v);
            if (d != d)
                goto uncached;
            if (d == 0)
                sign = signbit(d) ? Py_True : Py_False;
        } else if (PyTuple_CheckExact(v) || PyList_CheckExact(v)) {
            PyObject *seq = seqKey(v, simple);
            if (seq == NULL) {
                Py_DECREF(key);
                return NULL;
            }
            if (seq == Py_None) {
                Py_DECREF(seq);
                goto uncached;
            }
            PyObject *item = PyTuple_Pack(3, k, t, seq);
            Py_DECREF(seq);
            if (item == NULL) {
                Py_DECREF(key);
                return NULL;
            }
            PyTuple_SET_ITEM(key, 1 + i, item);
            continue;
        } else {
            int in = PySet_Contains(simple, t);
            if (in < 0) {
                Py_DECREF(key);
                return NULL;
            }
            if (!in)
                goto uncached;
        }
        PyObject *item = sign != NULL ? PyTuple_Pack(4, k, t, v, sign) : PyTuple_Pack(3, k, t, v);
        if (item == NULL) {
            Py_DECREF(key);
            return NULL;
        }
        PyTuple_SET_ITEM(key, 1 + i, item);
    }
    PyObject *r = PyDict_GetItemWithError(reqs, key); /* borrowed */
    Py_DECREF(key);
    if (r != NULL)
        return Py_NewRef(r);
    if (PyErr_Occurred())
        return NULL;
    Py_RETURN_NONE;
uncached:
    Py_DECREF(key);
    Py_RETURN_NONE;
}

/* The most parameters of a call that run and request key in C. */
#define MAX_PARAMS 32

/* A few recent requests of calls whose parameters are all Python ints
   and floats (a threshold's bounds), checked before requestFor's key: its
   tuples and hash were about a tenth of a small threshold call. An entry
   is the op name and keyword names (the same objects: a call site's names
   are its code's constants), each value's type and bits, and the request,
   which is a function of those alone (so _REQS being cleared does not
   make it stale). */
#define NREQ 4
#define REQ_PARAMS 4
typedef struct {
    PyObject *name, *req; /* strong; name NULL: empty */
    int n;
    PyObject *keys[REQ_PARAMS]; /* strong */
    PyTypeObject *types[REQ_PARAMS];
    int64_t bits[REQ_PARAMS];
} rentry;
static rentry rcache[NREQ];
static int rcacheNext;

/* valueBits is v's bits for the cache: 1 for an exact int that fits in
   64 bits or a float but NaN, 0 for anything else. */
static int valueBits(PyObject *v, int64_t *bits) {
    if (PyFloat_CheckExact(v)) {
        double d = PyFloat_AS_DOUBLE(v);
        memcpy(bits, &d, sizeof d);
        return d == d;
    }
    if (PyLong_CheckExact(v)) {
        int over;
        long long x = PyLong_AsLongLongAndOverflow(v, &over);
        if (over != 0 || (x == -1 && PyErr_Occurred())) {
            PyErr_Clear();
            return 0;
        }
        *bits = x;
        return 1;
    }
    return 0;
}

/* requestCached is the cached request (borrowed) of name with these
   parameters, or NULL; *bits gets the values' bits (*ok 0 when one is not
   an int or float), for requestStore. */
static PyObject *requestCached(PyObject *name, PyObject *const *keys, PyObject *const *vals, Py_ssize_t n,
                               int64_t *bits, int *ok) {
    *ok = n <= REQ_PARAMS;
    for (Py_ssize_t i = 0; i < n && *ok; i++)
        *ok = valueBits(vals[i], &bits[i]);
    if (!*ok)
        return NULL;
    for (int e = 0; e < NREQ; e++) {
        rentry *r = &rcache[e];
        int same = r->name == name && r->n == n;
        for (Py_ssize_t i = 0; i < n && same; i++)
            same = r->keys[i] == keys[i] && r->types[i] == Py_TYPE(vals[i]) && r->bits[i] == bits[i];
        if (same)
            return r->req;
    }
    return NULL;
}

static void requestStore(PyObject *name, PyObject *const *keys, PyObject *const *vals, Py_ssize_t n,
                         const int64_t *bits, PyObject *req) {
    rentry *r = &rcache[rcacheNext];
    rcacheNext = (rcacheNext + 1) % NREQ;
    Py_CLEAR(r->name);
    Py_CLEAR(r->req);
    for (int i = 0; i < r->n; i++)
        Py_CLEAR(r->keys[i]);
    r->n = (int)n;
    for (Py_ssize_t i = 0; i < n; i++) {
        r->keys[i] = Py_NewRef(keys[i]);
        r->types[i] = Py_TYPE(vals[i]);
        r->bits[i] = bits[i];
    }
    r->name = Py_NewRef(name);
    r->req = Py_NewRef(req);
}

static PyObject *fc_request(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 4 || !PyDict_CheckExact(args[0]) || !PyDict_CheckExact(args[2]) ||
        !PyFrozenSet_CheckExact(args[3])) {
        PyErr_SetString(PyExc_TypeError, "_fastcall.request(reqs: dict, name, params: dict, simple: frozenset)");
        return NULL;
    }
    PyObject *keys[MAX_PARAMS], *vals[MAX_PARAMS]; /* borrowed */
    Py_ssize_t pos = 0, n = 0;
    PyObject *k, *v;
    if (PyDict_GET_SIZE(args[2]) > MAX_PARAMS)
        Py_RETURN_NONE;
    while (PyDict_Next(args[2], &pos, &k, &v)) {
        keys[n] = k;
        vals[n++] = v;
    }
    return requestFor(args[0], args[1], keys, vals, n, args[3]);
}

/* What run needs of _ops (setRun): the Python run that it hands any call
   it does not make itself, the Python rest of a call whose new() gave
   something other than an Image or a number, and of a call into out that
   Go said something of (_outReply), _REQS, _OUTS and _SIMPLE. */
static PyObject *py_run, *py_after, *py_outReply, *run_reqs, *run_outs, *run_simple;
static PyObject *s_out, *s_fastCall, *s_fastNew;
/* _ops' globals: its _fastCall and _fastNew, which tests set to None to
   compare with the ctypes path, turn run's C path off as they do the
   Python run's. */
static PyObject *run_globals;

/* The Go runtime does not survive fork(): in a child every call takes the
   Python run, which refuses it clearly (_lib._forked). */
static int forked;
static void childAfterFork(void) { forked = 1; }

/* fastOn says whether _ops' fast path is on (its _fastCall and _fastNew
   set); 0 also on an error, which the Python run then meets. */
static int fastOn(void) {
    PyObject *c = PyDict_GetItemWithError(run_globals, s_fastCall); /* borrowed */
    PyObject *n = c != NULL ? PyDict_GetItemWithError(run_globals, s_fastNew) : NULL;
    PyErr_Clear();
    return c != NULL && c != Py_None && n != NULL && n != Py_None;
}

static PyObject *fc_setRun(PyObject *self, PyObject *args) {
    PyObject *r, *a, *o, *reqs, *outs, *simple, *globals;
    if (!PyArg_ParseTuple(args, "OOOO!O!O!O!", &r, &a, &o, &PyDict_Type, &reqs, &PyDict_Type, &outs,
                          &PyFrozenSet_Type, &simple, &PyDict_Type, &globals))
        return NULL;
    Py_XSETREF(py_outReply, Py_NewRef(o));
    Py_XSETREF(run_globals, Py_NewRef(globals));
    Py_XSETREF(py_run, Py_NewRef(r));
    Py_XSETREF(py_after, Py_NewRef(a));
    Py_XSETREF(run_reqs, Py_NewRef(reqs));
    Py_XSETREF(run_outs, Py_NewRef(outs));
    Py_XSETREF(run_simple, Py_NewRef(simple));
    Py_RETURN_NONE;
}

/* runInto is run's call into the array out (taking the reference to
   req): the inputs and out as call's items; inputs it does not read (an
   Image) are the Python run's, which nothing has written yet. */
static PyObject *runInto(PyObject *self, PyObject *const *args, size_t nargsf, PyObject *kwnames, PyObject *req,
                         PyObject *out) {
    Py_ssize_t n = PyVectorcall_NARGS(nargsf) - 1;
    PyObject *r = Py_NotImplemented;
    if (n + 1 <= MAX_ITEMS) {
        PyObject *items[MAX_ITEMS]; /* the caller holds them */
        for (Py_ssize_t i = 0; i < n; i++)
            items[i] = args[1 + i];
        items[n] = out;
        r = callItems(req, (long)n, 1, items, n + 1, NULL);
    } else
        Py_INCREF(r);
    Py_DECREF(req);
    if (r == Py_NotImplemented) {
        Py_DECREF(r);
        return PyObject_Vectorcall(py_run, args, nargsf, kwnames);
    }
    if (r == Py_None) {
        Py_DECREF(r);
        return Py_NewRef(out);
    }
    if (r != NULL)
        Py_SETREF(r, PyObject_CallFunctionObjArgs(py_outReply, out, r, NULL));
    return r;
}

/* run(name, *inputs, out=None, **params) is _ops.run: the common call
   (on arrays, into an array out or into a new output that _OUTS knows,
   its request cached) made here, in C, from the vector of arguments,
   without the Python frame, the inputs' tuple and params' dict of the
   Python run (about a quarter of a small call, half of one with
   parameters: issue 15). Any other call is the Python run's, with the
   same arguments. */
/* tagTaken replaces *r, new()'s (tag, n, blocks), by its result when
   tagged makes it (or by NULL when that failed with an error), and says
   whether it did. */
static int tagTaken(PyObject **r) {
    PyObject *t = tagged(*r);
    if (t == NULL && !PyErr_Occurred())
        return 0;
    Py_SETREF(*r, t);
    return 1;
}

static PyObject *fc_run(PyObject *self, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
    Py_ssize_t nargs = PyVectorcall_NARGS(nargsf);
    Py_ssize_t nkw = kwnames != NULL ? PyTuple_GET_SIZE(kwnames) : 0;
    if (py_run == NULL) {
        PyErr_SetString(PyExc_RuntimeError, "_fastcall.run before setRun");
        return NULL;
    }
    if (forked || nargs < 1 || nkw > MAX_PARAMS || np_empty == NULL || !fastOn())
        return PyObject_Vectorcall(py_run, args, nargsf, kwnames);
    PyObject *keys[MAX_PARAMS], *vals[MAX_PARAMS]; /* borrowed */
    PyObject *out = NULL;                           /* an array given as out */
    Py_ssize_t np = 0;
    for (Py_ssize_t i = 0; i < nkw; i++) {
        PyObject *k = PyTuple_GET_ITEM(kwnames, i), *v = args[nargs + i];
        if (k == s_out || PyUnicode_Compare(k, s_out) == 0) {
            if (v != Py_None && (PyObject *)Py_TYPE(v) != ndarray_type)
                return PyObject_Vectorcall(py_run, args, nargsf, kwnames); /* into an Image: Python's */
            if (v != Py_None)
                out = v;
            continue;
        }
        if (PyErr_Occurred())
            return NULL;
        keys[np] = k;
        vals[np++] = v;
    }
    PyObject *req;
    if (np == 0) {
        req = PyDict_GetItemWithError(run_reqs, args[0]);
        Py_XINCREF(req);
    } else {
        int64_t bits[REQ_PARAMS];
        int ok;
        req = requestCached(args[0], keys, vals, np, bits, &ok);
        if (req != NULL)
            Py_INCREF(req);
        else {
            req = requestFor(run_reqs, args[0], keys, vals, np, run_simple);
            if (ok && req != NULL && PyBytes_CheckExact(req))
                requestStore(args[0], keys, vals, np, bits, req);
        }
    }
    if (req == NULL && PyErr_Occurred())
        return NULL;
    if (req == NULL || !PyBytes_CheckExact(req)) { /* not cached yet: Python's, which caches it */
        Py_XDECREF(req);
        return PyObject_Vectorcall(py_run, args, nargsf, kwnames);
    }
    if (out != NULL)
        return runInto(self, args, nargsf, kwnames, req, out);
    PyObject *r = newCached(req, run_outs, args + 1, nargs - 1);
    if (r != NULL && (Py_TYPE(r) == image_type || PyFloat_CheckExact(r) || tagTaken(&r))) {
        Py_DECREF(req);
        return r;
    }
    if (r == NULL && PyErr_Occurred()) {
        Py_DECREF(req);
        return NULL;
    }
    PyObject *ins = PyTuple_New(nargs - 1);
    if (ins == NULL) {
        Py_XDECREF(r);
        Py_DECREF(req);
        return NULL;
    }
    for (Py_ssize_t i = 1; i < nargs; i++)
        PyTuple_SET_ITEM(ins, i - 1, Py_NewRef(args[i]));
    if (r == NULL) {
        PyObject *nargs3[3] = {req, ins, run_outs};
        r = fc_new(self, nargs3, 3);
    }
    if (r != NULL && Py_TYPE(r) != image_type && !PyFloat_CheckExact(r) && !tagTaken(&r))
        Py_SETREF(r, PyObject_CallFunctionObjArgs(py_after, args[0], req, ins, r, NULL));
    Py_DECREF(ins);
    Py_DECREF(req);
    return r;
}

/* shared(a, kind, cache) is _image._wrapByLayout's image of the exact
   array a as kind when cache (_image._SHARED) holds a writable plan for
   its layout: a new Image on a view of a, as Image._new makes it there
   (issue 15: that Python was about 2 us of a small colour call). None
   for anything else (another class, no plan, a read-only one): Python's
   path then takes it. */
static PyObject *fc_shared(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3 || !PyDict_CheckExact(args[2])) {
        PyErr_SetString(PyExc_TypeError, "_fastcall.shared(array, kind, cache: dict)");
        return NULL;
    }
    PyObject *a = args[0];
    if ((PyObject *)Py_TYPE(a) != ndarray_type || image_type == NULL || off_keep < 0)
        Py_RETURN_NONE;
    int writeable = (*(int *)((char *)a + 64) & 0x0400) != 0; /* flags, NPY_ARRAY_WRITEABLE (_ops._NPY_FLAGS) */
    PyObject *key = PyTuple_New(6);
    if (key == NULL)
        return NULL;
    PyTuple_SET_ITEM(key, 0, PyObject_GetAttr(a, s_shape));
    PyTuple_SET_ITEM(key, 1, PyObject_GetAttr(a, s_strides));
    PyTuple_SET_ITEM(key, 2, Py_NewRef(DESCR(a)));
    PyTuple_SET_ITEM(key, 3, PyBool_FromLong(writeable));
    PyTuple_SET_ITEM(key, 4, PyLong_FromLong((long)((uintptr_t)DATA(a) % 64)));
    PyTuple_SET_ITEM(key, 5, Py_NewRef(args[1]));
    for (int i = 0; i < 6; i++)
        if (PyTuple_GET_ITEM(key, i) == NULL) {
            Py_DECREF(key);
            return NULL;
        }
    PyObject *hit = PyDict_GetItemWithError(args[2], key); /* borrowed */
    Py_DECREF(key);
    if (hit == NULL)
        return PyErr_Occurred() ? NULL : Py_NewRef(Py_None);
    if (!PyTuple_CheckExact(hit) || PyTuple_GET_SIZE(hit) != 2 || PyTuple_GET_ITEM(hit, 1) != Py_False)
        Py_RETURN_NONE;
    PyObject *geom = Py_NewRef(PyTuple_GET_ITEM(hit, 0)); /* the dict may change in view() */
    PyObject *v = PyObject_CallMethodNoArgs(a, s_view);
    PyObject *img = v != NULL ? newImage(geom, v, Py_None) : NULL;
    if (img != NULL)
        Py_SETREF(SLOT(img, off_keep), Py_NewRef(a));
    Py_XDECREF(v);
    Py_DECREF(geom);
    return img;
}

/* empty(shape, dtype) is emptyOutput for the Python paths of _ops. */
static PyObject *fc_empty(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 2 || np_empty == NULL) {
        PyErr_SetString(PyExc_TypeError, "_fastcall.empty(shape, dtype) after init with numpy.empty");
        return NULL;
    }
    return emptyOutput(args[0], args[1]);
}

static PyMethodDef methods[] = {
    {"init", fc_init, METH_VARARGS, "init(gips_op_call address, numpy.ndarray, {dtype: typecode}[, numpy.empty])"},
    {"call", (PyCFunction)(void (*)(void))fc_call, METH_FASTCALL, "call(request, n, hasOut, items)"},
    {"outkey", (PyCFunction)(void (*)(void))fc_outkey, METH_FASTCALL, "outkey(request, inputs)"},
    {"new", (PyCFunction)(void (*)(void))fc_new, METH_FASTCALL, "new(request, inputs, outs)"},
    {"request", (PyCFunction)(void (*)(void))fc_request, METH_FASTCALL, "request(reqs, name, params, simple)"},
    {"arrayAPI", fc_arrayAPI, METH_O, "arrayAPI(numpy's _ARRAY_API capsule or None): whether new outputs take it"},
    {"shared", (PyCFunction)(void (*)(void))fc_shared, METH_FASTCALL, "shared(array, kind, cache)"},
    {"setRun", fc_setRun, METH_VARARGS, "setRun(run, after, outReply, reqs, outs, simple, globals): what run needs of _ops"},
    {"run", (PyCFunction)(void (*)(void))fc_run, METH_FASTCALL | METH_KEYWORDS,
     "run(name, *inputs, out=None, **params)\n--\n\n"
     "Runs the op name on the inputs (gips images or numpy arrays) with the\n"
     "parameters, as gips._ops.runPy documents (its C fast path)."},
    {"empty", (PyCFunction)(void (*)(void))fc_empty, METH_FASTCALL,
     "empty(shape, dtype): numpy.empty for an op's output, from the output pool when large (_pool.c)"},
    {"outputPool", (PyCFunction)(void (*)(void))poolConfigure, METH_VARARGS | METH_KEYWORDS,
     "outputPool(maxBytes=-1, minBytes=-1, poison=-1): sets what is given (>= 0); returns the\n"
     "previous (maxBytes, minBytes, pooled bytes, pooled blocks)"},
    {"releasePool", poolRelease, METH_NOARGS, "releasePool(): unmaps the pooled blocks; returns their bytes"},
    {"bind", (PyCFunction)(void (*)(void))opfuncBind, METH_FASTCALL,
     "bind(func, run, name, nin, names, defaults, required, posslots): a generated op function\n"
     "as a C callable (_opfunc.c); gips._ops.bindOps makes the arguments"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_fastcall",
                                    "The op call without ctypes (see python/gips/_fastcall.c).", -1, methods,
                                    NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__fastcall(void) {
    s_dtype = PyUnicode_InternFromString("dtype");
    s_shape = PyUnicode_InternFromString("shape");
    s_out = PyUnicode_InternFromString("out");
    s_fastCall = PyUnicode_InternFromString("_fastCall");
    s_fastNew = PyUnicode_InternFromString("_fastNew");
    s_callRef = PyUnicode_InternFromString("_callRef");
    s_images = PyUnicode_InternFromString("images");
    s_templates = PyUnicode_InternFromString("_TEMPLATES");
    s_strides = PyUnicode_InternFromString("strides");
    s_view = PyUnicode_InternFromString("view");
    if (s_view == NULL)
        return NULL;
    if (s_templates == NULL || s_strides == NULL)
        return NULL;
    if (s_callRef == NULL || s_images == NULL)
        return NULL;
    if (s_dtype == NULL || s_shape == NULL || s_out == NULL || s_fastCall == NULL || s_fastNew == NULL)
        return NULL;
    if (poolInit() < 0 || opfuncReady() < 0)
        return NULL;
    if (pthread_atfork(NULL, NULL, childAfterFork) != 0)
        return PyErr_Format(PyExc_RuntimeError, "_fastcall: pthread_atfork failed");
    return PyModule_Create(&module);
}
