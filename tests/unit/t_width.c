/* Display width, for aligned tables. */
#include <string.h>

#include "internal.h"
#include "unit.h"

static size_t
width(const char *s)
{
	return twr_text_width(s, strlen(s));
}

void
t_width(void)
{
	CHECK(width("") == 0);
	CHECK(width("Adalar") == 6);
	CHECK(width("Çekmeköy") == 8);
	CHECK(width("İSTANBUL") == 8);
	CHECK(width("文京区") == 6);
	CHECK(width("예천군") == 6);
	CHECK(width("Παλαιό Φάληρο") == 13);
	CHECK(width("Скопје") == 6);
	CHECK(width("Pe\xcc\x81""cs") == 4);	/* combining accent */
	CHECK(width("\xef\xbc\xa1") == 2);	/* fullwidth A */
}
