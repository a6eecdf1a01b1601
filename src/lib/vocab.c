/*
 * The words a value may be: agreement kinds and statuses, membership
 * statuses, actor kinds.  Each word is stored in English and found by
 * any of its spellings, Turkish included, folded as names are.
 */
#include <stdlib.h>
#include <string.h>

#include "vocab.h"

struct term {
	const char *value;	/* stored form */
	const char *words;	/* folded spellings, '|'-separated, no spaces */
};

static const struct term ag_kinds[] = {
	{ "sister_city", "sistercity|sistercities|twinning|twincity|"
	  "towntwinning|kardessehir|kardeskent|kardessehirantlasmasi|"
	  "kardessehiranlasmasi|kardessehirprotokolu|kardesbelediye" },
	{ "friendship", "friendship|friendshipagreement|"
	  "friendshipandcooperationagreement|dostluk|dostlukanlasmasi|"
	  "dostlukveisbirligisozlesmesi|dostlukveisbirligianlasmasi|"
	  "dostlukveisbirligiprotokolu" },
	{ "goodwill", "goodwill|goodwillagreement|goodwillprotocol|iyiniyet|"
	  "iyiniyetsozlesmesi|iyiniyetprotokolu|iyiniyetanlasmasi|"
	  "iyiniyetbeyani" },
	{ "memorandum", "memorandum|memorandumofunderstanding|mou|mutabakat|"
	  "mutabakatzapti|mutabakatmuhtirasi" },
	{ "cooperation_protocol", "cooperationprotocol|cooperationagreement|"
	  "isbirligiprotokolu|isbirligianlasmasi|isbirligiantlasmasi|"
	  "isbirligisozlesmesi" },
	{ "supporting_structure", "supportingstructure|"
	  "supportingstructureagreement|destekleyicikurumanlasmasi|"
	  "destekleyicikurum|destekleyiciyapi" },
	{ "partnership", "partnership|partnershipagreement|ortaklik|"
	  "ortaklikanlasmasi" },
	{ NULL, NULL }
};

static const struct term ag_statuses[] = {
	{ "planned", "planned|planlanan|planlandi|planli" },
	{ "active", "active|aktif|etkin|yururlukte|gecerli|faal" },
	{ "dormant", "dormant|pasif|atil|uykuda" },
	{ "ended", "ended|sonaerdi|sonaermis|feshedildi|bitti|ended" },
	{ NULL, NULL }
};

static const struct term m_statuses[] = {
	{ "full", "full|fullmember|tam|tamuye|tamuyelik" },
	{ "associate", "associate|associatemember|istirakci|istirakciuye|"
	  "ortakuye" },
	{ "observer", "observer|observermember|gozlemci|gozlemciuye" },
	{ "member", "member|uye|yerelyonetimstatusundeuye" },
	{ NULL, NULL }
};

static const struct term a_kinds[] = {
	{ "metropolitan", "metropolitan|metropolitanmunicipality|buyuksehir|"
	  "buyuksehirbelediyesi" },
	{ "district", "district|districtmunicipality|ilce|ilcebelediyesi|"
	  "ward" },
	{ "municipality", "municipality|city|town|commune|belediye|sehir|"
	  "kent|belde|beldebelediyesi|village|koy" },
	{ "union", "union|association|unionofmunicipalities|birlik|"
	  "belediyelerbirligi" },
	{ "network", "network|organisation|organization|ag|kurulus|"
	  "teskilat|orgut" },
	{ "public_body", "publicbody|government|kamukurumu|kamukurulusu" },
	{ "region", "region|bolge|ozerkbolge" },
	{ NULL, NULL }
};

/* What an actor did: SPEC's types, each with the words Turkish reports
   use for it (faaliyet raporu). */
static const struct term ac_types[] = {
	{ "visit", "visit|officialvisit|delegationvisit|ziyaret|resmiziyaret|"
	  "heyetziyareti|calismaziyareti|nezaketziyareti|resmigezi" },
	{ "hosting", "hosting|hosted|reception|receivedadelegation|agirlama|"
	  "agirladi|misafiretme|kabul|heyetkabulu|konukagirlama" },
	{ "meeting", "meeting|conference|congress|symposium|summit|workshop|"
	  "panel|forum|toplanti|konferans|kongre|sempozyum|zirve|calistay|"
	  "forumu|kurultay|istisaretoplantisi" },
	{ "event", "event|iftar|programme|program|ceremony|etkinlik|iftar|"
	  "iftarprogrami|iftarsofrasi|toren|anma|anmatoreni" },
	{ "festival", "festival|culturedays|culturenight|culturenights|"
	  "promotionday|promotiondays|fest|festivali|senlik|senlikleri|"
	  "kulturgunleri|kulturgecesi|kulturgeceleri|tanitimgunleri|"
	  "tanitimgunu" },
	{ "exhibition", "exhibition|fair|expo|sergi|sergisi|fuar|fuari|"
	  "fotografsergisi" },
	{ "training", "training|seminar|course|egitim|egitimprogrami|"
	  "seminer|kurs|kursu|hizmeticiegitim" },
	{ "project", "project|proje|projesi|abprojesi|ortakproje" },
	{ "exchange", "exchange|youthexchange|studentexchange|staffexchange|"
	  "camp|volunteering|degisim|degisimprogrami|ogrencidegisimi|"
	  "genclikdegisimi|kamp|gonulluluk|gonullulukprogrami" },
	{ "aid", "aid|humanitarianaid|donation|relief|yardim|insaniyardim|"
	  "bagis|yardimkampanyasi" },
	{ "study_visit", "studyvisit|studytour|technicalvisit|incelemegezisi|"
	  "teknikgezi|teknikziyaret|incelemeziyareti" },
	{ "award", "award|prize|odul|odulu|odultoreni" },
	{ "other", "other|diger" },
	{ NULL, NULL }
};

