/*
 * The terminal: its width, to which tables are narrowed; the pager long
 * output goes through, as git's does; and the progress line of a long
 * import or export.  None of it happens unless stdout (width, pager) or
 * stderr (progress) is a terminal: pipes, files and cron get every byte
 * as it is.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cmd.h"

/* ---- width ---------------------------------------------------------- */

static int out_tty = -1;	/* stdout is a terminal (before any pager) */
static size_t out_width;	/* its width, 0 when not known */

/* The width of terminal FD: its window size, else $COLUMNS, else 0. */
static size_t
fd_width(int fd)
{
	struct winsize ws;
	const char *env;
	unsigned long v;

	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if ((env = getenv("COLUMNS")) != NULL && parse_ulong(env, 100000,
	    &v) == 0 && v > 0)
		return v;
	return 0;
}

void
term_init(void)
{
	if (out_tty != -1)
		return;
	out_tty = isatty(STDOUT_FILENO);
	out_width = out_tty ? fd_width(STDOUT_FILENO) : 0;
}

size_t
term_width(void)
{
	term_init();
	return out_width;
}

/* ---- the pager ------------------------------------------------------ */

static pid_t pager_pid = -1;
static int saved_err = -1;	/* the terminal's stderr, while errors wait */
static FILE *held;		/* the errors written while the pager runs */
static struct sigaction old_int, old_quit;

/* The pager's command: $TWINREG_PAGER, else $PAGER, else less; NULL for
   none (an empty one or "cat").  *CHOSEN: the user named it. */
static const char *
pager_command(int *chosen)
{
	const char *p = getenv("TWINREG_PAGER");

	*chosen = 1;
	if (p == NULL)
		p = getenv("PAGER");
	if (p == NULL) {
		p = "less";
		*chosen = 0;
	}
	p += strspn(p, " \t");
	if (*p == '\0' || strcmp(p, "cat") == 0)
		return NULL;
	return p;
}

/*
 * In the child: run pager CMD on standard input.  A command with no
 * shell syntax is run directly, its words split at blanks, so that one
 * that is not there is known (and the output printed directly); any
 * other through sh -c, as git does.
 */
static void
pager_exec(const char *cmd)
{
	char *argv[32], *s, *w;
	size_t n = 0;

	if (strpbrk(cmd, "|&;<>()$`\\\"'*?[#~=%\n") != NULL ||
	    (s = strdup(cmd)) == NULL) {
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		return;
	}
	for (w = strtok(s, " \t"); w != NULL && n + 1 < 32;
	    w = strtok(NULL, " \t"))
		argv[n++] = w;
	argv[n] = NULL;
	execvp(argv[0], argv);
}

void
pager_start(struct ctx *ctx)
{
	const char *cmd;
	struct sigaction ign;
	int fds[2], ep[2], chosen, e = 0;
	ssize_t r;
	pid_t pid;

	term_init();
	if (pager_pid != -1 || ctx->no_pager || !out_tty ||
	    (cmd = pager_command(&chosen)) == NULL)
		return;
	if (pipe(fds) == -1)
		return;
	/* The child tells through EP why it could not run the pager; a
	   pager that runs closes it (close-on-exec). */
	if (pipe(ep) == -1) {
		close(fds[0]);
		close(fds[1]);
		return;
	}
	fcntl(ep[1], F_SETFD, FD_CLOEXEC);
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) == 0) {
		close(ep[0]);
		close(fds[1]);
		dup2(fds[0], STDIN_FILENO);
		close(fds[0]);
		if (getenv("LESS") == NULL)
			setenv("LESS", "FRX", 1);
		signal(SIGPIPE, SIG_DFL);
		pager_exec(cmd);
		e = errno;
		/* Told to the parent if it can be; 127 either way. */
		(void)!write(ep[1], &e, sizeof(e));
		_exit(127);
	}
	close(fds[0]);
	close(ep[1]);
	if (pid != -1)
		while ((r = read(ep[0], &e, sizeof(e))) == -1 && errno == EINTR)
			;
	close(ep[0]);
	if (pid == -1 || r > 0) {
		/* No pager: the output goes straight to the terminal. */
		if (pid != -1)
			waitpid(pid, NULL, 0);
		else
			e = errno;
		close(fds[1]);
		if (chosen)
			notef(ctx, "warning: cannot run the pager '%s': %s",
			    cmd, strerror(e));
		return;
	}
	dup2(fds[1], STDOUT_FILENO);
	close(fds[1]);
	pager_pid = pid;
	/* Errors wait until the pager is done, lest it hide them. */
	if (isatty(STDERR_FILENO) && (held = tmpfile()) != NULL &&
	    (saved_err = dup(STDERR_FILENO)) != -1)
		dup2(fileno(held), STDERR_FILENO);
	/* ^C and ^\ are the pager's (less uses them) while it runs. */
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigaction(SIGINT, &ign, &old_int);
	sigaction(SIGQUIT, &ign, &old_quit);
}

