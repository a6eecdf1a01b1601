#!/usr/bin/env python3
"""Generate src/lib/unitab.c: the Unicode tables twinreg uses at run time.

    python3 data/mkunicode.py > src/lib/unitab.c

The output is committed, so a build needs neither Python nor Unicode data.
It holds three things, all derived from Python's unicodedata module:

1. Folding (twr_fold): how a code point is written in a search key.
   Letters and digits are lower-cased and stripped of diacritics (NFKD,
   case fold, combining marks dropped); the letters generic folding leaves
   alone are mapped by hand: dotless i and dotted capital I become "i",
   and ø đ ł ħ ŧ ð þ æ œ ß become their usual Latin spellings.  Everything
   that is not a letter or digit is a separator.
2. Turkish collation weights (twr_collate): primary weights follow the
   Turkish alphabet (a b c ç d e f g ğ h ı i j ... o ö ... s ş t u ü ...),
   other Latin letters sort with their base letter (é with e, č with c),
   then Greek, then Cyrillic, then other scripts by code point; secondary
   weights tell accents apart, tertiary weights case.
3. Display width (twr_width): 0 for combining marks and format characters,
   2 for East Asian wide and fullwidth characters, else 1.
"""
import sys
import unicodedata as ud

MAXCP = 0x110000
TABLE_LIMIT = 0x2000      # collation weights are tabled below this
SEP, DROP, KEEP = 0, 1, 2

# Letters that NFKD does not decompose but that users type without
# their stroke or ligature.
SPECIAL_FOLD = {
    0x0131: "i",   # ı dotless i
    0x0130: "i",   # İ capital I with dot above
    0x00F8: "o", 0x00D8: "o",    # ø
    0x0111: "d", 0x0110: "d",    # đ
    0x00F0: "d", 0x00D0: "d",    # ð
    0x0142: "l", 0x0141: "l",    # ł
    0x0127: "h", 0x0126: "h",    # ħ
    0x0167: "t", 0x0166: "t",    # ŧ
    0x00FE: "th", 0x00DE: "th",  # þ
    0x00E6: "ae", 0x00C6: "ae",  # æ
    0x0153: "oe", 0x0152: "oe",  # œ
    0x00DF: "ss", 0x1E9E: "ss",  # ß
    0x0140: "l", 0x013F: "l",    # ŀ
}


def is_mark(ch):
    return ud.category(ch) in ("Mn", "Mc", "Me")


def fold_cp(cp):
    """Return (class, text) for one code point."""
    ch = chr(cp)
    if cp in SPECIAL_FOLD:
        return KEEP, SPECIAL_FOLD[cp]
    cat = ud.category(ch)
    if cat in ("Mn", "Me", "Mc", "Cf"):
        return DROP, ""
    if cat == "Nd":
        return KEEP, str(ud.digit(ch))
    if cat[0] != "L":
        return SEP, " "
    if 0xAC00 <= cp <= 0xD7A3:      # Hangul syllables stay whole
        return KEEP, ch
    s = ud.normalize("NFKD", ch).casefold()
    s = ud.normalize("NFKD", s)
    out = []
    for c in s:
        o = ord(c)
        if o in SPECIAL_FOLD:
            out.append(SPECIAL_FOLD[o])
        elif is_mark(c):
            continue
        elif ud.category(c)[0] == "L":
            out.append(c)
        elif ud.category(c) == "Nd":
            out.append(str(ud.digit(c)))
        else:
            out.append(" ")
    return KEEP, "".join(out)


def c_string(s):
    b = s.encode("utf-8")
    return "".join("\\x%02x" % x if (x < 0x20 or x >= 0x7f or x in (0x22, 0x5c))
                   else chr(x) for x in b)


# ---- folding tables --------------------------------------------------
ranges = []        # (start, end, class)
maps = []          # (cp, folded text) where folded text != the code point
for cp in range(MAXCP):
    if 0xD800 <= cp <= 0xDFFF:
        cls, text = SEP, " "
    elif ud.category(chr(cp)) == "Cn":
        cls, text = SEP, " "
    else:
        cls, text = fold_cp(cp)
    if cls == KEEP and text != chr(cp):
        maps.append((cp, text))
    if ranges and ranges[-1][2] == cls and ranges[-1][1] == cp - 1:
        ranges[-1] = (ranges[-1][0], cp, cls)
    else:
        ranges.append((cp, cp, cls))

# ---- collation weights -----------------------------------------------
TURKISH = "a b c ç d e f g ğ h ı i j k l m n o ö p q r s ş t u ü v w x y z".split()
TR_RANK = {letter: i for i, letter in enumerate(TURKISH)}
TR_COMPOSED = {  # base letter + mark that Turkish treats as a letter of its own
    ("c", 0x0327): "ç", ("g", 0x0306): "ğ", ("o", 0x0308): "ö",
    ("s", 0x0327): "ş", ("u", 0x0308): "ü",
}
P_PUNCT, P_DIGIT, P_LATIN, P_OTHERLATIN, P_GREEK, P_CYRILLIC, P_OTHER = (
    0x0100, 0x1000, 0x2000, 0x2100, 0x3000, 0x3400, 0x4000)


