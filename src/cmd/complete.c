/*
 * __complete: what a shell may complete a twinreg command line with, for
 * the completion scripts of src/completion.  Hidden: `twinreg help` does
 * not list it.
 *
 *	twinreg __complete WORD...
 *
 * The WORDs are the words of the line after "twinreg", unquoted, up to
 * the one being completed, which is last (empty when nothing is typed
 * yet).  Each candidate is printed on a line of its own as the whole word
 * it would make ("--kind=actors", "id,name"); a line ":files" alone asks
 * the shell for file names instead.
 *
 * Nothing here is a second list of what twinreg takes: the commands are
 * main's table, each command's options the tables its own getopt loop
 * parses with (cmd_options), its words the alternatives of its usage
 * line, the fields a kind's columns, kinds, statuses, formats and columns
 * the library's and the printers' lists.  The names come from the
 * registry the line names (--db, --sample, else $TWINREG_DB or the
 * default), opened to read and change nothing.  Whatever goes wrong,
 * there are no candidates, nothing on stderr and the exit status is 0: a
 * key press is no place for an error.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd.h"
#include "sample.h"

#define MAX_OPTS 160
#define MAX_NAMES 100		/* names offered at once */
#define OPT_FIELD 1000		/* option values from here: --FIELD, by
				   index into field_cols */

/* Values an option takes that only its command's code spells out. */
static const struct {
	const char *opt;
	const char *words[4];
} fixed_values[] = {
	{ "delimiter", { ",", ";", "tab" } },
	{ "encoding", { "UTF-8", "windows-1254", "iso-8859-9" } },
	{ "headers", { "en", "tr" } },
	{ "on", { "today" } },
	{ "on-conflict", { "fail", "skip", "update" } },
};

/* The columns of add and update that name an actor. */
static const char *const actor_fields[] = { "municipality", "sister_city",
	"party", "partner", "member", "network", "actor", "with", "parent",
	NULL };

/* The line so far, as the words before the last tell it. */
struct line {
	const struct cmd *cmd;		/* NULL: none yet */
	struct option opts[MAX_OPTS];	/* what it takes (main's before) */
	size_t nopts;
	char shortopts[64];
	int fields;			/* --FIELD VALUE besides (add, update) */
	const char *operand[4];		/* the first operands */
	size_t noperands;
	int no_more_opts;		/* after "--" */
	int dead;			/* nothing to offer: an unknown
					   command, an unknown --FIELD's
					   value */
	const char *db_path;		/* --db */
	int sample;			/* --sample */
	struct twr_db *db;		/* opened on first need */
	int db_tried;
};

/* The columns --FIELD options name, as the library spells them. */
static const char *field_cols[MAX_OPTS];
static char field_opts[MAX_OPTS][48];

static void
set_opts(void *arg, const char *shortopts, const struct option *longopts)
{
	struct line *l = arg;
	size_t i;

	snprintf(l->shortopts, sizeof(l->shortopts), "%s", shortopts);
	for (i = 0; i < MAX_OPTS && longopts[i].name != NULL; i++)
		l->opts[i] = longopts[i];
	l->nopts = i;
}

/* Add KIND's columns as --FIELD options, once each. */
static void
add_fields(struct line *l, enum twr_kind kind)
{
	const char *const *cols = twr_kind_columns(kind, NULL);
	size_t i, j, k;

	for (i = 0; cols != NULL && cols[i] != NULL &&
	    l->nopts < MAX_OPTS; i++) {
		for (j = 0; j < l->nopts && !(l->opts[j].val >= OPT_FIELD &&
		    strcmp(field_cols[l->opts[j].val - OPT_FIELD], cols[i]) ==
		    0); j++)
			;
		if (j < l->nopts)
			continue;
		option_name(cols[i], field_opts[l->nopts],
		    sizeof(field_opts[0]));
		for (k = 0; field_opts[l->nopts][k] == '-'; k++)
			;
		field_cols[l->nopts] = cols[i];
		l->opts[l->nopts].name = field_opts[l->nopts] + k;
		l->opts[l->nopts].has_arg = required_argument;
		l->opts[l->nopts].flag = NULL;
		l->opts[l->nopts].val = OPT_FIELD + (int)l->nopts;
		l->nopts++;
	}
}

