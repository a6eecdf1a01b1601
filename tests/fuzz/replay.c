/*
 * Feed files to a harness without libFuzzer: replay FILE|DIR... runs
 * LLVMFuzzerTestOneInput on each file (a directory: each file in it), so
 * that `make check` replays the corpus and every past finding with any
 * compiler.  Prints "replayed N files" and exits 0, or dies where the
 * harness does.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static unsigned long replayed;

static int
replay_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, got;

	if (fp == NULL) {
		perror(path);
		return -1;
	}
	do {
		if (n == cap) {
			char *b = realloc(buf, (cap = cap ? 2 * cap : 4096));

			if (b == NULL) {
				fprintf(stderr, "replay: out of memory\n");
				exit(1);
			}
			buf = b;
		}
		got = fread(buf + n, 1, cap - n, fp);
		n += got;
	} while (got > 0);
	if (ferror(fp)) {
		perror(path);
		fclose(fp);
		free(buf);
		return -1;
	}
	fclose(fp);
	/* libFuzzer hands exactly N bytes: a copy that ends there. */
	{
		uint8_t *data = malloc(n ? n : 1);

		if (data == NULL)
			exit(1);
		memcpy(data, buf, n);
		free(buf);
		LLVMFuzzerTestOneInput(data, n);
		free(data);
	}
	replayed++;
	return 0;
}

static int
replay(const char *path)
{
	struct dirent **ents;
	struct stat sb;
	int i, n, rc = 0;

	if (stat(path, &sb) == -1) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(sb.st_mode))
		return replay_file(path);
	if ((n = scandir(path, &ents, NULL, alphasort)) == -1) {
		perror(path);
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (ents[i]->d_name[0] != '.') {
			size_t len = strlen(path) + strlen(ents[i]->d_name) + 2;
			char *p = malloc(len);

			if (p == NULL)
				exit(1);
			snprintf(p, len, "%s/%s", path, ents[i]->d_name);
			if (replay(p) == -1)
				rc = -1;
			free(p);
		}
		free(ents[i]);
	}
	free(ents);
	return rc;
}

int
main(int argc, char **argv)
{
	int i, rc = 0;

	for (i = 1; i < argc; i++)
		if (replay(argv[i]) == -1)
			rc = 1;
	printf("replayed %lu files\n", replayed);
	return rc;
}
