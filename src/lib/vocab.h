/* The words a value may be (vocab.c). */
#ifndef TWR_VOCAB_H
#define TWR_VOCAB_H

#include "internal.h"

/* The stored word of vocabulary V that TEXT spells (any spelling, case
 * and diacritics folded), or NULL. */
const char *vocab_find(enum twr_vocab v, const char *text);

/* The number of words of vocabulary V, and its word I. */
size_t vocab_count(enum twr_vocab v);
const char *vocab_word(enum twr_vocab v, size_t i);

#endif
