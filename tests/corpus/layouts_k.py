"""Tuning layout families, eleventh set (see make_letters.py).

These were the held-out families of session 37 (written blind to the reader); once their results
had been studied they joined the tuning part and a new held-out set (heldout_layouts.py) replaced
them.

The families use the helpers of make_letters.py, bound at import time through use().
"""

import random

M = None  # the make_letters module


def use(module):
    global M
    M = module


# ---------------------------------------------------------------------------------------------
# Fonts: body faces (returned by fonts()) and faces single blocks are set in (k_BLOCK_FONTS,
# k_MONO_FONTS). Only cuts that no tuning set uses as its running face (every cut of every
# family below, bold and italic included).

k_BLOCK_FONTS = []
k_MONO_FONTS = []

_FF = "/usr/share/fonts/truetype/freefont/"  # fonts-freefont-ttf (optional)
_DV = "/usr/share/fonts/truetype/dejavu/"
_LB = "/usr/share/fonts/truetype/liberation2/"


def fonts(register):
    """The fonts of this set, registered through make_letters.py; a face whose files are missing
    is simply not offered."""
    out = []
    # Running faces: heavy and slanted cuts some practices and software type whole letters in.
    for key, files in (("LiberationSerifBoldText", (_LB + "LiberationSerif-Bold.ttf",
                                                    _LB + "LiberationSerif-BoldItalic.ttf",
                                                    _LB + "LiberationSerif-BoldItalic.ttf")),
                       ("FreeSansBoldText", (_FF + "FreeSansBold.ttf", _FF + "FreeSansBoldOblique.ttf",
                                             _FF + "FreeSansBoldOblique.ttf")),
                       ("DejaVuSerifBoldText", (_DV + "DejaVuSerif-Bold.ttf", _DV + "DejaVuSerif-BoldItalic.ttf",
                                                _DV + "DejaVuSerifCondensed-BoldItalic.ttf")),
                       ("LiberationSansBoldItalicText", (_LB + "LiberationSans-BoldItalic.ttf",
                                                         _LB + "LiberationSans-Bold.ttf",
                                                         _LB + "LiberationSans-BoldItalic.ttf"))):
        if register(key, *files):
            out.append(key)
    for key, faces in (("C059BoldText", ("C059-Bold", "C059-BdIta", "C059-BdIta")),
                       ("URWBookmanLightItalicText", ("URWBookman-LightItalic", "URWBookman-DemiItalic",
                                                      "URWBookman-DemiItalic")),
                       ("NimbusRomanBoldText", ("NimbusRoman-Bold", "NimbusRoman-BoldItalic",
                                                "NimbusRoman-BoldItalic"))):
        if M.register_type1_family(key, *faces):
            out.append(key)
    # Faces of single blocks (labels, printouts of other programs).
    del k_BLOCK_FONTS[:]
    del k_MONO_FONTS[:]
    if register("DejaVuSansCondensedBoldObliqueText", _DV + "DejaVuSansCondensed-BoldOblique.ttf",
                _DV + "DejaVuSansCondensed-BoldOblique.ttf", _DV + "DejaVuSansCondensed-BoldOblique.ttf"):
        k_BLOCK_FONTS.append("DejaVuSansCondensedBoldObliqueText")
    if M.register_type1_family("NimbusSansBoldItalicText", "NimbusSans-BoldItalic", "NimbusSans-BoldItalic",
                               "NimbusSans-BoldItalic"):
        k_BLOCK_FONTS.append("NimbusSansBoldItalicText")
    if register("DejaVuSansMonoBoldObliqueText", _DV + "DejaVuSansMono-BoldOblique.ttf",
                _DV + "DejaVuSansMono-BoldOblique.ttf", _DV + "DejaVuSansMono-BoldOblique.ttf"):
        k_MONO_FONTS.append("DejaVuSansMonoBoldObliqueText")
    if register("LiberationMonoBoldItalicText", _LB + "LiberationMono-BoldItalic.ttf",
                _LB + "LiberationMono-BoldItalic.ttf", _LB + "LiberationMono-BoldItalic.ttf"):
        k_MONO_FONTS.append("LiberationMonoBoldItalicText")
    if register("FreeMonoBoldObliqueText", _FF + "FreeMonoBoldOblique.ttf", _FF + "FreeMonoBoldOblique.ttf",
                _FF + "FreeMonoBoldOblique.ttf"):
        k_MONO_FONTS.append("FreeMonoBoldObliqueText")
    if M.register_type1_family("NimbusMonoPSBoldItalicText", "NimbusMonoPS-BoldItalic", "NimbusMonoPS-BoldItalic",
                               "NimbusMonoPS-BoldItalic"):
        k_MONO_FONTS.append("NimbusMonoPSBoldItalicText")
    return out


class _Face:
    """Sets a block in another face for the time of a `with`."""

    def __init__(self, doc, key):
        self.doc, self.key = doc, key

    def __enter__(self):
        self.old = self.doc.st.font
        if self.key and self.key in M.FONTS:
            self.doc.st.font = self.key
        return self

    def __exit__(self, *exc):
        self.doc.st.font = self.old
        return False


def _block_font(rng, p=0.6):
    if k_BLOCK_FONTS and rng.random() < p:
        return rng.choice(k_BLOCK_FONTS)
    return None


def _mono_font(rng):
    if k_MONO_FONTS:
        return rng.choice(k_MONO_FONTS)
    return "Courier"


# ---------------------------------------------------------------------------------------------
# Traits as these families print them

_MOIS_ABR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
_JOURS = ["premier", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze",
          "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf", "vingt", "vingt et un",
          "vingt-deux", "vingt-trois", "vingt-quatre", "vingt-cinq", "vingt-six", "vingt-sept", "vingt-huit",
          "vingt-neuf", "trente", "trente et un"]
_AU = ("Maroc", "Sénégal", "Portugal", "Cameroun", "Viêt Nam", "Royaume-Uni")


def _nb(s):
    return s.replace(" ", M.NBSP)


def _date(I, rng, styles):
    """The birth date: numeric (slashes, dots, dashes, no leading zeros, two-digit years where
    safe, ISO), in words with the day in figures or spelt out, months abbreviated or in capitals."""
    y, m, d = I.iso.split("-")
    style = rng.choice(styles)
    if style == "short-slash" and not 1940 <= int(y) <= 2005:
        style = "slash"
    day = "1er" if d == "01" else str(int(d))
    if style == "dot":
        s = "%s.%s.%s" % (d, m, y)
    elif style == "dash":
        s = "%s-%s-%s" % (d, m, y)
    elif style == "nopad":
        s = "%d/%d/%s" % (int(d), int(m), y)
    elif style == "short-slash":
        s = "%s/%s/%s" % (d, m, y[2:])
    elif style == "iso":
        s = "%s-%s-%s" % (y, m, d)
    elif style == "words":
        s = "%s %s %s" % (day, M.MONTHS[int(m) - 1], y)
    elif style == "words-day":
        s = "%s %s %s" % (_JOURS[int(d) - 1], M.MONTHS[int(m) - 1], y)
    elif style == "words-upper":
        s = "%s %s %s" % (day, M.MONTHS[int(m) - 1].upper(), y)
    elif style == "abbr":
        s = "%s %s %s" % (day, _MOIS_ABR[int(m) - 1], y)
    else:  # slash
        s = "%s/%s/%s" % (d, m, y)
    return _nb(s)


DATE_ANY = ["slash", "slash", "slash", "slash", "dot", "dash", "nopad", "short-slash", "words", "words",
            "words-day", "words-upper", "abbr"]
DATE_NUM = ["slash", "slash", "slash", "dot", "dash", "nopad"]


def _ins(I, rng, styles):
    m = I.ins
    style = rng.choice(styles)
    g = [m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13]]
    if style == "grouped":
        s = " ".join(g + [m[13:]])
    elif style == "dots":
        s = ".".join(g + [m[13:]])
    elif style == "cle":
        s = "%s clé %s" % (m[:13], m[13:])
    elif style == "grouped-cle":
        s = "%s clé %s" % (" ".join(g), m[13:])
    elif style == "cle-colon":
        s = "%s – Clé : %s" % (m[:13], m[13:])
    elif style == "key-sep":
        s = "%s %s" % (m[:13], m[13:])
    elif style == "dots-cle":
        s = "%s, clé %s" % (".".join(g), m[13:])
    else:  # plain
        s = m
    return _nb(s)


INS_ANY = ["grouped", "grouped", "plain", "plain", "dots", "cle", "grouped-cle", "cle-colon", "key-sep", "dots-cle"]


def _sex(I, rng, styles):
    f = I.sex == "F"
    return {"letter": "F" if f else "M", "word": "Féminin" if f else "Masculin", "person": "Femme" if f else "Homme",
            "lower": "féminin" if f else "masculin", "upper": "FÉMININ" if f else "MASCULIN"}[rng.choice(styles)]


SEX_ANY = ["letter", "letter", "letter", "word", "word", "person", "upper"]


def _place(I, rng, styles):
    """The birth place: always its code, the commune (or country) before or after it, or not at all."""
    code, name = I.place, I.place_name
    style = rng.choice(styles)
    if style == "code":
        return code
    if I.abroad:
        return rng.choice(["%s (%s)" % (name, code), "%s %s" % (code, M.insi(name)),
                           "code pays %s (%s)" % (code, name)])
    if style == "code-name":
        return "%s %s" % (code, name)
    if style == "code-upper":
        return "%s – %s" % (code, M.insi(name))
    if style == "insee":
        return "INSEE %s (%s)" % (code, name)
    if style == "commune":
        return "%s, commune %s" % (name, code)
    return "%s (%s)" % (name, code)


PLACE_ANY = ["code", "code", "paren", "paren", "code-name", "code-upper", "insee", "commune"]


def _born_at(I, rng):
    """' à Brest (29019)', ' au Maroc (99350)'."""
    code, name = I.place, I.place_name
    if I.abroad:
        return " %s %s (%s)" % ("au" if name in _AU else "en", name, code)
    return rng.choice([" à %s (%s)" % (name, code), " à %s, code INSEE %s," % (name, code),
                       " à %s – %s" % (name, code), " (commune %s)" % code])


def _age(I):
    n = M.age_on(I.iso)
    if n < 3:
        y, m, d = (int(v) for v in I.iso.split("-"))
        months = (M.TODAY[0] - y) * 12 + M.TODAY[1] - m - (M.TODAY[2] < d)
        return "%d mois" % months
    return "%d ans" % n


def _firsts(I, rng, styles=("all", "all", "all-comma", "first")):
    return I.first_names(rng, rng.choice(list(styles)))


def _oid(rng):
    return rng.choice(["OID %s", "(OID %s)", "OID : %s"]) % M.TEST_OID


def _day(rng, lo=2, hi=23):
    return _nb("%02d/11/2026" % rng.randint(lo, hi))


def _person(rng, sex=None, family=None):
    """Someone who is not the patient nor a professional of the letter: (civ, given, family)."""
    g = sex or rng.choice("FM")
    return ("Mme" if g == "F" else "M."), rng.choice(M.GIVEN_F if g == "F" else M.GIVEN_M), \
        (family or M.pick_surname(rng))


def _name(I, rng, given, order=None, title_case=False):
    """The name in use (or the birth name) with the given names: 'DUPONT Marie' or 'Marie DUPONT'."""
    fam = I.used or I.birth
    if title_case:
        fam = M.cap_name(fam)
    order = order or rng.choice(["family", "family", "given"])
    return "%s %s" % (fam, given) if order == "family" else "%s %s" % (given, fam)


# ---------------------------------------------------------------------------------------------
# Drawing helpers


def _fit(doc, texts, width, size, bold=False, floor=6.0, italic=False):
    while size > floor and max(doc.sw(t, size, bold=bold, italic=italic) for t in texts) > width:
        size -= 0.5
    return size


def _lines(doc, x, top, items, lead_f=1.0, align="left"):
    """Draws (text, size, bold, italic, gray) lines from `top`; returns (bottom, widest)."""
    y = top
    widest = 0
    for t, sz, b, i, g in items:
        lead = doc.lead(sz) * lead_f
        y += lead * 0.8
        if t:
            widest = max(widest, doc.text(x, y, t, sz, bold=b, italic=i, gray=g, align=align))
        y += lead * 0.2
    return y, widest


def _items_h(doc, items, lead_f=1.0):
    return sum(doc.lead(it[1]) * lead_f for it in items)


def _wrap_items(doc, items, width):
    out = []
    for t, sz, b, i, g in items:
        for part in doc.wrap(t, width, sz, b, i) or [""]:
            out.append((part, sz, b, i, g))
    return out


def _widest(doc, items):
    return max([doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in items] or [0])


def _frame_edges(doc, x, top, w, h, lw):
    for box in ((x, top - lw, x + w, top + lw), (x, top + h - lw, x + w, top + h + lw),
                (x - lw, top, x + lw, top + h), (x + w - lw, top, x + w + lw, top + h)):
        doc.add_box(box)


