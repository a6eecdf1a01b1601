/*
 * Words: the library says what went wrong in parts (struct twr_msg);
 * this file says it in the user's language, naming options and commands
 * as the command line spells them.  Every sentence the library's
 * messages become is here, and only here.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cmd.h"

void
sb_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->len >= sizeof(b->p) - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(b->p + b->len, sizeof(b->p) - b->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		b->len += (size_t)n < sizeof(b->p) - b->len ? (size_t)n :
		    sizeof(b->p) - b->len - 1;
}

void
sb_list(struct sbuf *b, const char *const *words, const char *last)
{
	size_t i, n;

	for (n = 0; words[n] != NULL; n++)
		;
	for (i = 0; i < n; i++)
		sb_printf(b, "%s%s", i == 0 ? "" : i + 1 < n ? ", " : last,
		    words[i]);
}

void
option_name(const char *field, char *out, size_t size)
{
	size_t i;

	snprintf(out, size, "--%s", field);
	for (i = 0; out[i] != '\0'; i++)
		if (out[i] == '_')
			out[i] = '-';
}

/* What a kind of record is called in "for an agreement". */
static const char *
record_noun(long long type)
{
	switch (type) {
	case TWR_REC_AGREEMENT:
		return _("an agreement");
	case TWR_REC_MEMBERSHIP:
		return _("a membership");
	default:
		return _("an actor");
	}
}

/* What makes two records of TYPE the same. */
static const char *
identity_words(long long type)
{
	switch (type) {
	case TWR_REC_AGREEMENT:
		return _("parties, kind and signing date");
	case TWR_REC_MEMBERSHIP:
		return _("member, network and start");
	default:
		return _("name and country");
	}
}

/* The listings, as "does not apply to" names them. */
static const char *
listing_words(long long what)
{
	static const char *const names[] = { "agreements", "sister cities",
	    "partnerships", "memberships", "actors", "activities" };

	/* A filter of ties (a report, export) is of every kind of tie. */
	return what >= 0 && (size_t)what < sizeof(names) / sizeof(names[0]) ?
	    _(names[what]) : _("ties");
}

/* The kinds of records, "sister-cities, ... or actors". */
static void
kinds_list(struct sbuf *b)
{
	const char *names[16];
	size_t n = 0;
	int k;

	for (k = TWR_KIND_AUTO + 1; n + 1 < 16 && twr_kind_name(k) != NULL;
	    k++)
		names[n++] = twr_kind_name(k);
	names[n] = NULL;
	sb_list(b, names, _(" or "));
}

static void
vocab_expected(struct sbuf *b, long long vocab)
{
	const char *const *w = twr_vocab_words((enum twr_vocab)vocab);

	if (w != NULL)
		sb_list(b, w, _(" or "));
}

/* Does the message name its field itself, or take it as a prefix? */
static int
names_field(const struct twr_msg *m)
{
	switch (m->code) {
	case TWR_E_UNKNOWN_FIELD:
	case TWR_E_FIELD_TWICE:
	case TWR_E_NOT_FOR:
	case TWR_E_MISSING_COLUMN:
	case TWR_E_CONFLICT:
	case TWR_E_UNKNOWN_COLUMN:
		return 1;
	case TWR_E_MISSING:
		return m->n[1] == 0;
	default:
		return 0;
	}
}

#define V(s) ((s) != NULL ? (s) : "")

/* A field separator as --delimiter takes it: "tab", or ',' quoted. */
static const char *
delim_word(long long c)
{
	return c == '\t' ? "tab" : c == ';' ? "';'" : "','";
}

