/* The spare output of a _fastcall cache entry (included by _fastcall.c).

   A fresh output cost an op call about 0.2 us more than an output given
   with out= (issue 15: the whole gap of the 256² rows to numpy): the
   ndarray (numpy's allocator, its memory handler, and at 256² malloc's
   page faults) and the Image around it, each made and then released.
   So each cache entry keeps the last two Images it made (its spares)
   while the output is small (SPARE_BYTES), and the next call of that
   entry writes into one of them that nothing else holds any more: no
   reference but the entry's to the Image or its array, no weak reference
   to either, no view of the array (its base), and the array as
   numpy.empty made it (shape, dtype, strides, flags: a caller may have
   changed them). Two, because a loop `r = op(x)` still holds the last
   result while the next call runs: with one spare that call found it
   held and made a new output every time (256² invert 2.1 us against 1.7
   into a dropped spare, float32 add 7.2 against 5.5, numpy's 1.7 and
   6.4), with two it writes into the one before. The op writes every
   pixel of its output (a new output is numpy.empty's, never zeroed), so
   the result is the one a new array would hold; the Image is reset to
   what newImage makes. The price: up to NSPARE * NCACHE small outputs
   outlive their last use until the entry's next calls (or the cache is
   dropped). */

#define SPARE_BYTES (1 << 20)

/* numpy's PyArrayObject fields beside those of _fastcall.c (numpy 1.7 to
   2.x; _ops._numpyProbe checks them): strides, base, flags, weakreflist. */
#define STRIDES(a) (*(Py_ssize_t **)((char *)(a) + 40))
#define BASE(a) (*(PyObject **)((char *)(a) + 48))
#define FLAGS(a) (*(int *)((char *)(a) + 64))
#define WEAKLIST(a) (*(PyObject **)((char *)(a) + 72))
/* NPY_ARRAY_C_CONTIGUOUS | OWNDATA | ALIGNED | WRITEABLE; WRITEBACKIFCOPY */
#define SPARE_FLAGS (0x1 | 0x4 | 0x100 | 0x400)
#define NPY_WRITEBACK 0x2000

/* spareLayout sets c's spare layout: numpy.empty's of its entry's shape
   and dtype (C order), or snd -1 when it is not one a spare may have
   (over SPARE_BYTES, over CACHE_DIMS axes, an item size not known). Once
   per entry: a call's check then reads no Python object but the array (a
   shape tuple's ints were a tenth of a microsecond of a 256² call whose
   caches a system call had emptied, as the bench's timer makes). */
static void spareLayout(centry *c) {
    PyObject *o = c->entry, *shape = PyTuple_GET_ITEM(o, 4);
    unsigned long long w = PyLong_AsUnsignedLongLong(PyTuple_GET_ITEM(o, 2));
    Py_ssize_t stride = w == (unsigned long long)-1 && PyErr_Occurred() ? 0 : codeSize(w);
    Py_ssize_t nd = PyTuple_CheckExact(shape) ? PyTuple_GET_SIZE(shape) : -1;
    PyErr_Clear();
    c->snd = -1;
    if (nd < 1 || nd > CACHE_DIMS || stride <= 0)
        return;
    for (Py_ssize_t i = nd - 1; i >= 0; i--) {
        PyObject *d = PyTuple_GET_ITEM(shape, i);
        Py_ssize_t n = PyLong_CheckExact(d) ? PyLong_AsSsize_t(d) : -1;
        if (n <= 0 || n > SPARE_BYTES || stride * n > SPARE_BYTES) {
            PyErr_Clear();
            return;
        }
        c->sdims[i] = n;
        c->sstrides[i] = stride;
        stride *= n;
    }
    c->snd = (int)nd;
}

/* spareFits says whether the array a is laid out as numpy.empty makes
   the output of c's entry (see newOutput), of SPARE_BYTES or less. */
