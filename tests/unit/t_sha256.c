/* SHA-256 against the FIPS 180-4 examples. */
#include "sha256.h"
#include "unit.h"

void
t_sha256(void)
{
	struct sha256 s;
	char hex[65], a[1001];
	int i;

	sha256_init(&s);
	sha256_hex(&s, hex);
	CHECK_STREQ(hex, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
	sha256_init(&s);
	sha256_update(&s, "abc", 3);
	sha256_hex(&s, hex);
	CHECK_STREQ(hex, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	sha256_init(&s);
	sha256_update(&s, "abcdbcdecdefdefgefghfghighijhijkijkljklmklmn"
	    "lmnomnopnopq", 56);
	sha256_hex(&s, hex);
	CHECK_STREQ(hex, "248d6a61d20638b8e5c026930c3e6039"
	    "a33ce45964ff2167f6ecedd419db06c1");
	memset(a, 'a', sizeof(a));
	sha256_init(&s);
	for (i = 0; i < 1000; i++)
		sha256_update(&s, a, i % 2 ? 999 : 1001);
	sha256_hex(&s, hex);
	CHECK_STREQ(hex, "cdc76e5c9914fb9281a1c7e284d73e67"
	    "f1809a48a497200e046d39ccc7112cd0");
}
