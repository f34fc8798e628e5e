/* The page walk of objects.py, compiled: the same records, without a Python loop per object.
 *
 * Reading a report page costs some ten pdfium calls per text object; made through ctypes, with
 * the Python around them, that loop was a fifth of a PDF's import. This module makes the same
 * calls from C and returns what PageReader._walk returns, so the two are interchangeable (the
 * tests compare them on every fixture). It is optional: without a C compiler the package installs
 * without it and the Python walk runs.
 *
 * pdfium is not linked: objects.py hands over the addresses of the functions it bound with ctypes
 * (bind), so there is one pdfium in the process, loaded once, whichever walk runs.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdlib.h>

#if defined(_WIN32) && !defined(_WIN64)
#define PDFIUM_CALL __stdcall
#else
#define PDFIUM_CALL
#endif

typedef struct { float a, b, c, d, e, f; } Matrix;

enum { OBJ_TEXT = 1, OBJ_PATH = 2, OBJ_IMAGE = 3, OBJ_FORM = 5, RENDER_FILL_STROKE = 2 };

/* The order of these pointers is the order of WALK_FUNCTIONS in objects.py. */
static struct {
    int (PDFIUM_CALL *page_count_objects)(void *);
    void *(PDFIUM_CALL *page_get_object)(void *, int);
    int (PDFIUM_CALL *form_count_objects)(void *);
    void *(PDFIUM_CALL *form_get_object)(void *, unsigned long);
    int (PDFIUM_CALL *get_type)(void *);
    int (PDFIUM_CALL *count_chars)(void *);
    unsigned int (PDFIUM_CALL *get_unicode)(void *, int);
    void *(PDFIUM_CALL *get_text_object)(void *, int);
    int (PDFIUM_CALL *get_char_origin)(void *, int, double *, double *);
    int (PDFIUM_CALL *get_bounds)(void *, float *, float *, float *, float *);
    void *(PDFIUM_CALL *get_font)(void *);
    int (PDFIUM_CALL *get_render_mode)(void *);
    int (PDFIUM_CALL *get_font_size)(void *, float *);
    int (PDFIUM_CALL *get_matrix)(void *, Matrix *);
    int (PDFIUM_CALL *get_draw_mode)(void *, int *, int *);
    int (PDFIUM_CALL *get_fill_color)(void *, unsigned int *, unsigned int *, unsigned int *, unsigned int *);
} pdfium;
static const Py_ssize_t FUNCTION_COUNT = sizeof(pdfium) / sizeof(void *);
static int bound = 0;

/* The text of one text object, UTF-16, as FPDFTextObj_GetText would give it. */
typedef struct {
    void *object;
    unsigned short *units;
    Py_ssize_t length, capacity, last;  /* last: index of the object's latest character so far */
} Run;

/* Where the walk collects; out-parameters keep their last value when a call fails, as the
 * ctypes buffers of the Python walk do. */
typedef struct {
    void *textpage;
    PyObject *texts, *paths, *votes;
    long images;
    Run *runs;
    Py_ssize_t run_count, run_capacity, cached;
    float left, bottom, right, top, size;
    Matrix matrix;
} Walk;

typedef struct { double a, b, c, d, e, f; int identity; } Transform;

static void apply_point(const Transform *m, double x, double y, double *out_x, double *out_y) {
    *out_x = m->a * x + m->c * y + m->e;
    *out_y = m->b * x + m->d * y + m->f;
}

/* Bounds of a form's child in page space: the four corners mapped, then their extent. */
static void apply_box(const Transform *m, double box[4]) {
    if (m->identity) return;
    double xs[4], ys[4];
    const double corners[4][2] = {{box[0], box[1]}, {box[2], box[1]}, {box[0], box[3]}, {box[2], box[3]}};
    for (int i = 0; i < 4; i++) apply_point(m, corners[i][0], corners[i][1], &xs[i], &ys[i]);
    box[0] = box[2] = xs[0];
    box[1] = box[3] = ys[0];
    for (int i = 1; i < 4; i++) {
        box[0] = xs[i] < box[0] ? xs[i] : box[0];
        box[1] = ys[i] < box[1] ? ys[i] : box[1];
        box[2] = xs[i] > box[2] ? xs[i] : box[2];
        box[3] = ys[i] > box[3] ? ys[i] : box[3];
    }
}