static void operand_of(const struct cmd *c, size_t n, char *buf,
    size_t size);
static struct twr_db *line_db(struct line *l);

/* The options of the line's command, or main's before one. */
static void
load_opts(struct line *l)
{
	enum twr_kind k;
	char first[256];
	unsigned long id;

	if (l->cmd == NULL) {
		set_opts(l, GLOBAL_SHORTOPTS, global_opts);
		return;
	}
	l->nopts = 0;
	cmd_options(l->cmd, set_opts, l);
	l->fields = strstr(l->cmd->usage, "--FIELD") != NULL;
	if (!l->fields)
		return;
	/* "add sister-city|...": that kind's columns, once it is given;
	   "update ID": the kind's of record ID, else every kind's. */
	operand_of(l->cmd, 0, first, sizeof(first));
	if (first[0] < 'a' || first[0] > 'z') {
		if (l->noperands > 0 && parse_ulong(l->operand[0],
		    (unsigned long)1 << 62, &id) == 0 && line_db(l) != NULL &&
		    (k = twr_record_kind(l->db, (long long)id)) !=
		    TWR_KIND_AUTO) {
			add_fields(l, k);
			return;
		}
		for (k = TWR_KIND_AUTO + 1; twr_kind_name(k) != NULL; k++)
			add_fields(l, k);
	} else if (l->noperands > 0 && (k = twr_kind_parse(l->operand[0])) !=
	    TWR_KIND_AUTO)
		add_fields(l, k);
}

/* The option --NAME (N bytes) of the line: exact, or as getopt_long
   takes it, a prefix of one option only. */
static const struct option *
find_long(const struct line *l, const char *name, size_t n)
{
	const struct option *hit = NULL;
	size_t i, nhit = 0;

	for (i = 0; i < l->nopts; i++) {
		if (strncmp(l->opts[i].name, name, n) != 0)
			continue;
		if (l->opts[i].name[n] == '\0')
			return &l->opts[i];
		hit = &l->opts[i];
		nhit++;
	}
	/* add and update take no abbreviations. */
	return nhit == 1 && !l->fields ? hit : NULL;
}

static const struct option *
find_short(const struct line *l, int c)
{
	size_t i;

	for (i = 0; i < l->nopts; i++)
		if (l->opts[i].val == c)
			return &l->opts[i];
	return NULL;
}

/* Does short option C take a value? */
static int
short_arg(const struct line *l, int c)
{
	const char *p = strchr(l->shortopts, c);

	return c != ':' && p != NULL && p[1] == ':';
}

