#ifndef CXLSXWRITER_SHIM_H
#define CXLSXWRITER_SHIM_H
#include <xlsxwriter.h>
#include <locale.h>
#include <zlib.h>
#include <malloc.h>

/* inflateInit2 is a macro Swift cannot import. Raw deflate (no zlib header), as in ZIP entries. */
static inline int cxlsx_inflate_init_raw(z_stream *strm) {
    return inflateInit2(strm, -MAX_WBITS);
}

/* A locale object whose LC_NUMERIC is "C" (the other categories are "C" as
 * well, which libxlsxwriter does not depend on). Used with uselocale() so
 * libxlsxwriter's "%.16G" prints a decimal point on this thread only.
 * LC_NUMERIC_MASK is a macro Swift cannot import, hence this helper. */
static inline locale_t cxlsx_new_c_numeric_locale(void) {
    return newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
}

/* uselocale((locale_t)0) queries without changing; the cast is awkward in Swift. */
static inline locale_t cxlsx_current_locale(void) {
    return uselocale((locale_t)0);
}
/* Returns the heap's free memory to the system (glibc keeps it in its arenas otherwise). */
static inline void cxlsx_release_free_memory(void) {
    (void)malloc_trim(0);
}
#endif