static int append_unit(Run *run, unsigned short unit) {
    if (run->length == run->capacity) {
        Py_ssize_t capacity = run->capacity ? run->capacity * 2 : 64;
        unsigned short *units = PyMem_Realloc(run->units, capacity * sizeof(unsigned short));
        if (units == NULL) return -1;
        run->units = units;
        run->capacity = capacity;
    }
    run->units[run->length++] = unit;
    return 0;
}

static int append_char(Run *run, unsigned int code) {
    if (code > 0xFFFF && code <= 0x10FFFF) {
        code -= 0x10000;
        return append_unit(run, (unsigned short)(0xD800 + (code >> 10))) ? -1
               : append_unit(run, (unsigned short)(0xDC00 + (code & 0x3FF)));
    }
    return append_unit(run, (unsigned short)code);
}

static Run *run_of(Walk *walk, void *object, int create) {
    if (walk->cached < walk->run_count && walk->runs[walk->cached].object == object)
        return &walk->runs[walk->cached];
    for (Py_ssize_t i = 0; i < walk->run_count; i++)
        if (walk->runs[i].object == object) {
            walk->cached = i;
            return &walk->runs[i];
        }
    if (!create) return NULL;
    if (walk->run_count == walk->run_capacity) {
        Py_ssize_t capacity = walk->run_capacity ? walk->run_capacity * 2 : 64;
        Run *runs = PyMem_Realloc(walk->runs, capacity * sizeof(Run));
        if (runs == NULL) return NULL;
        walk->runs = runs;
        walk->run_capacity = capacity;
    }
    Run *run = &walk->runs[walk->run_count];
    *run = (Run){object, NULL, 0, 0, -1};
    walk->cached = walk->run_count++;
    return run;
}

/* Every text object's text from one pass over the text page's characters.
 *
 * FPDFTextObj_GetText scans all of a page's characters for each object it is asked about: on a
 * report page that is most of the cost of reading its text. Its rule, applied here to every
 * object at once: the object's own characters in order; a space where the first character after
 * one of them belongs to something else and is a space (another run's, or one pdfium generated);
 * a line break ("\r\n") before an own character on another baseline when something other than
 * spaces came between. */
static int map_texts(Walk *walk) {
    int count = walk->textpage ? pdfium.count_chars(walk->textpage) : 0;
    if (count <= 0) return 0;
    unsigned int *codes = PyMem_Malloc(count * sizeof(unsigned int));
    Py_ssize_t *others = PyMem_Malloc((count + 1) * sizeof(Py_ssize_t));  /* non-spaces before i */
    int result = -1;
    if (codes == NULL || others == NULL) goto done;
    others[0] = 0;
    for (int i = 0; i < count; i++) {
        codes[i] = pdfium.get_unicode(walk->textpage, i);
        others[i + 1] = others[i] + (codes[i] != ' ');
    }
    for (int i = 0; i < count; i++) {
        void *object = pdfium.get_text_object(walk->textpage, i);
        if (object == NULL) continue;
        Run *run = run_of(walk, object, 1);
        if (run == NULL) goto done;
        Py_ssize_t gap = run->last + 1;
        if (run->last >= 0 && gap < i) {
            if (codes[gap] == ' ' && append_unit(run, ' ')) goto done;
            if (others[i] - others[gap] > 0 && run->length > 0) {
                double x, before, here;
                pdfium.get_char_origin(walk->textpage, (int)run->last, &x, &before);
                pdfium.get_char_origin(walk->textpage, i, &x, &here);
                if (fabs(before - here) > 0 && (append_unit(run, '\r') || append_unit(run, '\n'))) goto done;
            }
        }
        if (codes[i] && append_char(run, codes[i])) goto done;
        run->last = i;
    }
    for (Py_ssize_t r = 0; r < walk->run_count; r++) {
        Run *run = &walk->runs[r];
        if (run->last + 1 < count && codes[run->last + 1] == ' ' && append_unit(run, ' ')) goto done;
    }
    result = 0;
done:
    PyMem_Free(codes);
    PyMem_Free(others);
    if (result) PyErr_NoMemory();
    return result;
}