/* The registry the line names, opened to change nothing; NULL if none. */
static struct twr_db *
line_db(struct line *l)
{
	struct ctx ctx;
	char *path;
	int dflt;

	if (l->db_tried)
		return l->db;
	l->db_tried = 1;
	if (l->sample) {
		sample_open(100, &l->db, NULL);
		return l->db;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.db_path = l->db_path;
	if ((path = registry_path(&ctx, &dflt)) != NULL)
		twr_open(path, TWR_OPEN_READ | TWR_OPEN_NOWRITE, 100, &l->db,
		    NULL);
	free(path);
	return l->db;
}

static void
put(const char *head, const char *word)
{
	if (strchr(head, '\n') == NULL && strchr(word, '\n') == NULL)
		printf("%s%s\n", head, word);
}

/* Each of WORDS (NULL-terminated) that starts with CUR, after HEAD. */
static void
put_words(const char *head, const char *const *words, const char *cur)
{
	size_t n = strlen(cur);

	for (; words != NULL && *words != NULL; words++)
		if (strncasecmp(*words, cur, n) == 0)
			put(head, *words);
}

/* How closely W begins with CUR (N bytes): 2 as typed, 1 but for the
   case of ASCII letters, 0 only folded. */
static int
closeness(const char *w, const char *cur, size_t n)
{
	return strncmp(w, cur, n) == 0 ? 2 : strncasecmp(w, cur, n) == 0;
}

/*
 * The names WHAT of the registry that start with CUR, after HEAD.  They
 * match folded (kucukc finds Küçükçekmece), but the shell puts in what
 * its candidates have in common, which would take back letters typed
 * when they differ there ("kars" and the candidates Kars, Karşıyaka:
 * "Kar").  So the names that begin with CUR as typed come alone when
 * there are any; else those that begin with it but for the case of
 * ASCII letters; else every one that matches folded.
 */
static void
put_names(struct line *l, const char *head, enum twr_complete what,
    const char *cur)
{
	struct twr_db *db = what == TWR_COMPLETE_ANY_COUNTRY ? NULL :
	    line_db(l);
	struct twr_rows *r;
	char **v = NULL, **p;
	size_t n = 0, i, k, len = strlen(cur);
	int best = 0;

	if ((db == NULL && what != TWR_COMPLETE_ANY_COUNTRY) ||
	    twr_complete(db, what, cur, i18n_active(), MAX_NAMES * 10, &r,
	    NULL) != TWR_OK)
		return;
	while (twr_rows_next(r, NULL) == TWR_ROW) {
		const char *w = twr_rows_get(r)->vals[0];

		if ((p = realloc(v, (n + 1) * sizeof(*v))) == NULL)
			break;
		v = p;
		if ((v[n] = strdup(w)) == NULL)
			break;
		if (closeness(v[n], cur, len) > best)
			best = closeness(v[n], cur, len);
		n++;
	}
	twr_rows_free(r);
	for (i = k = 0; i < n; i++) {
		if (k < MAX_NAMES && closeness(v[i], cur, len) == best) {
			put(head, v[i]);
			k++;
		}
		free(v[i]);
	}
	free(v);
}

/*
 * A comma-separated list of WORDS: what CUR has up to its last comma,
 * then each word not in it yet that starts with what follows; with
 * DESC, "-word" too (--sort).
 */
static void
put_list(const char *head, const char *const *words, const char *cur,
    int desc)
{
	const char *comma = strrchr(cur, ','), *tail = comma ? comma + 1 : cur;
	size_t hn = strlen(head) + (size_t)(tail - cur) + 2, n, i;
	char *h = malloc(hn), *done;

	int minus = desc && *tail == '-';

	if (h == NULL)
		return;
	snprintf(h, hn, "%s%.*s%s", head, (int)(tail - cur), cur,
	    minus ? "-" : "");
	tail += minus;
	n = strlen(tail);
	for (i = 0; words != NULL && words[i] != NULL; i++) {
		size_t wn = strlen(words[i]);

		/* Listed already: ",name," somewhere in ",CUR". */
		for (done = strstr(cur, words[i]); done != NULL; done =
		    strstr(done + 1, words[i]))
			if ((done == cur || done[-1] == ',' ||
			    done[-1] == '-') && done[wn] == ',')
				break;
		if (done == NULL && strncmp(words[i], tail, n) == 0)
			put(h, words[i]);
	}
	free(h);
}

/* A --columns LIST: "all" as its only word, or more of WORDS. */
static void
put_columns(const char *head, const char *const *words, const char *cur)
{
	if (strchr(cur, ',') == NULL && strncmp("all", cur, strlen(cur)) == 0)
		put(head, "all");
	put_list(head, words, cur, 0);
}

/* What list WHAT (a word of `list`) names; agreements when none. */
static enum twr_list_what
list_what(const struct line *l)
{
	if (l->noperands == 0)
		return TWR_LIST_AGREEMENTS;
	switch (twr_kind_parse(l->operand[0])) {
	case TWR_KIND_SISTER_CITIES:
		return TWR_LIST_SISTER_CITIES;
	case TWR_KIND_PARTNERSHIPS:
		return TWR_LIST_PARTNERSHIPS;
	case TWR_KIND_MEMBERSHIPS:
		return TWR_LIST_MEMBERSHIPS;
	case TWR_KIND_ACTORS:
		return TWR_LIST_ACTORS;
	case TWR_KIND_ACTIVITIES:
		return TWR_LIST_ACTIVITIES;
	default:
		return TWR_LIST_AGREEMENTS;
	}
}

/* Each kind's plural name ("sister-cities"), for --kind of import and
   export. */
static void
put_kinds(const char *head, const char *cur)
{
	const char *names[8];
	size_t n = 0;

	for (; twr_kinds[n] != TWR_KIND_AUTO && n < 7; n++)
		names[n] = twr_kind_name(twr_kinds[n]);
	names[n] = NULL;
	put_words(head, names, cur);
}

/* Words of two vocabularies. */
static void
put_vocab2(const char *head, enum twr_vocab a, enum twr_vocab b,
    const char *cur)
{
	put_words(head, twr_vocab_words(a), cur);
	if (b != a)
		put_words(head, twr_vocab_words(b), cur);
}

/* The values of --FIELD COL (add, update). */
static void
field_values(struct line *l, const char *col, const char *head,
    const char *cur)
{
	enum twr_kind k = l->noperands > 0 ? twr_kind_parse(l->operand[0]) :
	    TWR_KIND_AUTO;
	size_t i, n = strlen(col);

	for (i = 0; actor_fields[i] != NULL &&
	    strcmp(actor_fields[i], col) != 0; i++)
		;
	if (actor_fields[i] != NULL)
		put_names(l, head, TWR_COMPLETE_ACTOR, cur);
	else if (n >= 7 && strcmp(col + n - 7, "country") == 0)
		put_names(l, head, TWR_COMPLETE_ANY_COUNTRY, cur);
	else if (strcmp(col, "type") == 0)
		put_words(head, twr_vocab_words(TWR_V_ACTIVITY_TYPE), cur);
	else if (strcmp(col, "tie_kind") == 0)
		put_words(head, twr_vocab_words(TWR_V_TIE_KIND), cur);
	else if (strcmp(col, "kind") == 0)
		put_vocab2(head, k == TWR_KIND_ACTORS ? TWR_V_ACTOR_KIND :
		    TWR_V_AGREEMENT_KIND, k == TWR_KIND_AUTO ?
		    TWR_V_ACTOR_KIND : k == TWR_KIND_ACTORS ?
		    TWR_V_ACTOR_KIND : TWR_V_AGREEMENT_KIND, cur);
	else if (strcmp(col, "status") == 0)
		put_vocab2(head, k == TWR_KIND_MEMBERSHIPS ?
		    TWR_V_MEMBERSHIP_STATUS : TWR_V_AGREEMENT_STATUS,
		    k == TWR_KIND_AUTO || k == TWR_KIND_MEMBERSHIPS ?
		    TWR_V_MEMBERSHIP_STATUS : TWR_V_AGREEMENT_STATUS, cur);
}

/* The values of option O that start with CUR, each after HEAD. */
static void
values(struct line *l, const struct option *o, const char *head,
    const char *cur)
{
	enum twr_list_what what = list_what(l);
	size_t i;

	switch (o->val) {
	case 'f':
		for (i = 0; printers[i] != NULL; i++)
			if (strncmp(printers[i]->name, cur, strlen(cur)) == 0)
				put(head, printers[i]->name);
		return;
	case 'o':
	case OPT_DB:
		puts(":files");
		return;
	case OPT_F_MUNICIPALITY:
	case OPT_F_PARTNER:
		put_names(l, head, TWR_COMPLETE_ACTOR, cur);
		return;
	case OPT_F_NETWORK:
		put_names(l, head, TWR_COMPLETE_NETWORK, cur);
		return;
	case OPT_F_COUNTRY:
		put_names(l, head, TWR_COMPLETE_COUNTRY, cur);
		return;
	case OPT_F_KIND:
		put_words(head, twr_vocab_words(what == TWR_LIST_ACTORS ?
		    TWR_V_ACTOR_KIND : TWR_V_AGREEMENT_KIND), cur);
		return;
	case OPT_F_STATUS:
		put_words(head, twr_vocab_words(what == TWR_LIST_MEMBERSHIPS ?
		    TWR_V_MEMBERSHIP_STATUS : TWR_V_AGREEMENT_STATUS), cur);
		return;
	case OPT_F_TYPE:
		put_words(head, twr_vocab_words(TWR_V_ACTIVITY_TYPE), cur);
		return;
	case OPT_F_COLUMNS:
		if (strcmp(l->cmd->name, "list") == 0)
			put_columns(head, twr_list_columns(what), cur);
		return;
	case OPT_F_SORT:
		put_list(head, twr_sort_keys(what), cur, 1);
		return;
	}
	if (o->val >= OPT_FIELD && o->val < OPT_FIELD + MAX_OPTS) {
		field_values(l, field_cols[o->val - OPT_FIELD], head, cur);
		return;
	}
	if (strcmp(o->name, "kind") == 0) {
		put_kinds(head, cur);
		return;
	}
	/* search's and log's --columns (list's is OPT_F_COLUMNS). */
	if (strcmp(o->name, "columns") == 0) {
		put_columns(head, strcmp(l->cmd->name, "search") == 0 ?
		    twr_search_columns() : twr_log_columns(), cur);
		return;
	}
	for (i = 0; i < sizeof(fixed_values) / sizeof(fixed_values[0]); i++)
		if (strcmp(fixed_values[i].opt, o->name) == 0)
			put_words(head, fixed_values[i].words, cur);
}

/* The options of the line that start with CUR, as --NAME. */
static void
options(const struct line *l, const char *cur)
{
	size_t i, n = strlen(cur);
	char w[64];

	for (i = 0; i < l->nopts; i++) {
		snprintf(w, sizeof(w), "--%s", l->opts[i].name);
		if (strncmp(w, cur, n) == 0)
			put("", w);
	}
}

static void
commands_from(const char *cur)
{
	size_t i;

	for (i = 0; commands[i] != NULL; i++)
		if (strncmp(commands[i]->name, cur, strlen(cur)) == 0)
			put("", commands[i]->name);
}

/*
 * The placeholder of operand N in the usage of C ("sister-cities|
 * partnerships|...", "FILE...", "ID|NAME") into BUF, or "" when it has
 * none: the words of the usage line after its name that are neither an
 * option nor an option's value, brackets and dots taken off; the last one
 * repeats when it ends with "...".
 */
static void
operand_of(const struct cmd *c, size_t n, char *buf, size_t size)
{
	char u[512], *tok, *save, *last = NULL;
	int value = 0, repeat = 0;
	size_t k = 0;

	buf[0] = '\0';
	snprintf(u, sizeof(u), "%s", c->usage);
	if ((tok = strtok_r(u, " ", &save)) == NULL)
		return;
	while ((tok = strtok_r(NULL, " ", &save)) != NULL) {
		int opt = tok[0] == '-' || (tok[0] == '[' && tok[1] == '-');
		size_t len;

		if (value && !opt && tok[0] != '[') {
			value = 0;
			continue;
		}
		if ((value = opt && strchr(tok, ']') == NULL &&
		    strchr(tok, '=') == NULL) || opt)
			continue;
		while (*tok == '[')
			tok++;
		len = strcspn(tok, "]");
		tok[len] = '\0';
		repeat = len > 3 && strcmp(tok + len - 3, "...") == 0;
		if (repeat)
			tok[len - 3] = '\0';
		last = tok;
		if (k++ == n) {
			snprintf(buf, size, "%s", tok);
			return;
		}
	}
	if (repeat && last != NULL)
		snprintf(buf, size, "%s", last);
}

/* Complete operand CUR of the line's command; 0 when it takes none
   that can be completed. */
static int
operand(struct line *l, const char *cur)
{
	char ph[256], *p, *save;

	if (l->cmd == NULL) {
		commands_from(cur);
		return 1;
	}
	operand_of(l->cmd, l->noperands, ph, sizeof(ph));
	if (strcmp(ph, "COMMAND") == 0) {
		commands_from(cur);
		return 1;
	}
	if (strcmp(ph, "FILE") == 0) {
		puts(":files");
		return 1;
	}
	if (strstr(ph, "NAME") != NULL) {
		put_names(l, "", TWR_COMPLETE_ACTOR, cur);
		return 1;
	}
	if (ph[0] < 'a' || ph[0] > 'z')
		return 0;
	for (p = strtok_r(ph, "|", &save); p != NULL;
	    p = strtok_r(NULL, "|", &save))
		if (strncmp(p, cur, strlen(cur)) == 0)
			put("", p);
	return 1;
}

/* Take in word W of the line (not the last); *I moves past a value it
   takes from the next word.  Returns the option whose value the last
   word is, or NULL. */
static const struct option *
take(struct line *l, char **w, int n, int *i)
{
	const char *a = w[*i], *eq;
	const struct option *o = NULL;
	size_t k;

	if (l->no_more_opts || a[0] != '-' || a[1] == '\0') {
		if (l->cmd == NULL) {
			l->cmd = cmd_find(a);
			if (l->cmd == NULL || l->cmd == &cmd_complete)
				l->dead = 1;
			else
				load_opts(l);
		} else {
			if (l->noperands < sizeof(l->operand) /
			    sizeof(l->operand[0]))
				l->operand[l->noperands] = a;
			l->noperands++;
			if (l->fields && l->noperands == 1)
				load_opts(l);
		}
		return NULL;
	}
	if (strcmp(a, "--") == 0) {
		l->no_more_opts = l->cmd != NULL;
		return NULL;
	}
	if (a[1] == '-') {
		eq = strchr(a, '=');
		o = find_long(l, a + 2, eq ? (size_t)(eq - a - 2) :
		    strlen(a + 2));
		if (o == NULL && l->fields && eq == NULL) {
			/* Any --FIELD of add takes a value. */
			if (*i + 1 == n - 1)
				l->dead = 1;
			(*i)++;
			return NULL;
		}
		if (o == NULL)
			return NULL;
		if (o->val == OPT_DB && (eq != NULL || *i + 1 < n - 1))
			l->db_path = eq ? eq + 1 : w[*i + 1];
		if (o->val == OPT_SAMPLE)
			l->sample = 1;
		if (eq != NULL || o->has_arg != required_argument)
			return NULL;
		if (*i + 1 == n - 1)
			return o;
		(*i)++;
		return NULL;
	}
	for (k = 1; a[k] != '\0'; k++)
		if (short_arg(l, a[k])) {
			if (a[k + 1] != '\0')
				return NULL;
			if (*i + 1 == n - 1)
				return find_short(l, a[k]);
			(*i)++;
			return NULL;
		}
	return NULL;
}

static int
complete_run(struct ctx *ctx, int argc, char **argv)
{
	static struct line l;
	const struct option *pending = NULL, *o;
	const char *cur, *eq;
	int i;

	memset(&l, 0, sizeof(l));
	/* Global options before __complete count as on the line. */
	l.db_path = ctx->db_path;
	l.sample = ctx->sample;
	load_opts(&l);
	argv++;
	argc--;
	cur = argc > 0 ? argv[argc - 1] : "";
	for (i = 0; i < argc - 1 && !l.dead; i++)
		pending = take(&l, argv, argc, &i);
	if (l.dead)
		;
	else if (pending != NULL)
		values(&l, pending, "", cur);
	else if (!l.no_more_opts && cur[0] == '-' && cur[1] == '-' &&
	    (eq = strchr(cur, '=')) != NULL) {
		if ((o = find_long(&l, cur + 2, (size_t)(eq - cur - 2))) !=
		    NULL && o->has_arg != no_argument) {
			char head[80];

			snprintf(head, sizeof(head), "%.*s", (int)(eq - cur + 1),
			    cur);
			values(&l, o, head, eq + 1);
		}
	} else if (!l.no_more_opts && cur[0] == '-')
		options(&l, cur);
	else if (!operand(&l, cur) && cur[0] == '\0' && !l.no_more_opts)
		options(&l, cur);
	twr_close(l.db);
	return TWR_OK;
}

const struct cmd cmd_complete = {
	"__complete", "__complete WORD...",
	N_("the words a shell may complete the line with (hidden)"), NULL,
	CMD_DB_NONE, complete_run
};
