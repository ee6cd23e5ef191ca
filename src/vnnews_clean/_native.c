/* The numeric core of the classifier in C: the model's posteriors for a page and the Viterbi
 * decoder. An optional accelerator: model.py and decode.py hold the reference code in Python
 * and use these functions when the extension was built. Every result is the same float as
 * the reference's on CPython 3.11 (same operations in the same order, no fused multiply-add:
 * setup.py passes -ffp-contract=off), so labels never depend on whether a compiler was there.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdlib.h>

/* seq as a fast sequence of exactly n items (new reference); NULL with an exception set. */
static PyObject *
fast_of_size(PyObject *seq, Py_ssize_t n, const char *what, const char *unit)
{
    PyObject *fast = PySequence_Fast(seq, what);
    if (fast != NULL && PySequence_Fast_GET_SIZE(fast) != n) {
        PyErr_Format(PyExc_ValueError, "%s: %zd %s, expected %zd", what,
                     PySequence_Fast_GET_SIZE(fast), unit, n);
        Py_CLEAR(fast);
    }
    return fast;
}

/* The numbers of a fast sequence into out (as many as it holds); -1 with an exception set. */
static int
copy_doubles(PyObject *fast, double *out)
{
    PyObject **items = PySequence_Fast_ITEMS(fast);
    for (Py_ssize_t i = 0; i < PySequence_Fast_GET_SIZE(fast); i++) {
        out[i] = PyFloat_AsDouble(items[i]);
        if (out[i] == -1.0 && PyErr_Occurred())
            return -1;
    }
    return 0;
}

/* A sequence of numbers read into a new C array of n doubles; NULL with an exception set. */
static double *
read_doubles(PyObject *seq, Py_ssize_t n, const char *what)
{
    PyObject *fast = fast_of_size(seq, n, what, "values");
    if (fast == NULL)
        return NULL;
    double *out = PyMem_Malloc((n ? n : 1) * sizeof(double));
    if (out == NULL) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return NULL;
    }
    if (copy_doubles(fast, out) < 0) {
        PyMem_Free(out);
        out = NULL;
    }
    Py_DECREF(fast);
    return out;
}

/* A k x f matrix from a sequence of k sequences of f numbers, row-major. */
static double *
read_matrix(PyObject *seq, Py_ssize_t k, Py_ssize_t f, const char *what)
{
    PyObject *fast = fast_of_size(seq, k, what, "rows");
    if (fast == NULL)
        return NULL;
    double *out = PyMem_Malloc((k > 0 && f > 0 ? k * f : 1) * sizeof(double));
    if (out == NULL) {
        Py_DECREF(fast);
        PyErr_NoMemory();
        return NULL;
    }
    for (Py_ssize_t r = 0; r < k; r++) {
        double *row = read_doubles(PySequence_Fast_GET_ITEM(fast, r), f, what);
        if (row == NULL) {
            PyMem_Free(out);
            Py_DECREF(fast);
            return NULL;
        }
        memcpy(out + r * f, row, f * sizeof(double));
        PyMem_Free(row);
    }
    Py_DECREF(fast);
    return out;
}

static PyObject *
double_tuple(const double *values, Py_ssize_t n)
{
    PyObject *out = PyTuple_New(n);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *v = PyFloat_FromDouble(values[i]);
        if (v == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyTuple_SET_ITEM(out, i, v);
    }
    return out;
}

/* Log-softmax of k scores in place, as Model.log_posteriors computes it: the first maximum,
 * then the exponentials summed from 0 in order. */
static void
log_softmax(double *scores, Py_ssize_t k)
{
    double top = scores[0];
    for (Py_ssize_t c = 1; c < k; c++)
        if (scores[c] > top)
            top = scores[c];
    double total = 0.0;
    for (Py_ssize_t c = 0; c < k; c++)
        total += exp(scores[c] - top);
    double log_norm = top + log(total);
    for (Py_ssize_t c = 0; c < k; c++)
        scores[c] -= log_norm;
}

PyDoc_STRVAR(posteriors_doc,
"posteriors(rows, weights, bias) -> tuple of tuples\n\n"
"log P(class | block) for every row: the linear scores bias[c] + sum of weights[c][i] * x[i]\n"
"over the nonzero x[i] in order, then a log-softmax.");

