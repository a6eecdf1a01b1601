/*
 * libpq, loaded on first use (pq.h).
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#define PQ_LOADER
#include "pq.h"

/* Debian's libpq5; its name as the linker records it. */
#define PQ_LIBRARY "libpq.so.5"

struct pq_api twr_pq;

int
pq_load(char *why, size_t n)
{
	static void *lib;
	const char *name = NULL;
	void *h;

	if (lib != NULL)
		return 0;
	/* Lazily, as the linker would: its own libraries' functions are
	   found when first called (a millisecond less than all at once);
	   those twinreg calls are found below. */
	if ((h = dlopen(PQ_LIBRARY, RTLD_LAZY | RTLD_LOCAL)) == NULL) {
		snprintf(why, n, "%s", dlerror());
		return -1;
	}
	/* POSIX's way to a function's pointer from dlsym's. */
#define PQ_FIND(f) \
	if (name == NULL && (*(void **)&twr_pq.f = dlsym(h, #f)) == NULL) \
		name = #f;
	PQ_FUNCS(PQ_FIND)
#undef PQ_FIND
	if (name != NULL) {
		snprintf(why, n, "%s lacks %s", PQ_LIBRARY, name);
		memset(&twr_pq, 0, sizeof(twr_pq));
		dlclose(h);
		return -1;
	}
	lib = h;
	return 0;
}
