/*
 * libpq, loaded when a registry on PostgreSQL is first opened, not when
 * twinreg starts: with its own libraries (TLS, Kerberos, LDAP: two dozen)
 * it took more than half of every command's start, and a registry file
 * never needs it.  The store's files call PQ...() as usual; each name is
 * a pointer pq_load() filled in.
 */
#ifndef TWR_PQ_H
#define TWR_PQ_H

#include <stddef.h>

#include <libpq-fe.h>

/* The functions of libpq the store calls. */
#define PQ_FUNCS(X) \
	X(PQclear) X(PQcmdStatus) X(PQcmdTuples) X(PQconnectdb) \
	X(PQconninfoFree) X(PQconninfoParse) X(PQdescribePrepared) \
	X(PQerrorMessage) X(PQexec) X(PQexecParams) X(PQexecPrepared) \
	X(PQfinish) X(PQfreemem) X(PQftype) X(PQgetResult) X(PQgetisnull) \
	X(PQgetvalue) X(PQnfields) X(PQntuples) X(PQprepare) \
	X(PQputCopyData) X(PQputCopyEnd) X(PQresultErrorField) \
	X(PQresultStatus) X(PQsetNoticeProcessor) X(PQstatus) \
	X(PQtransactionStatus) X(PQuser)

#define PQ_POINTER(f) __typeof__(f) *f;
extern struct pq_api {
	PQ_FUNCS(PQ_POINTER)
} twr_pq;
#undef PQ_POINTER

/* Load libpq once; 0, or -1 with why it cannot be, into WHY (N bytes). */
int pq_load(char *why, size_t n);

/* From here on, a call of PQexec() is one through twr_pq.PQexec (but
   in pq.c, which fills them in). */
#ifndef PQ_LOADER
#define PQclear (*twr_pq.PQclear)
#define PQcmdStatus (*twr_pq.PQcmdStatus)
#define PQcmdTuples (*twr_pq.PQcmdTuples)
#define PQconnectdb (*twr_pq.PQconnectdb)
#define PQconninfoFree (*twr_pq.PQconninfoFree)
#define PQconninfoParse (*twr_pq.PQconninfoParse)
#define PQdescribePrepared (*twr_pq.PQdescribePrepared)
#define PQerrorMessage (*twr_pq.PQerrorMessage)
#define PQexec (*twr_pq.PQexec)
#define PQexecParams (*twr_pq.PQexecParams)
#define PQexecPrepared (*twr_pq.PQexecPrepared)
#define PQfinish (*twr_pq.PQfinish)
#define PQfreemem (*twr_pq.PQfreemem)
#define PQftype (*twr_pq.PQftype)
#define PQgetResult (*twr_pq.PQgetResult)
#define PQgetisnull (*twr_pq.PQgetisnull)
#define PQgetvalue (*twr_pq.PQgetvalue)
#define PQnfields (*twr_pq.PQnfields)
#define PQntuples (*twr_pq.PQntuples)
#define PQprepare (*twr_pq.PQprepare)
#define PQputCopyData (*twr_pq.PQputCopyData)
#define PQputCopyEnd (*twr_pq.PQputCopyEnd)
#define PQresultErrorField (*twr_pq.PQresultErrorField)
#define PQresultStatus (*twr_pq.PQresultStatus)
#define PQsetNoticeProcessor (*twr_pq.PQsetNoticeProcessor)
#define PQstatus (*twr_pq.PQstatus)
#define PQtransactionStatus (*twr_pq.PQtransactionStatus)
#define PQuser (*twr_pq.PQuser)
#endif

#endif