int
pager_running(void)
{
	return pager_pid != -1;
}

void
pager_end(void)
{
	char buf[4096];
	size_t n;
	int fd;

	if (pager_pid == -1)
		return;
	/* The pager sees the end of its input, and is waited for. */
	fflush(stdout);
	if ((fd = open("/dev/null", O_WRONLY)) != -1) {
		dup2(fd, STDOUT_FILENO);
		close(fd);
	} else
		close(STDOUT_FILENO);
	clearerr(stdout);
	while (waitpid(pager_pid, NULL, 0) == -1 && errno == EINTR)
		;
	pager_pid = -1;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	if (held == NULL)
		return;
	fflush(stderr);
	if (saved_err != -1) {
		dup2(saved_err, STDERR_FILENO);
		close(saved_err);
		saved_err = -1;
		rewind(held);
		while ((n = fread(buf, 1, sizeof(buf), held)) > 0)
			if (write(STDERR_FILENO, buf, n) == -1)
				break;
	}
	fclose(held);
	held = NULL;
}

/* ---- the progress line ---------------------------------------------- */

static double
since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) +
	    (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Append S seconds as M:SS or H:MM:SS to B. */
static void
sb_time(struct sbuf *b, double s)
{
	unsigned long t = s > 0 && s < 1e7 ? (unsigned long)(s + 0.5) : 0;

	if (t >= 3600)
		sb_printf(b, "%lu:%02lu:%02lu", t / 3600, t / 60 % 60, t % 60);
	else
		sb_printf(b, "%lu:%02lu", t / 60, t % 60);
}

static struct meter *drawn;	/* the meter whose line is on the screen */

/* Draw line B over the last (it is cut to the terminal's width). */
static void
meter_draw(struct meter *m, struct sbuf *b)
{
	if (m->width > 1)
		cut_width(b->p, m->width - 1);
	fprintf(stderr, "\r%s\033[K", b->p);
	fflush(stderr);
	m->shown = 1;
	drawn = m;
}

void
meter_hide(void)
{
	if (drawn == NULL || !drawn->shown)
		return;
	fputs("\r\033[K", stderr);
	drawn->shown = 0;
	drawn = NULL;
}

/* The library's progress function: a line at most five times a second,
   none in the first half second. */
static void
meter_tell(void *arg, const struct twr_progress *p)
{
	struct meter *m = arg;
	double t = since(&m->t0);
	unsigned long long done = 0, all = 0;
	struct sbuf b;

	m->rows = p->rows;
	if (t < 0.5 || (m->shown && since(&m->last) < 0.2))
		return;
	clock_gettime(CLOCK_MONOTONIC, &m->last);
	if (m->all != 0) {		/* import: bytes */
		done = m->base + p->bytes;
		all = m->all;
	} else if (p->total != 0) {	/* export: rows */
		done = p->rows;
		all = p->total;
	}
	if (done > all)
		done = all;
	b.len = 0;
	b.p[0] = '\0';
	sb_printf(&b, "twinreg: ");
	sb_printf(&b, _("%llu rows, %llu rows/s"), p->rows,
	    (unsigned long long)((double)p->rows / t));
	if (all != 0) {
		sb_printf(&b, ", ");
		/* TRANSLATORS: a percentage ("%37" in Turkish). */
		sb_printf(&b, _("%d%%"), (int)(done * 100 / all));
		if (done > 0) {
			sb_printf(&b, ", ");
			sb_time(&b, t * (double)(all - done) / (double)done);
			/* TRANSLATORS: after the time left, "0:12". */
			sb_printf(&b, "%s", _(" left"));
		}
	}
	meter_draw(m, &b);
}

void
meter_start(struct ctx *ctx, struct meter *m, unsigned long long all)
{
	int shown = m->on ? m->shown : 0;

	memset(m, 0, sizeof(*m));
	m->shown = shown;
	m->on = !ctx->quiet && isatty(STDERR_FILENO);
	m->all = all;
	clock_gettime(CLOCK_MONOTONIC, &m->t0);
	if (!m->on)
		return;
	m->width = fd_width(STDERR_FILENO);
	twr_set_progress_fn(ctx->db, meter_tell, m);
}

void
meter_finishing(struct meter *m)
{
	struct sbuf b;

	if (!m->shown)
		return;
	b.len = 0;
	b.p[0] = '\0';
	sb_printf(&b, "twinreg: ");
	sb_printf(&b, _("%llu rows read; finishing"), m->rows);
	meter_draw(m, &b);
}

void
meter_end(struct ctx *ctx, struct meter *m)
{
	if (!m->on)
		return;
	twr_set_progress_fn(ctx->db, NULL, NULL);
	if (drawn == m)
		meter_hide();
	fflush(stderr);
	m->on = 0;
}
