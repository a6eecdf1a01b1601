/*
 * The rules for each value (values.c).
 */
#ifndef TWR_VALUES_H
#define TWR_VALUES_H

#include "kinds.h"

/* What is wrong with a value: a message and the text it names. */
struct vmsg {
	struct twr_msg m;
	struct twr_buf text;	/* the value (and, after a NUL, value2) */
	struct twr_buf hint;	/* the nearest right values */
	size_t text2;		/* where value2 starts in text, or 0 */
};

void vmsg_init(struct vmsg *vm);
void vmsg_free(struct vmsg *vm);
/* VM's message, its strings pointing into VM. */
const struct twr_msg *vmsg_get(struct vmsg *vm);

/*
 * Check RAW (trimmed, not empty) as a value of TYPE (a V_TERM of
 * VOCAB) and append its stored form to OUT.  Returns 0, or -1 with VM
 * saying what is wrong (OUT may then hold part of a value).
 */
int value_check(enum vtype type, enum twr_vocab vocab, const char *raw,
    struct twr_buf *out, struct vmsg *vm);

/* Split "Name (CC)" in place: *NAME and *COUNTRY point into S.
 * Returns 0, or -1 when there is no "(...)" at the end. */
int party_split(char *s, char **name, char **country);

/*
 * A parent's name as written in the actors format: "Name", or "Name (CC)"
 * for a parent in another country.  Returns the name (malloc'd; NULL
 * when out of memory) and sets *COUNTRY to the code given, else to
 * DEFAULT_CC.
 */
char *parent_split(const char *text, const char *default_cc,
    const char **country);

#endif
