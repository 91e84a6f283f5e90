/* The OpFunc type of _opfunc.c: generated op functions called from C. */
#ifndef GIPS_OPFUNC_H
#define GIPS_OPFUNC_H

#include <Python.h>

PyObject *opfuncBind(PyObject *module, PyObject *const *args, Py_ssize_t nargs);
int opfuncReady(void);

#endif