/* The text of a text object as the Python walk gives it: line breaks as spaces, STX as "-". */
static PyObject *object_text(Walk *walk, void *object) {
    Run *run = run_of(walk, object, 0);
    if (run == NULL) return PyUnicode_New(0, 0);
    unsigned short *units = run->units;
    Py_ssize_t count = run->length, length = 0;
    for (Py_ssize_t i = 0; i < count; i++) {
        unsigned short unit = units[i];
        if (unit == '\r' && i + 1 < count && units[i + 1] == '\n') i++;
        units[length++] = (unit == '\r' || unit == '\n') ? ' ' : unit == 0x02 ? '-' : unit;
    }
    run->length = length;
    int little_endian = -1;
    return PyUnicode_DecodeUTF16((const char *)units, length * 2, "replace", &little_endian);
}

static int is_blank(PyObject *text) {
    Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    for (Py_ssize_t i = 0; i < length; i++)
        if (!Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) return 0;
    return 1;
}

static int vote(Walk *walk, int quarter, Py_ssize_t weight) {
    PyObject *key = PyLong_FromLong(quarter);
    if (key == NULL) return -1;
    PyObject *current = PyDict_GetItemWithError(walk->votes, key);
    long sum = current ? PyLong_AsLong(current) + (long)weight : (long)weight;
    PyObject *value = (current || !PyErr_Occurred()) ? PyLong_FromLong(sum) : NULL;
    int result = value ? PyDict_SetItem(walk->votes, key, value) : -1;
    Py_DECREF(key);
    Py_XDECREF(value);
    return result;
}

static int add_text(Walk *walk, void *object, const Transform *form) {
    PyObject *text = object_text(walk, object);
    if (text == NULL) return -1;
    if (is_blank(text)) {
        Py_DECREF(text);
        return 0;
    }
    pdfium.get_bounds(object, &walk->left, &walk->bottom, &walk->right, &walk->top);
    double box[4] = {walk->left, walk->bottom, walk->right, walk->top};
    void *font = pdfium.get_font(object);
    int synthetic_bold = pdfium.get_render_mode(object) == RENDER_FILL_STROKE;
    pdfium.get_font_size(object, &walk->size);
    pdfium.get_matrix(object, &walk->matrix);
    double run_x = walk->matrix.a, run_y = walk->matrix.b;
    int quarter = fabs(run_x) >= fabs(run_y) ? (run_x > 0 ? 0 : 2) : (run_y > 0 ? 1 : 3);
    if (vote(walk, quarter, PyUnicode_GET_LENGTH(text)) < 0) {
        Py_DECREF(text);
        return -1;
    }
    double origin_x = walk->matrix.e, origin_y = walk->matrix.f;
    if (!form->identity) {
        apply_box(form, box);
        apply_point(form, walk->matrix.e, walk->matrix.f, &origin_x, &origin_y);
    }
    PyObject *record = Py_BuildValue("(N(dddd)dNOdd)", text, box[0], box[1], box[2], box[3],
                                     (double)walk->size * hypot(run_x, run_y),
                                     font ? PyLong_FromVoidPtr(font) : Py_NewRef(Py_None),
                                     synthetic_bold ? Py_True : Py_False, origin_x, origin_y);
    if (record == NULL) return -1;
    int result = PyList_Append(walk->texts, record);
    Py_DECREF(record);
    return result;
}

static int add_path(Walk *walk, void *object, const Transform *form) {
    int mode = 0, stroke = 0;
    unsigned int r = 0, g = 0, b = 0, a = 0;
    if (!pdfium.get_draw_mode(object, &mode, &stroke) || mode == 0) return 0;
    if (!pdfium.get_fill_color(object, &r, &g, &b, &a) || a < 128) return 0;
    pdfium.get_bounds(object, &walk->left, &walk->bottom, &walk->right, &walk->top);
    double box[4] = {walk->left, walk->bottom, walk->right, walk->top};
    apply_box(form, box);
    PyObject *record = Py_BuildValue("((dddd)(III))", box[0], box[1], box[2], box[3], r, g, b);
    if (record == NULL) return -1;
    int result = PyList_Append(walk->paths, record);
    Py_DECREF(record);
    return result;
}