def letter_primary(base):
    """Primary weight of one folded letter (a one-character string)."""
    if base in TR_RANK:
        return P_LATIN + TR_RANK[base]
    o = ord(base)
    if o < 0x250 or 0x1E00 <= o < 0x1F00:
        return P_OTHERLATIN + (o & 0xFFF)
    if 0x370 <= o < 0x400 or 0x1F00 <= o < 0x2000:
        return P_GREEK + (o - 0x370)
    if 0x400 <= o < 0x530:
        return P_CYRILLIC + (o - 0x400)
    return P_OTHER + o


def weights(cp):
    """Return (primaries, secondary, tertiary) for one code point."""
    ch = chr(cp)
    cat = ud.category(ch)
    if cat in ("Mn", "Me", "Mc", "Cf", "Cc", "Cn", "Cs", "Co"):
        return [], 0, 0
    upper = 1 if cat == "Lu" or cat == "Lt" else 0
    if cat == "Nd":
        return [P_DIGIT + ud.digit(ch)], 0, 0
    if cat[0] != "L":
        return [P_PUNCT + min(cp, 0xEFF)], 0, 0
    if ch == "I":
        return [P_LATIN + TR_RANK["ı"]], 0, 1
    if ch == "ı":
        return [P_LATIN + TR_RANK["ı"]], 0, 0
    if ch == "İ":
        return [P_LATIN + TR_RANK["i"]], 0, 1
    nfd = ud.normalize("NFD", ch)
    base = nfd[0].lower()
    marks = [ord(c) for c in nfd[1:] if is_mark(c)]
    if marks and (base, marks[0]) in TR_COMPOSED:
        base = TR_COMPOSED[(base, marks[0])]
        marks = marks[1:]
    sec = 0
    if marks:
        m = marks[0]
        sec = (m - 0x2FF) if 0x300 <= m < 0x370 else 0x80
    if base in TR_RANK:
        return [P_LATIN + TR_RANK[base]], sec, upper
    if cp in SPECIAL_FOLD and cp not in (0x0131, 0x0130):
        prim = [letter_primary(c) for c in SPECIAL_FOLD[cp]]
        return prim, 0x90, upper
    folded = ud.normalize("NFKD", base.casefold())
    folded = [c for c in folded if not is_mark(c)]
    if not folded:
        return [], 0, 0
    return [letter_primary(c) for c in folded[:2]], sec, upper


coll = [weights(cp) for cp in range(TABLE_LIMIT)]

# ---- display width ---------------------------------------------------
wranges = []
for cp in range(MAXCP):
    ch = chr(cp)
    cat = ud.category(ch)
    if cat in ("Mn", "Me", "Cf") or cp == 0x200B or 0x1160 <= cp <= 0x11FF:
        w = 0
    elif ud.east_asian_width(ch) in ("W", "F"):
        w = 2
    else:
        w = 1
    if w == 1:
        continue
    if wranges and wranges[-1][2] == w and wranges[-1][1] == cp - 1:
        wranges[-1] = (wranges[-1][0], cp, w)
    else:
        wranges.append((cp, cp, w))

# ---- output ----------------------------------------------------------
out = sys.stdout
out.write("/* Generated by data/mkunicode.py from Unicode %s: do not edit. */\n"
          % ud.unidata_version)
out.write('#include "unitab.h"\n\n')
out.write("const struct twr_urange twr_fold_ranges[] = {\n")
for s, e, c in ranges:
    out.write("\t{ 0x%05X, 0x%05X, %d },\n" % (s, e, c))
out.write("};\nconst size_t twr_fold_nranges = %d;\n\n" % len(ranges))
out.write("const struct twr_umap twr_fold_maps[] = {\n")
for cp, text in maps:
    out.write('\t{ 0x%05X, "%s" },\n' % (cp, c_string(text)))
out.write("};\nconst size_t twr_fold_nmaps = %d;\n\n" % len(maps))
out.write("const struct twr_uweight twr_coll[TWR_COLL_LIMIT] = {\n")
for cp, (prim, sec, ter) in enumerate(coll):
    p = prim + [0, 0]
    out.write("\t{ 0x%04X, 0x%04X, %d, %d },\n" % (p[0], p[1], sec, ter))
out.write("};\n\n")
out.write("const struct twr_urange twr_width_ranges[] = {\n")
for s, e, w in wranges:
    out.write("\t{ 0x%05X, 0x%05X, %d },\n" % (s, e, w))
out.write("};\nconst size_t twr_width_nranges = %d;\n" % len(wranges))
