/*
 * The kinds of records (kinds.c): for each, its table, its CSV columns
 * with the rule each value follows, its identity, its search fields and
 * how it is listed, shown and exported.  Import, add, update, export,
 * list, show, search and check read these descriptors, so a kind is one
 * descriptor and its rules (values.c), not a hunt through many files.
 */
#ifndef TWR_KINDS_H
#define TWR_KINDS_H

#include "internal.h"

/* The rule a value follows (values.c). */
enum vtype {
	V_TEXT,		/* free text, line breaks allowed */
	V_LINE,		/* one line of text */
	V_NAME,		/* an actor's name: one line */
	V_COUNTRY,	/* stored as the ISO code */
	V_DATE,		/* stored as ISO 8601 at its precision */
	V_TERM,		/* a word of a vocabulary (column's vocab) */
	V_LIST,		/* ';'-separated items, each one line */
	V_PARTIES,	/* ';'-separated "Name (CC)" */
	V_COUNT		/* a whole number */
};

/* Where a CSV column's value goes. */
enum role {
	R_FIELD,	/* a text column of the record's table */
	R_NAME_A,	/* the first actor: party, member (its name) */
	R_COUNTRY_A,	/* ... and its country */
	R_NAME_B,	/* the second: partner, network */
	R_COUNTRY_B,
	R_ALIASES,	/* actors: other spellings */
	R_PARENT,	/* actors: the parent's name */
	R_PARTIES,	/* agreements: third and further parties;
			   activities: other actors involved */
	R_TIE_NAME,	/* activities: the other party of its tie */
	R_TIE_COUNTRY,
	R_TIE_KIND	/* ... and the tie's kind, when two ties have one
			   other party */
};

#define COL_REQUIRED 1	/* a row must give it */
#define COL_HEADER 2	/* a file must have it, rows may leave it empty */

/* A CSV column of a kind. */
struct column {
	const char *name;	/* "signed_on" */
	enum vtype type;
	enum role role;
	int field;		/* R_FIELD: index in the table's fields */
	unsigned flags;		/* COL_* */
	enum twr_vocab vocab;	/* V_TERM: its words */
	const char *expr;	/* SQL reading it (aliases g, pa, pb) */
};

#define MAX_FIELDS 16

/* A field `show` lists: its name, and SQL over the table's FROM; NULL
   for the kind's CSV column of that name. */
struct showf {
	const char *name;
	const char *expr;
};

/* A field of the search index: its name, and its text as SQL over g;
   FIELD is the text column it is, or -1. */
struct sfield {
	const char *name;
	int field;
	const char *expr;
};

/* A table of records. */
struct table {
	enum rec_type type;
	const char *name;		/* "agreements" */
	const char *const *fields;	/* text columns, in table order */
	size_t nfields;
	/* The actor id columns (actors: the parent, then none), and what
	   the history calls them. */
	const char *ref[2];
	const char *ref_name[2];
	const char *from;		/* g JOINed to its actors pa, pb */
	/* The identity: the two actors (in either order when
	   IDENT_EITHER), then these fields (-1 ends). */
	int ident[4];
	int ident_either;
	const char *ident_sql;		/* the WHERE that finds it: ?1 ?2
					   the actors, ?3 ?4 ?5 the fields
					   (actors: the folded name) */
	/* The fields in the search index, by slot (search.c). */
	const struct sfield *search;
	size_t nsearch;
	const char *summary;		/* a line of record g, for search:
					   SQL over FROM */
	const struct showf *show;	/* its fields after its actors, in
					   show's order; a NULL name ends */
	const char *record_word;	/* "agreement", as show and search
					   name the record */
};

/* A kind of record: a CSV format, and what is listed by that name. */
struct kind {
	enum twr_kind kind;
	const char *plural, *singular;
	const struct table *tab;
	const struct column *cols;
	size_t ncols;
	const char *agkind;		/* the agreement kind it implies */
	const char *where;		/* its rows of the table, or NULL */
	/* Export: a WITH clause before the SELECT, a join after the
	   table's FROM (both may be NULL), and the order. */
	const char *export_with;
	const char *export_join;
	const char *export_order;
	/* The columns' Turkish headers, in the order of cols: import takes
	   them, `export --headers tr` writes them. */
	const char *const *tr;
};

/* K's column whose header (English or Turkish; case, diacritics, ' ',
   '-' and '_' alike) is NAME, or NULL. */
const struct column *column_header(const struct kind *k, const char *name);

#define MAX_COLUMNS 24	/* columns of a kind, at most */

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
/* Activity fields. */
enum { AC_TYPE, AC_TITLE, AC_DATE, AC_UNTIL, AC_PLACE, AC_PLACE_COUNTRY,
	AC_PROGRAMME, AC_PARTICIPANTS, AC_SOURCE, AC_NOTES, AC_NFIELDS };

extern const struct table tab_agreements, tab_memberships, tab_actors,
    tab_activities;
/* Every table, ending with NULL. */
extern const struct table *const tables[];

/* The kind KIND, or NULL. */
const struct kind *kind_of(enum twr_kind kind);
/* The CSV kind of an agreement of kind AGKIND. */
const struct kind *kind_of_agreement(const char *agkind);
/* The CSV kind of records of TYPE, an agreement's partnerships (whose
   columns name every agreement's fields); NULL for REC_NONE. */
const struct kind *kind_of_type(enum rec_type type);
/* The table of records of TYPE, or NULL. */
const struct table *table_of(enum rec_type type);
/* The column of K named NAME ('-' and '_' alike), or NULL. */
const struct column *column_find(const struct kind *k, const char *name);
/* The column of K that holds field FIELD of its table, or NULL. */
const struct column *column_of_field(const struct kind *k, int field);

/*
 * The label of an actor, "Name (CC)", as SQL over table alias A, and
 * into OUT from its parts (COUNTRY may be NULL: "?").
 */
#define SQL_LABEL(a) a ".name || ' (' || coalesce(" a ".country, '?') || ')'"
/* The same with the actor's id: "Name (CC, id N)". */
#define SQL_LABEL_ID(a) a ".name || ' (' || coalesce(" a ".country, '?') || " \
	"', id ' || " a ".id || ')'"
void label_put(struct twr_buf *out, const char *name, const char *country);

/* An activity g with its actor pa and its tie: t the agreement, tm the
   membership (looked for only when no agreement is the tie), pb the
   tie's other party (list, export, report). */
#define ACTIVITY_FROM "activities g JOIN actors pa ON pa.id = g.actor_id " \
	"LEFT JOIN agreements t ON t.id = g.tie_id LEFT JOIN memberships tm " \
	"ON tm.id = g.tie_id AND t.id IS NULL LEFT JOIN actors pb ON pb.id = " \
	"CASE WHEN t.id IS NULL THEN tm.network_id WHEN t.party_id = " \
	"g.actor_id THEN t.partner_id ELSE t.party_id END"

#endif