static Transform compose(const Matrix *inner, const Transform *outer) {
    Transform m = {inner->a, inner->b, inner->c, inner->d, inner->e, inner->f, 0};
    if (outer->identity) return m;
    Transform o = *outer;
    Transform r = {m.a * o.a + m.b * o.c, m.a * o.b + m.b * o.d, m.c * o.a + m.d * o.c, m.c * o.b + m.d * o.d,
                   m.e * o.a + m.f * o.c + o.e, m.e * o.b + m.f * o.d + o.f, 0};
    return r;
}

static int walk_container(Walk *walk, void *container, const Transform *form, int is_form) {
    int count = is_form ? pdfium.form_count_objects(container) : pdfium.page_count_objects(container);
    for (int index = 0; index < count; index++) {
        void *object = is_form ? pdfium.form_get_object(container, (unsigned long)index)
                               : pdfium.page_get_object(container, index);
        int kind = pdfium.get_type(object), failed = 0;
        if (kind == OBJ_TEXT) {
            failed = add_text(walk, object, form);
        } else if (kind == OBJ_PATH) {
            failed = add_path(walk, object, form);
        } else if (kind == OBJ_IMAGE) {
            walk->images++;
        } else if (kind == OBJ_FORM) {
            pdfium.get_matrix(object, &walk->matrix);
            Transform inner = compose(&walk->matrix, form);
            failed = walk_container(walk, object, &inner, 1);
        }
        if (failed) return -1;
    }
    return 0;
}

static PyObject *bind(PyObject *module, PyObject *addresses) {
    if (!PyTuple_Check(addresses) || PyTuple_GET_SIZE(addresses) != FUNCTION_COUNT) {
        PyErr_Format(PyExc_ValueError, "bind() takes a tuple of %zd function addresses", FUNCTION_COUNT);
        return NULL;
    }
    void **slots = (void **)&pdfium;
    for (Py_ssize_t i = 0; i < FUNCTION_COUNT; i++) {
        void *address = PyLong_AsVoidPtr(PyTuple_GET_ITEM(addresses, i));
        if (address == NULL) {
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "a function address is NULL");
            return NULL;
        }
        slots[i] = address;
    }
    bound = 1;
    Py_RETURN_NONE;
}

static PyObject *walk_page(PyObject *module, PyObject *args) {
    PyObject *page_address, *textpage_address;
    if (!PyArg_ParseTuple(args, "OO:walk", &page_address, &textpage_address)) return NULL;
    if (!bound) {
        PyErr_SetString(PyExc_RuntimeError, "walk() before bind()");
        return NULL;
    }
    void *page = PyLong_AsVoidPtr(page_address);
    void *textpage = textpage_address == Py_None ? NULL : PyLong_AsVoidPtr(textpage_address);
    if (PyErr_Occurred()) return NULL;
    Walk *walk = PyMem_Calloc(1, sizeof(Walk));
    if (walk == NULL) return PyErr_NoMemory();
    walk->textpage = textpage;
    walk->texts = PyList_New(0);
    walk->paths = PyList_New(0);
    walk->votes = PyDict_New();
    PyObject *result = NULL;
    Transform page_space = {1, 0, 0, 1, 0, 0, 1};
    if (walk->texts && walk->paths && walk->votes && map_texts(walk) == 0
            && walk_container(walk, page, &page_space, 0) == 0)
        result = Py_BuildValue("(OOOl)", walk->texts, walk->paths, walk->votes, walk->images);
    for (Py_ssize_t r = 0; r < walk->run_count; r++) PyMem_Free(walk->runs[r].units);
    PyMem_Free(walk->runs);
    Py_XDECREF(walk->texts);
    Py_XDECREF(walk->paths);
    Py_XDECREF(walk->votes);
    PyMem_Free(walk);
    return result;
}

static PyMethodDef methods[] = {
    {"bind", bind, METH_O, "Take the addresses of the pdfium functions the walk calls, in WALK_FUNCTIONS order."},
    {"walk", walk_page, METH_VARARGS,
     "walk(page, textpage) -> (texts, paths, votes, images), as PageReader._walk collects them."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_walk", NULL, -1, methods};

PyMODINIT_FUNC PyInit__walk(void) { return PyModule_Create(&module); }