/* The kind of a tie an activity belongs to: an agreement's kind, or a
   membership. */
static const struct term tie_kinds[] = {
	{ "sister_city", "sistercity|kardessehir|kardeskent" },
	{ "friendship", "friendship|dostluk" },
	{ "goodwill", "goodwill|iyiniyet" },
	{ "memorandum", "memorandum|mou|mutabakat|mutabakatzapti" },
	{ "cooperation_protocol", "cooperationprotocol|isbirligiprotokolu" },
	{ "supporting_structure", "supportingstructure|destekleyicikurum" },
	{ "partnership", "partnership|ortaklik" },
	{ "membership", "membership|uyelik|uye|member" },
	{ NULL, NULL }
};

/* What a tie may lack (--lacks): the law's approvals first. */
static const struct term lacks[] = {
	{ "council-decision", "councildecision|council|meclis|mecliskarari|"
	  "meclisonayi" },
	{ "ministry-approval", "ministryapproval|ministry|approval|bakanlik|"
	  "bakanlikonayi|bakanlikizni|icisleribakanligionayi" },
	{ "signed-on", "signedon|signed|date|since|imzatarihi|tarih" },
	{ "signed-place", "signedplace|place|imzayeri|yer" },
	{ "topics", "topics|topic|konular|konu" },
	{ "source", "source|kaynak" },
	{ "activity", "activity|activities|etkinlik|faaliyet" },
	{ NULL, NULL }
};

static const struct term *const vocabs[TWR_V_COUNT] = {
	[TWR_V_AGREEMENT_KIND] = ag_kinds,
	[TWR_V_AGREEMENT_STATUS] = ag_statuses,
	[TWR_V_MEMBERSHIP_STATUS] = m_statuses,
	[TWR_V_ACTOR_KIND] = a_kinds,
	[TWR_V_ACTIVITY_TYPE] = ac_types,
	[TWR_V_TIE_KIND] = tie_kinds,
	[TWR_V_LACKS] = lacks,
};

/* The stored words, as twr_vocab_words hands them out. */
static const char *words[TWR_V_COUNT][16];

const char *const *
twr_vocab_words(enum twr_vocab v)
{
	size_t i;

	if ((unsigned)v >= TWR_V_COUNT)
		return NULL;
	if (words[v][0] == NULL)
		for (i = 0; vocabs[v][i].value != NULL; i++)
			words[v][i] = vocabs[v][i].value;
	return words[v];
}

const char *
vocab_find(enum twr_vocab v, const char *text)
{
	const struct term *terms = vocabs[v];
	const char *kind;

	char *f, *r, *w;
	const char *hit = NULL;
	size_t i, n;

	for (i = 0; terms[i].value != NULL; i++)	/* the usual case */
		if (strcmp(text, terms[i].value) == 0)
			return terms[i].value;
	/* A tie's kind is an agreement's, by any of its spellings. */
	if (v == TWR_V_TIE_KIND && (kind = vocab_find(TWR_V_AGREEMENT_KIND,
	    text)) != NULL)
		return kind;
	if ((f = fold_dup(text)) == NULL)
		return NULL;
	for (r = w = f; *r != '\0'; r++)	/* drop the spaces */
		if (*r != ' ')
			*w++ = *r;
	*w = '\0';
	n = strlen(f);
	for (i = 0; terms[i].value != NULL && hit == NULL; i++) {
		const char *p = terms[i].words;

		while (p != NULL) {
			const char *bar = strchr(p, '|');
			size_t len = bar ? (size_t)(bar - p) : strlen(p);

			if (n > 0 && len == n && memcmp(p, f, n) == 0) {
				hit = terms[i].value;
				break;
			}
			p = bar ? bar + 1 : NULL;
		}
	}
	free(f);
	return hit;
}

size_t
vocab_count(enum twr_vocab v)
{
	size_t n = 0;

	while (vocabs[v][n].value != NULL)
		n++;
	return n;
}

const char *
vocab_word(enum twr_vocab v, size_t i)
{
	return vocabs[v][i].value;
}