def _round_frame(doc, x, top, w, h, radius=5, lw=0.6, fill=None, dash=None):
    """A rounded frame whose inside stays free (only its edges are recorded as drawn)."""
    c = doc.c
    c.setLineWidth(lw)
    if dash:
        c.setDash(*dash)
    if fill is not None:
        c.setFillGray(fill)
    c.roundRect(x, M.H - top - h, w, h, radius, stroke=1, fill=1 if fill is not None else 0)
    c.setFillGray(0)
    if dash:
        c.setDash()
    _frame_edges(doc, x, top, w, h, lw)


def _open_frame(doc, x, top, w, h, lw=0.6, dash=None):
    """A square frame whose inside stays free."""
    c = doc.c
    c.setLineWidth(lw)
    if dash:
        c.setDash(*dash)
    c.rect(x, M.H - top - h, w, h, stroke=1, fill=0)
    if dash:
        c.setDash()
    _frame_edges(doc, x, top, w, h, lw)


def _shade(doc, x, top, w, h, gray):
    """A grey area (not recorded: text is drawn over it)."""
    doc.c.setFillGray(gray)
    doc.c.rect(x, M.H - top - h, w, h, stroke=0, fill=1)
    doc.c.setFillGray(0)


def _dashed_hline(doc, x0, x1, y, lw=0.5, dash=(3, 2)):
    c = doc.c
    c.setLineWidth(lw)
    c.setDash(*dash)
    c.line(x0, M.H - y, x1, M.H - y)
    c.setDash()
    doc.add_box((x0, y - lw, x1, y + lw))


def _checkbox(doc, x, y, size, ticked):
    """A box whose bottom sits on baseline y; an X inside when ticked. Returns its side."""
    b = size * 0.8
    doc.rect(x, y - b, b, b, lw=0.6)
    if ticked:
        c = doc.c
        c.setLineWidth(0.9)
        c.line(x + 1.2, M.H - y + 1.2, x + b - 1.2, M.H - y + b - 1.2)
        c.line(x + 1.2, M.H - y + b - 1.2, x + b - 1.2, M.H - y + 1.2)
    return b


def _rich_lines(doc, runs, width, size):
    """Breaks runs of (text, bold, italic) into lines of (word, bold, italic, x offset); words
    joined by no-break spaces stay together."""
    words = []
    for text, b, i in runs:
        for k, w in enumerate(text.split(" ")):
            if not w:
                continue
            if k == 0 and words and not text.startswith(" ") and w[0] in ",.;:)]":
                words[-1].append((w, b, i))
            else:
                words.append([(w, b, i)])
    space = doc.sw(" ", size)
    lines, cur, x = [], [], 0.0
    for group in words:
        ww = sum(doc.sw(w, size, bold=b, italic=i) for w, b, i in group)
        if cur and x + ww > width:
            lines.append(cur)
            cur, x = [], 0.0
        for w, b, i in group:
            cur.append((w, b, i, x))
            x += doc.sw(w, size, bold=b, italic=i)
        x += space
    if cur:
        lines.append(cur)
    return lines


def _rich_draw(doc, x0, top, lines, size, lead_f=1.0):
    lead = doc.lead(size) * lead_f
    y = top
    for ln in lines:
        y += lead * 0.8
        for w, b, i, dx in ln:
            doc.text(x0 + dx, y, w, size, bold=b, italic=i)
        y += lead * 0.2
    return y


def _clear_top(doc, x0, x1, top, h):
    """The first top from `top` down at which a block over x0..x1 of height h crosses nothing
    already drawn on the page."""
    for _ in range(12):
        hit = [b for b in doc.boxes[doc.page] if b[0] < x1 + 2 and b[2] > x0 - 2 and b[1] < top + h + 2 and
               b[3] > top - 2]
        if not hit:
            break
        top = max(b[3] for b in hit) + 6
    return top


def _win_top(doc, rng):
    return max(rng.choice([136, 144, 152, 160]), getattr(doc, "header_bottom", 0) + 8)


def _window(doc, rng, items, x, top=None, gap=4):
    """Address lines from x (each line shrunk rather than broken; the block moves left when a line
    would pass the margin); records the block for the code set beside it. Returns where the flow
    may start."""
    W = M.W
    top = top if top is not None else _win_top(doc, rng)
    limit = W - 32 if x > W / 2 - 60 else W / 2 - 14
    items = [(t, _fit(doc, [t], limit - (W / 2 - 20 if x > W / 2 - 60 else x), sz, bold=b, italic=i, floor=6.5),
              b, i, g) for t, sz, b, i, g in items]
    widest = _widest(doc, items)
    if x > W / 2 - 60 and x + widest > limit:
        x = max(W / 2 - 20, limit - widest)
    items = _wrap_items(doc, items, limit - x)
    bottom, w = _lines(doc, x, top, items)
    doc.k_win = (x, top, x + w, bottom)
    return bottom + gap


# The DataMatrix slot some identity blocks keep free for the code, when the letter places it there.


def _slot_wanted(doc):
    L = doc.letter
    return bool(L.dm) and L.dm_pos == "k-coupon-slot"


def _slot_dims(doc):
    """(side of the code, its quiet margin, the width and height to keep free)."""
    L = doc.letter
    s = L.dm_mm * 72 / 25.4
    m = max(5, s / 9) + 2.5
    return s, m, s + 2 * m, s + (9 if L.dm_caption else 0) + 2 * m


def _slot_room(doc):
    """(width kept free for the code, its height), or (0, 0)."""
    if not _slot_wanted(doc):
        return 0, 0
    _, _, w, h = _slot_dims(doc)
    return w + 4, h


def _slot_set(doc, x, top):
    """Records the code's top left corner, (x, top) being the corner of the kept room."""
    s, m, _, _ = _slot_dims(doc)
    doc.k_slot = (doc.page, x + m, top + m)


# ---------------------------------------------------------------------------------------------
# Professionals


def _pname(p, rng, form):
    """(text, given form) of a professional's name in the spellings of these families."""
    f = p.sex == "F"
    pr = p.title == "PR"
    short, word = ("Pr", "Professeur") if pr else ("Dr", "Docteur")
    if form == "dr-prenom-nom":
        return "%s %s %s" % (short, p.given, p.family), "full"
    if form == "dr-nom-prenom":
        return "%s %s %s" % (short, p.family, p.given), "full"
    if form == "word-prenom-nom":
        return "%s %s %s" % (word, p.given, p.family), "full"
    if form == "word-nom-prenom":
        return "%s %s %s" % (word, p.family, p.given), "full"
    if form == "initial":
        return "%s %s %s" % (short, M.initials(p.given), p.family), "initial"
    if form == "nom-initial":
        return "%s %s %s" % (short, p.family, M.initials(p.given)), "initial"
    if form == "nom-initial-nodot":
        return "%s %s %s" % (short, p.family, "".join(part[0] for part in p.given.split("-"))), "initial"
    if form == "family":
        return "%s %s" % (short, p.family), "none"
    if form == "nom-prenom":
        return "%s %s" % (p.family, p.given), "full"
    if form == "prenom-nom":
        return "%s %s" % (p.given, p.family), "full"
    if form == "civ-prenom-nom":
        return "%s %s %s" % ("Madame" if f else "Monsieur", p.given, p.family), "full"
    if form == "title-case":
        return "%s %s %s" % (short, p.given, M.cap_name(p.family)), "full"
    raise ValueError(form)


FORMS_FULL = ["dr-prenom-nom", "dr-prenom-nom", "dr-nom-prenom", "dr-nom-prenom", "word-prenom-nom",
              "word-nom-prenom", "title-case"]


def _spec(p, rng):
    if p.spec is None:
        return p.profession[1]
    if p.spec[0] == M.GP:
        return rng.choice(["Médecine générale", "Médecin généraliste", "Généraliste"])
    return rng.choice(p.spec[2])


def _spec_lower(p, rng):
    s = _spec(p, rng)
    return s if s.isupper() else s[0].lower() + s[1:]


def _site(p, rng):
    return p.site.title().replace("De ", "de ").replace("D'", "d'").replace("Du ", "du ").replace("Des ", "des ") \
        if rng.random() < 0.5 else p.site


def _copy_place(p, rng, gf, p_city=0.7, upper=None):
    """(city, postcode) printed with a copy: always when the name alone could not tell it apart."""
    must = p.force_place or gf != "full"
    city = M.city_text(p, rng, upper=(rng.random() < 0.5) if upper is None else upper) \
        if (must or rng.random() < p_city) else None
    pc = p.postcode if city and rng.random() < 0.3 else None
    return city, pc


def _where(city, pc):
    return _nb("%s %s" % (pc, city)) if pc else city


def _patient_word(L):
    return "la patiente" if L.ident.sex == "F" else "le patient"


def _copy_entries(doc, L, rng, forms, p_city=0.8, spec=0.5, sep=" – "):
    """'Dr Jean DUPONT – cardiologue – Brest' for every copy, recorded for the truth."""
    out = []
    for p in L.copies:
        name, gf = _pname(p, rng, rng.choice(forms))
        city, pc = _copy_place(p, rng, gf, p_city)
        L.mentions.add(p, "cc", name, gf, city, pc)
        parts = [_nb(name)]
        if rng.random() < spec:
            parts.append(_spec_lower(p, rng))
        if city:
            parts.append(_where(city, pc))
        out.append(sep.join(parts))
    return out


# ---------------------------------------------------------------------------------------------
# Identity


