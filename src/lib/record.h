/*
 * The kinds of records, their CSV columns and the rules for each value
 * (record.c).  Import, add, update and export all read these tables, so
 * a rule lives in one place.
 */
#ifndef TWR_RECORD_H
#define TWR_RECORD_H

#include "internal.h"

/* How a value is checked and written. */
enum ftype {
	FT_TEXT,	/* free text, line breaks allowed */
	FT_LINE,	/* one line of text */
	FT_NAME,	/* an actor's name: one line */
	FT_COUNTRY,	/* stored as the ISO code */
	FT_DATE,	/* stored as ISO 8601 at its precision */
	FT_AGKIND,	/* agreement kind */
	FT_AGSTATUS,	/* agreement status */
	FT_MSTATUS,	/* membership status */
	FT_AKIND,	/* actor kind */
	FT_LIST,	/* ';'-separated values */
	FT_PARTIES	/* ';'-separated "Name (CC)" */
};

/* What a column is to the record. */
enum role {
	R_FIELD,	/* a text column of the record's table */
	R_NAME_A,	/* first party, member */
	R_COUNTRY_A,
	R_NAME_B,	/* second party, network */
	R_COUNTRY_B,
	R_ALIASES,	/* actors: other spellings */
	R_PARENT,	/* actors: the parent's name */
	R_OTHER_PARTIES	/* agreements: third and further parties */
};

struct colspec {
	const char *name;	/* CSV column */
	enum ftype type;
	enum role role;
	int field;		/* R_FIELD: index in tabledef.fields */
	int required;
};

#define MAX_FIELDS 16

struct tabledef {
	const char *table;
	enum rec_type type;
	size_t nfields;
	const char *const *fields;	/* text columns, in table order */
	const char *a_col, *b_col;	/* the actor id columns, or NULL */
	/* Their names in the history (an actor's a: its parent). */
	const char *a_name, *b_name;
	int ident[3];			/* fields in the identity, -1 ends */
};

struct kinddef {
	enum twr_kind kind;
	const char *plural, *singular;
	const struct tabledef *tab;
	const struct colspec *cols;
	size_t ncols;
	const char *agkind;		/* the agreement kind it implies */
	const char *const *names;	/* column names, NULL-terminated */
	const char *const *required;
};

/* Agreement fields (agreements' text columns). */
enum { AG_KIND, AG_TITLE, AG_SIGNED_ON, AG_SIGNED_PLACE, AG_STATUS,
	AG_ENDED_ON, AG_CDD, AG_CDN, AG_MAD, AG_MAN, AG_TOPICS, AG_SOURCE,
	AG_NOTES, AG_NFIELDS };
/* Membership fields. */
enum { M_STATUS, M_SINCE, M_UNTIL, M_ROLES, M_CDD, M_CDN, M_MAD, M_MAN,
	M_SOURCE, M_NOTES, M_NFIELDS };
/* Actor fields. */
enum { A_NAME, A_COUNTRY, A_KIND, A_NAME_EN, A_WEBSITE, A_SOURCE, A_NOTES,
	A_NFIELDS };

extern const struct tabledef tab_agreements, tab_memberships, tab_actors;

const struct kinddef *kinddef_of(enum twr_kind kind);
/* The kind of an agreement of kind AGKIND in CSV terms. */
const struct kinddef *kinddef_agreement(const char *agkind);
/* The colspec of KD named NAME ('-' and '_' alike), or NULL. */
const struct colspec *colspec_find(const struct kinddef *kd,
    const char *name);
/* "a, b or c": the column names of KD. */
void kind_columns_text(const struct kinddef *kd, struct twr_buf *out);

/*
 * Check and normalize RAW (trimmed) as a value of type TYPE, appending
 * the stored form to OUT.  Returns 0, or -1 with a message saying what is
 * wrong and what was expected in MSG.
 */
int value_norm(enum ftype type, const char *raw, struct twr_buf *out,
    struct twr_buf *msg);

/* ---- editing helpers (edit.c) ------------------------------------ */

/*
 * Set COLUMN of record ID in TABLE (both from the fixed tables above) to
 * TEXT, or to the actor id NUM when IS_NUM (0: none).
 */
enum twr_status exec_update(struct twr_db *db, const char *table,
    const char *column, long long id, const char *text, long long num,
    int is_num, struct twr_error *err);
/* Replace the other spellings of actor ID with LIST (';'-separated). */
enum twr_status set_aliases(struct twr_db *db, long long id,
    const char *list, struct twr_error *err);
/* Replace the third and further parties of agreement ID with LIST
 * ("Name (CC);..."), creating actors as needed under CHANGE. */
enum twr_status set_others(struct twr_db *db, long long id,
    const char *list, long long change, struct twr_error *err);
/* The parties beyond the first two of agreement ID ("Name (CC);..."),
 * malloc'd, or NULL. */
char *others_list(struct twr_db *db, long long id);
/* The aliases of actor ID as a ';' list, malloc'd, or NULL. */
char *alias_list(struct twr_db *db, long long id);

/*
 * A parent's name as written in the actors format: "Name", or "Name (CC)"
 * for a parent in another country.  Returns the name (malloc'd) and sets
 * *COUNTRY to the code given, else to DEFAULT_CC.
 */
char *parent_split(const char *text, const char *default_cc,
    const char **country);

/* Split "Name (CC)" in place: *NAME and *COUNTRY point into S.
 * Returns 0, or -1 when there is no "(...)" at the end. */
int party_split(char *s, char **name, char **country);

#endif
