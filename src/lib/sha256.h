/* SHA-256 (FIPS 180-4), for the checksums of import batches. */
#ifndef TWR_SHA256_H
#define TWR_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t len;		/* bytes hashed */
	unsigned char blk[64];
	size_t n;		/* bytes in blk */
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t n);
/* Finish S and write the digest as 64 lowercase hex digits and NUL. */
void sha256_hex(struct sha256 *s, char out[65]);

#endif