def id_cells_label_right(doc, I, rng):
    """Cells two a row: the value on the left of each cell, what it is set flush right at the
    cell's right edge in small grey italics; a hairline under every row."""
    size = max(7.5, min(I.size, 10))
    small = max(6, size - 2)
    cells = [(I.birth, rng.choice(["nom de naissance", "nom de famille", "nom de naissance"]))]
    if I.used:
        cells.append((I.used, rng.choice(["nom utilisé", "nom d'usage"])))
    if len(I.firsts) > 1 and rng.random() < 0.35:
        cells.append((I.first_names(rng, "all"), "prénoms de naissance"))
        cells.append((I.first_names(rng, "first"), "prénom utilisé"))
    else:
        cells.append((_firsts(I, rng), rng.choice(["prénom(s)", "prénoms"])))
    cells.append((_date(I, rng, DATE_ANY), rng.choice(["date de naissance", "né(e) le"])))
    cells.append((_sex(I, rng, SEX_ANY), "sexe"))
    if I.place:
        cells.append((_place(I, rng, PLACE_ANY), rng.choice(["lieu de naissance", "code lieu de naissance",
                                                              "commune de naissance"])))
    if I.ins:
        ins = (_ins(I, rng, INS_ANY), rng.choice(["matricule INS", "INS", "n° INS"]))
        if rng.random() < 0.3:
            cells.insert(0, ins)
        else:
            cells.append(ins)
        if I.oid:
            cells.append((M.TEST_OID, "OID"))
    if I.ipp and rng.random() < 0.4:
        cells.append((I.ipp, "IPP"))
        I.uses.add("ipp")
    width = doc.right - doc.left
    gap = 18
    colw = (width - gap) / 2
    bold = rng.random() < 0.7

    def need_w(v, lb, vs=size):
        return doc.sw(v, vs, bold=bold) + doc.sw(lb, small, italic=True) + 14

    ncols = 2 if all(need_w(v, lb) <= colw for v, lb in cells) else 1
    if ncols == 1:
        colw = min(width, max(300.0, max(need_w(v, lb) for v, lb in cells)))
    lead = doc.lead(size) + 3
    nrows = (len(cells) + ncols - 1) // ncols
    down = rng.random() < 0.5
    cap = rng.choice([None, None, "Identification du patient", "Patient(e)", "IDENTITÉ"])
    doc.need(lead * (nrows + (1 if cap else 0)) + 8)
    doc.mark("identity")
    if cap:
        doc.line(cap, small + 0.5, bold=True)
    top = doc.y
    for k, (v, lb) in enumerate(cells):
        r, col = (k % nrows, k // nrows) if down else (k // ncols, k % ncols)
        x = doc.left + col * (colw + gap)
        y = top + r * lead + lead * 0.75
        lw = doc.sw(lb, small, italic=True)
        vs = _fit(doc, [v], colw - lw - 14, size, bold=bold, floor=5.0)
        doc.text(x, y, v, vs, bold=bold)
        doc.text(x + colw, y, lb, small, italic=True, gray=0.45, align="right")
    for r in range(nrows):
        y = top + (r + 1) * lead - 1.5
        doc.hline(doc.left, doc.left + ncols * colw + (ncols - 1) * gap, y, 0.3, 0.55)
    doc.unmark()
    doc.y = top + nrows * lead + size


def id_code_label(doc, I, rng):
    """An admission label in the flow: the patient in a label printer's face, a line of bar
    glyphs as a bar-code font prints them, the number it encodes between asterisks under it."""
    L = doc.letter
    font = _mono_font(rng) if rng.random() < 0.55 else _block_font(rng, 1.0)
    given = _firsts(I, rng, ("all", "first", "first"))
    fam = I.used or I.birth
    caps = rng.random() < 0.5
    lines = [("%s %s" % (fam, M.insi(given) if caps else given), True)]
    # "CHEVALIER GAELLE": which word is the given name, nothing printed says (see truth_of).
    L.names_unordered = caps
    if I.used:
        lines.append((rng.choice(["NN : %s", "Nom naiss. : %s", "%s %%s" % ("Née" if I.sex == "F" else "Né")])
                      % I.birth, False))
    lines.append(("%s %s  %s  %s" % (rng.choice(["DDN", "Né(e) le", "Naiss."]),
                                     _date(I, rng, ["slash", "dot", "short-slash", "dash"]),
                                     _sex(I, rng, ["letter", "letter", "word"]), _age(I)), False))
    if I.place:
        lines.append((rng.choice(["LN ", "Lieu naiss. ", "Né(e) à "]) + _place(I, rng, ["code", "code", "code-name"]),
                      False))
    if I.ins:
        lines.append(("INS " + _ins(I, rng, ["plain", "dots", "cle", "grouped"]), False))
        if I.oid:
            lines.append(("OID " + M.TEST_OID, False))
    if I.ipp:
        number, kind = I.ipp, "IPP"
        I.uses.add("ipp")
    elif I.nda:
        number, kind = I.nda, "NDA"
        I.uses.add("nda")
    else:
        number, kind = "%09d" % rng.randint(1, 10 ** 9 - 1), "N° dossier"
        L.traps.append("label-number")
    brng = random.Random(number)
    bars = "".join(brng.choice("|Il|I||l!") for _ in range(rng.choice([26, 30, 34])))
    sl, sh = _slot_room(doc)
    cap = rng.choice(["ÉTIQUETTE PATIENT", "Étiquette", "PATIENT"])
    with _Face(doc, font):
        size = _fit(doc, [t for t, _ in lines], 230, min(I.size, 9), bold=True, floor=6)
        lead = doc.lead(size)
        bsize = size + 3
        wtext = max(max(doc.sw(t, size, bold=b) for t, b in lines), doc.sw(bars, bsize),
                    doc.sw("*%s*" % number, size + 1)) + 16
        w = wtext + sl
        h = max(8 + size * 0.9 + lead * len(lines) + bsize * 1.15 + (size + 1) * 1.3 + 6, sh + 4)
        doc.need(h + 10)
        top = doc.y + 2
        x = doc.right - w if rng.random() < 0.5 else doc.left
        doc.mark("identity")
        _round_frame(doc, x, top, w, h, radius=6, lw=0.6)
        doc.text(x + wtext - 6, top + size * 0.9 + 1, cap, max(5, size - 2.5), gray=0.4, align="right")
        y = top + size * 0.9 + 4
        for t, b in lines:
            y += lead * 0.8
            doc.text(x + 8, y, t, size, bold=b)
            y += lead * 0.2
        doc.unmark()
        y += bsize * 1.0
        doc.text(x + 8, y, bars, bsize)
        y += (size + 1) * 1.25
        doc.text(x + 8, y, "*%s*" % number, size + 1)
        if kind != "N° dossier" or rng.random() < 0.5:
            doc.text(x + wtext - 8, y, kind, max(5, size - 2), gray=0.4, align="right")
        if sl:
            _slot_set(doc, x + wtext, top + 2)
    doc.y = top + h + I.size


def id_footer_zones(doc, I, rng):
    """At the foot of every page, over the page footer: the patient in a left zone, the page
    number and the document in the middle, the birth place and the national identifier in a
    right zone set flush right, under one rule."""
    H = M.H
    L = doc.letter
    size = rng.choice([6.5, 7, 7.5])
    given = _firsts(I, rng, ("all", "first"))
    name = rng.choice(["%s %s" % (I.birth, given), "%s %s" % (given, I.birth)])
    if rng.random() < 0.4:
        name = I.civ(rng, "short") + " " + name
    left = [name]
    if I.used:
        left.append(rng.choice(["Nom utilisé : %s", "Usage : %s", ("Épouse %s" if I.sex == "F" else "Usage %s")])
                    % I.used)
    left.append("%s %s (%s)" % (I.born_label(rng), _date(I, rng, DATE_NUM + ["words", "abbr"]), _age(I)))
    right = []
    r1 = ["Sexe : " + _sex(I, rng, ["letter", "word"])]
    if I.place:
        r1.append(rng.choice(["Lieu de naissance : ", "LN : ", "Né(e) à : "]) + _place(I, rng, PLACE_ANY))
    right.append(" – ".join(r1))
    if I.ins:
        right.append(rng.choice(["INS : ", "Matricule INS : ", "N° INS : "]) + _ins(I, rng, INS_ANY))
        if I.oid:
            right.append("OID : " + M.TEST_OID)
    fmt = rng.choice(["Page %d sur %d", "Page %d/%d", "%d / %d"])
    title = L.title
    L.traps.append("page-number")
    state = {}

    def foot(d):
        x0 = d.left if d.left < 100 else 45
        x1 = d.right
        width = x1 - x0
        zl, zc, zr = width * 0.37, width * 0.2, width * 0.37
        if "sz" not in state:
            state["sz"] = (_fit(d, left, zl, size, bold=True, floor=4.5), _fit(d, right, zr, size, floor=4.5),
                           _fit(d, [title], zc, size - 0.5, italic=True, floor=4.5))
        sl, sr, sc = state["sz"]
        n = max(len(left), len(right), 2)
        lead = max(sl, sr) * 1.3
        y0 = H - 62 - lead * (n - 1)
        d.hline(x0, x1, y0 - max(sl, sr) - 3, 0.6)
        if d.page == 1:
            d.mark("identity")
        y = y0
        for k, t in enumerate(left):
            d.text(x0, y, t, sl, bold=(k == 0))
            y += lead
        y = y0
        for t in right:
            d.text(x1, y, t, sr, align="right")
            y += lead
        d.unmark()
        cx = x0 + zl + (width - zl - zr) / 2
        d.text(cx, y0, fmt % (d.page, d.total or 9), sc + 0.5, align="centre")
        if d.sw(title, sc, italic=True) <= zc:
            d.text(cx, y0 + lead, title, sc, italic=True, align="centre", gray=0.3)

    doc.page_end.insert(0, foot)


def id_reply_slip(doc, I, rng):
    """Who the letter is about in one short line; the full identity on a reply slip after the
    end of the letter, under a dashed cut line, to be sent back with the answer ticked."""
    L = doc.letter
    size = I.size
    civ = I.civ(rng, rng.choice(["short", "long"]))
    first = I.first_names(rng, "first")
    fam = I.used or I.birth
    lead_in = rng.choice(["Concerne : %s %s %s", "Patient(e) : %s %s %s", "Objet : rendez-vous de %s %s %s",
                          "Convocation de %s %s %s"])
    doc.para(lead_in % (civ, first, fam), size, bold=rng.random() < 0.5, keep=True)
    f = I.sex == "F"
    fields = [("Nom de naissance", I.birth), ("Nom utilisé", I.used or "")]
    fields.append((rng.choice(["Prénom(s)", "Prénoms de naissance"]), _firsts(I, rng, ("all", "all-comma"))))
    fields.append((rng.choice(["Date de naissance", "Né(e) le"]), _date(I, rng, DATE_ANY)))
    sex_box = rng.random() < 0.6
    fields.append(("Sexe", None if sex_box else _sex(I, rng, ["letter", "word"])))
    if I.place:
        fields.append((rng.choice(["Lieu de naissance (code INSEE)", "Lieu de naissance", "Code lieu de naissance"]),
                       _place(I, rng, ["code", "code", "paren", "code-name"])))
    full = []
    if I.ins:
        full.append((rng.choice(["N° INS", "Matricule INS"]), _ins(I, rng, INS_ANY)))
        if I.oid:
            full.append(("OID", M.TEST_OID))
    day = "%02d/12/2026" % rng.randint(1, 22)
    hour = "%d h %02d" % (rng.randint(8, 16), rng.choice([0, 15, 30, 45]))
    L.traps.append("appointment-date")
    orig = doc.finish

    def finish():
        x0 = doc.left if doc.left < 100 else 45
        x1 = doc.right
        sz = max(7.5, min(size, 9.5))
        small = sz - 1
        lead = doc.lead(sz) + 2
        sl, sh = _slot_room(doc)
        inner = x1 - x0 - sl
        half = inner / 2
        rows, row = [], []
        for lb, v in fields:
            wv = doc.sw(lb + " : ", small) + (doc.sw(v, sz, bold=True) if v else 40)
            if wv > half - 8:
                if row:
                    rows.append(row)
                rows.append([(lb, v)])
                row = []
                continue
            row.append((lb, v))
            if len(row) == 2:
                rows.append(row)
                row = []
        if row:
            rows.append(row)
        rows += [[c] for c in full]
        h = 16 + sz * 1.6 + lead * (len(rows) + 2) + 6
        doc.gap(sz * 1.2)
        doc.need(max(h, sh + sz * 3) + 14)
        top = doc.y
        _dashed_hline(doc, x0, x1 - 110, top, 0.6)
        doc.text(x1, top + 2.5, rng.choice(["Coupon à découper", "À découper et à retourner"]), 6.5, italic=True,
                 gray=0.4, align="right")
        y = top + 8 + sz
        head = rng.choice(["COUPON-RÉPONSE", "Coupon réponse", "BULLETIN DE RÉPONSE"])
        doc.text(x0, y, head, sz + 1, bold=True)
        doc.text(x0 + doc.sw(head + " ", sz + 1, bold=True) + 6, y,
                 rng.choice(["à retourner au secrétariat", "à renvoyer sous enveloppe", "à remettre à l'accueil"]),
                 small, italic=True)
        if sl:
            _slot_set(doc, x0 + inner, y + 4)
        y += sz * 0.6
        doc.mark("identity")
        for r in rows:
            y += lead
            for k, (lb, v) in enumerate(r):
                x = x0 + k * half
                w = doc.text(x, y, lb + " : ", small)
                if v:
                    vs = _fit(doc, [v], (inner if len(r) == 1 else half) - w - 8, sz, bold=True, floor=5.5)
                    doc.text(x + w, y, v, vs, bold=True)
                elif lb == "Sexe":
                    xx = x + w
                    for on, word in ((f, "F"), (not f, "M")):
                        xx += _checkbox(doc, xx, y, sz, on) + 3
                        xx += doc.text(xx, y, word, sz) + 10
                else:
                    doc.hline(x + w, x + w + 60, y + 1.5, 0.3, 0.5)
        doc.unmark()
        y += lead * 1.3
        w = doc.text(x0, y, "Rendez-vous proposé le %s à %s : " % (_nb(day), hour), small)
        xx = x0 + w
        for word in ("accepté", "à reporter"):
            if xx + doc.sw(word, small) + 20 > x0 + inner:
                break
            xx += _checkbox(doc, xx, y, sz, False) + 3
            xx += doc.text(xx, y, word, small) + 10
        y += lead
        w = doc.text(x0, y, "Signature : ", small)
        doc.hline(x0 + w, x0 + w + 120, y + 1.5, 0.3, 0.5)
        doc.y = max(y + sz, top + sh + 8)
        orig()

    doc.finish = finish


def id_two_level_table(doc, I, rng):
    """A ruled table with two rows of headings: the group (names, first names, birth, national
    identifier) over the column of each trait, the values in bold under them."""
    size = max(7, min(I.size - 0.5, 9.5))
    small = max(5.5, size - 1.5)
    sl, sh = _slot_room(doc)
    groups = [(rng.choice(["NOM", "NOMS", "Nom"]), [("de naissance", I.birth), ("utilisé", I.used or "—")]),
              (rng.choice(["PRÉNOM(S)", "PRÉNOMS", "Prénoms"]),
               [("de naissance", _firsts(I, rng, ("all", "all-comma"))), ("utilisé", I.first_names(rng, "first"))])]
    birth = [("date", _date(I, rng, DATE_ANY))]
    if I.place:
        birth.append((rng.choice(["lieu (INSEE)", "commune / pays", "lieu"]), _place(I, rng, PLACE_ANY)))
    groups.append((rng.choice(["NAISSANCE", "Naissance"]), birth))
    groups.append((rng.choice(["SEXE", "Sexe"]), [("", _sex(I, rng, SEX_ANY))]))
    if I.ins:
        g = [("matricule", _ins(I, rng, INS_ANY))]
        if I.oid:
            g.append(("OID", M.TEST_OID))
        ins_group = (rng.choice(["IDENTIFIANT NATIONAL DE SANTÉ", "INS", "Matricule INS"]), g)
        if rng.random() < 0.3:
            groups.insert(0, ins_group)
        else:
            groups.append(ins_group)
    x0 = doc.left + sl
    width = doc.right - x0
    plans = []
    for head, cols in groups:
        ws = [max(doc.sw(sub, small), doc.sw(v, size, bold=True)) + 10 for sub, v in cols]
        extra = doc.sw(head, small, bold=True) + 10 - sum(ws)
        if extra > 0:
            ws = [w + extra / len(ws) for w in ws]
        total = sum(ws)
        if total > width:
            ws = [w * width / total for w in ws]
        plans.append((head, cols, ws))
    tables, cur, used = [], [], 0.0
    for pl in plans:
        w = sum(pl[2])
        if cur and used + w > width:
            tables.append(cur)
            cur, used = [], 0.0
        cur.append(pl)
        used += w
    tables.append(cur)
    rh = doc.lead(size) + 4
    h = len(tables) * (3 * rh + 6)
    doc.need(max(h, sh) + 8)
    top = doc.y
    if sl:
        _slot_set(doc, doc.left, top)
    y = top
    doc.mark("identity")
    for t in tables:
        x = x0
        for head, cols, ws in t:
            gw = sum(ws)
            if len(cols) == 1 and not cols[0][0]:
                doc.rect(x, y, gw, 2 * rh, lw=0.5, fill=0.86)
                doc.text(x + gw / 2, y + rh + small * 0.4, head, small, bold=True, align="centre")
            else:
                doc.rect(x, y, gw, rh, lw=0.5, fill=0.82)
                doc.text(x + gw / 2, y + rh - 4, head, small, bold=True, align="centre")
                xx = x
                for (sub, _), w in zip(cols, ws):
                    doc.rect(xx, y + rh, w, rh, lw=0.4, fill=0.94)
                    doc.text(xx + 4, y + 2 * rh - 4, sub, small, italic=True)
                    xx += w
            xx = x
            for (_, v), w in zip(cols, ws):
                doc.rect(xx, y + 2 * rh, w, rh, lw=0.4)
                vs = _fit(doc, [v], w - 8, size, bold=True, floor=4.5)
                doc.text(xx + 4, y + 3 * rh - 4, v, vs, bold=True)
                xx += w
            x += gw
        y += 3 * rh + 6
    doc.unmark()
    doc.y = max(y, top + sh) + I.size * 0.6


def id_words_sentence(doc, I, rng, reason):
    """The body opens on the patient, the birth date spelt out in words ('née le douze mars
    1951'), the national identifier with its key named; the name in bold inside an italic
    sentence."""
    size = doc.size
    f = I.sex == "F"
    civ = I.civ(rng, rng.choice(["long", "long", "short"]))
    given = _firsts(I, rng, ("first", "first", "all"))
    title_case = rng.random() < 0.3
    name = "%s %s" % (civ, _name(I, rng, given, order=rng.choice(["given", "given", "family"]), title_case=title_case))
    rest = ""
    if I.used:
        rest += rng.choice([", %s %s" % (I.born(), I.birth), " (nom de naissance : %s)" % I.birth,
                            ", de son nom de naissance %s" % I.birth])
    if rng.random() < 0.5:
        rest += ", %s" % _age(I)
    rest += ", %s le %s" % (I.born(), _date(I, rng, ["words-day", "words-day", "words-day", "words"]))
    if I.place:
        rest += _born_at(I, rng).rstrip(",")
    if I.ins:
        rest += ", %s %s" % (rng.choice(["INS", "identifiant national de santé", "matricule INS"]),
                             _ins(I, rng, ["cle", "cle", "grouped-cle", "dots-cle", "plain"]))
        if I.oid:
            rest += " (%s)" % _oid(rng).strip("()")
    start = rng.choice(["Nous avons accueilli dans le service", "J'ai examiné ce jour",
                        "Vous m'avez adressé" + ("e" if f else ""), "Nous avons pris en charge",
                        "J'ai eu le plaisir de recevoir"])
    runs = [(start + " ", False, True), (_nb(name), True, False), (rest + ", " + reason + ".", False, True)]
    lines = _rich_lines(doc, runs, doc.right - doc.left, size)
    doc.need(doc.lead(size) * len(lines) + 4)
    doc.mark("identity")
    doc.y = _rich_draw(doc, doc.left, doc.y, lines, size)
    doc.unmark()
    doc.gap(size * 0.6)


def id_operative_header(doc, I, rng):
    """A report header in a frame of two halves under shaded captions: the patient on the left
    (civility only, no sex field), on the right what the document is about (the operation and
    its team, the stay, or the consultation)."""
    L = doc.letter
    a = L.author
    size = max(7, min(I.size - 0.5, 9.5))
    small = max(6, size - 1.5)
    civ = I.civ(rng, rng.choice(["short", "long", "upper"]))
    given = _firsts(I, rng, ("all", "first"))
    operated = L.doc_code in ("34874-8", "77436-4")
    left = [(rng.choice(["Opéré(e)", "Patient(e)", "Nom"] if operated else ["Patient(e)", "Nom", "Patient"]),
             "%s %s" % (civ, _name(I, rng, given, "family")), True)]
    if I.used:
        left.append((rng.choice(["Nom de naissance", "Né(e)"]), I.birth, False))
    d = _date(I, rng, DATE_ANY)
    left.append((rng.choice(["Date de naissance", "DDN"]), "%s (%s)" % (d, _age(I)) if rng.random() < 0.6 else d,
                 False))
    if I.place:
        left.append((rng.choice(["Lieu de naissance", "Lieu naiss."]), _place(I, rng, PLACE_ANY), False))
    if I.ins:
        left.append((rng.choice(["INS", "Matricule INS"]), _ins(I, rng, INS_ANY), False))
        if I.oid:
            left.append(("OID", M.TEST_OID, False))
    ci, gi, fi = _person(rng, "F" if rng.random() < 0.7 else "M")
    doctor = "%s %s %s" % ("Pr" if a.title == "PR" else "Dr", a.given, a.family)
    if L.doc_code in ("34874-8", "77436-4"):  # the operation
        kind = rng.choice(["INTERVENTION", "Intervention", "ACTE"])
        right = [(rng.choice(["Date", "Date d'intervention", "Opéré(e) le"]), _day(rng, 2, 20), False),
                 ("Opérateur", doctor, True),
                 (rng.choice(["Aide", "Instrumentiste", "IBODE"]), "%s %s %s" % (ci, gi, fi), False),
                 ("Anesthésie", rng.choice(["générale", "rachianesthésie", "locorégionale", "locale + sédation"]),
                  False),
                 (rng.choice(["Durée", "Durée opératoire"]), "%d min" % rng.randint(25, 180), False)]
        if rng.random() < 0.5:
            right.append(("Côté", rng.choice(["droit", "gauche", "sans objet"]), False))
        L.traps += ["operation-team", "operation-date"]
    elif L.doc_code in ("34112-3", "11490-0", "18761-7", "60591-5"):  # the stay
        kind = rng.choice(["SÉJOUR", "Séjour", "HOSPITALISATION"])
        d1 = rng.randint(2, 12)
        d2 = d1 + rng.randint(1, 9)
        right = [("Entrée le", _nb("%02d/11/2026" % d1), False), ("Sortie le", _nb("%02d/11/2026" % d2), False),
                 (rng.choice(["Médecin responsable", "Praticien"]), doctor, True),
                 ("Unité", M.lower_service(a.service).capitalize(), False),
                 (rng.choice(["Mode d'entrée", "Provenance"]), rng.choice(["Urgences", "Domicile", "Programmé",
                                                                           "Transfert"]), False)]
        if rng.random() < 0.5:
            right.append(("IDE référente", "%s %s %s" % (ci, gi, fi), False))
        L.traps += ["stay-dates", "stay-team"]
    else:  # a consultation or an examination
        kind = rng.choice(["CONSULTATION", "Consultation", "EXAMEN"])
        right = [("Date", _day(rng, 2, 22), False), (rng.choice(["Médecin", "Consultant"]), doctor, True),
                 ("Lieu", rng.choice(["Consultations externes", "Hôpital de jour", "Bâtiment B, 2e étage"]), False),
                 (rng.choice(["Motif", "Type"]), rng.choice(["Suivi", "Première consultation", "Avis spécialisé",
                                                             "Contrôle"]), False)]
        L.traps.append("consultation-date")
    x0 = doc.left
    width = doc.right - x0
    wl = width * rng.choice([0.52, 0.56, 0.6])
    wr = width - wl
    hb = size * 1.8

    def col_h(pairs, w):
        lw = max(doc.sw(lb, small) for lb, _, _ in pairs) + 6
        n = 0
        for lb, v, b in pairs:
            vs = _fit(doc, [v], w - lw - 10, size, bold=b, floor=5.0)
            n += len(doc.wrap(v, w - lw - 10, vs, bold=b) or [""])
        return n * doc.lead(size), lw

    hl, lwl = col_h(left, wl)
    hr, lwr = col_h(right, wr)
    h = hb + 6 + max(hl, hr) + 6
    doc.need(h + 10)
    top = doc.y

    def draw_col(pairs, x, w, lw):
        y = top + hb + 4
        lead = doc.lead(size)
        for lb, v, b in pairs:
            vs = _fit(doc, [v], w - lw - 10, size, bold=b, floor=5.0)
            parts = doc.wrap(v, w - lw - 10, vs, bold=b) or [""]
            yy = y + lead * 0.8
            doc.text(x, yy, lb, small, gray=0.35)
            for part in parts:
                doc.text(x + lw, yy, part, vs, bold=b)
                yy += lead
            y += lead * len(parts)

    _shade(doc, x0, top, width, hb, 0.85)
    _open_frame(doc, x0, top, width, h, lw=0.7)
    doc.vline(x0 + wl, top, top + h, 0.5)
    doc.text(x0 + 5, top + hb * 0.7, rng.choice(["PATIENT(E)", "OPÉRÉ(E)", "Patient"] if operated else
                                                ["PATIENT(E)", "Patient", "IDENTITÉ"]), size, bold=True)
    doc.text(x0 + wl + 5, top + hb * 0.7, kind, size, bold=True)
    doc.mark("identity")
    draw_col(left, x0 + 5, wl - 5, lwl)
    doc.unmark()
    draw_col(right, x0 + wl + 5, wr - 5, lwr)
    doc.y = top + h + I.size


def id_cartouche_band(doc, I, rng):
    """On the first page, a ruled three-cell strip at the very top (the patient, the birth, the
    national identifier); later pages only recall the name and the birth on one italic line set
    flush right."""
    W = M.W
    size = rng.choice([7, 7.5, 8])
    cap = max(5, size - 2)
    given = _firsts(I, rng, ("all", "first"))
    order = rng.choice(["family", "given"])
    name = "%s %s" % (I.birth, given) if order == "family" else "%s %s" % (given, I.birth)
    if rng.random() < 0.35:
        name = I.civ(rng, "short") + " " + name
    c1 = [name]
    if I.used:
        c1.append(rng.choice(["Nom utilisé : ", "Usage : ", "Nom d'usage : "]) + I.used)
    c2 = ["%s %s (%s)" % (I.born_label(rng), _date(I, rng, DATE_ANY), _age(I)), "Sexe : " + _sex(I, rng, SEX_ANY)]
    if I.place:
        c2.append(rng.choice(["Lieu : ", "LN : ", "Lieu de naissance : "]) + _place(I, rng, PLACE_ANY))
    c3 = []
    if I.ins:
        c3.append(_ins(I, rng, INS_ANY))
        if I.oid:
            c3.append("OID " + M.TEST_OID)
    if I.ipp:
        c3.append("IPP " + I.ipp)
        I.uses.add("ipp")
    caps = [rng.choice(["PATIENT(E)", "Patient", "Identité"]), rng.choice(["NAISSANCE", "Naissance"]),
            rng.choice(["INS", "Matricule INS", "IDENTIFIANT"])]
    recall = "%s – %s %s" % (_name(I, rng, I.firsts[0], order), I.born_label(rng), _date(I, rng, DATE_NUM))
    recall = rng.choice(["Suite – %s", "%s (suite)", "Patient(e) : %s"]) % recall
    state = {}

    def band(d):
        x0 = d.left if d.left < 100 else 40
        x1 = W - 36
        if d.page > 1:
            if "rs" not in state:
                state["rs"] = _fit(d, [recall], x1 - x0, 7.5, italic=True, floor=5)
            d.text(x1, 30, recall, state["rs"], italic=True, align="right")
            d.hline(x1 - d.sw(recall, state["rs"], italic=True), x1, 34, 0.4)
            return
        width = x1 - x0
        ws = [width * 0.4, width * 0.3, width * 0.3] if c3 else [width * 0.55, width * 0.45]
        cols = [c1, c2, c3] if c3 else [c1, c2]
        sizes = [_fit(d, col or [""], w - 8, size, bold=(k == 0), floor=4.5) for k, (col, w) in
                 enumerate(zip(cols, ws))]
        n = max(len(c) for c in cols)
        lead = size * 1.22
        top = 12
        h = cap * 1.6 + lead * n + 4
        _open_frame(d, x0, top, width, h, lw=0.8)
        d.mark("identity")
        x = x0
        for k, (col, w) in enumerate(zip(cols, ws)):
            if k:
                d.vline(x, top, top + h, 0.5)
            d.text(x + 4, top + cap * 1.25, caps[k], cap, gray=0.4)
            y = top + cap * 1.6
            for j, t in enumerate(col):
                y += lead * 0.8
                d.text(x + 4, y, t, sizes[k], bold=(k == 0 and j == 0))
                y += lead * 0.2
            x += w
        d.unmark()

    band(doc)
    doc.page_start.append(band)


def id_split_sides(doc, I, rng):
    """The name large on the left (the family name sometimes in small capitals), the other
    traits set flush right on the same lines, a rule under both."""
    size = I.size
    nsize = min(size + rng.choice([2, 3, 4]), 15)
    given = _firsts(I, rng, ("all", "first", "first"))
    order = rng.choice(["given", "family"])
    civ = I.civ(rng, rng.choice(["long", "short"])) if rng.random() < 0.5 else None
    fam = I.used or I.birth
    small_caps = rng.random() < 0.4 and len(fam) > 1
    sub = None
    if I.used:
        sub = rng.choice(["%s %s" % (I.born(), I.birth), "nom de naissance : %s" % I.birth,
                          "(%s %s)" % (I.born(), I.birth)])
    right = []
    d = _date(I, rng, DATE_ANY)
    right.append(rng.choice(["%s le %s" % (I.born().capitalize(), d), "Date de naissance : %s" % d,
                             "%s (%s)" % (d, _age(I))]))
    if not civ or rng.random() < 0.5:
        right.append("Sexe : " + _sex(I, rng, SEX_ANY))
    if I.place:
        right.append(rng.choice(["Lieu de naissance : ", "Né(e) à ", "Commune de naissance : "]) +
                     _place(I, rng, PLACE_ANY))
    if I.ins:
        right.append(rng.choice(["INS : ", "Matricule INS : ", "N° INS "]) + _ins(I, rng, INS_ANY))
        if I.oid:
            right.append("OID : " + M.TEST_OID)
    rs = max(7, size - 1)
    lead_r = doc.lead(rs)
    width = doc.right - doc.left

    def name_w(sz):
        w = doc.sw((civ + " ") if civ else "", sz, bold=True)
        w += doc.sw(given + " ", sz, bold=True)
        if small_caps:
            w += doc.sw(fam[0], sz, bold=True) + doc.sw(fam[1:], sz * 0.8, bold=True)
        else:
            w += doc.sw(fam, sz, bold=True)
        return w

    rw = max(doc.sw(t, rs) for t in right)
    while name_w(nsize) + rw + 24 > width and nsize > size:
        nsize -= 0.5
    stacked = name_w(nsize) + rw + 24 > width
    if stacked:
        nsize = _fit(doc, [fam + given], width, nsize, bold=True, floor=size)
        rs = _fit(doc, right, width, rs, floor=5.5)
    lh = doc.lead(nsize) + (doc.lead(size) if sub else 0)
    rh = lead_r * len(right)
    h = (lh + rh + 4) if stacked else max(lh, rh)
    doc.need(h + 10)
    top = doc.y
    doc.mark("identity")
    y = top + nsize * 0.95
    x = doc.left
    parts = ([civ] if civ else []) + ([given] if order == "given" else [])
    if parts:
        x += doc.text(x, y, " ".join(parts) + " ", nsize, bold=True)
    if small_caps:
        x += doc.text(x, y, fam[0], nsize, bold=True)
        x += doc.text(x, y, fam[1:], nsize * 0.8, bold=True)
    else:
        x += doc.text(x, y, fam, nsize, bold=True)
    if order != "given":
        doc.text(x, y, " " + given, nsize, bold=True)
    if sub:
        y += doc.lead(size)
        doc.text(doc.left, y + 1, sub, size, italic=True)
    ry = (y + size * 0.6) if stacked else top
    for t in right:
        ry += lead_r * 0.8
        if stacked:
            doc.text(doc.left, ry, t, rs)
        else:
            doc.text(doc.right, ry, t, rs, align="right")
        ry += lead_r * 0.2
    doc.unmark()
    bottom = top + h + 3
    doc.hline(doc.left, doc.right, bottom, rng.choice([0.4, 1.0]))
    doc.y = bottom + I.size


def id_section_table(doc, I, rng):
    """The letter's header as a two-column ruled table, headings in a shaded left column: the
    patient, the birth and the identifier first, then the date, the reason and the unit."""
    L = doc.letter
    size = max(7.5, min(I.size, 10))
    given = _firsts(I, rng)
    name = _name(I, rng, given) if not I.used else rng.choice([
        "%s %s (nom utilisé : %s)" % (I.birth, given, I.used), "%s %s, %s %s" % (I.used, given, I.born(), I.birth),
        "%s %s – nom de naissance %s" % (given, I.used, I.birth)])
    if rng.random() < 0.4:
        name = I.civ(rng, rng.choice(["short", "long"])) + " " + name
    d = _date(I, rng, DATE_ANY)
    birth = "le %s" % d if rng.random() < 0.5 else d
    if I.place:
        birth += rng.choice([_born_at(I, rng).rstrip(","), ", " + _place(I, rng, PLACE_ANY)])
    birth += rng.choice([" – sexe %s" % _sex(I, rng, ["lower", "letter"]),
                         " (%s)" % _sex(I, rng, ["word", "letter"])])
    rows = [(rng.choice(["Patient(e)", "Patient", "Identité"]), name, True),
            (rng.choice(["Naissance", "Né(e)"]), birth, False)]
    if I.ins:
        t = rng.choice(["INS ", "Matricule INS : ", ""]) + _ins(I, rng, INS_ANY)
        if I.oid:
            t += " – " + _oid(rng)
        rows.append((rng.choice(["Identifiant", "INS", "Identifiant national"]), t, False))
    n_id = len(rows)
    kind = {"34874-8": "Date d'intervention", "18748-4": "Date de l'examen", "11488-4": "Date de consultation",
            "15507-7": "Date de passage"}.get(L.doc_code, "Date")
    rows.append((kind, _day(rng, 2, 22), False))
    rows.append(("Motif", rng.choice(M.REASONS).replace("pour ", "", 1).capitalize(), False))
    rows.append((rng.choice(["Unité", "Service"]), M.service_of(L.author.service), False))
    L.traps.append("header-date")
    x0 = doc.left
    width = min(doc.right - x0, 470)
    lw = max(doc.sw(lb, size, bold=True) for lb, _, _ in rows) + 14
    vw = width - lw - 12
    lead = doc.lead(size)
    plans = [(lb, doc.wrap(v, vw, size, bold=b) or [""], b) for lb, v, b in rows]
    hs = [lead * len(p[1]) + 5 for p in plans]
    doc.need(sum(hs) + 8)
    top = doc.y
    y = top
    for k, ((lb, parts, b), hh) in enumerate(zip(plans, hs)):
        if k == 0:
            doc.mark("identity")
        doc.rect(x0, y, lw, hh, lw=0.4, fill=0.87)
        doc.rect(x0 + lw, y, width - lw, hh, lw=0.4)
        doc.text(x0 + 5, y + 2.5 + lead * 0.8, lb, size, bold=True)
        yy = y + 2.5
        for part in parts:
            yy += lead * 0.8
            doc.text(x0 + lw + 6, yy, part, size, bold=b)
            yy += lead * 0.2
        y += hh
        if k == n_id - 1:
            doc.unmark()
    doc.y = y + I.size


def id_top_right_plain(doc, I, rng):
    """Opposite the letterhead, behind a thin vertical rule: the patient as an address is
    written, no labels; the sex only in the civility."""
    W = M.W
    size = max(7.5, min(I.size, 10))
    civ = I.civ(rng, rng.choice(["long", "long", "short"]))
    given = _firsts(I, rng, ("first", "all"))
    items = [("%s %s" % (civ, _name(I, rng, given, rng.choice(["given", "family"]))), size + 0.5, True, False, 0)]
    if I.used:
        items.append((rng.choice(["%s %s" % (I.born(), I.birth), "nom de naissance %s" % I.birth]), size, False, True,
                      0))
    d = _date(I, rng, ["words", "words-day", "slash", "slash", "dot"])
    if I.place and rng.random() < 0.5:
        items.append(("%s le %s%s" % (I.born(), d, _born_at(I, rng).rstrip(",")), size, False, False, 0))
    else:
        items.append((rng.choice(["le %s" % d, d, "%s le %s" % (I.born(), d)]), size, False, False, 0))
        if I.place:
            items.append((_place(I, rng, ["code", "paren", "code-name", "code-upper"]), size, False, False, 0))
    if I.ins:
        items.append(("INS " + _ins(I, rng, INS_ANY), size, False, False, 0))
        if I.oid:
            items.append((M.TEST_OID, size - 1, False, False, 0.3))
    x = rng.choice([330, 338, 346])
    limit = W - 36
    items = [(t, _fit(doc, [t], limit - x, sz, bold=b, italic=i, floor=6), b, i, g) for t, sz, b, i, g in items]
    h = _items_h(doc, items)
    top = _clear_top(doc, x - 12, limit, rng.choice([40, 48, 56]), h + 4)
    doc.mark("identity")
    bottom, _ = _lines(doc, x, top, items)
    doc.unmark()
    doc.vline(x - 9, top + 2, bottom + 1, rng.choice([0.5, 1.2]))
    return bottom + 6


def id_three_boxes(doc, I, rng):
    """Three rounded boxes side by side, each under its small caption: the national identifier
    first, then the person, then the birth."""
    size = max(7, min(I.size - 0.5, 9.5))
    cap = max(5.5, size - 2)
    boxes = []
    if I.ins:
        t = [(_ins(I, rng, INS_ANY), True)]
        if I.oid:
            t.append(("OID " + M.TEST_OID, False))
        t.append((rng.choice(["Identité qualifiée", "Statut : qualifiée", "INS vérifiée"]), False))
        boxes.append((rng.choice(["Matricule INS", "Identifiant national de santé", "INS"]), t))
    given = _firsts(I, rng)
    person = [(_name(I, rng, given, rng.choice(["family", "given"])), True)]
    if I.used:
        person.append(("%s %s" % (rng.choice(["Nom de naissance :", "Né(e)"]), I.birth), False))
    person.append(("Sexe : " + _sex(I, rng, SEX_ANY), False))
    boxes.append((rng.choice(["Patient(e)", "Personne", "Identité"]), person))
    b = [(_date(I, rng, DATE_ANY), True)]
    if I.place:
        b.append((_place(I, rng, PLACE_ANY), False))
    boxes.append((rng.choice(["Naissance", "Date et lieu de naissance"]), b))
    width = doc.right - doc.left
    gap = 8
    lead = doc.lead(size)

    def natural(bx):
        capt, lines = bx
        return max([doc.sw(capt, cap)] + [doc.sw(t, size, bold=bb) for t, bb in lines]) + 14

    ws = [natural(bx) for bx in boxes]
    rows = [list(range(len(boxes)))]
    if sum(ws) + gap * (len(ws) - 1) > width:
        rows = [[0, 1], [2]] if len(boxes) == 3 else [[0], [1]]
        if any(sum(ws[k] for k in r) + gap * (len(r) - 1) > width for r in rows):
            rows = [[k] for k in range(len(boxes))]
    heights = []
    for r in rows:
        heights.append(max(cap * 1.5 + lead * len(boxes[k][1]) + 6 for k in r))
    doc.need(sum(heights) + gap * len(rows) + 6)
    top = doc.y
    y = top
    doc.mark("identity")
    for r, hh in zip(rows, heights):
        spare = (width - sum(ws[k] for k in r) - gap * (len(r) - 1)) / len(r) if len(r) > 1 else 0
        x = doc.left
        for k in r:
            w = min(ws[k] + spare, width)
            capt, lines = boxes[k]
            _round_frame(doc, x, y, w, hh, radius=5, lw=0.6)
            doc.text(x + 6, y + cap * 1.2, capt, cap, gray=0.4)
            yy = y + cap * 1.5
            for t, bb in lines:
                yy += lead * 0.8
                vs = _fit(doc, [t], w - 12, size, bold=bb, floor=5.0)
                doc.text(x + 6, yy, t, vs, bold=bb)
                yy += lead * 0.2
            x += w + gap
        y += hh + gap
    doc.unmark()
    doc.y = y + I.size * 0.4


def id_folder_tab(doc, I, rng):
    """A card under a folder tab: the name on the tab, the traits in the card in two columns of
    'label : value', the first line of the card holding the record numbers."""
    L = doc.letter
    size = max(7, min(I.size - 0.5, 9.5))
    small = max(6, size - 1)
    given = _firsts(I, rng, ("all", "first"))
    tab_text = _name(I, rng, given, "family")
    if rng.random() < 0.4:
        tab_text = I.civ(rng, "short") + " " + tab_text
    cells = []
    if I.used:
        cells.append((rng.choice(["Nom de naissance", "Né(e)"]), I.birth))
    cells.append((rng.choice(["Date de naissance", "Né(e) le"]), _date(I, rng, DATE_ANY)))
    cells.append(("Âge", _age(I)))
    cells.append(("Sexe", _sex(I, rng, SEX_ANY)))
    if I.place:
        cells.append((rng.choice(["Lieu de naissance", "Lieu naiss."]), _place(I, rng, PLACE_ANY)))
    if I.ins:
        cells.append((rng.choice(["INS", "Matricule INS"]), _ins(I, rng, INS_ANY)))
        if I.oid:
            cells.append(("OID", M.TEST_OID))
    if I.ipp:
        cells.insert(0, ("IPP", I.ipp))
        I.uses.add("ipp")
    if L.patient["home"] and rng.random() < 0.3:
        street, pc, city = L.patient["home"]
        cells.append(("Adresse", "%s, %s %s" % (street, pc, M.title_city(city))))
        L.traps.append("patient-address")
    x0 = doc.left
    width = min(doc.right - x0, 480)
    lead = doc.lead(size)
    ts = min(size + 1.5, 12)
    tw = min(doc.sw(tab_text, ts, bold=True) + 24, width - 10)
    ts = _fit(doc, [tab_text], tw - 20, ts, bold=True, floor=6)
    th = ts * 1.9
    colw = (width - 16) / 2
    ncols = 2 if all(doc.sw(lb + " : " + v, size) + 10 <= colw for lb, v in cells) else 1
    colw = (width - 16) / ncols
    nrows = (len(cells) + ncols - 1) // ncols
    h = lead * nrows + 12
    doc.need(th + h + 12)
    top = doc.y
    c = doc.c
    c.setLineWidth(0.7)
    c.setFillGray(0.86)
    c.roundRect(x0, M.H - top - th - 6, tw, th + 6, 5, stroke=1, fill=1)
    c.setFillGray(1)
    c.rect(x0 + 0.7, M.H - top - th - 6, tw - 1.4, 6, stroke=0, fill=1)
    c.setFillGray(0)
    doc.add_box((x0, top, x0 + tw, top + th))
    btop = top + th
    _open_frame(doc, x0, btop, width, h, lw=0.7)
    doc.mark("identity")
    doc.text(x0 + 10, top + th * 0.68, tab_text, ts, bold=True)
    for k, (lb, v) in enumerate(cells):
        r, col = k % nrows, k // nrows
        x = x0 + 8 + col * colw
        y = btop + 6 + r * lead + lead * 0.8
        w = doc.text(x, y, lb + " : ", small, gray=0.35)
        vs = _fit(doc, [v], colw - w - 10, size, floor=5.0)
        doc.text(x + w, y, v, vs, bold=(lb != "Âge"))
    doc.unmark()
    doc.y = btop + h + I.size


def id_name_matrix(doc, I, rng):
    """Names set out as a small matrix, the kind of name in the columns (at birth, in use) and
    names and first names in the rows; the other traits on a line under it."""
    size = max(7.5, min(I.size, 10))
    small = max(6, size - 1.5)
    heads = rng.choice([("de naissance", "utilisé"), ("Naissance", "Usage"), ("État civil", "Usage")])
    rows = [(rng.choice(["Nom", "NOM"]), I.birth, I.used or "—"),
            (rng.choice(["Prénom(s)", "Prénoms"]), _firsts(I, rng, ("all", "all-comma")),
             I.first_names(rng, "first"))]
    tail = ["%s %s" % (rng.choice(["Né(e) le", "Date de naissance :"]), _date(I, rng, DATE_ANY))]
    if I.place:
        tail.append(rng.choice(["à ", "Lieu : ", "lieu de naissance "]) + _place(I, rng, PLACE_ANY))
    tail.append("Sexe : " + _sex(I, rng, SEX_ANY))
    lines = [" – ".join(tail)]
    if I.ins:
        t = rng.choice(["Matricule INS : ", "INS : "]) + _ins(I, rng, INS_ANY)
        if I.oid:
            t += "   " + _oid(rng)
        lines.append(t)
    lw = max(doc.sw(r[0], small, bold=True) for r in rows) + 12
    c1 = max([doc.sw(heads[0], small, italic=True)] + [doc.sw(r[1], size, bold=True) for r in rows]) + 14
    c2 = max([doc.sw(heads[1], small, italic=True)] + [doc.sw(r[2], size, bold=True) for r in rows]) + 14
    width = doc.right - doc.left
    if lw + c1 + c2 > width:
        k = (width - lw) / (c1 + c2)
        c1, c2 = c1 * k, c2 * k
    rh = doc.lead(size) + 4
    lead = doc.lead(size)
    body = []
    for t in lines:
        body += doc.wrap(t, width, size)
    doc.need(rh * 3 + lead * len(body) + 10)
    top = doc.y
    x0 = doc.left
    doc.mark("identity")
    for j, (t, w) in enumerate(((heads[0], c1), (heads[1], c2))):
        x = x0 + lw + (c1 if j else 0)
        doc.rect(x, top, w, rh, lw=0.4, fill=0.9)
        doc.text(x + 5, top + rh - 4, t, small, italic=True)
    for i, (lb, v1, v2) in enumerate(rows):
        y = top + rh * (i + 1)
        doc.rect(x0, y, lw, rh, lw=0.4, fill=0.9)
        doc.text(x0 + 5, y + rh - 4, lb, small, bold=True)
        for j, (v, w) in enumerate(((v1, c1), (v2, c2))):
            x = x0 + lw + (c1 if j else 0)
            doc.rect(x, y, w, rh, lw=0.4)
            vs = _fit(doc, [v], w - 10, size, bold=True, floor=5.0)
            doc.text(x + 5, y + rh - 4, v, vs, bold=True)
    y = top + rh * 3 + 2
    for t in body:
        y += lead * 0.8
        doc.text(x0, y, t, size)
        y += lead * 0.2
    doc.unmark()
    doc.y = y + I.size


def id_label_zone(doc, I, rng):
    """Beside the unit and the stay on the left, a dashed zone kept for the admission label,
    the patient typed inside it by the software that printed the letter."""
    L = doc.letter
    size = max(7, min(I.size - 0.5, 9.5))
    a = L.author
    left = [(rng.choice(["Unité :", "Service :"]) + " " + M.lower_service(a.service), False),
            ("UF %04d" % rng.randint(1000, 9999), False)]
    d1, d2 = rng.randint(2, 10), rng.randint(11, 21)
    left.append((rng.choice(["Séjour du %02d/11/2026 au %02d/11/2026",
                             "Entrée le %02d/11/2026, sortie le %02d/11/2026"])
                 % (d1, d2), False))
    if rng.random() < 0.5:
        left.append(("Chambre %d – lit %s" % (rng.randint(100, 450), rng.choice("AB")), False))
    L.traps += ["stay-dates", "unit-code"]
    font = _mono_font(rng) if rng.random() < 0.6 else _block_font(rng, 1.0)
    given = _firsts(I, rng, ("all", "first"))
    caps = rng.random() < 0.5
    lines = [("%s %s" % (I.used or I.birth, M.insi(given) if caps else given), True)]
    L.names_unordered = caps  # which word is the given name, nothing printed says (see truth_of)
    if I.used:
        lines.append(("NN " + I.birth, False))
    lines.append(("%s %s - %s" % (rng.choice(["Né(e) le", "DDN"]), _date(I, rng, ["slash", "dot", "dash"]),
                                  _sex(I, rng, ["letter", "letter", "word"])), False))
    if I.place:
        lines.append(("LN " + _place(I, rng, ["code", "code", "code-upper"]), False))
    if I.ins:
        lines.append(("INS " + _ins(I, rng, ["plain", "dots", "grouped", "cle"]), False))
        if I.oid:
            lines.append(("OID " + M.TEST_OID, False))
    sl, sh = _slot_room(doc)
    width = doc.right - doc.left
    lsize = max(6.5, size - 0.5)
    lwid = max(doc.sw(t, lsize) for t, _ in left) + 14
    with _Face(doc, font):
        zs = _fit(doc, [t for t, _ in lines], max(120, width - lwid - sl - 20), size, bold=True, floor=5.5)
        zl = doc.lead(zs)
        zw = max(doc.sw(t, zs, bold=b) for t, b in lines) + 16 + sl
        zh = max(zl * len(lines) + 14, sh + 2)
    if lwid + zw > width:
        lwid = 0
    doc.need(max(zh, doc.lead(lsize) * len(left)) + 10)
    top = doc.y
    if lwid:
        _lines(doc, doc.left, top, [(t, lsize, b, False, 0) for t, b in left])
    zx = doc.right - zw
    _open_frame(doc, zx, top, zw, zh, lw=0.6, dash=(3, 2))
    doc.text(zx + 4, top + 6, rng.choice(["Zone réservée à l'étiquette", "Étiquette patient", "ÉTIQUETTE"]), 5,
             italic=True, gray=0.45)
    with _Face(doc, font):
        doc.mark("identity")
        _lines(doc, zx + 8, top + 9, [(t, zs, b, False, 0) for t, b in lines])
        doc.unmark()
    if sl:
        _slot_set(doc, zx + zw - sl, top + 1)
    if not lwid:
        doc.y = top + zh + 4
        _lines(doc, doc.left, doc.y, [(t, lsize, b, False, 0) for t, b in left])
        doc.y += doc.lead(lsize) * len(left)
    doc.y = max(doc.y, top + zh) + I.size


def id_pipe_columns(doc, I, rng):
    """A text-mode printout: a line of headings and the line of values under it, in columns
    padded with spaces and separated by '|', a line of dashes between them."""
    font = _mono_font(rng)
    upper = rng.random() < 0.6
    cols = [("NOM NAISS." if upper else "Nom naiss.", I.birth),
            ("NOM UTIL." if upper else "Nom util.", I.used or "-"),
            ("PRENOM(S)" if upper else "Prénom(s)", M.insi(_firsts(I, rng)) if upper else _firsts(I, rng)),
            ("NE(E) LE" if upper else "Né(e) le", _date(I, rng, ["slash", "dot", "iso", "slash"])),
            ("SEXE" if upper else "Sexe", _sex(I, rng, ["letter", "letter", "upper" if upper else "word"]))]
    if I.place:
        cols.append(("LIEU NAISS." if upper else "Lieu naiss.", _place(I, rng, ["code", "code", "code-upper"])))
    if I.ins:
        cols.append(("MATRICULE INS" if upper else "Matricule INS", _ins(I, rng, ["plain", "plain", "grouped",
                                                                                   "dots"])))
    if I.ins and rng.random() < 0.3:
        cols.insert(0, cols.pop())
    extra = ("OID INS : " if upper else "OID : ") + M.TEST_OID if I.ins and I.oid else None
    x0 = doc.left
    width = doc.right - x0
    with _Face(doc, font):
        cw = doc.sw("M", 10) / 10
        size = min(I.size, 9)

        def line_len(group):
            return sum(max(len(h), len(v.replace(M.NBSP, " "))) for h, v in group) + 3 * (len(group) - 1)

        groups = [cols]
        if line_len(cols) * cw * 6.5 > width:
            k = (len(cols) + 1) // 2
            groups = [cols[:k], cols[k:]]
        longest = max(line_len(g) for g in groups)
        size = max(5.0, min(size, width / (longest * cw)))
        while size > 5.0 and longest * cw * size > width:
            size -= 0.25
        lead = size * 1.25
        out = []
        for g in groups:
            ws = [max(len(h), len(v.replace(M.NBSP, " "))) for h, v in g]
            out.append(" | ".join(h.ljust(w) for (h, _), w in zip(g, ws)).rstrip())
            out.append("-+-".join("-" * w for w in ws))
            out.append(" | ".join(v.replace(M.NBSP, " ").ljust(w) for (_, v), w in zip(g, ws)).rstrip())
            out.append("")
        out = out[:-1]
        if extra:
            out.append(extra)
        doc.need(lead * len(out) + 8)
        doc.mark("identity")
        y = doc.y
        for t in out:
            y += lead * 0.8
            if t:
                doc.text(x0, y, t, size)
            y += lead * 0.2
        doc.unmark()
    doc.y = y + I.size


IDENTITY_FAMILIES = {
    "k-id-a": (id_cells_label_right, "flow"),
    "k-id-b": (id_code_label, "flow"),
    "k-id-c": (id_footer_zones, "footer"),
    "k-id-d": (id_reply_slip, "flow"),
    "k-id-e": (id_two_level_table, "flow"),
    "k-id-f": (id_words_sentence, "body"),
    "k-id-g": (id_operative_header, "flow"),
    "k-id-h": (id_cartouche_band, "band"),
    "k-id-i": (id_split_sides, "flow"),
    "k-id-j": (id_section_table, "flow"),
    "k-id-k": (id_top_right_plain, "top-right"),
    "k-id-l": (id_three_boxes, "flow"),
    "k-id-m": (id_folder_tab, "flow"),
    "k-id-n": (id_name_matrix, "flow"),
    "k-id-o": (id_label_zone, "flow"),
    "k-id-p": (id_pipe_columns, "flow"),
}


# ---------------------------------------------------------------------------------------------
# Addressees


def _street(p):
    return p.street_line()


def ad_specialty_first(doc, L, rng):
    """Right window opening on the addressee's specialty in italics, then 'Dr NOM Prénom', the
    practice or the department, the street, a post-office box and a CEDEX line at times."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pname(p, rng, rng.choice(["dr-nom-prenom", "dr-nom-prenom", "dr-prenom-nom", "word-nom-prenom"]))
    items = [(_spec(p, rng), size - 0.5, False, True, 0), (name, size, rng.random() < 0.6, False, 0)]
    if p.salaried:
        items.append((M.service_of(p.service), size, False, False, 0))
        items.append((_site(p, rng), size, False, False, 0))
    elif rng.random() < 0.6:
        items.append((rng.choice(["Cabinet médical", "Cabinet médical du Parc", "Maison médicale des Halles",
                                  "Cabinet de groupe Pasteur", "Pôle de santé du Centre"]), size, False, False, 0))
    items.append((_street(p), size, False, False, 0))
    city = M.city_text(p, rng, upper=True if rng.random() < 0.8 else None)
    cedex = rng.random() < 0.45
    if cedex:
        items.append((rng.choice(["BP %d", "CS %05d", "BP %d"]) % rng.randint(10, 90000), size, False, False, 0))
    items.append(("%s %s%s" % (p.postcode, city, rng.choice([" CEDEX", " CEDEX", " Cedex %d" % rng.randint(1, 9)])
                               if cedex else ""), size, False, False, 0))
    if cedex:
        L.traps.append("cedex")
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    return _window(doc, rng, items, rng.choice([312, 324, 336]))


def ad_title_line(doc, L, rng):
    """Right window whose first line is the title alone ('Docteur', 'Professeur'); the name
    under it without a title, then the function, the department and the place."""
    p = L.to
    f = p.sex == "F"
    if p.salaried and rng.random() < 0.4:
        p.title = "PR"  # a new professional of this letter: the directory, written last, says so too
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    word = "Professeur" if p.title == "PR" else "Docteur"
    if rng.random() < 0.3:
        word = ("Madame le " if f else "Monsieur le ") + word
    name, gf = _pname(p, rng, rng.choice(["nom-prenom", "prenom-nom"]))
    items = [(word, size - 0.5, False, False, 0), (name, size + 0.5, True, False, 0)]
    if p.salaried:
        items.append((rng.choice(["Praticien hospitalier", "Chef de service", "Praticien attaché",
                                  "Chef de clinique"]) + " – " + M.lower_service(p.service), size - 0.5, False, True,
                      0))
        if rng.random() < 0.5:
            items.append(("Unité %s – %s" % (rng.choice(["A", "B", "C", "1", "2"]),
                                             rng.choice(["bâtiment Laennec", "2e étage", "aile Est", "pavillon 4"])),
                          size - 0.5, False, False, 0))
        items.append((_site(p, rng), size, False, False, 0))
    elif rng.random() < 0.6:
        items.append((_spec(p, rng), size - 0.5, False, True, 0))
    city = M.city_text(p, rng)
    items.append((_street(p), size, False, False, 0))
    items.append(("%s %s" % (p.postcode, city), size, False, False, 0))
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    return _window(doc, rng, items, rng.choice([306, 318, 330]))


def ad_patient_residence(doc, L, rng):
    """A letter to the patient where they live in care (a nursing home, a residence), or to a
    child's parents: the right window names them and the establishment, the salutation is
    personal."""
    I = L.ident
    f = I.sex == "F"
    size = min(doc.size + 0.5, 11)
    street, pc, city = L.patient["home"]
    given = I.firsts[0]
    fam = I.used or I.birth
    if L.patient["child"]:
        items = [("%s %s" % (rng.choice(["Madame, Monsieur", "M. et Mme"]), fam), size, True, False, 0),
                 ("%s %s %s" % (rng.choice(["Parents de", "Représentants légaux de"]), given, fam), size, False, True,
                  0)]
        salutation = "Madame, Monsieur,"
    else:
        civ = I.civ(rng, rng.choice(["long", "short"]))
        items = [(rng.choice(["%s %s %s" % (civ, given, fam), "%s %s %s" % (civ, fam, given)]), size, True, False, 0)]
        items.append((rng.choice(["EHPAD Les Tilleuls", "Résidence du Parc", "EHPAD Saint-Joseph",
                                  "Résidence autonomie Les Glycines", "Foyer-logement Le Clos"]), size, False, False,
                      0))
        items.append(("%s %d" % (rng.choice(["Chambre", "Appartement", "Ch."]), rng.randint(1, 240)), size, False,
                      False, 0))
        salutation = rng.choice(["Chère Madame," if f else "Cher Monsieur,", "Madame," if f else "Monsieur,"])
        L.traps.append("residence-room")
    items.append((street, size, False, False, 0))
    items.append(("%s %s" % (pc, city if rng.random() < 0.7 else M.title_city(city)), size, False, False, 0))
    L.addressed_to_patient = True
    L.salutation = salutation
    return _window(doc, rng, items, rng.choice([312, 326, 338]))


def ad_left_one_line(doc, L, rng):
    """Left window: the name, the specialty in italics, then the street, the postcode and the town
    run on one line."""
    p = L.to
    size = min(doc.size + 0.5, 11)
    name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial"]))
    items = [(name, size, True, False, 0), (_spec(p, rng), size - 0.5, False, True, 0)]
    if p.salaried:
        items.append((_site(p, rng), size - 0.5, False, False, 0))
    city = M.city_text(p, rng)
    sep = rng.choice([", ", " – ", " - "])
    one = "%s%s%s %s" % (_street(p), sep, p.postcode, city)
    x = rng.choice([52, 60, 68])
    limit = M.W / 2 - 14
    if doc.sw(one, size) <= limit - x:
        items.append((one, size, False, False, 0))
    else:
        items.append((_street(p) + sep.rstrip(), size, False, False, 0))
        items.append(("%s %s" % (p.postcode, city), size, False, False, 0))
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    return _window(doc, rng, items, x)


def ad_correspondent_code(doc, L, rng):
    """Right window under a small line giving the addressee's code in the hospital's list of
    correspondents, and their role for this patient."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    gp = p.spec is not None and p.spec[0] == M.GP
    code = rng.choice(["Code correspondant : %06d", "Corresp. n° %06d", "Réf. annuaire : %06d",
                       "N° correspondant %06d"]) % rng.randint(1, 999999)
    role = rng.choice(["Médecin traitant", "MT"]) if gp else rng.choice(["Correspondant", "Spécialiste"])
    name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial", "nom-initial"]))
    items = [("%s – %s" % (code, role), max(6, size - 2.5), False, False, 0.35), (name, size, True, False, 0)]
    if p.salaried:
        items.append((M.service_of(p.service), size, False, False, 0))
        items.append((_site(p, rng), size, False, False, 0))
    elif rng.random() < 0.5:
        items.append((_spec(p, rng), size - 0.5, False, False, 0))
    city = M.city_text(p, rng)
    items.append((_street(p), size, False, False, 0))
    items.append(("%s %s" % (p.postcode, city), size, False, False, 0))
    L.traps.append("correspondent-code")
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    return _window(doc, rng, items, rng.choice([308, 320, 332]))


def ad_town_postcode(doc, L, rng):
    """Right window: the name and the specialty on one line, the street, then the town followed
    by its postcode in brackets."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial"]))
    first = rng.choice(["%s – %s", "%s, %s", "%s (%s)"]) % (name, _spec_lower(p, rng) if rng.random() < 0.5
                                                          else _spec(p, rng))
    items = [(first, size, False, False, 0)]
    if p.salaried:
        items.append((_site(p, rng), size, False, False, 0))
    city = M.city_text(p, rng)
    items.append((_street(p), size, False, False, 0))
    items.append(("%s (%s)" % (city, p.postcode), size, False, False, 0))
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    return _window(doc, rng, items, rng.choice([304, 316, 328]))


def ad_copy_banner(doc, L, rng):
    """No window: the print system writes on top of the first page which copy this is and for
    whom ('Exemplaire destiné au Dr …'), with the addressee's specialty and town."""
    p = L.to
    name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial", "nom-initial"]))
    city = M.city_text(p, rng)
    pc = p.postcode if rng.random() < 0.4 else None
    where = _where(city, pc)
    spec = _spec_lower(p, rng)
    text = rng.choice(["Exemplaire destiné au %s (%s, %s)", "Exemplaire pour le %s – %s – %s",
                       "Destinataire de cet exemplaire : %s – %s – %s"]) % (_nb(name), spec, where)
    L.mentions.add(p, "to", name, gf, city, pc)
    L.traps.append("copy-banner")
    size = rng.choice([6.5, 7, 7.5])
    if L.id_place == "band":
        x0 = doc.left
        y = getattr(doc, "header_bottom", 100) + 12
        sz = _fit(doc, [text], M.W - 40 - x0, size, italic=True, floor=5)
        doc.text(x0, y, text, sz, italic=True)
        doc.hline(x0, x0 + doc.sw(text, sz, italic=True), y + 3, 0.4)
        return y + 8
    sz = _fit(doc, [text], M.W - 80, size, italic=True, floor=5)
    doc.text(M.W - 36, 17, text, sz, italic=True, align="right")
    return None


def ad_civility_only(doc, L, rng):
    """Right window naming the doctor as 'Madame Marie DUPONT' with no title; what they do on
    the next line."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pname(p, rng, "civ-prenom-nom")
    if rng.random() < 0.3:
        name = name.replace("Madame", "Mme").replace("Monsieur", "M.")
    items = [(name, size, rng.random() < 0.5, False, 0)]
    if p.salaried:
        items.append((rng.choice(["Praticien hospitalier", "Médecin", "Chef de service"]) + ", " +
                      M.service_of(p.service).lower(), size - 0.5, False, False, 0))
        items.append((_site(p, rng), size, False, False, 0))
    else:
        items.append((rng.choice(["%s", "Médecin – %s", "%s libéral" if p.sex == "M" else "%s libérale"]) %
                      _spec(p, rng), size - 0.5, False, False, 0))
    city = M.city_text(p, rng)
    items.append((_street(p), size, False, False, 0))
    items.append(("%s %s" % (p.postcode, city), size, False, False, 0))
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    return _window(doc, rng, items, rng.choice([310, 322, 334]))


def ad_file_reference(doc, L, rng):
    """Right window ending, after a blank line, on the file the letter is about: the patient's
    name (and sometimes birth date) under the address."""
    p = L.to
    I = L.ident
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial", "family"]))
    items = [(name, size, True, False, 0)]
    if p.salaried:
        items.append((M.service_of(p.service), size, False, False, 0))
        items.append((_site(p, rng), size, False, False, 0))
    elif rng.random() < 0.5:
        items.append((_spec(p, rng), size - 0.5, False, False, 0))
    city = M.city_text(p, rng)
    items.append((_street(p), size, False, False, 0))
    items.append(("%s %s" % (p.postcode, city), size, False, False, 0))
    items.append(("", size * 0.6, False, False, 0))
    pat = "%s %s %s" % (I.civ(rng, "short"), I.used or I.birth, I.firsts[0])
    if rng.random() < 0.5:
        pat += " (%s)" % _date(I, rng, DATE_NUM)
    items.append((rng.choice(["Réf. dossier : ", "Concerne : ", "Dossier : "]) + pat, size - 1, False, True, 0.3))
    L.traps.append("patient-in-window")
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    return _window(doc, rng, items, rng.choice([312, 324, 336]))


def ad_attention_line(doc, L, rng):
    """Right window to the practice or the department only; the doctor named in an attention
    line of the flow under the date ('À l'attention du Docteur Jean DUPONT, cardiologue')."""
    p = L.to
    f = p.sex == "F"
    if p.salaried and rng.random() < 0.5:
        p.title = "PR"  # a new professional of this letter: the directory, written last, says so too
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    items = []
    if p.salaried:
        items.append((M.service_of(p.service), size, True, False, 0))
        if rng.random() < 0.5:
            items.append(("Secrétariat médical", size - 0.5, False, True, 0))
        items.append((_site(p, rng), size, False, False, 0))
    else:
        items.append((rng.choice(["Cabinet médical", "Cabinet médical du Parc", "Maison de santé des Tilleuls",
                                  "Centre médical " + M.title_city(p.city), "Cabinet de groupe"]), size, True, False,
                       0))
    city = M.city_text(p, rng)
    items.append((_street(p), size, False, False, 0))
    items.append(("%s %s" % (p.postcode, city), size, False, False, 0))
    pr = p.title == "PR"
    word, short = ("Professeur", "Pr") if pr else ("Docteur", "Dr")
    style = rng.choice(["word-gf", "word-gf", "word-fg", "short-gf", "madame"])
    if style == "madame" and not f:
        style = "word-gf"
    if style == "word-gf":
        name = "%s %s %s" % (word, p.given, p.family)
    elif style == "word-fg":
        name = "%s %s %s" % (word, p.family, p.given)
    elif style == "short-gf":
        name = "%s %s %s" % (short, p.given, p.family)
    else:
        name = "Madame le %s %s %s" % (word, p.given, p.family)
    lead_in = rng.choice(["À l'attention du ", "A l'attention du ", "À l'att. du "])
    if style == "madame":
        lead_in = lead_in.replace(" du ", " de ")
    text = lead_in + _nb(name)
    if rng.random() < 0.5:
        text += ", " + _spec_lower(p, rng)
    L.flow_addressee = text
    L.mentions.add(p, "to", name, "full", city, p.postcode)
    return _window(doc, rng, items, rng.choice([314, 326, 338]))


# (draw, window: "right" | "left" | "none" | "flow" | "both", needs a professional addressee)
ADDRESSEE_FAMILIES = {
    "k-ad-a": (ad_specialty_first, "right", True),
    "k-ad-b": (ad_title_line, "right", True),
    "k-ad-c": (ad_patient_residence, "right", False),
    "k-ad-d": (ad_left_one_line, "both", True),  # a left window under a letterhead on the left
    "k-ad-e": (ad_correspondent_code, "right", True),
    "k-ad-f": (ad_town_postcode, "right", True),
    "k-ad-g": (ad_copy_banner, "none", True),
    "k-ad-h": (ad_civility_only, "right", True),
    "k-ad-i": (ad_file_reference, "right", True),
    "k-ad-j": (ad_attention_line, "right", True),
}


# ---------------------------------------------------------------------------------------------
# Copies


def _cp_record(doc, x0, y0, x1, y1):
    doc.k_cp = (doc.page, x0, y0, x1, y1)


def cp_under_signature(doc, L, rng):
    """The copies in the signature's column, right under the signer, in small italics."""
    entries = _copy_entries(doc, L, rng, FORMS_FULL + ["initial", "family", "nom-initial"], 0.8, 0.4)
    if L.copy_patient:
        entries.append(rng.choice(["Patient(e)", _patient_word(L)]))
    if not entries:
        return
    size = max(7, doc.size - 1.5)
    lead = doc.lead(size)
    page, _, sx = L.sig
    label = rng.choice(["Copie :", "Copies :", "Cc :", "Copie adressée à :"])
    items = [(label, size, True, True, 0)] + [(e, size, False, True, 0) for e in entries]
    doc.need(lead * (len(items) + 1) + 4)
    x = sx if doc.page == page else doc.left
    width = doc.right - x - 8
    lines = []
    for k, (t, sz, b, i, g) in enumerate(items):
        parts = doc.wrap(t, width, sz, b, i) or [""]
        for j, part in enumerate(parts):
            lines.append((part, x + (0 if k == 0 else 8) + (8 if j else 0), b))
    doc.need(lead * len(lines) + 4)
    if doc.page != page:
        x = doc.left
    top = doc.y
    widest = 0
    for t, xx, b in lines:
        doc.y += lead * 0.8
        widest = max(widest, xx + doc.text(xx, doc.y, t, size, bold=b, italic=True))
        doc.y += lead * 0.2
    _cp_record(doc, x, top, widest, doc.y)


def cp_transposed_table(doc, L, rng):
    """A distribution table turned on its side: one column per copy, the rows telling who,
    their specialty, their town and how the copy travels."""
    cols = []
    for p in L.copies:
        name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial", "nom-initial"]))
        city = M.city_text(p, rng)
        L.mentions.add(p, "cc", name, gf, city, None)
        cols.append([name, _spec(p, rng), city, rng.choice(["MSSanté", "Courrier", "MSSanté", "Fax"])])
    if L.copy_patient:
        cols.append([rng.choice(["Patient(e)", "Le patient"]), "—", "—", rng.choice(["Remis en main propre",
                                                                                    "Courrier"])])
    if not cols:
        return
    heads = [rng.choice(["Destinataire", "Copie à", "Nom"]), rng.choice(["Qualité", "Spécialité"]), "Ville",
             rng.choice(["Transmission", "Envoi"])]
    size = max(6.5, doc.size - 1.5)
    x0 = doc.left
    width = doc.right - x0
    hw = max(doc.sw(h, size, bold=True) for h in heads) + 10
    cw = (width - hw) / len(cols)
    rh = doc.lead(size) + 4
    cap = rng.choice(["Diffusion du document", "Copies", "Destinataires en copie"])
    doc.gap(size * 0.6)
    doc.need(rh * 5 + size * 2)
    doc.line(cap, size, bold=True)
    top = doc.y + 2
    for r, h in enumerate(heads):
        y = top + r * rh
        doc.rect(x0, y, hw, rh, lw=0.4, fill=0.88)
        doc.text(x0 + 4, y + rh - 4, h, size, bold=True)
        for k, col in enumerate(cols):
            x = x0 + hw + k * cw
            doc.rect(x, y, cw, rh, lw=0.4)
            vs = _fit(doc, [col[r]], cw - 8, size, bold=(r == 0), floor=4.5)
            doc.text(x + 4, y + rh - 4, col[r], vs, bold=(r == 0))
    doc.y = top + rh * 4 + 4
    _cp_record(doc, x0, top, x0 + width, doc.y)


def cp_first_page_foot(doc, L, rng):
    """The copies in a small ruled box at the foot of the first page, whatever the length of the
    letter; the text of that page stops above it."""
    entries = _copy_entries(doc, L, rng, FORMS_FULL + ["initial", "family"], 0.75, 0.3)
    if L.copy_patient:
        entries.append(rng.choice(["patient(e)", _patient_word(L)]))
    if not entries:
        return
    label = rng.choice(["Copie(s) :", "Copies à :", "Cc :", "Également adressé à :"])
    size = rng.choice([6.5, 7, 7.5])
    x0 = doc.left if doc.left < 100 else 45
    x1 = doc.right
    lines = doc.wrap(label + " " + " ; ".join(entries), x1 - x0 - 12, size)
    lead = size * 1.3
    h = lead * len(lines) + 6
    bottom0 = doc.st.bottom
    btop = bottom0 - 2 - h
    doc.st.bottom = btop - 8
    page = doc.page

    def foot(d):
        if d.page != page:
            return
        _open_frame(d, x0, btop, x1 - x0, h, lw=0.4)
        y = btop + 3
        for t in lines:
            y += lead * 0.8
            d.text(x0 + 6, y, t, size)
            y += lead * 0.2
        _cp_record(d, x0, btop, x1, btop + h)

    def restore(d):
        d.st.bottom = bottom0

    doc.page_end.insert(0, foot)
    doc.page_start.append(restore)


def cp_subject_sentence(doc, L, rng):
    """The copies told in a sentence whose subjects are the colleagues: 'Le Dr … et le Dr …
    reçoivent copie de ce courrier.'"""
    parts = []
    for p in L.copies:
        name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial", "family"]))
        city, pc = _copy_place(p, rng, gf, 0.75)
        L.mentions.add(p, "cc", name, gf, city, pc)
        t = "le " + _nb(name)
        if city:
            t += rng.choice([" (%s)" % _where(city, pc), ", %s à %s," % (_spec_lower(p, rng), _nb(city))]) \
                if not pc else " (%s)" % _where(city, pc)
        parts.append(t)
    if L.copy_patient:
        parts.append(_patient_word(L))
    if not parts:
        return
    body = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]
    body = body.replace(",, ", ", ").replace(", et", " et")
    if body.endswith(","):
        body = body[:-1]
    many = len(parts) > 1
    verb = rng.choice([("reçoivent copie de ce courrier", "reçoit copie de ce courrier"),
                       ("sont destinataires d'une copie de ce compte rendu",
                        "est destinataire d'une copie de ce compte rendu"),
                       ("en sont informés par copie", "en est informé par copie")])[0 if many else 1]
    text = body[0].upper() + body[1:] + " " + verb + "."
    size = max(7.5, doc.size - rng.choice([0, 0.5, 1]))
    top = doc.y
    doc.para(text, size, keep=True)
    _cp_record(doc, doc.left, top, doc.right, doc.y)


def cp_enclosures_note(doc, L, rng):
    """Under a short rule after the letter, in small type: the enclosures, then the copies on the
    next line, then the reference of the document."""
    entries = _copy_entries(doc, L, rng, FORMS_FULL + ["initial", "nom-initial"], 0.8, 0.0)
    if L.copy_patient:
        entries.append(rng.choice(["Patient", "l'intéressé(e)"]))
    if not entries:
        return
    size = max(6.5, doc.size - 2)
    pj = rng.sample(["ordonnance de sortie", "résultats biologiques", "compte rendu d'imagerie",
                     "lettre de liaison", "fiche de liaison infirmière", "carte de groupe sanguin"], rng.randint(1, 3))
    lines = [rng.choice(["P.J. : ", "PJ : ", "Pièces jointes : "]) + ", ".join(pj),
             rng.choice(["Copie(s) : ", "Copies : ", "Cc : "]) + " ; ".join(entries)]
    if rng.random() < 0.6:
        lines.append("Réf. : %s/%05d" % (rng.choice(["CR", "CRH", "CONS", "LL"]), rng.randint(1, 99999)))
        L.traps.append("document-reference")
    lead = doc.lead(size)
    wrapped = []
    for t in lines:
        wrapped += doc.wrap(t, doc.right - doc.left, size)
    doc.gap(size)
    doc.need(lead * len(wrapped) + 8)
    top = doc.y
    doc.hline(doc.left, doc.left + 70, top, 0.5)
    doc.y += 2
    widest = 0
    for t in wrapped:
        doc.y += lead * 0.8
        widest = max(widest, doc.text(doc.left, doc.y, t, size))
        doc.y += lead * 0.2
    _cp_record(doc, doc.left, top, doc.left + widest, doc.y)


def cp_validation_block(doc, L, rng):
    """The dictation and validation trail in a grey block at the end of the report (who
    dictated, typed and validated it, and when), ending on the distribution list."""
    a = L.author
    entries = _copy_entries(doc, L, rng, FORMS_FULL + ["initial", "family"], 0.8, 0.3, sep=", ")
    if L.copy_patient:
        entries.append(rng.choice(["patient(e)", _patient_word(L)]))
    if not entries:
        return
    d1 = rng.randint(2, 20)
    sec = "%s%s%s" % (rng.choice("ABCDEFGHJLMNPRSV"), rng.choice("ABCDEFGHJLMNPRSV"), rng.choice("ABCDEFGHJLMNPRSV"))
    trail = ["Dicté le %02d/11/2026 par %s %s %s" % (d1, "Pr" if a.title == "PR" else "Dr", a.given, a.family),
             "saisi le %02d/11/2026 (%s)" % (d1 + rng.randint(0, 2), sec),
             "validé électroniquement le %02d/11/2026 à %02d:%02d" % (d1 + rng.randint(1, 3), rng.randint(8, 19),
                                                                      rng.randint(0, 59))]
    text1 = rng.choice([" – ", " ; ", ", "]).join(trail) + "."
    text2 = rng.choice(["Diffusion : ", "Liste de diffusion : ", "Destinataires (copie) : "]) + \
        rng.choice([", ", " ; "]).join(entries + [rng.choice(["dossier patient", "DPI", "archives"])])
    L.traps += ["dictation-dates", "secretary-initials"]
    size = max(6.5, doc.size - 2)
    lead = doc.lead(size)
    x0 = doc.left
    width = doc.right - x0
    lines = doc.wrap(text1, width - 12, size, italic=True) + doc.wrap(text2, width - 12, size)
    n1 = len(doc.wrap(text1, width - 12, size, italic=True))
    h = lead * len(lines) + 8
    doc.gap(size)
    doc.need(h + 6)
    top = doc.y
    _shade(doc, x0, top, width, h, 0.93)
    y = top + 4
    for k, t in enumerate(lines):
        y += lead * 0.8
        doc.text(x0 + 6, y, t, size, italic=(k < n1), gray=0.25 if k < n1 else 0)
        y += lead * 0.2
    doc.y = top + h + 4
    _cp_record(doc, x0, top, x0 + width, top + h)


# (draw, needs copies, where: "end" after the signature, "top" before the title)
COPIES_FAMILIES = {
    "k-cp-a": (cp_under_signature, True, "end"),
    "k-cp-b": (cp_transposed_table, True, "end"),
    "k-cp-c": (cp_first_page_foot, True, "top"),
    "k-cp-d": (cp_subject_sentence, True, "end"),
    "k-cp-e": (cp_enclosures_note, True, "end"),
    "k-cp-f": (cp_validation_block, True, "end"),
}


# ---------------------------------------------------------------------------------------------
# DataMatrix positions

DM_POSITIONS = ["k-coupon-slot", "k-window-left", "k-beside-copies", "k-coupon-slot", "k-window-left",
                "k-beside-copies", "top-right", "footer-left"]


def dm_candidates(d, pos, s, W, H):
    if pos == "k-coupon-slot":
        # The room a label, a slip or a label zone kept for the code; none elsewhere.
        slot = getattr(d, "k_slot", None)
        if not slot or slot[0] != d.page:
            return []
        return [(slot[1], slot[2])]
    if pos == "k-window-left":
        # Level with the top of the address block, just left of it (right of it for a left one).
        if d.page != 1:
            return []
        win = getattr(d, "k_win", None)
        if not win:
            return []
        x0, top, x1, _ = win
        m = max(5, s / 9)
        out = []
        for dy in (0, 6, -6, 14, 24):
            if x0 > W / 2 - 60:
                out += [(x0 - s - m - k, top + dy) for k in (8, 16, 30)]
            else:
                out += [(x1 + m + k, top + dy) for k in (12, 24, 40)]
        return out
    if pos == "k-beside-copies":
        # Right of the block of copies, at its top; under it when it fills the width.
        cp = getattr(d, "k_cp", None)
        if not cp or cp[0] != d.page:
            return []
        _, x0, y0, x1, y1 = cp
        right = d.right if d.right < W - 30 else W - 40
        out = [(xx, y0 + dy) for dy in (0, 6, -8, 14) for xx in (right - s, x1 + 24, x1 + 40)]
        out += [(right - s, y1 + 8), (right - s, y1 + 16), ((x0 + right - s) / 2, y1 + 8)]
        return out
    return []
