/* Migrations of the registry's schema (schema.c). */
#ifndef TWR_SCHEMA_H
#define TWR_SCHEMA_H

struct migration {
	int version;		/* PRAGMA user_version after it */
	const char *sql;
	/* Run after SQL in the same transaction, or NULL. */
	enum twr_status (*fixup)(struct twr_db *, struct twr_error *);
};

extern const struct migration twr_migrations[];
extern const size_t twr_nmigrations;

#define TWR_APPLICATION_ID 0x54575247	/* "TWRG" */

#endif