void
say(struct sbuf *b, const struct twr_msg *m)
{
	char opt[64] = "", who[600];
	const char *const *cols;

	if (m->field != NULL)
		option_name(m->field, opt, sizeof(opt));
	switch (m->code) {
	case TWR_E_NONE:
		sb_printf(b, "%s", V(m->detail));
		break;
	case TWR_E_NOMEM:
		sb_printf(b, _("out of memory"));
		break;
	case TWR_E_INTERNAL:
		sb_printf(b, _("internal error%s%s"), m->detail ? ": " : "",
		    V(m->detail));
		break;
	case TWR_E_BUSY:
		sb_printf(b, _("the registry is busy (another twinreg is "
		    "writing to it); try again later"));
		break;
	case TWR_E_TX_CONFLICT:
		sb_printf(b, _("a change made at the same time conflicted with "
		    "this one (%s); nothing was written (tries: %lld); try "
		    "again"), V(m->detail), m->n[0]);
		break;
	case TWR_E_STORE_READ:
		sb_printf(b, _("cannot read the registry: %s"), V(m->detail));
		break;
	case TWR_E_STORE_WRITE:
		sb_printf(b, _("cannot update the registry: %s"),
		    V(m->detail));
		break;
	case TWR_E_STORE_READONLY:
		sb_printf(b, _("cannot update the registry: the registry is "
		    "read-only"));
		break;
	case TWR_E_EMPTY_PATH:
		sb_printf(b, _("empty registry path"));
		break;
	case TWR_E_OPEN:
		sb_printf(b, _("cannot open registry '%s': %s"), V(m->value),
		    m->detail ? m->detail : _("out of memory"));
		if (m->n[0])
			sb_printf(b, _(" (create it with 'twinreg init')"));
		break;
	case TWR_E_OPEN_DIR:
		sb_printf(b, m->n[0] ? _("cannot open registry '%s': it is "
		    "not a regular file") : _("cannot open registry '%s': it "
		    "is a directory"), V(m->value));
		break;
	case TWR_E_NOT_REGISTRY:
		if (m->n[0])
			sb_printf(b, _("'%s' is not a twinreg registry (not an "
			    "SQLite database)"), V(m->value));
		else
			sb_printf(b, _("'%s' is not a twinreg registry"),
			    V(m->value));
		break;
	case TWR_E_EMPTY_REGISTRY:
		sb_printf(b, m->n[0] ? _("database '%s' holds no registry "
		    "(create one with 'twinreg init')") : _("'%s' is an empty "
		    "file, not a registry (create one with 'twinreg init')"),
		    V(m->value));
		break;
	case TWR_E_NEWER:
		sb_printf(b, _("registry '%s' was written by a newer twinreg "
		    "(schema version %lld; this twinreg knows up to %lld): "
		    "upgrade twinreg"), V(m->value), m->n[0], m->n[1]);
		break;
	case TWR_E_NO_LIBPQ:
		sb_printf(b, _("a registry on PostgreSQL needs libpq (Debian's "
		    "libpq5): %s"), V(m->detail));
		break;
	case TWR_E_NEEDS_UPGRADE:
	case TWR_E_NEEDS_OWNER:
		sb_printf(b, m->code == TWR_E_NEEDS_UPGRADE ? _("registry '%s' "
		    "needs an upgrade from schema version %lld to %lld, which "
		    "needs write access to it and its directory: run twinreg "
		    "once as a user who can write it") : _("registry '%s' needs "
		    "an upgrade from schema version %lld to %lld, which only "
		    "its owner may make: run any twinreg command on it once as "
		    "the owner's role (such as 'twinreg check')"), V(m->value),
		    m->n[0], m->n[1]);
		break;
	case TWR_E_WAL_UNREADABLE:
		sb_printf(b, _("cannot read registry '%s': its -wal file holds "
		    "changes that only its owner's twinreg can read (the "
		    "directory is not ours to write); try again after the "
		    "owner's next command"), V(m->value));
		break;
	case TWR_E_SCHEMA_MISSING:
		if (m->n[0] == 0)
			sb_printf(b, _("registry '%s' is damaged: it lacks its "
			    "table '%s' (expected a registry made by 'twinreg "
			    "init'; restore it from a copy or an export)"),
			    V(m->value), V(m->value2));
		else if (m->n[0] == 2)
			sb_printf(b, m->n[1] > 1 ? _("registry '%s' lacks its "
			    "trigger '%s' and more (a command that writes to "
			    "it, such as 'twinreg init', makes them again)") :
			    _("registry '%s' lacks its trigger '%s' (a command "
			    "that writes to it, such as 'twinreg init', makes "
			    "it again)"), V(m->value), V(m->value2));
		else
			sb_printf(b, m->n[1] > 1 ? _("registry '%s' lacks its "
			    "index '%s' and more (a command that writes to "
			    "it, such as 'twinreg init', makes them again)") :
			    _("registry '%s' lacks its index '%s' (a command "
			    "that writes to it, such as 'twinreg init', makes "
			    "it again)"), V(m->value), V(m->value2));
		break;
	case TWR_E_SCHEMA_DUPLICATES:
		sb_printf(b, _("registry '%s' is damaged: its index '%s' cannot "
		    "be made again, as two records have the same identity "
		    "(expected each record once; restore the registry from a "
		    "copy or an export)"), V(m->value), V(m->value2));
		break;
	case TWR_E_BAD_VERSION:
		if (m->n[0] == 0)
			sb_printf(b, _("registry '%s' is damaged: it has tables "
			    "but no schema version (PRAGMA user_version is 0; "
			    "expected %lld, or an older version to upgrade)"),
			    V(m->value), m->n[1]);
		else
			sb_printf(b, _("registry '%s' is damaged: its tables do "
			    "not match its schema version %lld (PRAGMA "
			    "user_version changed? this twinreg writes %lld)"),
			    V(m->value), m->n[0], m->n[1]);
		break;
	case TWR_E_REGISTRY_READONLY:
		sb_printf(b, _("cannot write registry '%s': it is read-only "
		    "(the file or its directory)"), V(m->value));
		break;
	case TWR_E_CONTROL:
		sb_printf(b, _("control character in text (expected printable "
		    "text)"));
		break;
	case TWR_E_ONE_LINE:
		sb_printf(b, m->n[0] ? (m->n[1] ? _("line break in a name "
		    "(expected one line of text)") : _("line break in a "
		    "one-line field (expected one line of text)")) :
		    (m->n[1] ? _("control character in a name (expected one "
		    "line of text)") : _("control character in a one-line "
		    "field (expected one line of text)")));
		break;
	case TWR_E_COUNTRY:
		sb_printf(b, _("unknown country '%s' (expected an ISO 3166-1 "
		    "code or an English or Turkish country name"),
		    V(m->value));
		if (m->hint != NULL)
			sb_printf(b, _("; did you mean %s?"), m->hint);
		sb_printf(b, ")");
		break;
	case TWR_E_DATE:
		sb_printf(b, _("bad date '%s' (expected YYYY, YYYY-MM, "
		    "YYYY-MM-DD, DD.MM.YYYY or a day, month name and year such "
		    "as 13 Aralık 2010)"), V(m->value));
		break;
	case TWR_E_NO_SUCH_DATE:
		sb_printf(b, _("no such date '%s' (expected a date of the "
		    "calendar)"), V(m->value));
		break;
	case TWR_E_TERM:
		switch (m->n[0]) {
		case TWR_V_AGREEMENT_KIND:
			sb_printf(b, _("unknown agreement kind '%s' (expected "),
			    V(m->value));
			vocab_expected(b, m->n[0]);
			sb_printf(b, _(", or a Turkish term such as kardeş "
			    "şehir or iyi niyet protokolü)"));
			break;
		case TWR_V_AGREEMENT_STATUS:
			sb_printf(b, _("unknown status '%s' (expected "),
			    V(m->value));
			vocab_expected(b, m->n[0]);
			sb_printf(b, ")");
			break;
		case TWR_V_MEMBERSHIP_STATUS:
			sb_printf(b, _("unknown membership status '%s' "
			    "(expected "), V(m->value));
			vocab_expected(b, m->n[0]);
			sb_printf(b, ")");
			break;
		case TWR_V_ACTIVITY_TYPE:
			sb_printf(b, _("unknown activity type '%s' (expected "),
			    V(m->value));
			vocab_expected(b, m->n[0]);
			sb_printf(b, _(", or a Turkish word such as ziyaret or "
			    "festival)"));
			break;
		case TWR_V_TIE_KIND:
			sb_printf(b, _("unknown tie kind '%s' (expected "),
			    V(m->value));
			vocab_expected(b, m->n[0]);
			sb_printf(b, ")");
			break;
		case TWR_V_LACKS:
			sb_printf(b, _("unknown field '%s' (expected "),
			    V(m->value));
			vocab_expected(b, m->n[0]);
			sb_printf(b, ")");
			break;
		default:
			sb_printf(b, _("unknown actor kind '%s' (expected "),
			    V(m->value));
			vocab_expected(b, m->n[0]);
			sb_printf(b, ")");
		}
		break;
	case TWR_E_LIST_ITEM:
		sb_printf(b, _("line break in list item '%s' (expected items on "
		    "one line, separated by ';')"), V(m->value));
		break;
	case TWR_E_PARTY:
		sb_printf(b, _("bad name and country '%s' (expected Name (CC), "
		    "several separated by ';')"), V(m->value));
		break;
	case TWR_E_PARTY_COUNTRY:
		sb_printf(b, _("unknown country '%s' of '%s' (expected "
		    "an ISO 3166-1 code or a country name)"), V(m->value),
		    V(m->value2));
		break;
	case TWR_E_COUNT:
		sb_printf(b, _("bad number '%s' (expected a whole number)"),
		    V(m->value));
		break;
	case TWR_E_MISSING: {
		const char *what = m->n[0] == TWR_X_NAME ? _("a name") :
		    m->n[0] == TWR_X_COUNTRY ? _("a country: an ISO code or an "
		    "English or Turkish name") : m->n[0] != TWR_X_TERM ?
		    _("a value") : m->n[2] == TWR_V_ACTIVITY_TYPE ?
		    _("an activity type: visit, meeting, festival...") :
		    m->n[2] == TWR_V_TIE_KIND ? _("a tie kind") :
		    _("an agreement kind");

		if (m->n[1])
			sb_printf(b, _("missing %s (expected %s)"), V(m->field),
			    what);
		else
			sb_printf(b, _("missing %s (expected %s)"), opt, what);
		break;
	}
	case TWR_E_EMPTY:
		sb_printf(b, _("cannot be empty (expected a value)"));
		break;
	case TWR_E_AMBIGUOUS:
		if (m->value2 != NULL)
			sb_printf(b, _("'%s' names %lld actors (%s); %s"),
			    V(m->value), m->n[0], m->value2, m->n[1] ?
			    _("rename one or remove the other spelling") :
			    _("give the country"));
		else
			sb_printf(b, _("'%s' names %lld actors; %s"),
			    V(m->value), m->n[0], m->n[1] ? _("give the "
			    "country or rename one") : _("give the country "
			    "too"));
		break;
	case TWR_E_NAMES_IN:
		sb_printf(b, _("'%s' names %lld actors in %s (expected one; "
		    "rename one or remove the other spelling)"), V(m->value),
		    m->n[0], V(m->value2));
		break;
	case TWR_E_SAME_ACTOR:
		sb_printf(b, _("'%s' is the same actor as '%s' (%lld) (expected "
		    "two different %s)"), V(m->value), V(m->value2), m->id,
		    m->n[0] == TWR_REC_AGREEMENT ? _("parties") : _("actors, a "
		    "member and a network"));
		break;
	case TWR_E_CONFLICT:
		if (!m->n[0])
			snprintf(who, sizeof(who), _("record %lld"), m->id);
		else if (m->detail != NULL)
			snprintf(who, sizeof(who), _("the row at %s"),
			    m->detail);
		else
			snprintf(who, sizeof(who), _("record %lld, added "
			    "earlier by this import"), m->id);
		sb_printf(b, _("conflicts with %s: %s is '%s' %s and '%s' here "
		    "(expected the same value; --on-conflict update or skip "
		    "decides)"), who, V(m->field), V(m->value), m->n[0] ?
		    _("there") : _("in the registry"), V(m->value2));
		break;
	case TWR_E_EXISTS:
		if (m->n[1])
			sb_printf(b, _("record %lld already has the same %s; the "
			    "update would make the two identical"), m->id,
			    identity_words(m->n[0]));
		else if (m->n[0] == TWR_REC_ACTOR && m->value2 == NULL)
			sb_printf(b, _("actor %lld is already '%s', of no "
			    "country; change it with 'twinreg update %lld'"),
			    m->id, V(m->value), m->id);
		else if (m->n[0] == TWR_REC_ACTOR)
			sb_printf(b, _("actor %lld is already '%s' in %s; change "
			    "it with 'twinreg update %lld'"), m->id,
			    V(m->value), V(m->value2), m->id);
		else
			sb_printf(b, _("record %lld has the same %s; change it "
			    "with 'twinreg update %lld'"), m->id,
			    identity_words(m->n[0]), m->id);
		break;
	case TWR_E_PARENT:
		sb_printf(b, _("'%s' cannot be the parent of '%s' (expected an "
		    "actor that is not part of it)"), V(m->value),
		    V(m->value2));
		break;
	case TWR_E_OWN_PARENT:
		sb_printf(b, _("an actor cannot be its own parent"));
		break;
	case TWR_E_PARENT_LOOP:
		sb_printf(b, _("%lld is part of actor %lld (expected an actor "
		    "that is not part of it)"), m->id, m->id2);
		break;
	case TWR_E_SAME_PARTIES:
		sb_printf(b, _("the two parties would be the same actor "
		    "(%lld)"), m->id);
		break;
	case TWR_E_NOT_FOUND:
		sb_printf(b, _("no record %lld"), m->id);
		break;
	case TWR_E_NO_HISTORY:
		sb_printf(b, _("no record %lld, and no history of one"), m->id);
		break;
	case TWR_E_IN_USE: {
		static const char *const what[4][2] = {
			{ "agreement", "agreements" },
			{ "membership", "memberships" },
			{ "actor (as its parent)", "actors (as their parent)" },
			{ "activity", "activities" },
		};
		int k, told = 0;

		sb_printf(b, _("actor %lld is named by "), m->id);
		for (k = 0; k < 4; k++) {
			if (m->n[k] == 0)
				continue;
			sb_printf(b, "%s%lld %s", told++ ? ", " : "", m->n[k],
			    _(what[k][m->n[k] != 1]));
		}
		sb_printf(b, _("; delete or change those first"));
		break;
	}
	case TWR_E_TIE_IN_USE:
		sb_printf(b, m->n[0] == 1 ? _("record %lld is the tie of %lld "
		    "activity; delete it or change its --with first") :
		    _("record %lld is the tie of %lld activities; delete them "
		    "or change their --with first"), m->id, m->n[0]);
		break;
	case TWR_E_NO_TIE:
		if (m->hint != NULL)
			sb_printf(b, _("'%s' is the other party of no %s tie of "
			    "'%s' (expected the tie_kind of one of its ties "
			    "with '%s')"), V(m->value), m->hint, V(m->value2),
			    V(m->value));
		else
			sb_printf(b, _("'%s' is the other party of no tie of "
			    "'%s' (expected the other party of one of its "
			    "agreements, or a network it belongs to)"),
			    V(m->value), V(m->value2));
		break;
	case TWR_E_TIES_N:
		sb_printf(b, _("'%s' is the other party of %lld ties of '%s' "
		    "(expected a tie_kind that tells them apart)"), V(m->value),
		    m->n[0], V(m->value2));
		break;
	case TWR_E_UNDATED_TWIN:
		if (m->n[0] == TWR_REC_MEMBERSHIP)
			sb_printf(b, _("membership %lld is of the same member "
			    "and network, and one of the two has no start "
			    "date: likely the same (give it its date with "
			    "'twinreg update %lld --since DATE', or add this "
			    "one anyway with --force)"), m->id, m->id);
		else
			sb_printf(b, _("agreement %lld is of the same parties "
			    "and kind, and one of the two has no signing date: "
			    "likely the same (give it its date with 'twinreg "
			    "update %lld --signed-on DATE', or add this one "
			    "anyway with --force)"), m->id, m->id);
		break;
	case TWR_E_FUTURE_SIGNING:
		sb_printf(b, _("signing date %s is after today, %s (expected a "
		    "past date, or status planned for a tie to be signed)"),
		    V(m->value), V(m->value2));
		break;
	case TWR_E_ENDED_UNDATED:
		sb_printf(b, _("record %lld would be ended without an end date "
		    "(end it with 'twinreg end %lld --on DATE', or give "
		    "--ended-on too)"), m->id, m->id);
		break;
	case TWR_E_ENDED_IN_FORCE:
		sb_printf(b, _("record %lld would be %s yet ended on %s (expected "
		    "status ended, or an end date after today for a "
		    "scheduled end)"), m->id, V(m->value), V(m->value2));
		break;
	case TWR_E_END_BEFORE_START:
		sb_printf(b, _("%s is before %s (expected an end on or after "
		    "the start)"), V(m->value), V(m->value2));
		break;
	case TWR_E_END_ACTOR:
		sb_printf(b, _("record %lld is an actor: end its agreements and "
		    "memberships, or delete it"), m->id);
		break;
	case TWR_E_END_ACTIVITY:
		sb_printf(b, _("record %lld is an activity: give the day it "
		    "ended with 'twinreg update %lld --until DATE'"), m->id,
		    m->id);
		break;
	case TWR_E_NOTHING_TO_UPDATE:
		sb_printf(b, _("nothing to update (give --FIELD VALUE)"));
		break;
	case TWR_E_UNKNOWN_FIELD:
		cols = twr_kind_columns((enum twr_kind)m->n[0], NULL);
		if (m->n[1] == 0)
			sb_printf(b, _("unknown field '%s' for %s %s (expected "),
			    opt, m->n[0] == TWR_KIND_ACTORS || m->n[0] ==
			    TWR_KIND_ACTIVITIES ? _("an") : _("a"),
			    twr_kind_singular((enum twr_kind)m->n[0]));
		else
			sb_printf(b, _("unknown field '%s' for %s (expected "),
			    opt, record_noun(m->n[1]));
		if (cols != NULL)
			sb_list(b, cols, _(" or "));
		sb_printf(b, ")");
		break;
	case TWR_E_FIELD_TWICE:
		sb_printf(b, _("field '%s' given twice"), opt);
		break;
	case TWR_E_BAD_VALUES:
		sb_printf(b, m->n[0] == 1 ? (m->n[1] ? _("%lld bad value; "
		    "nothing was changed") : _("%lld bad value; nothing was "
		    "written")) : (m->n[1] ? _("%lld bad values; nothing was "
		    "changed") : _("%lld bad values; nothing was written")),
		    m->n[0]);
		break;
	case TWR_E_NO_KIND:
		sb_printf(b, _("cannot tell the kind of records from the header "
		    "(expected the columns of "));
		kinds_list(b);
		sb_printf(b, _("; --kind names it)"));
		break;
	case TWR_E_TOO_MANY_COLUMNS:
		sb_printf(b, _("%lld columns (expected at most %lld)"), m->n[0],
		    m->n[1]);
		break;
	case TWR_E_UNKNOWN_COLUMN:
		sb_printf(b, _("unknown column '%s' for %s (expected "),
		    V(m->value), V(twr_kind_name((enum twr_kind)m->n[0])));
		if ((cols = twr_kind_columns((enum twr_kind)m->n[0], NULL)) !=
		    NULL)
			sb_list(b, cols, _(" or "));
		sb_printf(b, ")");
		break;
	case TWR_E_COLUMN_TWICE:
		sb_printf(b, _("column '%s' given twice (expected each column "
		    "once)"), V(m->value));
		break;
	case TWR_E_MISSING_COLUMN:
		sb_printf(b, _("missing column '%s' (required for %s)"),
		    V(m->field), V(twr_kind_name((enum twr_kind)m->n[0])));
		break;
	case TWR_E_FIELD_COUNT:
		sb_printf(b, _("%lld fields (expected %lld, as in the header)"),
		    m->n[0], m->n[1]);
		break;
	case TWR_E_EMPTY_INPUT:
		sb_printf(b, _("empty file (expected a header row naming the "
		    "columns)"));
		break;
	case TWR_E_CSV_LONG:
		sb_printf(b, _("field longer than %lld bytes (expected a "
		    "shorter field, or a closing quote)"), m->n[0]);
		break;
	case TWR_E_CSV_NUL:
		sb_printf(b, _("NUL byte in field (expected text)"));
		break;
	case TWR_E_CSV_CONVERTED:
		sb_printf(b, _("invalid text after conversion from %s (expected "
		    "UTF-8)"), V(m->value));
		break;
	case TWR_E_CSV_UTF8:
		sb_printf(b, _("invalid UTF-8 byte 0x%02llX (expected UTF-8 "
		    "text; for a legacy Turkish file use --encoding "
		    "windows-1254)"), m->n[0]);
		break;
	case TWR_E_CSV_BYTE:
		sb_printf(b, _("invalid byte 0x%02llX for encoding %s (expected "
		    "%s text; is the file in another encoding?)"), m->n[0],
		    V(m->value), V(m->value));
		break;
	case TWR_E_CSV_INCOMPLETE:
		sb_printf(b, _("incomplete character at the end of the file "
		    "(expected %s text)"), V(m->value));
		break;
	case TWR_E_CSV_QUOTE:
		sb_printf(b, _("stray quote in field (expected a field in "
		    "double quotes, with a quote inside written as \"\")"));
		break;
	case TWR_E_CSV_UNTERMINATED:
		sb_printf(b, _("unterminated quoted field (expected a closing "
		    "quote before the end of the file)"));
		break;
	case TWR_E_TOO_MANY_ERRORS:
		if (m->n[2])
			sb_printf(b, _("too many errors: reading stopped after "
			    "the first %lld (--max-errors raises the limit)"),
			    m->n[0]);
		else
			sb_printf(b, _("too many errors: the first %lld of %lld "
			    "listed (--max-errors raises the limit)"), m->n[0],
			    m->n[1]);
		break;
	case TWR_E_ERRORS_LOST:
		sb_printf(b, _("out of memory: not every error is listed"));
		break;
	case TWR_E_BAD_ROWS:
		if (m->n[1])
			sb_printf(b, m->n[0] == 1 ? _("%lld bad row or more; "
			    "nothing was written") : _("%lld bad rows or more; "
			    "nothing was written"), m->n[0]);
		else
			sb_printf(b, m->n[0] == 1 ? _("%lld bad row; nothing "
			    "was written") : _("%lld bad rows; nothing was "
			    "written"), m->n[0]);
		break;
	case TWR_E_ENCODING:
		sb_printf(b, _("unknown encoding '%s' (expected UTF-8, "
		    "windows-1254, iso-8859-9 or another name iconv knows)"),
		    V(m->value));
		break;
	case TWR_E_READ_FILE:
		sb_printf(b, _("cannot read '%s': %s"), V(m->value),
		    V(m->detail));
		break;
	case TWR_E_LIKELY_ENCODING:
		if (m->value == NULL)
			sb_printf(b, _("the file is not UTF-8; it looks like %s "
			    "(expected --encoding %s)"), V(m->value2),
			    V(m->value2));
		else if (strcmp(V(m->value2), "UTF-8") == 0)
			sb_printf(b, _("the file looks like UTF-8, not %s "
			    "(expected no --encoding)"), V(m->value));
		else
			sb_printf(b, _("the file looks like %s, not %s "
			    "(expected --encoding %s)"), V(m->value2),
			    V(m->value), V(m->value2));
		break;
	case TWR_E_HEADER_DELIM:
		sb_printf(b, _("the header is one column, '%s' (expected "
		    "columns separated by %s; give --delimiter %s for such "
		    "a file)"), V(m->value), delim_word(m->n[0]),
		    delim_word(m->n[1]));
		break;
	case TWR_E_COUNTRY_NEEDED:
		sb_printf(b, _("actor %lld would have no country, which only a "
		    "network may lack (expected --country CODE)"), m->id);
		break;
	case TWR_E_NOT_COMMITTED:
		sb_printf(b, _("the result could not be written; nothing was "
		    "changed"));
		break;
	case TWR_E_NOTHING_WRITTEN:
		sb_printf(b, _("nothing was written"));
		break;
	case TWR_E_NO_SUCH_KIND:
		sb_printf(b, _("unknown kind of record"));
		break;
	case TWR_E_NO_SUCH_NAME:
		sb_printf(b, _("no actor named '%s'"), V(m->value));
		if (m->hint != NULL)
			sb_printf(b, _("; did you mean %s?"), m->hint);
		break;
	case TWR_E_NAMES_N:
		sb_printf(b, _("'%s' names %lld actors (ids %s); show one by "
		    "its id"), V(m->value), m->n[0], V(m->value2));
		break;
	case TWR_E_EMPTY_COUNTRY:
		sb_printf(b, _("empty (expected an ISO 3166-1 code or an "
		    "English or Turkish name)"));
		break;
	case TWR_E_NOT_FOR:
		if (m->value != NULL)
			sb_printf(b, _("%s %s does not apply to %s"), opt,
			    m->value, listing_words(m->n[0]));
		else
			sb_printf(b, _("%s does not apply to %s"), opt,
			    listing_words(m->n[0]));
		break;
	case TWR_E_YEAR:
		sb_printf(b, _("%lld is not a year (expected four digits, %d to "
		    "%d)"), m->n[0], TWR_YEAR_MIN, TWR_YEAR_MAX);
		break;
	case TWR_E_SORT:
		sb_printf(b, _("unknown field '%s' (expected "), V(m->value));
		if ((cols = twr_sort_keys((enum twr_list_what)m->n[0])) !=
		    NULL)
			sb_list(b, cols, ", ");
		sb_printf(b, _(", a leading '-' for descending)"));
		break;
	case TWR_E_COLUMN:
		if (strcmp(V(m->value), "all") == 0) {
			sb_printf(b, _("'all' with other columns (expected all "
			    "alone, or a list of columns)"));
			break;
		}
		sb_printf(b, _("unknown column '%s' (expected "), V(m->value));
		if (m->n[0] < 0)	/* print_columns() lists them */
			sb_printf(b, "%s", V(m->hint));
		else if ((cols = twr_list_columns((enum twr_list_what)
		    m->n[0])) != NULL)
			sb_list(b, cols, ", ");
		sb_printf(b, _(", or all)"));
		break;
	case TWR_E_STATUS_ANY:
		sb_printf(b, _("unknown status '%s' (expected "), V(m->value));
		vocab_expected(b, TWR_V_AGREEMENT_STATUS);
		sb_printf(b, _(" for agreements, "));
		vocab_expected(b, TWR_V_MEMBERSHIP_STATUS);
		sb_printf(b, _(" for memberships)"));
		break;
	case TWR_E_RANGE:
		sb_printf(b, _("%lld is out of range (expected %lld to %lld)"),
		    m->n[0], m->n[1], m->n[2]);
		break;
	case TWR_E_FROM_AFTER_TO:
		sb_printf(b, _("--from %lld is after --to %lld"), m->n[0],
		    m->n[1]);
		break;
	case TWR_E_NO_SUCH_REPORT:
		sb_printf(b, _("unknown report"));
		break;
	case TWR_E_TODAY:
		sb_printf(b, _("bad date '%s' for today"), V(m->value));
		break;
	case TWR_E_NOTHING_TO_SEARCH:
		sb_printf(b, _("nothing to search for in '%s' (expected letters "
		    "or digits)"), V(m->value));
		break;
	case TWR_E_NO_BATCH:
		sb_printf(b, _("no import batch %lld"), m->id);
		break;
	case TWR_E_UNDONE:
		sb_printf(b, _("batch %lld was already undone (change %lld)"),
		    m->id, m->id2);
		break;
	case TWR_E_CHANGED_AFTER:
		sb_printf(b, _("batch %lld cannot be undone: record %lld was "
		    "changed after it (change %lld by %s, %s)"), m->id, m->id2,
		    m->n[0], V(m->value), V(m->value2));
		break;
	case TWR_E_ACTOR_USED:
		if (m->n[1])
			sb_printf(b, _("batch %lld cannot be undone: tie %lld, "
			    "which it added, has activity %lld, added later"),
			    m->id, m->id2, m->n[0]);
		else
			sb_printf(b, _("batch %lld cannot be undone: actor %lld, "
			    "which it added, is used by record %lld, added "
			    "later"), m->id, m->id2, m->n[0]);
		break;
	case TWR_E_NOPERM:
		sb_printf(b, _("role '%s' may not change this: an office "
		    "changes only the ties of the municipalities granted to "
		    "it (%s)"), V(m->value), V(m->detail));
		break;
	case TWR_E_NO_OFFICES:
		sb_printf(b, _("a registry in a file has no offices: grant "
		    "and revoke are for a register on PostgreSQL"));
		break;
	case TWR_E_NO_ROLE:
		sb_printf(b, _("the database has no role '%s' (create it "
		    "with createuser)"), V(m->value));
		break;
	case TWR_E_NOT_GRANTED:
		sb_printf(b, _("role '%s' was not granted actor %lld"),
		    V(m->value), m->id);
		break;
	case TWR_E_URL_PASSWORD:
		sb_printf(b, _("a password does not belong in the registry's "
		    "URI, where every user of the machine sees it: put it in "
		    "~/.pgpass or PGPASSWORD"));
		break;
	case TWR_E_URL_BAD:
		sb_printf(b, _("the registry's URI cannot be read (%s)"),
		    V(m->detail));
		break;
	case TWR_E_COPY_NOT_EMPTY:
		sb_printf(b, _("the registry to copy into holds records: copy "
		    "only into a new or empty one"));
		break;
	case TWR_E_NOT_ACTOR:
		sb_printf(b, _("record %lld is not an actor"), m->id);
		break;
	case TWR_N_CREATED_ACTOR:
		sb_printf(b, m->n[0] ? _("would create actor %lld '%s'") :
		    _("created actor %lld '%s'"), m->id, V(m->value));
		if (m->value2 != NULL)
			sb_printf(b, " (%s)", m->value2);
		break;
	case TWR_N_CREATED_MORE:
		sb_printf(b, m->n[1] ? _("would create %lld more actors") :
		    _("created %lld more actors"), m->n[0]);
		break;
	case TWR_N_UNCHANGED:
		sb_printf(b, _("record %lld unchanged: it already has those "
		    "values"), m->id);
		break;
	case TWR_N_ALREADY_ENDED:
		sb_printf(b, _("record %lld already ended on %s"), m->id,
		    V(m->value));
		break;
	case TWR_N_END_REPLACED:
		sb_printf(b, _("record %lld: end date %s replaced by %s"),
		    m->id, V(m->value), V(m->value2));
		break;
	}
}

const char *
words(const struct twr_msg *m, struct sbuf *b)
{
	char opt[64];

	b->len = 0;
	b->p[0] = '\0';
	if (m->field != NULL && !names_field(m)) {
		option_name(m->field, opt, sizeof(opt));
		sb_printf(b, "%s: ", opt);
	}
	say(b, m);
	return b->p;
}

void
report_title(struct twr_rows *r, char *out, size_t size)
{
	int report, from, to;

	out[0] = '\0';
	if (twr_rows_report(r, &report, &from, &to) == -1)
		return;
	switch (report) {
	case TWR_REPORT_YEARLY:
		snprintf(out, size, _("Yearly report %d (compared with %d)"),
		    to, from);
		break;
	case TWR_REPORT_ACTIVITIES:
		if (to != 0)
			snprintf(out, size, _("Activities %d (compared with %d)"),
			    to, from);
		else
			snprintf(out, size, _("Activities"));
		break;
	case TWR_REPORT_TIMELINE:
		if (from != 0)
			snprintf(out, size, _("Timeline %d-%d"), from, to);
		else
			snprintf(out, size, _("Timeline"));
		break;
	}
}