static int spareFits(PyObject *a, centry *c) {
    if (c->snd == 0)
        spareLayout(c);
    if (c->snd < 0 || (PyObject *)Py_TYPE(a) != ndarray_type || DESCR(a) != PyTuple_GET_ITEM(c->entry, 1) ||
        ND(a) != c->snd || (FLAGS(a) & SPARE_FLAGS) != SPARE_FLAGS || (FLAGS(a) & NPY_WRITEBACK) != 0 ||
        BASE(a) != NULL || WEAKLIST(a) != NULL)
        return 0;
    for (int i = 0; i < c->snd; i++)
        if (DIMS(a)[i] != c->sdims[i] || STRIDES(a)[i] != c->sstrides[i])
            return 0;
    return 1;
}

/* spareFree says whether c's spare img can be written into: nothing
   but c holds it or its array, and the array is as spareFits wants. */
static int spareFree(PyObject *img, centry *c) {
    Py_ssize_t woff = image_type != NULL ? image_type->tp_weaklistoffset : 0;
    PyObject *a = Py_TYPE(img) == image_type ? SLOT(img, off_array) : NULL;
    return a != NULL && Py_REFCNT(img) == 1 && Py_REFCNT(a) == 1 &&
           (woff <= 0 || *(PyObject **)((char *)img + woff) == NULL) && spareFits(a, c);
}

/* takeSpare is one of c's spare Images (the reference c held), taken from
   c, when the next output of c's entry can be its array; else NULL. A
   spare that someone else still holds stays c's (the caller may drop it
   before the next call), one that only c holds but that cannot serve (its
   array changed, a weak reference to it) is dropped. */
static PyObject *takeSpare(centry *c) {
    PyObject *drop[NSPARE] = {NULL}, *img = NULL;
    for (int k = 0; k < NSPARE; k++) {
        PyObject *s = c->spare[k];
        if (s == NULL)
            continue;
        if (img == NULL && spareFree(s, c)) {
            img = s;
            c->spare[k] = NULL; /* claimed: another thread does not find it while Go runs */
        } else if (Py_REFCNT(s) == 1) {
            drop[k] = s;
            c->spare[k] = NULL;
        }
    }
    for (int k = 0; k < NSPARE; k++) /* once c is consistent: a weak reference's callback may run */
        Py_XDECREF(drop[k]);
    return img;
}

/* setSlot sets a slot of img to v (a new reference). */
static void setSlot(PyObject *img, Py_ssize_t off, PyObject *v) {
    PyObject *old = SLOT(img, off);
    if (old != v) {
        SLOT(img, off) = Py_NewRef(v);
        Py_XDECREF(old);
    }
}

/* reuseImage is the spare img (its reference) made the Image newImage
   makes on its own array: every other slot set again. */
static PyObject *reuseImage(PyObject *img, PyObject *geom, PyObject *cal) {
    setSlot(img, off_geom, geom);
    setSlot(img, off_cal, cal);
    for (int i = 0; i < nconst; i++)
        setSlot(img, off_const[i], val_const[i]);
    return img;
}

/* keepSpare makes img, the new Image of c's entry o, c's newest spare
   when c is still that call's entry (Go ran without the GIL) and the
   output is small (reused: it was c's spare, which fit). c drops its
   oldest spare when it has NSPARE already. */
static void keepSpare(centry *c, PyObject *req, PyObject *o, PyObject *img, int reused) {
#ifndef Py_GIL_DISABLED /* reference counts read as above only with the GIL */
    if (Py_TYPE(img) != image_type || c->req != req || c->entry != o ||
        !(reused || spareFits(SLOT(img, off_array), c)))
        return;
    int j = 0; /* the first empty slot, else the oldest */
    while (j < NSPARE - 1 && c->spare[j] != NULL)
        j++;
    PyObject *old = c->spare[j];
    for (int k = j; k > 0; k--)
        c->spare[k] = c->spare[k - 1];
    c->spare[0] = Py_NewRef(img);
    Py_XDECREF(old);
#endif
}