static PyObject *
posteriors(PyObject *self, PyObject *args)
{
    PyObject *rows_obj, *weights_obj, *bias_obj;
    if (!PyArg_ParseTuple(args, "OOO:posteriors", &rows_obj, &weights_obj, &bias_obj))
        return NULL;
    Py_ssize_t k = PySequence_Size(bias_obj);
    if (k < 1) {
        if (!PyErr_Occurred())
            PyErr_SetString(PyExc_ValueError, "posteriors: no classes");
        return NULL;
    }
    PyObject *first = PySequence_GetItem(weights_obj, 0);
    if (first == NULL)
        return NULL;
    Py_ssize_t f = PySequence_Size(first);
    Py_DECREF(first);
    if (f < 0)
        return NULL;
    double *bias = read_doubles(bias_obj, k, "bias");
    double *weights = bias ? read_matrix(weights_obj, k, f, "weights") : NULL;
    double *row = PyMem_Malloc((f ? f : 1) * sizeof(double));
    double *scores = PyMem_Malloc(k * sizeof(double));
    PyObject *rows = PySequence_Fast(rows_obj, "rows");
    PyObject *out = NULL;
    if (bias == NULL || weights == NULL || rows == NULL)
        goto done;
    if (row == NULL || scores == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t n = PySequence_Fast_GET_SIZE(rows);
    out = PyTuple_New(n);
    if (out == NULL)
        goto done;
    for (Py_ssize_t b = 0; b < n; b++) {
        PyObject *fast = PySequence_Fast(PySequence_Fast_GET_ITEM(rows, b), "row");
        if (fast == NULL)
            goto fail;
        if (PySequence_Fast_GET_SIZE(fast) != f) {
            PyErr_Format(PyExc_ValueError,
                         "a feature row of %zd values; the model reads %zd",
                         PySequence_Fast_GET_SIZE(fast), f);
            Py_DECREF(fast);
            goto fail;
        }
        int copied = copy_doubles(fast, row);  /* the row has f values: checked above */
        Py_DECREF(fast);
        if (copied < 0)
            goto fail;
        for (Py_ssize_t c = 0; c < k; c++) {
            const double *w = weights + c * f;
            double acc = 0.0;
            for (Py_ssize_t i = 0; i < f; i++)
                if (row[i] != 0.0)  /* the reference skips the flags that did not fire */
                    acc += w[i] * row[i];
            scores[c] = bias[c] + acc;
        }
        log_softmax(scores, k);
        PyObject *t = double_tuple(scores, k);
        if (t == NULL)
            goto fail;
        PyTuple_SET_ITEM(out, b, t);
    }
    goto done;
fail:
    Py_CLEAR(out);
done:
    PyMem_Free(bias);
    PyMem_Free(weights);
    PyMem_Free(row);
    PyMem_Free(scores);
    Py_XDECREF(rows);
    return out;
}

#define BLOCKED (-1e9)

PyDoc_STRVAR(decode_doc,
"decode(posteriors, log_prior, positions, forced, prior_weight, log_start, log_transition)\n"
"-> list of state indices\n\n"
"The emissions of decode.emissions_for and the path of decode.viterbi in one call. positions[s]\n"
"is the index of state s's class in the model's classes; forced[b] is -1 for a free block,\n"
"else the index of the class its rule fixed (a state of another class is blocked), -2 for a\n"
"class the model lacks.");

static PyObject *
decode(PyObject *self, PyObject *args)
{
    PyObject *posts_obj, *prior_obj, *positions_obj, *forced_obj, *start_obj, *trans_obj;
    double prior_weight;
    if (!PyArg_ParseTuple(args, "OOOOdOO:decode", &posts_obj, &prior_obj, &positions_obj,
                          &forced_obj, &prior_weight, &start_obj, &trans_obj))
        return NULL;
    Py_ssize_t n_classes = PySequence_Size(prior_obj);
    Py_ssize_t k = PySequence_Size(start_obj);
    Py_ssize_t n = PySequence_Size(posts_obj);
    if (n_classes < 0 || k < 0 || n < 0)
        return NULL;
    if (k == 0 || n == 0)
        return PyList_New(0);
    double *prior = NULL, *start = NULL, *trans = NULL, *scaled = NULL, *forced_d = NULL;
    double *score = NULL, *next = NULL, *positions_d = NULL;
    int *back = NULL;
    PyObject *posts = NULL, *out = NULL;

    prior = read_doubles(prior_obj, n_classes, "log_prior");
    start = prior ? read_doubles(start_obj, k, "log_start") : NULL;
    trans = start ? read_matrix(trans_obj, k, k, "log_transition") : NULL;
    positions_d = trans ? read_doubles(positions_obj, k, "positions") : NULL;
    forced_d = positions_d ? read_doubles(forced_obj, n, "forced") : NULL;
    posts = forced_d ? PySequence_Fast(posts_obj, "posteriors") : NULL;
    if (posts == NULL)
        goto done;
    for (Py_ssize_t s = 0; s < k; s++) {
        if (!(positions_d[s] >= 0 && positions_d[s] < n_classes)) {
            PyErr_SetString(PyExc_ValueError, "decode: a state's class position is out of range");
            goto done;
        }
    }
    if ((size_t)n > PY_SSIZE_T_MAX / sizeof(int) / (size_t)k) {
        PyErr_NoMemory();
        goto done;
    }
    scaled = PyMem_Malloc(n_classes * sizeof(double));
    score = PyMem_Malloc(k * sizeof(double));
    next = PyMem_Malloc(k * sizeof(double));
    back = PyMem_Malloc(n * k * sizeof(int));
    if (scaled == NULL || score == NULL || next == NULL || back == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t t = 0; t < n; t++) {
        double *lp = read_doubles(PySequence_Fast_GET_ITEM(posts, t), n_classes, "posteriors");
        if (lp == NULL)
            goto done;
        for (Py_ssize_t c = 0; c < n_classes; c++)
            scaled[c] = lp[c] - prior_weight * prior[c];
        PyMem_Free(lp);
        double fixed = forced_d[t];
        for (Py_ssize_t s = 0; s < k; s++) {
            Py_ssize_t at = (Py_ssize_t)positions_d[s];
            /* forced -2, a class the model does not have, blocks every state */
            double em = (fixed == -1.0 || (double)at == fixed) ? scaled[at] : BLOCKED;
            if (t == 0) {
                next[s] = start[s] + em;
                continue;
            }
            /* The predecessor with the highest score, the lowest index on a tie. */
            int best_prev = 0;
            double best = score[0] + trans[s];
            for (Py_ssize_t p = 1; p < k; p++) {
                double v = score[p] + trans[p * k + s];
                if (v > best) {
                    best = v;
                    best_prev = (int)p;
                }
            }
            next[s] = best + em;
            back[t * k + s] = best_prev;
        }
        double *swap = score;
        score = next;
        next = swap;
    }
    int last = 0;
    for (Py_ssize_t s = 1; s < k; s++)
        if (score[s] > score[last])
            last = (int)s;
    out = PyList_New(n);
    if (out == NULL)
        goto done;
    for (Py_ssize_t t = n - 1; t >= 0; t--) {
        PyObject *v = PyLong_FromLong(last);
        if (v == NULL) {
            Py_CLEAR(out);
            goto done;
        }
        PyList_SET_ITEM(out, t, v);
        if (t > 0)
            last = back[t * k + last];
    }
done:
    PyMem_Free(prior);
    PyMem_Free(start);
    PyMem_Free(trans);
    PyMem_Free(positions_d);
    PyMem_Free(forced_d);
    PyMem_Free(scaled);
    PyMem_Free(score);
    PyMem_Free(next);
    PyMem_Free(back);
    Py_XDECREF(posts);
    return out;
}

static PyMethodDef native_methods[] = {
    {"posteriors", posteriors, METH_VARARGS, posteriors_doc},
    {"decode", decode, METH_VARARGS, decode_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef native_module = {
    PyModuleDef_HEAD_INIT, "vnnews_clean._native",
    "The classifier's numeric core in C (optional; see model.py and decode.py).", -1,
    native_methods,
};

PyMODINIT_FUNC
PyInit__native(void)
{
    return PyModule_Create(&native_module);
}
