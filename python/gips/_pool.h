/* The output pool of gips._fastcall (python/gips/_pool.c). */
#ifndef GIPS_POOL_H
#define GIPS_POOL_H

#include <Python.h>

/* poolInit readies the pool's block type and reads GIPS_OUTPUT_POOL_MB;
   0, or -1 with a Python error. */
int poolInit(void);

/* poolEmpty is numpy.empty(shape, dtype) for an op's output from the
   pool (ndarray: numpy.ndarray) when it holds at least the pool's minimum
   of bytes: a new reference, or NULL with a Python error; NULL without
   one when the output is not the pool's (the caller allocates it). */
PyObject *poolEmpty(PyObject *ndarray, PyObject *shape, PyObject *dtype);

/* The module functions outputPool(maxBytes=-1, minBytes=-1, poison=-1)
   and releasePool(). */
PyObject *poolConfigure(PyObject *self, PyObject *args, PyObject *kw);
PyObject *poolRelease(PyObject *self, PyObject *unused);

#endif
