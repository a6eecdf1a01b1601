/*
 * The reports' index of actors by id (names_index, names_at): dense ids
 * by subtraction, others by a search, ids anywhere in 64 bits.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "report.h"
#include "unit.h"

/* Actor ids far apart, at the ends of 64 bits: found by a search, and an
   id outside them found nowhere, with no arithmetic that overflows. */
void
t_names(void)
{
	static long long far[] = { -9000000000000000000LL, -1, 0,
		9000000000000000000LL };
	static long long dense[] = { 5, 6, 8 };
	struct actor_names a;
	size_t i;

	memset(&a, 0, sizeof(a));
	a.id = far;
	a.n = 4;
	names_index(&a);
	CHECK(a.pos == NULL);
	for (i = 0; i < 4; i++)
		CHECK(names_at(&a, far[i]) == (long)i);
	CHECK(names_at(&a, 1) == -1);
	a.id = dense;
	a.n = 3;
	names_index(&a);
	CHECK(a.pos != NULL && a.span == 4);
	CHECK(names_at(&a, 8) == 2 && names_at(&a, 7) == -1);
	CHECK(names_at(&a, -9000000000000000000LL) == -1 &&
	    names_at(&a, 9000000000000000000LL) == -1 &&
	    names_at(&a, 4) == -1 && names_at(&a, 9) == -1);
	free(a.pos);
}
