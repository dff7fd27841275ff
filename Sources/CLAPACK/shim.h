// Swift's importer drops every prototype that uses C99 _Complex types, so
// force the struct forms. lapacke.h includes lapack.h, which picks the complex
// type before reading lapacke_config.h: include the config first.
#define FORCE_OPENBLAS_COMPLEX_STRUCT 1
#define LAPACK_COMPLEX_STRUCTURE 1
#include <lapacke_config.h>
#include <cblas.h>
#include <lapacke.h>
// lapack_int is a macro, invisible to Swift: give it a name.
typedef lapack_int lapack_int_t;
