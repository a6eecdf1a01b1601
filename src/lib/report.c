/*
 * Reports: resolve the filter once, then run the report asked for.
 */
#include <string.h>

#include "report.h"

enum twr_status
twr_report(struct twr_db *db, enum twr_report which,
    const struct twr_report_opts *opts, const struct twr_filter *filter,
    struct twr_rows **rows, struct twr_error *err)
{
	struct twr_report_opts none = { 0, 0, 0 };
	struct twr_filter empty;
	struct filter f;
	struct twr_msg m;
	enum twr_status s;
	int snap;

	LOCAL_ERR(err);
	*rows = NULL;
	if (opts == NULL)
		opts = &none;
	if (filter == NULL) {
		memset(&empty, 0, sizeof(empty));
		filter = &empty;
	}
	if ((which == TWR_REPORT_YEARLY || (which == TWR_REPORT_ACTIVITIES &&
	    opts->year != 0)) && (opts->year < TWR_YEAR_MIN ||
	    opts->year > TWR_YEAR_MAX)) {
		memset(&m, 0, sizeof(m));
		m.code = TWR_E_YEAR;
		m.field = "year";
		m.n[0] = opts->year;
		return err_msg(err, TWR_USAGE, &m);
	}
	/* Its many statements read one state of the registry, even while
	   others change it (a cron job's report beside the offices). */
	if ((s = db_read_begin(db, &snap, err)) != TWR_OK)
		return s;
	/* Every value is checked, and every name looked up, once. */
	if ((s = filter_resolve(db, which == TWR_REPORT_ACTIVITIES ?
	    TWR_LIST_ACTIVITIES : FILTER_TIES, filter, &f, err)) != TWR_OK) {
		db_read_end(db, snap);
		return s;
	}
	switch (which) {
	case TWR_REPORT_YEARLY:
		s = report_yearly(db, opts->year, &f, rows, err);
		break;
	case TWR_REPORT_COUNTRIES:
		s = report_countries(db, &f, rows, err);
		break;
	case TWR_REPORT_MUNICIPALITIES:
		s = report_municipalities(db, &f, rows, err);
		break;
	case TWR_REPORT_NETWORKS:
		s = report_networks(db, &f, rows, err);
		break;
	case TWR_REPORT_TIMELINE:
		s = report_timeline(db, opts, &f, rows, err);
		break;
	case TWR_REPORT_ACTIVITIES:
		s = report_activities(db, opts->year, &f, rows, err);
		break;
	default:
		s = err_code(err, TWR_USAGE, TWR_E_NO_SUCH_REPORT);
	}
	filter_free(&f);
	db_read_end(db, snap);
	return s;
}
