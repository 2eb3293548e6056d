"""Tuning layout families, tenth set (see make_letters.py).

These were the held-out families of session 36 (written blind to the reader); once their results
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
# Fonts: body faces (returned by fonts()) and faces single blocks are set in (j_BLOCK_FONTS,
# j_MONO_FONTS). Only cuts that no tuning set uses as its running face.

j_BLOCK_FONTS = []
j_MONO_FONTS = []

_FF = "/usr/share/fonts/truetype/freefont/"  # fonts-freefont-ttf (optional)
_DV = "/usr/share/fonts/truetype/dejavu/"
_LB = "/usr/share/fonts/truetype/liberation2/"


def fonts(register):
    """The fonts of this set, registered through make_letters.py; a face whose files are missing
    is simply not offered."""
    out = []
    # Running faces: an italic serif, and heavy cuts some practices type whole letters in.
    if register("DejaVuSerifItalicText", _DV + "DejaVuSerif-Italic.ttf", _DV + "DejaVuSerif-BoldItalic.ttf",
                _DV + "DejaVuSerif.ttf"):
        out.append("DejaVuSerifItalicText")
    if register("FreeSerifBoldText", _FF + "FreeSerifBold.ttf", _FF + "FreeSerifBoldItalic.ttf",
                _FF + "FreeSerifItalic.ttf"):
        out.append("FreeSerifBoldText")
    if register("DejaVuSerifCondensedBoldText", _DV + "DejaVuSerifCondensed-Bold.ttf",
                _DV + "DejaVuSerifCondensed-BoldItalic.ttf", _DV + "DejaVuSerifCondensed-Italic.ttf"):
        out.append("DejaVuSerifCondensedBoldText")
    for key, faces in (("NimbusSansBoldText", ("NimbusSans-Bold", "NimbusSans-BoldItalic", "NimbusSans-Italic")),
                       ("P052BoldText", ("P052-Bold", "P052-BoldItalic", "P052-Italic")),
                       ("URWGothicDemiObliqueText", ("URWGothic-DemiOblique", "URWGothic-Demi",
                                                     "URWGothic-Book"))):
        if M.register_type1_family(key, *faces):
            out.append(key)
    # Faces of single blocks (labels, printouts of other programs).
    del j_BLOCK_FONTS[:]
    del j_MONO_FONTS[:]
    if register("DejaVuSansCondensedBoldText", _DV + "DejaVuSansCondensed-Bold.ttf",
                _DV + "DejaVuSansCondensed-BoldOblique.ttf", _DV + "DejaVuSansCondensed-Oblique.ttf"):
        j_BLOCK_FONTS.append("DejaVuSansCondensedBoldText")
    if M.register_type1_family("NimbusSansNarrowBoldObliqueText", "NimbusSansNarrow-BoldOblique",
                               "NimbusSansNarrow-Bold", "NimbusSansNarrow-Oblique"):
        j_BLOCK_FONTS.append("NimbusSansNarrowBoldObliqueText")
    if register("DejaVuSansMonoBoldText", _DV + "DejaVuSansMono-Bold.ttf", _DV + "DejaVuSansMono-BoldOblique.ttf",
                _DV + "DejaVuSansMono-Oblique.ttf"):
        j_MONO_FONTS.append("DejaVuSansMonoBoldText")
    if register("FreeMonoObliqueText", _FF + "FreeMonoOblique.ttf", _FF + "FreeMonoBoldOblique.ttf",
                _FF + "FreeMono.ttf"):
        j_MONO_FONTS.append("FreeMonoObliqueText")
    # One face the tuning part uses too, so that the held-out part does not hinge on fonts alone.
    return out + ["LiberationSans"]


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
    if j_BLOCK_FONTS and rng.random() < p:
        return rng.choice(j_BLOCK_FONTS)
    return None


def _mono_font(rng):
    if j_MONO_FONTS:
        return rng.choice(j_MONO_FONTS)
    return "Courier"


# ---------------------------------------------------------------------------------------------
# Traits as these families print them

_MOIS_ABR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
_AU = ("Maroc", "Sénégal", "Portugal", "Cameroun", "Viêt Nam", "Royaume-Uni")


def _nb(s):
    return s.replace(" ", M.NBSP)


def _date(I, rng, styles):
    """The birth date: numeric (slashes, dots, dashes, no leading zeros, spaced slashes), two-digit
    years where safe, in words (lower case or capitals), with abbreviated months."""
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
    elif style == "spaced":
        s = "%s / %s / %s" % (d, m, y)
    elif style == "short-slash":
        s = "%s/%s/%s" % (d, m, y[2:])
    elif style == "words":
        s = M.fr_date(I.iso, "words")
    elif style == "words-upper":
        s = "%s %s %s" % (day.upper(), M.MONTHS[int(m) - 1].upper(), y)
    elif style == "abbr":
        s = "%s %s %s" % (day, _MOIS_ABR[int(m) - 1], y)
    else:  # slash
        s = "%s/%s/%s" % (d, m, y)
    return _nb(s)


DATE_ANY = ["slash", "slash", "slash", "slash", "dot", "dash", "nopad", "spaced", "short-slash", "words", "words",
            "words-upper", "abbr"]
DATE_NUM = ["slash", "slash", "slash", "dot", "dash", "nopad"]


def _ins(I, rng, styles):
    m = I.ins
    style = rng.choice(styles)
    g = [m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13]]
    if style == "grouped":
        s = " ".join(g + [m[13:]])
    elif style == "hyphen":
        s = "-".join(g + [m[13:]])
    elif style == "paren":
        s = "%s (%s)" % (" ".join(g), m[13:])
    elif style == "slash-sp":
        s = "%s / %s" % (m[:13], m[13:])
    elif style == "wide-key":
        s = "%s   %s" % (" ".join(g), m[13:])
    elif style == "cle-dash":
        s = "%s – clé %s" % (m[:13], m[13:])
    else:  # plain
        s = m
    return _nb(s)


INS_ANY = ["grouped", "grouped", "grouped", "plain", "plain", "hyphen", "paren", "slash-sp", "wide-key", "cle-dash"]


def _sex(I, rng, styles):
    f = I.sex == "F"
    return {"letter": "F" if f else "M", "word": "Féminin" if f else "Masculin", "person": "Femme" if f else "Homme",
            "lower": "féminin" if f else "masculin", "upper": "FÉMININ" if f else "MASCULIN",
            "both": "F (féminin)" if f else "M (masculin)"}[rng.choice(styles)]


SEX_ANY = ["letter", "letter", "word", "word", "person", "upper", "both"]


def _place(I, rng, styles):
    code, name = I.place, I.place_name
    style = rng.choice(styles)
    if style == "code":
        return code
    if I.abroad:
        return rng.choice(["%s (%s)" % (name, code), "%s – %s" % (code, M.insi(name)),
                           "étranger : %s (%s)" % (name, code)])
    if style == "code-dash":
        return "%s – %s" % (code, name)
    if style == "insee":
        return "%s, code INSEE %s" % (name, code)
    if style == "upper-bracket":
        return "%s [%s]" % (M.insi(name), code)
    if style == "cog":
        return "COG %s (%s)" % (code, name)
    return "%s (%s)" % (name, code)


PLACE_ANY = ["paren", "paren", "paren", "code", "code-dash", "insee", "upper-bracket", "cog"]


def _born_at(I, rng):
    """' à Brest (29019)', ' au Maroc (99350)'."""
    code, name = I.place, I.place_name
    if I.abroad:
        return " %s %s (%s)" % ("au" if name in _AU else "en", name, code)
    return rng.choice([" à %s (%s)" % (name, code), " à %s (code INSEE %s)" % (name, code),
                       " à %s – %s" % (name, code)])


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
    return rng.choice(["OID %s", "(OID %s)", "OID : %s", "autorité d'affectation %s"]) % M.TEST_OID


def _mobile(rng):
    return _nb("0%d %02d %02d %02d %02d" % (rng.choice([6, 7]), rng.randint(0, 99), rng.randint(0, 99),
                                            rng.randint(0, 99), rng.randint(0, 99)))


def _day(rng, lo=2, hi=23):
    return _nb("%02d/11/2026" % rng.randint(lo, hi))


def _person(rng, sex=None, family=None):
    """Someone who is not the patient nor a professional of the letter: (civ, given, family)."""
    g = sex or rng.choice("FM")
    return ("Mme" if g == "F" else "M."), rng.choice(M.GIVEN_F if g == "F" else M.GIVEN_M), \
        (family or M.pick_surname(rng))


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


def _barcode(doc, x, top, w, h, rng):
    """A decorative 1D code (labels, envelopes); it encodes nothing."""
    xx = x
    c = doc.c
    while xx < x + w - 2:
        bw = rng.choice([0.6, 0.6, 1.2, 1.8])
        if rng.random() < 0.55:
            c.rect(xx, M.H - top - h, bw, h, stroke=0, fill=1)
        xx += bw + rng.choice([0.6, 1.2])
    doc.add_box((x, top, x + w, top + h))


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


def _dotted_hline(doc, x0, x1, y, lw=0.4):
    c = doc.c
    c.setLineWidth(lw)
    c.setDash(1, 1.5)
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


def _radio(doc, x, y, size, on):
    r = size * 0.33
    c = doc.c
    c.setLineWidth(0.6)
    c.circle(x + r, M.H - y + r * 0.9, r, stroke=1, fill=0)
    if on:
        c.circle(x + r, M.H - y + r * 0.9, r * 0.55, stroke=0, fill=1)
    doc.add_box((x, y - 2 * r, x + 2 * r, y))
    return 2 * r


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
    already drawn on the page (a rule under the letterhead, say)."""
    for _ in range(12):
        hit = [b for b in doc.boxes[doc.page] if b[0] < x1 + 2 and b[2] > x0 - 2 and b[1] < top + h + 2 and
               b[3] > top - 2]
        if not hit:
            break
        top = max(b[3] for b in hit) + 6
    return top


def _win_top(doc, rng):
    return max(rng.choice([138, 146, 154, 162]), getattr(doc, "header_bottom", 0) + 8)


def _window_at(doc, items, x, top, limit):
    """Draws address lines from x (moved left when a line would pass `limit`); returns
    (bottom, x0, x1)."""
    widest = _widest(doc, items)
    if x + widest > limit:
        x = max(M.W / 2 - 20, limit - widest)
    items = _wrap_items(doc, items, limit - x)
    bottom, w = _lines(doc, x, top, items)
    return bottom, x, x + w


# The DataMatrix slot some identity blocks keep free for the code, when the letter places it there.


def _slot_wanted(doc):
    L = doc.letter
    return bool(L.dm) and L.dm_pos == "j-frame-slot"


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
    doc.j_slot = (doc.page, x + m, top + m)


def _under_window(doc, x0, x1, bottom, gap=4):
    """Records the address block's extent for the code placed under it and returns where the
    flow may start: under the room kept for the code when the letter places it there."""
    doc.j_win = (x0, x1, bottom)
    L = doc.letter
    if not (L.dm and L.dm_pos == "j-under-window"):
        return bottom + gap
    s = L.dm_mm * 72 / 25.4
    m = max(5, s / 9) + 1.5
    return bottom + m + s + (9 if L.dm_caption else 0) + m + gap


# ---------------------------------------------------------------------------------------------
# Professionals


def _pname(p, rng, form):
    """(text, given form) of a professional's name in the spellings of these families."""
    f = p.sex == "F"
    pr = p.title == "PR"
    short, word = ("Pr", "Professeur") if pr else ("Dr", "Docteur")
    civ = "Mme" if f else "M."
    if form == "m-le-dr":
        return "%s le %s %s %s" % (civ, short, p.family, p.given), "full"
    if form == "m-le-dr-gf":
        return "%s le %s %s %s" % (civ, short, p.given, p.family), "full"
    if form == "m-le-dr-init":
        return "%s le %s %s %s" % (civ, short, M.initials(p.given), p.family), "initial"
    if form == "word-paren":
        return "%s %s (%s)" % (word, p.family, p.given), "full"
    if form == "short-paren":
        return "%s %s (%s)" % (short, p.family, p.given), "full"
    if form == "dr-dot":
        return "%s. %s %s" % (short, p.given, p.family), "full"
    if form == "word-initial":
        return "%s %s %s" % (word, M.initials(p.given), p.family), "initial"
    if form == "caps":
        return "%s %s %s" % (short.upper(), p.family, M.insi(p.given)), "full"
    if form == "caps-gf":
        return "%s %s %s" % (short.upper(), M.insi(p.given), p.family), "full"
    if form == "dr-prenom-nom":
        return "%s %s %s" % (short, p.given, p.family), "full"
    if form == "dr-nom-prenom":
        return "%s %s %s" % (short, p.family, p.given), "full"
    if form == "word-prenom-nom":
        return "%s %s %s" % (word, p.given, p.family), "full"
    if form == "initial":
        return "%s %s %s" % (short, M.initials(p.given), p.family), "initial"
    if form == "family":
        return "%s %s" % (short, p.family), "none"
    if form == "mixed":
        return "%s %s %s" % (short, p.given, M.cap_name(p.family)), "full"
    raise ValueError(form)


FORMS_FULL = ["dr-prenom-nom", "dr-prenom-nom", "dr-nom-prenom", "word-prenom-nom", "dr-dot", "mixed"]


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


# ---------------------------------------------------------------------------------------------
# Grids shared by several identity blocks


def _pairs_column(doc, x, top, width, pairs, size, small, draw=True, label_gray=0.35, label_italic=False,
                  lw=None):
    """(label, value, bold) pairs one a line, the values at a common tab, wrapped when too long.
    Returns the bottom."""
    if lw is None:
        lw = max([doc.sw(lb, small, italic=label_italic) for lb, _, _ in pairs] or [0]) + 6
    lead = doc.lead(size)
    y = top
    for lb, v, b in pairs:
        avail = width - lw
        vs = _fit(doc, [w for w in v.split(" ") if w] or [""], avail, size, bold=b, floor=4.5)
        vs = min(vs, _fit(doc, [v], avail, size, bold=b, floor=max(6.0, size - 1.5)))
        parts = doc.wrap(v, avail, vs, bold=b) or [""]
        if draw:
            yy = y + lead * 0.8
            if lb:
                doc.text(x, yy, lb, small, italic=label_italic, gray=label_gray)
            for part in parts:
                doc.text(x + lw, yy, part, vs, bold=b)
                yy += lead
        y += lead * len(parts)
    return y


def _word_w(doc, v, size, bold=False):
    return max([doc.sw(w, size, bold=bold) for w in v.split(" ") if w] or [0])


def _grid_ncols(doc, width, cells, size, small, want, floor=5.5):
    """The most columns (at most `want`) in which every 'label : value' cell keeps its words whole."""
    for n in range(want, 0, -1):
        colw = width / n
        if all(doc.sw(lb + " : ", small, bold=True) + _word_w(doc, v, floor) + 8 <= colw for lb, v in cells):
            return n
    return 1


def _cell_grid(doc, x, top, width, cells, ncols, size, small, draw=True, rule=True):
    """'Label : value' cells, `ncols` a row, the label in bold small type; rows under hairlines."""
    colw = width / ncols
    lead = doc.lead(size)
    y = top
    for r in range(0, len(cells), ncols):
        plan = []
        nmax = 1
        for k, (lb, v) in enumerate(cells[r:r + ncols]):
            lbt = lb + " : "
            lw = doc.sw(lbt, small, bold=True)
            avail = colw - lw - 8
            vs = _fit(doc, [w for w in v.split(" ") if w] or [""], avail, size, floor=4.5)
            parts = doc.wrap(v, avail, vs) or [""]
            plan.append((k, lbt, lw, parts, vs))
            nmax = max(nmax, len(parts))
        if draw:
            for k, lbt, lw, parts, vs in plan:
                xc = x + k * colw + 3
                yy = y + 2 + lead * 0.8
                doc.text(xc, yy, lbt, small, bold=True)
                for part in parts:
                    doc.text(xc + lw, yy, part, vs)
                    yy += lead
        y += lead * nmax + 4
        if draw and rule:
            doc.hline(x, x + width, y - 1, 0.3, 0.5)
    return y


# ---------------------------------------------------------------------------------------------
# Identity


def _float_install(doc, side, edge, bottom):
    """The text flows beside a floating block until it passes `bottom` or the page ends."""
    state = {"on": True}
    left0, right0, page = doc.left, doc.right, doc.page
    if side == "right":
        doc.right = edge
    else:
        doc.left = edge
    orig_need, orig_line = doc.need, doc.line

    def restore(*_):
        if state["on"]:
            state["on"] = False
            doc.left, doc.right = left0, right0

    def need(h):
        if state["on"] and (doc.page != page or doc.y >= bottom):
            restore()
        orig_need(h)
        if state["on"] and doc.page != page:
            restore()

    def line(s, size=None, bold=False, italic=False, x=None, gray=0.0, lead=None, align="left"):
        if state["on"]:
            w = doc.sw(s, size, bold, italic)
            if align == "right":
                xe = doc.right - w
            elif align == "centre":
                xe = (doc.left + doc.right - w) / 2
            else:
                xe = doc.left if x is None else x
            if xe < doc.left - 0.5 or xe + w > doc.right + 0.5:
                doc.y = max(doc.y, bottom + 2)
                restore()
        orig_line(s, size, bold, italic, x, gray, lead, align)

    doc.need = need
    doc.line = line
    doc.page_start.append(restore)


def id_float_box(doc, I, rng):
    """A framed block set against one margin under a shaded caption, small labels over bold
    values; the text of the letter runs beside it."""
    L = doc.letter
    size = max(7.5, min(I.size, 9.5))
    small = max(6, size - 2)
    rows = [(rng.choice(["Nom de naissance", "Nom à la naissance", "Nom (naissance)"]), I.birth)]
    if I.used:
        rows.append((rng.choice(["Nom utilisé", "Nom porté", "Nom d'usage"]), I.used))
    rows.append((rng.choice(["Prénom(s) d'état civil", "Prénoms de naissance", "Prénom(s)"]), _firsts(I, rng)))
    d = _date(I, rng, DATE_ANY)
    rows.append((rng.choice(["Date de naissance", "Né(e) le", "D.N."]),
                 "%s (%s)" % (d, _age(I)) if rng.random() < 0.5 else d))
    rows.append((rng.choice(["Sexe", "Sexe", "Sexe à l'état civil"]), _sex(I, rng, SEX_ANY)))
    if I.place:
        rows.append((rng.choice(["Lieu de naissance", "Né(e) à", "Commune de naissance"]), _place(I, rng, PLACE_ANY)))
    if I.ins:
        rows.append((rng.choice(["Matricule INS", "INS", "Identifiant national de santé"]), _ins(I, rng, INS_ANY)))
        if I.oid:
            rows.append(("OID", M.TEST_OID))
    if I.ipp and rng.random() < 0.5:
        rows.append((rng.choice(["IPP", "N° de dossier"]), I.ipp))
        I.uses.add("ipp")
    head = rng.choice(["Patient", "PATIENT(E)", "Identité", "Le patient"])
    avail = doc.right - doc.left
    # The title may still come beside the block (when the identity opens the letter): it must fit.
    t = L.title
    title_w = max(doc.sw(t.upper(), min(doc.size + 4, 15), bold=True), doc.sw(t, min(doc.size + 4, 15), bold=True))
    width = min(200.0, avail - 14 - title_w - 8, avail * 0.45)
    floating = width >= 150
    if not floating:
        width = min(230.0, avail)
    inner = width - 12
    items = []
    for lb, v in rows:
        items.append((lb, small, False, True, 0.4))
        vs = _fit(doc, [v], inner, size, bold=True, floor=6.5)
        for part in doc.wrap(v, inner, vs, bold=True):
            items.append((part, vs, True, False, 0))
    lf = 0.95
    hb = size * 1.7
    h = hb + 4 + _items_h(doc, items, lf) + 5
    doc.need(h + 12)
    top = doc.y + 2
    side = rng.choice(["right", "right", "left"])
    x = doc.right - width if side == "right" else doc.left
    doc.mark("identity")
    _shade(doc, x, top, width, hb, rng.choice([0.82, 0.88]))
    _open_frame(doc, x, top, width, h, lw=rng.choice([0.5, 0.8]))
    doc.text(x + 6, top + hb * 0.68, head, size, bold=True)
    _lines(doc, x + 6, top + hb + 3, items, lead_f=lf)
    doc.unmark()
    if floating:
        _float_install(doc, side, x - 14 if side == "right" else x + width + 14, top + h + 4)
        doc.y = top - 2
    else:
        doc.y = top + h + I.size


def id_screen_form(doc, I, rng):
    """A screen of the patient file printed as it is: a title bar, each value in an entry box
    after its label, the sex as radio buttons, the status of the identity ticked."""
    size = max(7, min(I.size - 0.5, 9))
    small = size - 0.5
    lead = doc.lead(size)
    rh = lead + 7
    sl, sh = _slot_room(doc)
    x0 = doc.left
    width = min(doc.right - x0, 490) - sl
    left = [(rng.choice(["Nom de naissance", "Nom naissance"]), I.birth),
            (rng.choice(["Nom utilisé", "Nom d'usage"]), I.used or ""),
            (rng.choice(["Prénom(s) de naissance", "Prénoms naissance", "Prénoms"]),
             _firsts(I, rng, ("all", "all", "all-comma")))]
    if rng.random() < 0.6:
        left.append(("Prénom utilisé", I.first_names(rng, "first")))
    right = [(rng.choice(["Date de naissance", "Né(e) le"]), _date(I, rng, DATE_NUM))]
    radio = rng.random() < 0.4
    right.append(("Sexe", None if radio else _sex(I, rng, ["word", "letter", "upper"])))
    if I.place:
        if rng.random() < 0.5:
            right.append(("Pays de naissance" if I.abroad else
                          rng.choice(["Commune de naissance", "Lieu de naissance"]),
                          I.place_name))
            right.append((rng.choice(["Code INSEE", "Code lieu", "Code COG"]), I.place))
        else:
            right.append(("Lieu de naissance", _place(I, rng, ["paren", "code-dash", "code"])))
    if I.ipp and rng.random() < 0.6:
        (left if len(left) < len(right) else right).append(("IPP", I.ipp))
        I.uses.add("ipp")
    full = []
    if I.ins:
        if rng.random() < 0.4:
            full.append((rng.choice(["Matricule INS", "N° INS"]), I.ins[:13], I.ins[13:]))
        else:
            full.append((rng.choice(["Matricule INS", "INS"]), _ins(I, rng, ["grouped", "plain", "grouped"]), None))
        if I.oid:
            full.append(("OID", M.TEST_OID, None))
    title = rng.choice(["Dossier patient – Identité", "Identité du patient", "Fiche patient", "Identification"])
    tb = size * 2.1
    n = max(len(left), len(right))
    h = tb + 6 + rh * (n + len(full) + 1) + 4
    doc.need(max(h, sh) + 10)
    top = doc.y
    if sl:
        _slot_set(doc, x0 + width + 4, top)
    colw = (width - 12) / 2
    lw = max(doc.sw(lb, small) for lb, _ in left + right) + 8
    lw = min(lw, colw * 0.48)
    ls = _fit(doc, [lb for lb, _ in left + right], lw - 6, small, floor=5.0)
    doc.mark("identity")
    _shade(doc, x0, top, width, h, 0.94)
    _open_frame(doc, x0, top, width, h, lw=0.6)
    doc.rect(x0, top, width, tb, lw=0.1, fill=0.3, stroke=False)
    doc.text(x0 + 6, top + tb * 0.68, title, size, bold=True, gray=1)
    for k in range(3):
        doc.rect(x0 + width - 12 - k * 11, top + tb * 0.25, 8, tb * 0.5, lw=0.5, fill=0.85)

    def box(x, y, w, value, bold=False):
        doc.rect(x, y, w, rh - 3, lw=0.5, fill=1.0)
        if value:
            vs = _fit(doc, [value], w - 6, size, bold=bold, floor=5.0)
            doc.text(x + 3, y + rh - 3 - (rh - 3 - vs) / 2 - vs * 0.22, value, vs, bold=bold)

    for col, cells in ((0, left), (1, right)):
        cx = x0 + 6 + col * (colw + 6)
        for r, (lb, v) in enumerate(cells):
            y = top + tb + 6 + r * rh
            doc.text(cx, y + lead * 0.85, lb, ls)
            if lb == "Sexe" and v is None:
                xx = cx + lw
                room = colw - lw - 4 - 2 * (size * 0.66 + 3) - 10
                words = ("Masculin", "Féminin") if doc.sw("Masculin Féminin", size) <= room else ("M", "F")
                for on, word in ((I.sex == "M", words[0]), (I.sex == "F", words[1])):
                    xx += _radio(doc, xx, y + lead * 0.85, size, on) + 3
                    xx += doc.text(xx, y + lead * 0.85, word, size) + 10
            else:
                box(cx + lw, y, colw - lw - 4, v, bold=(r == 0))
    y = top + tb + 6 + n * rh
    for lb, v, key in full:
        doc.text(x0 + 6, y + lead * 0.85, lb, ls)
        bw = min(width - 12 - lw - (70 if key else 0), 250)
        box(x0 + 6 + lw, y, bw, v, bold=True)
        if key:
            kx = x0 + 6 + lw + bw + 8
            kx += doc.text(kx, y + lead * 0.85, "Clé", ls) + 5
            box(kx, y, 30, key, bold=True)
        y += rh
    ticked = bool(I.ins)
    xx = x0 + 6 + lw
    xx += _checkbox(doc, xx, y + lead * 0.8, size, ticked) + 4
    doc.text(xx, y + lead * 0.8, "Identité qualifiée" if ticked else "Identité provisoire", size)
    doc.text(x0 + 6, y + lead * 0.8, "Statut", ls)
    doc.unmark()
    doc.y = top + max(h, sh) + I.size


def id_er_grid(doc, I, rng):
    """An emergency department header: the patient's traits and the passage (arrival, means,
    box, triage scores) mixed in one grid of 'label : value' cells under a thick rule."""
    L = doc.letter
    size = max(7, min(I.size - 0.5, 9.5))
    small = max(6, size - 1)
    arrival = "%s à %02dh%02d" % (_day(rng, 2, 22), rng.randint(0, 23), rng.randint(0, 59))
    c_ioa = _person(rng, "F" if rng.random() < 0.7 else "M")
    cells = [(rng.choice(["Nom", "Nom de naissance", "NOM"]), I.birth),
             (rng.choice(["Prénom(s)", "Prénoms"]), _firsts(I, rng)),
             (rng.choice(["Né(e) le", "DDN"]), _date(I, rng, DATE_NUM)),
             (rng.choice(["Nom d'usage", "Nom utilisé"]), I.used or "—"),
             ("Sexe", _sex(I, rng, ["letter", "word"])),
             ("Âge", _age(I)),
             (rng.choice(["Arrivée le", "Entrée"]), _nb(arrival)),
             (rng.choice(["Mode d'arrivée", "Arrivée par"]), rng.choice(["Pompiers (VSAV)", "SMUR",
                                                                         "Moyens personnels",
                                                                         "Ambulance privée", "Police"])),
             (rng.choice(["Box", "Secteur"]), rng.choice(["Box %d" % rng.randint(1, 18), "UHCD %d" % rng.randint(1, 8),
                                                          "Déchocage", "Circuit court"]))]
    if I.place:
        cells.append((rng.choice(["Lieu de naissance", "Né(e) à"]), _place(I, rng, PLACE_ANY)))
    if I.ins:
        cells.append((rng.choice(["INS", "Matricule INS"]), _ins(I, rng, INS_ANY)))
    if I.nda:
        passage = I.nda
        I.uses.add("nda")
    else:
        passage = "26%07d" % rng.randint(0, 9999999)
    cells.append((rng.choice(["N° de passage", "N° séjour"]), passage))
    if I.ins and I.oid:
        cells.append(("OID", M.TEST_OID))
    cells += [("CCMU", rng.choice(["1", "2", "3", "4"])), ("GEMSA", str(rng.randint(1, 5))),
              ("IOA", _nb("%s %s %s" % c_ioa))]
    L.traps += ["arrival-time", "triage-scores"]
    x0 = doc.left
    width = doc.right - x0
    ncols = _grid_ncols(doc, width, cells, size, small, 3)
    cap = rng.choice(["URGENCES – Dossier de passage", "Passage aux urgences", "SAU – Fiche de passage"])
    h = _cell_grid(doc, x0, 0, width, cells, ncols, size, small, draw=False) + doc.lead(size) + 6
    doc.need(h + 10)
    top = doc.y
    doc.text(x0, top + size, cap, size, bold=True)
    doc.hline(x0, x0 + width, top + size + 4, 1.6)
    doc.mark("identity")
    bottom = _cell_grid(doc, x0, top + size + 6, width, cells, ncols, size, small)
    doc.unmark()
    doc.y = bottom + I.size * 0.8


def id_beneficiary(doc, I, rng):
    """A prescription header in a ruled frame: one section for the person cared for, one for the
    insured person, sometimes one for the measures; each caption in a shaded cell on the left,
    the fields running on after it."""
    L = doc.letter
    size = max(7, min(I.size - 0.5, 9.5))
    sl, sh = _slot_room(doc)
    x0 = doc.left
    width = min(doc.right - x0, 500) - sl
    capw = rng.choice([78, 86])
    inner = width - capw - 12
    f = I.sex == "F"

    def runs_of(fields):
        runs = []
        for k, (lb, v) in enumerate(fields):
            if k:
                runs.append((" –", False, False))
            runs.append((" " + lb, False, True))
            runs.append((" " + _nb(v), True, False))
        return runs

    b = [(rng.choice(["Nom de naissance :", "Nom :"]), I.birth)]
    if I.used:
        b.append((rng.choice(["Nom d'usage :", "Nom utilisé :", "Nom marital :"]), I.used))
    b.append((rng.choice(["Prénom(s) :", "Prénoms :"]), _firsts(I, rng)))
    b.append((rng.choice(["Né(e) le", "Date de naissance :"]), _date(I, rng, DATE_ANY)))
    b.append(("Sexe :", _sex(I, rng, ["letter", "word"])))
    if I.place:
        b.append((rng.choice(["Lieu de naissance :", "Né(e) à"]), _place(I, rng, PLACE_ANY)))
    if I.ins:
        b.append((rng.choice(["INS :", "Matricule INS :"]), _ins(I, rng, INS_ANY)))
        if I.oid:
            b.append(("OID :", M.TEST_OID))
    sections = [(rng.choice([["BÉNÉFICIAIRE", "DES SOINS"], ["PATIENT(E)"], ["BÉNÉFICIAIRE"]]), runs_of(b), True)]
    if I.insured:
        ins = I.insured
        rel = ("mère" if ins["civ"] == "Mme" else "père") if I.child else ("conjointe" if ins["civ"] == "Mme" else
                                                                           "conjoint")
        a = [("Nom, prénom :", "%s %s %s" % (ins["civ"], ins["family"], ins["given"])),
             (rng.choice(["N° d'immatriculation :", "N° de sécurité sociale :"]),
              M.ins_format(ins["nir"], rng.choice(["grouped", "plain", "key-sep"]))),
             ("Lien :", rel)]
        I.insured = None  # printed here, not again under the identity
        sections.append((["ASSURÉ(E)"], runs_of(a), False))
    else:
        sections.append((["ASSURÉ(E)"], "self", False))
    if rng.random() < 0.5:
        kg = rng.randint(12, 40) if I.child else rng.randint(48, 104)
        m_ = [("Poids :", "%d kg" % kg)]
        if not I.child:
            m_.append(("Taille :", "1,%02d m" % rng.randint(52, 92)))
            m_.append((rng.choice(["Clairance (CKD-EPI) :", "DFG :"]), "%d mL/min" % rng.randint(35, 110)))
        sections.append((["MESURES"], runs_of(m_), False))
        L.traps.append("measures")
    lead = doc.lead(size)
    plans = []
    for cap, runs, _ in sections:
        if runs == "self":
            lines = None
            hh = lead + 8
        else:
            lines = _rich_lines(doc, runs, inner, size)
            hh = lead * len(lines) + 8
        hh = max(hh, doc.lead(size - 1) * len(cap) + 8)
        plans.append((cap, lines, hh))
    h = sum(p[2] for p in plans)
    doc.need(max(h, sh) + 10)
    top = doc.y
    if sl:
        _slot_set(doc, x0 + width + 4, top)
    y = top
    _open_frame(doc, x0, top, width, h, lw=0.7)
    for (cap, lines, hh), (_, _, is_id) in zip(plans, sections):
        _shade(doc, x0, y, capw, hh, 0.86)
        cy = y + 4
        for c in cap:
            cy += doc.lead(size - 1) * 0.8
            doc.text(x0 + 5, cy, c, size - 1, bold=True)
            cy += doc.lead(size - 1) * 0.2
        if is_id:
            doc.mark("identity")
        if lines is None:
            bx = x0 + capw + 8
            bx += _checkbox(doc, bx, y + 4 + lead * 0.8, size, True) + 4
            doc.text(bx, y + 4 + lead * 0.8, rng.choice(["L'assuré(e) est %s" % ("la bénéficiaire" if f else
                                                                                   "le bénéficiaire"),
                                                          "Le patient est l'assuré", "Bénéficiaire = assuré(e)"]),
                     size)
        else:
            _rich_draw(doc, x0 + capw + 6, y + 4, lines, size)
        if is_id:
            doc.unmark()
        doc.vline(x0 + capw, y, y + hh, 0.4)
        y += hh
        if y < top + h - 1:
            doc.hline(x0, x0 + width, y, 0.4)
    doc.y = top + max(h, sh) + I.size


def id_band_page(doc, I, rng):
    """A band at the top of every page: the patient on three short lines, the page number in a
    rounded box at the right, a thick and a thin rule framing it."""
    W = M.W
    L = doc.letter
    size = rng.choice([7, 7.5, 8])
    given = _firsts(I, rng, ("all", "first", "all"))
    if I.used:
        name = rng.choice(["%s %s (%s %s)" % (I.used, given, I.born(), I.birth),
                           "%s %s – nom utilisé %s" % (I.birth, given, I.used),
                           "%s %s %s %s" % (I.birth, given, "ép." if I.sex == "F" else "usage", I.used)])
    else:
        name = rng.choice(["%s %s" % (I.birth, given), "%s %s" % (given, I.birth)])
    l2 = ["%s %s (%s)" % (I.born_label(rng), _date(I, rng, DATE_NUM), _age(I)), "Sexe %s" % _sex(I, rng, ["letter",
                                                                                                      "word"])]
    if I.place:
        l2.append(rng.choice(["Lieu de naissance : ", "Né(e) à : ", "LN : "]) + _place(I, rng, PLACE_ANY))
    l3 = []
    if I.ins:
        l3.append(rng.choice(["INS : ", "Matricule INS : "]) + _ins(I, rng, INS_ANY))
        if I.oid:
            l3.append("OID : " + M.TEST_OID)
    if I.ipp:
        l3.append("IPP : " + I.ipp)
        I.uses.add("ipp")
    sep = rng.choice(["  ·  ", "   ", "  |  "])
    l2, l3 = sep.join(l2), sep.join(l3)
    fmt = rng.choice(["Page %d / %d", "p. %d/%d", "%d / %d"])
    state = {}

    def band(d):
        x0 = d.left if d.left < 100 else 45
        x1 = W - 36
        pw = d.sw(fmt % (8, 8), size) + 12
        avail = x1 - pw - 10 - x0
        if "sz" not in state:
            state["sz"] = (_fit(d, [name], avail, size + 1.5, bold=True, floor=5.5), _fit(d, [l2, l3], avail, size,
                                                                                      floor=5.0))
        s1, s2 = state["sz"]
        d.hline(x0, x1, 12, 1.2)
        if d.page == 1:
            d.mark("identity")
        d.text(x0, 13 + s1 * 1.05, name, s1, bold=True)
        d.text(x0, 13 + s1 * 1.05 + s2 * 1.3, l2, s2)
        if l3:
            d.text(x0, 13 + s1 * 1.05 + s2 * 2.55, l3, s2)
        d.unmark()
        _round_frame(d, x1 - pw, 17, pw, 15, radius=4, lw=0.5)
        d.text(x1 - pw / 2, 27.5, fmt % (d.page, d.total or 9), size, align="centre")
        d.hline(x0, x1, 50, 0.4)

    band(doc)
    doc.page_start.append(band)
    L.traps.append("page-number")


def id_footer_merged(doc, I, rng):
    """The patient inside the institutional lines at the foot of every page: the unit and its
    numbers, then the patient and the national identifier, separated by bullets."""
    H = M.H
    L = doc.letter
    h_, a = L.hospital, L.author
    uf = "UF %04d" % rng.randint(1000, 9999)
    l1 = [h_["short"], M.service_of(a.service), uf, "Secrétariat " + _nb(h_["phone"])]
    given = _firsts(I, rng, ("all", "first"))
    who = "%s %s" % (I.birth, given)
    if I.used:
        who += rng.choice([" (%s %s)" % ("ép." if I.sex == "F" else "usage", I.used), ", nom utilisé %s" % I.used])
    l2 = [rng.choice(["Patient(e) : ", "Dossier : ", ""]) + who,
          "%s %s" % (rng.choice(["né(e) le", "DDN"]), _date(I, rng, DATE_NUM)),
          _sex(I, rng, ["letter", "word"])]
    if I.place:
        l2.append(rng.choice(["LN ", "né(e) à "]) + _place(I, rng, ["code", "paren", "code-dash"]))
    l3 = []
    if I.ins:
        l3.append("INS " + _ins(I, rng, INS_ANY))
        if I.oid:
            l3.append("OID " + M.TEST_OID)
    if I.ipp:
        l3.append("IPP " + I.ipp)
        I.uses.add("ipp")
    l3.append("Édité le 23/11/2026 à %02d:%02d" % (rng.randint(8, 18), rng.randint(0, 59)))
    sep = rng.choice(["  •  ", " • ", "  –  "])
    lines = [sep.join(l1), sep.join(l2), sep.join(l3)]
    L.traps += ["edition-date", "unit-code"]
    size = rng.choice([6.5, 7, 7.5])
    centred = rng.random() < 0.5
    state = {}

    def foot(d):
        x0 = d.left if d.left < 100 else 45
        x1 = d.right
        if "sz" not in state:
            state["sz"] = _fit(d, lines, x1 - x0, size, floor=5.0)
        sz = state["sz"]
        lead = sz * 1.3
        y = H - 66 - lead * 2
        d.hline(x0, x1, y - sz - 3, 0.5, 0.3)
        for k, t in enumerate(lines):
            if k == 1 and d.page == 1:
                d.mark("identity")
            if centred:
                d.text((x0 + x1) / 2, y, t, sz, bold=(k == 1), align="centre")
            else:
                d.text(x0, y, t, sz, bold=(k == 1))
            y += lead
        d.unmark()

    doc.page_end.insert(0, foot)


def id_tilted_sticker(doc, I, rng):
    """An admission label stuck opposite the letterhead, slightly askew, in the face of the label
    printer: the name, the birth, the numbers of the file, a bar code; a caption above it."""
    W, H = M.W, M.H
    f = I.sex == "F"
    font = _mono_font(rng) if rng.random() < 0.5 else _block_font(rng, 1.0)
    given = _firsts(I, rng, ("all", "first"))
    caps = rng.random() < 0.6
    lines = [("%s %s" % (I.birth, M.insi(given) if caps else given), True)]
    # "LAURENT GWENAEL": which word is the given name, nothing printed says (see truth_of).
    doc.letter.names_unordered = caps
    if I.used:
        lines.append((rng.choice(["NU : ", "Ép. " if f else "Usage : ", "Nom utilisé : "]) + I.used, False))
    lines.append(("%s %s  %s  %s" % (rng.choice(["Né(e) le", "DDN", "Né(e)"]), _date(I, rng, ["slash", "dot",
                                                                                              "short-slash"]),
                                     _sex(I, rng, ["letter"]), _age(I)), False))
    if I.place:
        lines.append(("LN : " + _place(I, rng, ["code", "code-dash", "paren"]), False))
    if I.ins:
        lines.append(("INS " + _ins(I, rng, ["plain", "grouped", "slash-sp"]), False))
        if I.oid:
            lines.append(("OID " + M.TEST_OID, False))
    ids = []
    if I.ipp:
        ids.append("IPP " + I.ipp)
        I.uses.add("ipp")
    if I.nda:
        ids.append("NDA " + I.nda)
        I.uses.add("nda")
    if ids:
        lines.append(("  ".join(ids), False))
    angle = rng.choice([-1.3, -0.9, -0.6, 0.6, 0.9, 1.3])
    x1 = W - 38
    limit = x1 - (W / 2 + 30)
    with _Face(doc, font):
        size = _fit(doc, [t for t, _ in lines], limit - 14, 8, bold=True, floor=5.5)
        fn = (doc.fontname(False), doc.fontname(True))
        w = max(doc.sw(t, size, bold=b) for t, b in lines) + 14
    lead = size * 1.25
    bars = rng.random() < 0.7
    h = lead * len(lines) + 8 + (20 if bars else 0)
    x0 = x1 - w
    slack = w * 0.025 + 2
    top = _clear_top(doc, x0 - 2, x0 + w + 2, rng.choice([40, 48, 56]) - slack - 8, h + 2 * slack + 8) + slack + 8
    cap = rng.choice(["Étiquette patient", "ÉTIQUETTE", "Zone étiquette"])
    doc.text(x0, top - slack - 1.8, cap, 5.5, italic=True, gray=0.45)
    c = doc.c
    c.saveState()
    c.translate(x0, H - top)
    c.rotate(angle)
    c.setLineWidth(0.5)
    c.roundRect(0, -h, w, h, 3, stroke=1, fill=0)
    y = 4
    for t, b in lines:
        y += lead * 0.8
        c.setFont(fn[1] if b else fn[0], size)
        c.drawString(7, -y, t.replace(M.NBSP, " "))
        y += lead * 0.2
    if bars:
        brng = random.Random(rng.random())
        xx = 7
        while xx < min(w - 9, 120):
            bw = brng.choice([0.6, 0.6, 1.2, 1.8])
            if brng.random() < 0.55:
                c.rect(xx, -(y + 18), bw, 14, stroke=0, fill=1)
            xx += bw + brng.choice([0.6, 1.2])
    c.restoreState()
    box = (x0 - 2, top - slack, x0 + w + 2, top + h + slack)
    doc.mark("identity")
    doc.add_box(box)
    doc.unmark()
    if M.CHECK_OVERLAP:
        doc.check_overlap(box, "étiquette")
    return top + h + slack + 6


def id_il_sagit(doc, I, rng, reason):
    """The body opens on 'Il s'agit d'une patiente de 62 ans, …' with the civil status spelt the
    way people say it (épouse, veuve, nom d'usage), the national identifier in a sentence of its own."""
    size = doc.size
    f = I.sex == "F"
    L = doc.letter
    if I.child:
        who = "d'une enfant" if f else "d'un enfant"
    else:
        who = "d'une patiente" if f else "d'un patient"
    civ = I.civ(rng, rng.choice(["long", "short", "short"]))
    given = _firsts(I, rng, ("first", "first", "all"))
    if I.used:
        if f:
            link = rng.choice(["épouse", "épouse", "veuve"])
            name = rng.choice(["%s %s %s %s %s" % (civ, given, I.birth, link, I.used),
                               "%s %s %s, née %s" % (civ, given, I.used, I.birth),
                               "%s %s %s (nom de naissance %s)" % (civ, I.used, given, I.birth)])
        else:
            name = rng.choice(["%s %s %s, nom d'usage %s" % (civ, given, I.birth, I.used),
                               "%s %s %s (né %s)" % (civ, given, I.used, I.birth)])
    else:
        name = rng.choice(["%s %s %s" % (civ, given, I.birth), "%s %s %s" % (civ, I.birth, given)])
    born = "%s le %s" % (I.born(), _date(I, rng, ["words", "words", "slash", "abbr", "nopad"]))
    if I.place:
        born += _born_at(I, rng)
    seen = rng.choice(["que je vois ce jour", "reçu%s ce jour en consultation" % ("e" if f else ""),
                       "hospitalisé%s dans le service" % ("e" if f else ""), "que vous m'adressez"])
    s = "Il s'agit %s de %s, %s, %s, %s %s." % (who, _age(I), name, born, seen, reason)
    if I.child and I.insured and rng.random() < 0.6:
        ins = I.insured
        s += " %s est accompagné%s de %s, %s %s %s." % ("Elle" if f else "Il", "e" if f else "",
                                                        "sa mère" if ins["civ"] == "Mme" else "son père", ins["civ"],
                                                        ins["given"], ins["family"])
        L.traps.append("parent-named")
    doc.mark("identity")
    doc.para(s, size, keep=True, after=size * 0.3)
    if I.ins:
        t = rng.choice(["Son matricule INS est le %s%s.", "Matricule INS : %s%s (identité qualifiée).",
                        "INS de %s : %%s%%s." % ("la patiente" if f else "le patient")])
        oid = (" " + _oid(rng)) if I.oid else ""
        doc.para(t % (_ins(I, rng, INS_ANY), oid), max(7.5, size - 0.5), keep=True)
    doc.unmark()


def id_ascii_table(doc, I, rng):
    """A table drawn with characters by a text-mode program: '+----+' borders and '|' between
    the label and the value, labels in capitals without accents."""
    font = _mono_font(rng)
    sl, sh = _slot_room(doc)
    upper = rng.random() < 0.6
    rows = [("NOM NAISSANCE" if upper else "Nom naissance", I.birth)]
    if I.used:
        rows.append(("NOM UTILISE" if upper else "Nom utilisé", I.used))
    given = _firsts(I, rng, ("all", "all", "first"))
    rows.append(("PRENOMS" if upper else "Prénoms", M.insi(given) if upper else given))
    rows.append(("DATE NAISS." if upper else "Date naiss.", _date(I, rng, ["slash", "dot", "slash"])))
    rows.append(("SEXE" if upper else "Sexe", _sex(I, rng, ["letter", "letter", "upper" if upper else "word"])))
    if I.place:
        rows.append(("LIEU NAISS." if upper else "Lieu naiss.", _place(I, rng, ["code", "code-dash", "paren"])
                     if not upper else M.insi(_place(I, rng, ["code", "code-dash", "paren"]))))
    if I.ins:
        rows.append(("MATRICULE INS" if upper else "Matricule INS", _ins(I, rng, ["plain", "grouped", "plain"])))
        if I.oid:
            rows.append(("OID INS" if upper else "OID", M.TEST_OID))
    if I.ipp and rng.random() < 0.5:
        rows.append(("IPP", I.ipp))
        I.uses.add("ipp")
    title = rng.choice(["IDENTITE PATIENT", "PATIENT", "IDENTIFICATION"])
    lw = max(len(r[0]) for r in rows)
    vw = max(max(len(r[1]) for r in rows), len(title) - lw - 3)
    rule = "+" + "-" * (lw + 2) + "+" + "-" * (vw + 2) + "+"
    out = [rule, "| " + title.ljust(lw + vw + 3) + " |", rule]
    for lb, v in rows:
        out.append("| " + lb.ljust(lw) + " | " + v + " " * (vw - len(v)) + " |")
    out.append(rule)
    x0 = doc.left + sl
    with _Face(doc, font):
        size = _fit(doc, [out[0]], doc.right - x0, min(I.size, 9), floor=5.0)
        lead = size * 1.18
        doc.need(max(lead * len(out), sh) + 8)
        top = doc.y
        if sl:
            _slot_set(doc, doc.left, top)
        doc.mark("identity")
        y = top
        for t in out:
            y += lead * 0.8
            doc.text(x0, y, t, size)
            y += lead * 0.2
        doc.unmark()
    doc.y = max(y, top + sh) + I.size * 0.8


def id_liaison_sheet(doc, I, rng):
    """An emergency liaison sheet (care home, home care): the patient in the left column, the
    place of life, the person to call and the advance directives in the right one, with boxes."""
    L = doc.letter
    size = max(7, min(I.size - 0.5, 9.5))
    small = max(6, size - 1.5)
    f = I.sex == "F"
    left = [(rng.choice(["Nom de naissance", "Nom"]), I.birth, True)]
    if I.used:
        left.append((rng.choice(["Nom d'usage", "Nom utilisé"]), I.used, True))
    left.append((rng.choice(["Prénom(s)", "Prénoms"]), _firsts(I, rng), False))
    left.append((rng.choice(["Né(e) le", "Date de naissance"]), _date(I, rng, DATE_ANY), False))
    left.append(("Sexe", _sex(I, rng, ["word", "letter"]), False))
    if I.place:
        left.append((rng.choice(["Lieu de naissance", "Né(e) à"]), _place(I, rng, PLACE_ANY), False))
    if I.ins:
        left.append(("INS", _ins(I, rng, INS_ANY), False))
        if I.oid:
            left.append(("OID", M.TEST_OID, False))
    right = []
    if I.child:
        if I.insured:
            ins = I.insured
            who = "%s %s %s (%s)" % (ins["civ"], ins["given"], ins["family"],
                                     "mère" if ins["civ"] == "Mme" else "père")
        else:
            c_, g_, fam = _person(rng, family=I.birth)
            who = "%s %s %s (%s)" % (c_, g_, fam, "mère" if c_ == "Mme" else "père")
        right.append(("Représentant légal", who, False))
        right.append(("Téléphone", _mobile(rng), False))
        right.append(("Lieu de vie", rng.choice(["Domicile parental", "Domicile"]), False))
    else:
        c_, g_, fam = _person(rng)
        rel = rng.choice(["fille", "fils", "épouse", "époux", "nièce", "voisin"])
        right.append(("Lieu de vie", rng.choice(["EHPAD Les Tilleuls – ch. %d" % rng.randint(1, 240),
                                                 "Résidence du Parc, chambre %d" % rng.randint(1, 240),
                                                 "Domicile, seul%s" % ("e" if f else ""),
                                                 "Domicile avec conjoint"]), False))
        right.append((rng.choice(["Personne de confiance", "Personne à prévenir"]),
                      "%s %s %s (%s)" % (c_, g_, fam, rel),
                      False))
        right.append(("Téléphone", _mobile(rng), False))
    L.traps += ["person-to-call", "mobile-phone"]
    cap = rng.choice(["DOCUMENT DE LIAISON D'URGENCE", "FICHE DE LIAISON", "Fiche de liaison – identité"])
    sl, sh = _slot_room(doc)
    x0 = doc.left
    width = doc.right - x0 - sl
    gap = 14
    wl = width * 0.56
    wr = width - wl - gap
    hl = _pairs_column(doc, x0 + 4, 0, wl - 4, left, size, small, draw=False)
    hr = _pairs_column(doc, x0 + wl + gap, 0, wr, right, size, small, draw=False) + doc.lead(size) * 2 + 4
    tb = size * 1.9
    h = tb + 4 + max(hl, hr) + 6
    doc.need(max(h, sh) + 10)
    top = doc.y
    if sl:
        _slot_set(doc, x0 + width + 4, top)
    doc.rect(x0, top, width, tb, lw=0.1, fill=0.85, stroke=False)
    doc.text(x0 + width / 2, top + tb * 0.68, cap, size, bold=True, align="centre")
    doc.mark("identity")
    _pairs_column(doc, x0 + 4, top + tb + 4, wl - 4, left, size, small)
    doc.unmark()
    y = _pairs_column(doc, x0 + wl + gap, top + tb + 4, wr, right, size, small)
    lead = doc.lead(size)
    y += lead * 0.8 + 2
    doc.text(x0 + wl + gap, y, "Directives anticipées :", small, gray=0.35)
    xx = x0 + wl + gap + doc.sw("Directives anticipées : ", small) + 2
    yes = rng.random() < 0.4
    for on, word in ((yes, "oui"), (not yes, "non")):
        xx += _checkbox(doc, xx, y, size, on) + 3
        xx += doc.text(xx, y, word, size) + 8
    doc.vline(x0 + wl + gap / 2, top + tb + 4, top + h - 4, 0.4)
    doc.hline(x0, x0 + width, top + h, 0.8)
    doc.y = top + max(h, sh) + I.size


def id_receipt(doc, I, rng):
    """An admission ticket from a thermal printer: a narrow centred column in a fixed-width face
    between rows of '=' and '-', in capitals."""
    L = doc.letter
    font = _mono_font(rng)
    given = M.insi(_firsts(I, rng, ("all", "first", "all")))
    lines = [M.insi(L.hospital["short"]), rng.choice(["ADMISSION", "BUREAU DES ENTREES", "ACCUEIL"]), "-",
             "%s %s" % (I.birth, given)]
    if I.used:
        lines.append(rng.choice(["NOM UTILISE : ", "NU : ", "EP. " if I.sex == "F" else "NU : "]) + I.used)
    lines.append("NE(E) LE %s  SEXE %s" % (_date(I, rng, ["slash", "dot"]), _sex(I, rng, ["letter"])))
    if I.place:
        lines.append("LIEU NAISS. " + M.insi(_place(I, rng, ["code", "code-dash", "paren"])))
    if I.ins:
        lines.append("INS " + _ins(I, rng, ["plain", "grouped"]))
        if I.oid:
            lines.append("OID " + M.TEST_OID)
    if I.ipp:
        lines.append("IPP " + I.ipp)
        I.uses.add("ipp")
    if I.nda:
        lines.append("SEJOUR " + I.nda)
        I.uses.add("nda")
    lines.append("ENTREE %s %02d:%02d" % (_day(rng, 2, 20), rng.randint(7, 20), rng.randint(0, 59)))
    L.traps.append("stay-dates")
    n = max(len(t) for t in lines)
    rule = rng.choice(["=", "*"]) * n
    out = [rule] + [("-" * n if t == "-" else t) for t in lines] + [rule]
    sl, sh = _slot_room(doc)
    with _Face(doc, font):
        size = _fit(doc, [rule], min(260, doc.right - doc.left - sl - 10), 7.5, floor=5.0)
        lead = size * 1.22
        tw = doc.sw(rule, size)
        doc.need(max(lead * len(out), sh) + 8)
        side = rng.choice(["centre", "centre", "right"])
        cx = (doc.left + doc.right) / 2 if side == "centre" else doc.right - sl - tw / 2 - 4
        cx = min(cx, doc.right - sl - tw / 2 - 4)
        y = doc.y
        if sl:
            _slot_set(doc, cx + tw / 2 + 8, y)
        doc.mark("identity")
        for t in out:
            y += lead * 0.8
            doc.text(cx, y, t, size, align="centre")
            y += lead * 0.2
        doc.unmark()
    doc.y = max(y, doc.y + sh) + I.size


def id_topic_rows(doc, I, rng):
    """The traits gathered by topic, a topic a line: its name in bold small capitals, a dash,
    then everything about it ('Naissance — 12/03/1964, Brest (29019)')."""
    size = I.size
    small = max(6.5, size - 1)
    upper = rng.random() < 0.5
    given = _firsts(I, rng)
    order = rng.choice(["family", "given"])
    base = "%s %s" % (I.birth, given) if order == "family" else "%s %s" % (given, I.birth)
    if I.used:
        base = rng.choice(["%s, nom utilisé %s" % (base, I.used), "%s (usage : %s)" % (base, I.used)])
    rows = [("Identité", base)]
    d = _date(I, rng, DATE_ANY)
    if I.place:
        rows.append(("Naissance", rng.choice(["%s, %s" % (d, _place(I, rng, PLACE_ANY)),
                                              "le %s%s" % (d, _born_at(I, rng))])))
    else:
        rows.append(("Naissance", d))
    rows.append(("Sexe", _sex(I, rng, ["word", "lower", "letter"])))
    if I.ins:
        rows.append(("INS", _ins(I, rng, INS_ANY) + (" – " + _oid(rng) if I.oid else "")))
    if rng.random() < 0.4:
        rows.insert(2, ("Âge", _age(I)))
    dash = rng.choice(["—", "–", ":"])
    lab = [(t.upper() if upper else t) for t, _ in rows]
    tw = max(doc.sw(t, small, bold=True) for t in lab) + 6
    lead = doc.lead(size)
    width = doc.right - doc.left - tw - 14
    plans = []
    for t, (_, v) in zip(lab, rows):
        vs = _fit(doc, [w for w in v.split(" ") if w], width, size, floor=5.0)
        plans.append((t, doc.wrap(v, width, vs), vs))
    doc.need(lead * sum(len(p[1]) for p in plans) + 6)
    doc.mark("identity")
    for t, parts, vs in plans:
        doc.y += lead * 0.8
        doc.text(doc.left, doc.y, t, small, bold=True)
        doc.text(doc.left + tw, doc.y, dash, size)
        for k, part in enumerate(parts):
            if k:
                doc.y += lead
            doc.text(doc.left + tw + 12, doc.y, part, vs)
        doc.y += lead * 0.2
    doc.unmark()
    doc.gap(size * 0.8)


def id_contact_card(doc, I, rng):
    """Opposite the letterhead, set flush right: the patient as a practice file shows them, with
    their home address and phone, the birth and the national identifier under it."""
    W = M.W
    L = doc.letter
    size = max(7.5, min(I.size - 0.5, 9))
    civ = I.civ(rng, rng.choice(["short", "long"]))
    given = _firsts(I, rng, ("first", "all"))
    items = [(rng.choice(["Patient(e)", "Dossier patient", "Coordonnées du patient"]), size - 1.5, False, True, 0.4)]
    if I.used:
        items.append(("%s %s %s" % (civ, given, I.used), size + 0.5, True, False, 0))
        items.append(("%s %s" % (I.born(), I.birth), size, False, False, 0))
    else:
        items.append((rng.choice(["%s %s %s" % (civ, given, I.birth), "%s %s %s" % (civ, I.birth, given)]), size + 0.5,
                      True, False, 0))
    street, pc, city = L.patient["home"]
    items.append((street, size, False, False, 0))
    items.append(("%s %s" % (pc, city if rng.random() < 0.6 else M.title_city(city)), size, False, False, 0))
    items.append(("Tél. " + _mobile(rng), size, False, False, 0))
    born = "%s le %s" % (I.born().capitalize(), _date(I, rng, DATE_ANY))
    if I.place and rng.random() < 0.5:
        items.append((born + _born_at(I, rng), size, False, False, 0))
    else:
        items.append((born, size, False, False, 0))
        if I.place:
            items.append(("Lieu de naissance : " + _place(I, rng, PLACE_ANY), size, False, False, 0))
    items.append(("Sexe : " + _sex(I, rng, ["letter", "word"]), size, False, False, 0))
    if I.ins:
        items.append((rng.choice(["INS : ", "Matricule INS : "]) + _ins(I, rng, INS_ANY), size, False, False, 0))
        if I.oid:
            items.append(("OID : " + M.TEST_OID, size - 1, False, False, 0))
    L.traps += ["patient-address", "patient-phone"]
    x1 = W - 40
    limit = x1 - (W / 2 + 14)
    items = [(t, _fit(doc, [t], limit, sz, bold=b, italic=i, floor=6.0), b, i, g) for t, sz, b, i, g in items]
    items = _wrap_items(doc, items, limit)
    top = _clear_top(doc, x1 - _widest(doc, items), x1, rng.choice([36, 44, 52]), _items_h(doc, items))
    doc.mark("identity")
    bottom, _ = _lines(doc, x1, top, items, align="right")
    doc.unmark()
    return bottom + 6


def id_caps_run(doc, I, rng):
    """A mail-merge paragraph in capitals without accents: 'NOM DE NAISSANCE : … / PRENOM(S) : …'
    the fields separated by slashes, behind a rule on the left."""
    font = _block_font(rng, 0.5)
    size = max(7.5, min(I.size, 10))
    given = M.insi(_firsts(I, rng))
    parts = ["NOM DE NAISSANCE : " + I.birth]
    if I.used:
        parts.append(rng.choice(["NOM UTILISE : ", "NOM D'USAGE : "]) + M.insi(I.used))
    parts.append(rng.choice(["PRENOM(S) : ", "PRENOMS : "]) + given)
    parts.append(rng.choice(["NE(E) LE : ", "DATE DE NAISSANCE : "]) + _date(I, rng, ["slash", "dot", "words-upper"]))
    parts.append("SEXE : " + M.insi(_sex(I, rng, ["letter", "upper"])))
    if I.place:
        parts.append(rng.choice(["LIEU DE NAISSANCE : ", "COMMUNE DE NAISSANCE : "]) + M.insi(
            _place(I, rng, ["code", "code-dash", "paren"])))
    if I.ins:
        parts.append("INS : " + _ins(I, rng, INS_ANY))
        if I.oid:
            parts.append("OID : " + M.TEST_OID)
    sep = rng.choice([" / ", " // ", " - "])
    runs = [(_nb(p) + ("" if k == len(parts) - 1 else sep.rstrip()), False, False) for k, p in enumerate(parts)]
    heading = rng.choice([None, "IDENTITE DU PATIENT", "PATIENT (TRAITS INS)"])
    with _Face(doc, font):
        x0 = doc.left + 8
        lines = _rich_lines(doc, runs, doc.right - x0, size)
        lead = doc.lead(size)
        doc.need(lead * (len(lines) + (1 if heading else 0)) + 8)
        top = doc.y
        doc.mark("identity")
        if heading:
            doc.line(heading, size - 1, bold=True, x=x0)
        y = _rich_draw(doc, x0, doc.y, lines, size)
        doc.unmark()
    doc.vline(doc.left + 2, top + 2, y + 2, rng.choice([1.2, 2.0]))
    doc.y = y + size


def id_value_label_table(doc, I, rng):
    """A ruled table read the other way round: each value in bold in the first column, what it
    is in small grey italics in the second; a shaded caption row over both."""
    size = max(7, min(I.size, 10))
    small = max(6, size - 2)
    sl, sh = _slot_room(doc)
    rows = [(I.birth, rng.choice(["nom de naissance", "nom de famille (naissance)"]))]
    if I.used:
        rows.append((I.used, rng.choice(["nom utilisé", "nom d'usage", "nom porté"])))
    rows.append((_firsts(I, rng), rng.choice(["prénom(s) de naissance", "prénoms", "prénom(s) d'état civil"])))
    rows.append((_date(I, rng, DATE_ANY), rng.choice(["date de naissance", "né(e) le"])))
    rows.append((_sex(I, rng, ["word", "letter", "person"]), "sexe"))
    if I.place:
        rows.append((_place(I, rng, PLACE_ANY), rng.choice(["lieu de naissance", "commune ou pays de naissance"])))
    if I.ins:
        rows.append((_ins(I, rng, INS_ANY),
                     rng.choice(["matricule INS", "INS (NIR)", "identifiant national de santé"])))
        if I.oid:
            rows.append((M.TEST_OID, "OID de l'INS"))
    cap = rng.choice(["Identification du patient", "IDENTITÉ", "Patient(e)"])
    x0 = doc.left + sl
    width = min(doc.right - x0, 400)
    vw = max(doc.sw(v, size, bold=True) for v, _ in rows) + 12
    lw = max(doc.sw(lb, small, italic=True) for _, lb in rows) + 12
    if vw + lw > width:
        vw = width - lw
    lead = doc.lead(size)
    rh = lead + 4
    h = rh * (len(rows) + 1)
    doc.need(max(h, sh) + 10)
    top = doc.y
    if sl:
        _slot_set(doc, doc.left, top)
    doc.rect(x0, top, vw + lw, rh, lw=0.5, fill=0.85)
    doc.text(x0 + 5, top + rh - 4, cap, size, bold=True)
    doc.mark("identity")
    for k, (v, lb) in enumerate(rows):
        y = top + rh * (k + 1)
        doc.rect(x0, y, vw, rh, lw=0.4)
        doc.rect(x0 + vw, y, lw, rh, lw=0.4)
        vs = _fit(doc, [v], vw - 10, size, bold=True, floor=5.0)
        doc.text(x0 + 5, y + rh - 4, v, vs, bold=True)
        doc.text(x0 + vw + 5, y + rh - 4, lb, small, italic=True, gray=0.4)
    doc.unmark()
    doc.y = top + max(h, sh) + I.size


def id_mail_subject(doc, I, rng):
    """The head of a secure health message printed with its attachment: 'De :', 'Objet :' with
    the patient and the birth date, the attachment's file name, then the patient in full."""
    L = doc.letter
    size = max(7, min(I.size - 0.5, 9.5))
    first = I.first_names(rng, "first")
    dom = L.hospital["domain"].replace(".fr", ".mssante.fr")
    unit = M.insi(L.author.service.split()[0]).lower().replace(" ", "-").replace("'", "")
    sender = "%s.%s@%s" % (rng.choice(["secretariat", "sec", "courrier"]), unit, dom)
    kinds = {"11490-0": "LL", "34874-8": "CRO", "57833-6": "ORDO", "11488-4": "CR_CONSULT", "34112-3": "CRH",
             "96349-6": "ADRESSAGE", "89601-9": "CERTIF", "18748-4": "CR_IMAGERIE", "15507-7": "CR_URG"}
    fam = I.used or I.birth
    fname = "%s_%s_%s_%s.pdf" % (kinds.get(L.doc_code, "DOC"), M.insi(fam).replace(" ", "-").replace("'", ""),
                                 M.insi(first).replace(" ", "-"), I.iso.replace("-", ""))
    d = _date(I, rng, DATE_NUM)
    heads = [("De :", sender),
             ("Objet :", rng.choice(["%s – %s %s – %s %s" % (L.title, fam, first, I.born_label(rng).lower(), d),
                                     "[%s %s, %s] %s" % (fam, first, d, L.title)])),
             (rng.choice(["Pièce jointe :", "PJ :"]), "%s (%d Ko)" % (fname, rng.randint(40, 400)))]
    L.traps += ["attachment-name", "sender-mailbox"]
    given = _firsts(I, rng)
    pat = "%s %s" % (I.birth, given)
    if I.used:
        pat += " (%s %s)" % (rng.choice(["nom utilisé", "usage"]), I.used)
    l1 = [rng.choice(["Patient(e) : ", "Patient : "]) + pat, "Sexe : " + _sex(I, rng, ["letter", "word"])]
    if I.place:
        l1.append(rng.choice(["Né(e) à : ", "Lieu de naissance : "]) + _place(I, rng, PLACE_ANY))
    l2 = []
    if I.ins:
        l2.append("INS : " + _ins(I, rng, INS_ANY))
        if I.oid:
            l2.append("OID : " + M.TEST_OID)
    l2.append("%s : %s" % (rng.choice(["Date de naissance", "DDN"]), _date(I, rng, DATE_ANY)))
    lead = doc.lead(size)
    lw = max(doc.sw(lb, size, bold=True) for lb, _ in heads) + 6
    width = doc.right - doc.left
    plans = [(lb, doc.wrap(v, width - lw, size)) for lb, v in heads]
    body = doc.wrap(" – ".join(l1), width, size) + doc.wrap(" – ".join(l2), width, size)
    h = lead * (sum(len(p) for _, p in plans) + len(body)) + 16
    doc.need(h + 10)
    top = doc.y
    doc.text(doc.left, top + size * 0.9, rng.choice(["Message sécurisé de santé", "MSSanté – message reçu"]),
             size - 1.5, italic=True, gray=0.4)
    doc.hline(doc.left, doc.right, top + size + 2, 0.6)
    y = top + size + 3
    for lb, parts in plans:
        for k, part in enumerate(parts):
            y += lead * 0.8
            if not k:
                doc.text(doc.left, y, lb, size, bold=True)
            doc.text(doc.left + lw, y, part, size)
            y += lead * 0.2
    doc.hline(doc.left, doc.right, y + 2, 0.4)
    y += 4
    doc.mark("identity")
    for part in body:
        y += lead * 0.8
        doc.text(doc.left, y, part, size)
        y += lead * 0.2
    doc.unmark()
    doc.y = y + I.size


IDENTITY_FAMILIES = {
    "j-id-a": (id_float_box, "flow"),
    "j-id-b": (id_screen_form, "flow"),
    "j-id-c": (id_er_grid, "flow"),
    "j-id-d": (id_beneficiary, "flow"),
    "j-id-e": (id_band_page, "band"),
    "j-id-f": (id_footer_merged, "footer"),
    "j-id-g": (id_tilted_sticker, "top-right"),
    "j-id-h": (id_il_sagit, "body"),
    "j-id-i": (id_ascii_table, "flow"),
    "j-id-j": (id_liaison_sheet, "flow"),
    "j-id-k": (id_receipt, "flow"),
    "j-id-l": (id_topic_rows, "flow"),
    "j-id-m": (id_contact_card, "top-right"),
    "j-id-n": (id_caps_run, "flow"),
    "j-id-o": (id_value_label_table, "flow"),
    "j-id-p": (id_mail_subject, "flow"),
}


# ---------------------------------------------------------------------------------------------
# Addressees


def ad_care_of(doc, L, rng):
    """Right window: 'M. le Dr DUPONT Jean' (the title shortened after the civility), then who
    the letter goes through: 's/c' the secretariat, 'aux bons soins de' someone, then the place."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pname(p, rng, rng.choice(["m-le-dr", "m-le-dr-gf", "m-le-dr", "m-le-dr-init"]))
    items = [(name, size, rng.random() < 0.5, False, 0)]
    if rng.random() < 0.4:
        items.append((_spec(p, rng), size - 0.5, False, False, 0))
    if p.salaried:
        items.append((rng.choice(["s/c du secrétariat – %s" % M.service_of(p.service),
                                  "S/C Secrétariat médical, %s" % M.service_of(p.service).lower(),
                                  "Aux bons soins du secrétariat de %s" % M.lower_service(p.service)]),
                      size - 0.5, False, True, 0))
        items.append((_site(p, rng), size, False, False, 0))
    elif rng.random() < 0.5:
        c_, g_, fam = _person(rng, "F")
        items.append(("Aux bons soins de %s %s %s" % (c_, g_, fam), size - 0.5, False, True, 0))
        L.traps.append("care-of-person")
    else:
        items.append(("%s %s" % (rng.choice(["s/c Cabinet médical", "S/C Maison de santé", "s/c Cabinet de groupe"]),
                                 rng.choice(["du Parc", "des Lilas", "Pasteur", "de la Gare", "du Centre"])),
                      size - 0.5, False, True, 0))
    city = M.city_text(p, rng)
    items.append((p.street_line(), size, False, False, 0))
    items.append(("%s %s" % (p.postcode, city), size, False, False, 0))
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    bottom, x0, x1 = _window_at(doc, items, rng.choice([306, 318, 330]), _win_top(doc, rng), M.W - 32)
    return _under_window(doc, x0, x1, bottom)


def ad_given_in_brackets(doc, L, rng):
    """Left window: 'Docteur DUPONT (Jean)', the given name in brackets after the family name, the
    specialty in italics, the place, the phone of the practice."""
    p = L.to
    size = min(doc.size + 0.5, 11)
    name, gf = _pname(p, rng, rng.choice(["word-paren", "short-paren", "word-paren"]))
    items = [(name, size, True, False, 0)]
    if rng.random() < 0.7:
        items.append((_spec(p, rng), size - 0.5, False, True, 0))
    if p.salaried:
        if rng.random() < 0.6:
            items.append((M.service_of(p.service), size, False, False, 0))
        items.append((_site(p, rng), size, False, False, 0))
    city = M.city_text(p, rng)
    items.append((p.street_line(), size, False, False, 0))
    items.append(("%s %s" % (p.postcode, city), size, False, False, 0))
    if rng.random() < 0.6:
        items.append((rng.choice(["Tél. ", "Tél : ", "Téléphone : "]) + _nb(p.phone), size - 1, False, False,
                      0))
        L.traps.append("recipient-phone")
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    x = rng.choice([52, 60, 68])
    limit = M.W / 2 - 14
    items = [(t, _fit(doc, [w for w in t.split(" ") if w], limit - x, sz, bold=b, italic=i, floor=6), b, i, g)
             for t, sz, b, i, g in items]
    items = _wrap_items(doc, items, limit - x)
    top = _win_top(doc, rng)
    bottom, w = _lines(doc, x, top, items)
    return _under_window(doc, x, x + w, bottom)


def ad_closing_box(doc, L, rng):
    """No window: the letter ends on a framed block telling whom it was addressed to, with the
    full address and how it was sent."""
    p = L.to
    name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial", "m-le-dr"]))
    city = M.city_text(p, rng)
    lines = [name]
    if rng.random() < 0.7:
        lines.append(_spec(p, rng))
    if p.salaried:
        lines.append(_site(p, rng))
    lines += [p.street_line(), "%s %s" % (p.postcode, city)]
    channel = rng.choice([None, "Envoi par messagerie sécurisée de santé", "Envoi postal",
                          "Transmis par MSSanté le %s" % _day(rng, 20, 23)])
    cap = rng.choice(["Courrier adressé à :", "Destinataire du présent courrier :", "DESTINATAIRE", "Adressé au :"])
    right = rng.random() < 0.5
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    orig = doc.finish

    def finish():
        size = max(7.5, doc.size - 0.5)
        items = [(cap, size - 1, True, False, 0.3)] + [(t, size, k == 0, False, 0) for k, t in enumerate(lines)]
        if channel:
            items.append((channel, size - 1, False, True, 0.3))
        w = min(doc.right - doc.left, _widest(doc, items) + 20)
        items = _wrap_items(doc, items, w - 16)
        h = _items_h(doc, items) + 10
        doc.gap(doc.size * 0.8)
        doc.need(h + 6)
        top = doc.y
        x = doc.right - w if right else doc.left
        _open_frame(doc, x, top, w, h, lw=0.6)
        _lines(doc, x + 8, top + 5, items)
        doc.y = top + h + 4
        orig()

    doc.finish = finish
    return None


def ad_from_to(doc, L, rng):
    """The administrative heading centred under the letterhead: 'Le Docteur …' (the sender), a
    line 'à', then 'Monsieur le Docteur …' and the place of the addressee."""
    p, a = L.to, L.author
    size = max(8, min(doc.size, 10.5))
    f = p.sex == "F"
    apr = a.title == "PR"
    if a.sex == "F" and rng.random() < 0.4:
        au = "La Professeure" if apr else "La Docteure"
    else:
        au = "Le Professeur" if apr else "Le Docteur"
    sender = "%s %s %s" % (au, a.given, a.family)
    role = rng.choice(["Praticien hospitalier", "Chef de service", "Médecin du service", "Praticien"]) + \
        ", " + M.service_of(a.service).lower()
    word = "Professeur" if p.title == "PR" else "Docteur"
    if f and rng.random() < 0.4:
        civ, word = "Madame la ", word + "e"
    else:
        civ = "Madame le " if f else "Monsieur le "
    name = "%s%s %s %s" % (civ, word, p.given, p.family)
    city = M.city_text(p, rng)
    items = [(sender, size, True, False, 0), (role, size - 1, False, True, 0.3),
             ("à", size, False, True, 0), (name, size, True, False, 0)]
    if rng.random() < 0.6:
        items.append((_spec(p, rng), size - 0.5, False, False, 0))
    if p.salaried:
        items.append((_site(p, rng), size, False, False, 0))
    items.append((p.street_line(), size, False, False, 0))
    items.append(("%s %s" % (p.postcode, city), size, False, False, 0))
    L.mentions.add(p, "to", name, "full", city, p.postcode)
    L.traps.append("sender-before-addressee")
    x0 = doc.left if doc.left < 100 else 45
    x1 = doc.right
    items = [(t, _fit(doc, [t], x1 - x0, sz, bold=b, italic=i), b, i, g) for t, sz, b, i, g in items]
    top = max(getattr(doc, "header_bottom", 100) + rng.choice([12, 18]), 118)
    bottom, w = _lines(doc, (x0 + x1) / 2, top, items, align="centre")
    return _under_window(doc, (x0 + x1 - w) / 2, (x0 + x1 + w) / 2, bottom, 6)


def ad_envelope_label(doc, L, rng):
    """Right window printed on an address label in capitals by another program, in a rounded
    frame with a bar code and the mailing reference."""
    p = L.to
    W = M.W
    font = _mono_font(rng) if rng.random() < 0.6 else _block_font(rng, 1.0)
    name, gf = _pname(p, rng, rng.choice(["caps", "caps-gf", "caps"]))
    lines = [name]
    if rng.random() < 0.5:
        lines.append(M.insi(_spec(p, rng)))
    if p.salaried:
        lines.append(M.insi(p.site))
    city = M.insi(p.city)
    lines += [M.insi(p.street_line()), "%s %s" % (p.postcode, city)]
    ref = "Réf. envoi %s-%06d" % (rng.choice(["2026", "CR26", "LT"]), rng.randint(0, 999999))
    L.traps.append("mailing-reference")
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    x = rng.choice([300, 312, 324])
    top = _win_top(doc, rng)
    with _Face(doc, font):
        size = _fit(doc, lines, W - 40 - x - 16, min(doc.size, 9.5), bold=True, floor=6)
        lead = doc.lead(size)
        w = max(doc.sw(t, size, bold=(k == 0)) for k, t in enumerate(lines)) + 16
        bars = rng.random() < 0.6
        h = lead * len(lines) + 10 + (18 if bars else 0)
        _round_frame(doc, x, top, w, h, radius=6, lw=0.5)
        y = top + 5
        for k, t in enumerate(lines):
            y += lead * 0.8
            doc.text(x + 8, y, t, size, bold=(k == 0))
            y += lead * 0.2
        if bars:
            _barcode(doc, x + 8, y + 3, min(110, w - 16), 12, rng)
    doc.text(x + 2, top + h + 8, ref, 6, gray=0.4)
    return _under_window(doc, x, x + w, top + h + 9, 3)


def ad_family_only(doc, L, rng):
    """Right window with no given name: 'Cabinet du Docteur DUPONT' or 'Dr DUPONT', the place
    under it; the salutation formal ('Madame le Docteur et chère Consœur,')."""
    p = L.to
    f = p.sex == "F"
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    short, word = ("Pr", "Professeur") if p.title == "PR" else ("Dr", "Docteur")
    if not p.salaried and rng.random() < 0.5:
        name = "%s %s" % (rng.choice([word, short]), p.family)
        head = rng.choice(["Cabinet du %s", "Cabinet médical du %s"]) % name
        items = [(head, size, True, False, 0)]
    else:
        name = rng.choice(["%s %s" % (short, p.family), "%s %s" % (word, p.family)])
        items = [(name, size, True, False, 0)]
        if p.salaried:
            items.append((M.service_of(p.service), size, False, False, 0))
            items.append((_site(p, rng), size, False, False, 0))
    if rng.random() < 0.5:
        items.append((_spec(p, rng), size - 0.5, False, True, 0))
    city = M.city_text(p, rng)
    items.append((p.street_line(), size, False, False, 0))
    items.append(("%s %s" % (p.postcode, city), size, False, False, 0))
    L.mentions.add(p, "to", name, "none", city, p.postcode)
    L.salutation = rng.choice(["%s le %s et %s," % ("Madame" if f else "Monsieur", word,
                                                    "chère Consœur" if f else "cher Confrère"),
                               "%s le %s, %s," % ("Madame" if f else "Monsieur", word,
                                                  "chère Consœur" if f else "cher Confrère"),
                               "%s %s," % ("Chère Consœur" if f else "Cher Confrère", "et amie" if f else "et ami")])
    bottom, x0, x1 = _window_at(doc, items, rng.choice([312, 326, 340]), _win_top(doc, rng), M.W - 34)
    return _under_window(doc, x0, x1, bottom)


def ad_split_columns(doc, L, rng):
    """The addressee on the right in two short columns side by side: who (name, specialty,
    site) on the left of a thin rule, where (street, town, phone) on its right."""
    p = L.to
    W = M.W
    size = min(doc.size, 10)
    name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial"]))
    who = [(name, size, True, False, 0), (_spec(p, rng), size - 0.5, False, True, 0)]
    if p.salaried:
        who.append((_site(p, rng), size - 0.5, False, False, 0))
    city = M.city_text(p, rng)
    where = [(p.street_line(), size, False, False, 0), ("%s %s" % (p.postcode, city), size, False, False, 0)]
    if rng.random() < 0.5:
        where.append(("Tél. " + _nb(p.phone), size - 1, False, False, 0.3))
        L.traps.append("recipient-phone")
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    x0 = rng.choice([W / 2 - 34, W / 2 - 20, W / 2 - 6])
    x1 = W - 34
    top = _win_top(doc, rng)
    ww = min(_widest(doc, who), (x1 - x0) * 0.55)
    wr = x1 - x0 - ww - 18
    who = [(t, _fit(doc, [t], ww, sz, bold=b, italic=i), b, i, g) for t, sz, b, i, g in who]
    where = [(t, _fit(doc, [t], wr, sz, bold=b, italic=i), b, i, g) for t, sz, b, i, g in where]
    ww = _widest(doc, who)
    cap = rng.choice([None, "Destinataire", "À l'attention de"])
    if cap:
        doc.text(x0, top + size - 2, cap, size - 2.5, italic=True, gray=0.4)
        top += size
    b1, _ = _lines(doc, x0, top, who)
    b2, _ = _lines(doc, x0 + ww + 18, top, where)
    doc.vline(x0 + ww + 9, top + 2, max(b1, b2), 0.4)
    bottom = max(b1, b2)
    return _under_window(doc, x0, x1, bottom)


def ad_contacts_table(doc, L, rng):
    """No window: a small ruled 'Correspondants' table under the letterhead, a row per doctor
    with their role; the one the letter is for is marked in the last column."""
    p = L.to
    size = max(7, min(doc.size - 1, 9))
    rows = []
    gp = p.spec is not None and p.spec[0] == M.GP
    name, gf = _pname(p, rng, rng.choice(["dr-nom-prenom", "dr-prenom-nom", "initial"]))
    city = M.city_text(p, rng)
    role = "Médecin traitant" if gp and rng.random() < 0.8 else rng.choice(["Médecin correspondant",
                                                                            "Spécialiste correspondant"])
    mark = rng.choice(["Destinataire", "Oui (destinataire)", "Courrier"])
    rows.append([role, name, city, mark])
    L.mentions.add(p, "to", name, gf, city, None)
    if L.body_named and rng.random() < 0.8:
        q = L.body_named[0]
        qn, _ = _pname(q, rng, rng.choice(["dr-nom-prenom", "dr-prenom-nom"]))
        rows.append([rng.choice(["Médecin adresseur", "Adressé par"]), qn, M.city_text(q, rng), "—"])
        L.traps.append("referrer-row")
    if rng.random() < 0.5:
        rows.append(["Pharmacie", rng.choice(["Pharmacie du Centre", "Pharmacie de la Gare", "Pharmacie des Halles"]),
                     M.city_text(p, rng) if rng.random() < 0.5 else "—", "—"])
    if rng.random() < 0.5:
        rows = [rows[0]] + rng.sample(rows[1:], len(rows) - 1) if len(rows) > 1 else rows
    head = ["Rôle", "Nom", "Ville", rng.choice(["Envoi", "Destinataire", "Courrier"])]
    x0 = doc.left
    width = doc.right - x0
    def widths(sz):
        return [max(doc.sw(r[i], sz, bold=(k == 0 or (k == 1 and i == 3))) for k, r in enumerate([head] + rows)) + 10
                for i in range(4)]

    cw = widths(size)
    if sum(cw) > width:
        size = _fit(doc, [" ".join(r) for r in rows], width - 40, size, floor=5.5)
        cw = widths(size)
    lead = doc.lead(size)
    rh = lead + 4
    top = max(getattr(doc, "header_bottom", 100) + rng.choice([10, 16]), 118)
    cap = rng.choice(["Correspondants médicaux", "Correspondants", "Médecins du patient"])
    doc.text(x0, top + size, cap, size, bold=True)
    top += size + 4
    for r, row in enumerate([head] + rows):
        x = x0
        for i, cell in enumerate(row):
            doc.rect(x, top + r * rh, cw[i], rh, lw=0.4, fill=0.88 if r == 0 else None)
            doc.text(x + 4, top + r * rh + rh - 4, cell, size, bold=(r == 0 or (r == 1 and i == 3)))
            x += cw[i]
    return top + rh * (len(rows) + 1) + 6


def ad_initial_docteur(doc, L, rng):
    """Right window: 'Docteur J.-P. DUPONT' (the title spelt out before initials), the place,
    the country on the last line."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pname(p, rng, "word-initial")
    items = [(name, size, True, False, 0)]
    if rng.random() < 0.6:
        items.append((_spec(p, rng), size - 0.5, False, False, 0))
    if p.salaried:
        items.append((M.service_of(p.service), size, False, False, 0))
        items.append((_site(p, rng), size, False, False, 0))
    city = M.city_text(p, rng)
    items.append((p.street_line(), size, False, False, 0))
    items.append(("%s %s" % (p.postcode, city), size, False, False, 0))
    items.append((rng.choice(["FRANCE", "France"]), size, False, False, 0))
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    bottom, x0, x1 = _window_at(doc, items, rng.choice([310, 322, 334]), _win_top(doc, rng), M.W - 32)
    return _under_window(doc, x0, x1, bottom)


# (draw, window: "right" | "left" | "none" | "flow" | "both", needs a professional addressee)
ADDRESSEE_FAMILIES = {
    "j-ad-a": (ad_care_of, "right", True),
    "j-ad-b": (ad_given_in_brackets, "left", True),
    "j-ad-c": (ad_closing_box, "none", True),
    "j-ad-d": (ad_from_to, "both", True),
    "j-ad-e": (ad_envelope_label, "right", True),
    "j-ad-f": (ad_family_only, "right", True),
    "j-ad-g": (ad_split_columns, "right", True),
    "j-ad-h": (ad_contacts_table, "none", True),
    "j-ad-i": (ad_initial_docteur, "right", True),
}


# ---------------------------------------------------------------------------------------------
# Copies


def cp_footer_line(doc, L, rng):
    """The copies in one small italic line at the foot of every page, over the page footer."""
    H, W = M.H, M.W
    entries = []
    for p in L.copies:
        name, gf = _pname(p, rng, rng.choice(["dr-nom-prenom", "dr-prenom-nom", "initial", "family", "mixed"]))
        city, pc = _copy_place(p, rng, gf, 0.7)
        L.mentions.add(p, "cc", name, gf, city, pc)
        entries.append(_nb(name) + (" (%s)" % _where(city, pc) if city else ""))
    if L.copy_patient:
        entries.append(rng.choice(["patient(e)", _patient_word(L), "copie patient"]))
    if not entries:
        return
    label = rng.choice(["Liste de diffusion :", "Copie(s) :", "Diffusion :", "Destinataires en copie :"])
    text = label + " " + " – ".join(entries)
    size = rng.choice([6, 6.5])
    state = {}

    def foot(d):
        x0, x1 = 40, W - 40
        if "sz" not in state:
            state["sz"] = _fit(d, [text], x1 - x0, size, italic=True, floor=4.0)
        d.text(x0, H - 55, text, state["sz"], italic=True)

    doc.page_end.insert(0, foot)


def cp_leaders(doc, L, rng):
    """Under a caption, one copy a line: the name, dotted leaders, then the specialty and the
    town set flush right."""
    size = max(7.5, doc.size - 1)
    label = rng.choice(["Autres destinataires :", "Exemplaires adressés à :", "Copie conforme à :",
                        "Ce document est également adressé à :"])
    rows = []
    for p in L.copies:
        name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial", "family", "word-initial"]))
        city, pc = _copy_place(p, rng, gf, 0.85)
        L.mentions.add(p, "cc", name, gf, city, pc)
        rows.append((name, " – ".join([_spec(p, rng)] + ([_where(city, pc)] if city else []))))
    if L.copy_patient:
        rows.append((_patient_word(L).capitalize(), rng.choice(["remise en main propre", "par courrier"])))
    if not rows:
        return
    lead = doc.lead(size)
    x0 = doc.left + 10
    dot = doc.sw(".", size)
    doc.gap(size * 0.5)
    doc.need(lead * (len(rows) * 2 + 1))
    doc.line(label, size, bold=rng.random() < 0.6, italic=rng.random() < 0.3)
    for name, right in rows:
        wn = doc.sw(name, size, bold=True)
        wr = doc.sw(right, size)
        doc.need(lead * 2)
        doc.y += lead * 0.8
        doc.text(x0, doc.y, name, size, bold=True)
        if x0 + wn + 24 + wr > doc.right:
            doc.y += lead
            doc.text(doc.right, doc.y, right, size, align="right")
        else:
            n = int((doc.right - wr - 6 - (x0 + wn + 6)) / dot)
            doc.text(x0 + wn + 4, doc.y, "." * max(n, 2), size, gray=0.45)
            doc.text(doc.right, doc.y, right, size, align="right")
        doc.y += lead * 0.2


def cp_side_caption(doc, L, rng):
    """The copies one a line behind a bracket rule, the caption 'COPIES' turned up the left side."""
    H = M.H
    size = max(7.5, doc.size - 1)
    items = []
    for p in L.copies:
        name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial", "family", "m-le-dr"]))
        city, pc = _copy_place(p, rng, gf, 0.8)
        L.mentions.add(p, "cc", name, gf, city, pc)
        t = _nb(name)
        if rng.random() < 0.6:
            t += ", " + _spec_lower(p, rng)
        if city:
            t += " – " + _where(city, pc)
        items.append((t, size, False, False, 0))
    if L.copy_patient:
        items.append((rng.choice(["Patient(e)", _patient_word(L).capitalize()]), size, False, True, 0))
    if not items:
        return
    cap = rng.choice(["COPIES", "COPIE", "CC"])
    cs = 7
    x0 = doc.left
    tx = x0 + cs + 14
    items = _wrap_items(doc, items, doc.right - tx)
    h = max(_items_h(doc, items) + 4, doc.sw(cap, cs, bold=True) + 6)
    doc.gap(size * 0.6)
    doc.need(h + 8)
    top = doc.y
    c = doc.c
    cw = doc.sw(cap, cs, bold=True)
    c.saveState()
    c.translate(x0 + cs, H - (top + h / 2 + cw / 2))
    c.rotate(90)
    c.setFont(doc.fontname(True), cs)
    c.setFillGray(0.3)
    c.drawString(0, 0, cap)
    c.restoreState()
    box = (x0, top + h / 2 - cw / 2, x0 + cs + 2, top + h / 2 + cw / 2)
    doc.add_box(box)
    if M.CHECK_OVERLAP:
        doc.check_overlap(box, cap)
    bx = x0 + cs + 7
    doc.vline(bx, top, top + h, 0.6)
    doc.hline(bx, bx + 4, top, 0.6)
    doc.hline(bx, bx + 4, top + h, 0.6)
    _lines(doc, tx, top + 2, items)
    doc.y = top + h + 4


def cp_caps_line(doc, L, rng):
    """One paragraph in capitals without accents, as a mail merge prints it: 'DESTINATAIRES
    SECONDAIRES : DR DUPONT JEAN (CARDIOLOGUE, BREST) ; …'."""
    font = _block_font(rng, 0.4)
    size = max(7, doc.size - 1.5)
    entries = []
    for p in L.copies:
        form = rng.choice(["caps", "caps-gf", "caps", "fam"])
        if form == "fam":
            name, gf = "DR %s" % p.family, "none"
        else:
            name, gf = _pname(p, rng, form)
        must = p.force_place or gf != "full"
        city = M.insi(p.city) if (must or rng.random() < 0.8) else None
        L.mentions.add(p, "cc", name, gf, city, None)
        inside = [M.insi(_spec(p, rng))] if rng.random() < 0.6 else []
        if city:
            inside.append(city)
        entries.append(_nb(name) + (" (%s)" % ", ".join(inside) if inside else ""))
    if L.copy_patient:
        entries.append(rng.choice(["PATIENT", "PATIENT(E)", "LE PATIENT"]))
    if not entries:
        return
    label = rng.choice(["DESTINATAIRES SECONDAIRES :", "COPIES A :", "DIFFUSION :", "AUTRES DESTINATAIRES :"])
    with _Face(doc, font):
        doc.gap(size * 0.5)
        doc.para(label + " " + " ; ".join(entries), size, keep=True)


def cp_dispatch_box(doc, L, rng):
    """Before the title, a ruled box of two rows: the original (the addressee again) and the
    copies, each behind a shaded caption cell."""
    size = max(7.5, doc.size - 1)
    rows = []
    if L.to is not None and rng.random() < 0.85:
        p = L.to
        name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial"]))
        city, pc = _copy_place(p, rng, gf, 0.7)
        L.mentions.add(p, "to", name, gf, city, pc)
        rows.append((rng.choice(["Original :", "Destinataire :", "Exemplaire original :"]),
                     _nb(name) + (" – " + _where(city, pc) if city else "")))
    entries = []
    for p in L.copies:
        name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial", "family"]))
        city, pc = _copy_place(p, rng, gf, 0.7)
        L.mentions.add(p, "cc", name, gf, city, pc)
        entries.append(_nb(name) + (" – " + _where(city, pc) if city else ""))
    if L.copy_patient:
        entries.append(_patient_word(L))
    if not entries:
        return
    rows.append((rng.choice(["Copies :", "Copie(s) :", "Doubles :"]), " ; ".join(entries)))
    x0 = doc.left
    width = doc.right - x0
    capw = max(doc.sw(c, size, bold=True) for c, _ in rows) + 12
    lead = doc.lead(size)
    plans = [(c, doc.wrap(v, width - capw - 10, size)) for c, v in rows]
    h = sum(lead * len(p) + 6 for _, p in plans)
    doc.gap(2)
    doc.need(h + 8)
    top = doc.y
    y = top
    for c, parts in plans:
        hh = lead * len(parts) + 6
        doc.rect(x0, y, capw, hh, lw=0.4, fill=0.88)
        doc.rect(x0 + capw, y, width - capw, hh, lw=0.4)
        doc.text(x0 + 5, y + 3 + lead * 0.8, c, size, bold=True)
        yy = y + 3
        for part in parts:
            yy += lead * 0.8
            doc.text(x0 + capw + 5, yy, part, size)
            yy += lead * 0.2
        y += hh
    doc.y = y + size


def cp_chips(doc, L, rng):
    """'Copie pour :' then one rounded tag per copy, side by side and wrapping: the name in bold,
    the specialty and town under it in small type."""
    size = max(7.5, doc.size - 1)
    small = size - 1.5
    chips = []
    for p in L.copies:
        name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial", "dr-nom-prenom"]))
        city, pc = _copy_place(p, rng, gf, 0.85)
        L.mentions.add(p, "cc", name, gf, city, pc)
        chips.append((name, " · ".join([_spec(p, rng)] + ([_where(city, pc)] if city else []))))
    if L.copy_patient:
        chips.append((rng.choice(["Patient(e)", _patient_word(L).capitalize()]), rng.choice(["copie remise",
                                                                                          "par courrier"])))
    if not chips:
        return
    cap = rng.choice(["Copie pour :", "Copies :", "En copie :"])
    lead, ls = doc.lead(size), doc.lead(small)
    capw = doc.sw(cap, size, bold=True) + 8
    x0 = doc.left + capw
    avail = doc.right - x0
    plan = []
    for a, b in chips:
        sa = _fit(doc, [a], avail - 12, size, bold=True, floor=5.5)
        sb = _fit(doc, [b], avail - 12, small, floor=5.0)
        w = max(doc.sw(a, sa, bold=True), doc.sw(b, sb)) + 12
        plan.append((a, b, sa, sb, w))
    rows, cur, x = [], [], 0.0
    for item in plan:
        if cur and x + item[4] > avail:
            rows.append(cur)
            cur, x = [], 0.0
        cur.append((x, item))
        x += item[4] + 8
    rows.append(cur)
    ch = lead + ls + 6
    doc.gap(size * 0.5)
    doc.need(ch * len(rows) + 6 * len(rows))
    top = doc.y
    doc.text(doc.left, top + 3 + lead * 0.8, cap, size, bold=True)
    y = top
    for row in rows:
        for dx, (a, b, sa, sb, w) in row:
            _round_frame(doc, x0 + dx, y, w, ch, radius=ch / 3, lw=0.5)
            doc.text(x0 + dx + 6, y + 3 + lead * 0.8, a, sa, bold=True)
            doc.text(x0 + dx + 6, y + 3 + lead + ls * 0.8, b, sb, gray=0.35)
        y += ch + 6
    doc.y = y


# (draw, needs copies, where: "end" after the signature, "top" before the title)
COPIES_FAMILIES = {
    "j-cp-a": (cp_footer_line, True, "top"),
    "j-cp-b": (cp_leaders, True, "end"),
    "j-cp-c": (cp_side_caption, True, "end"),
    "j-cp-d": (cp_caps_line, True, "end"),
    "j-cp-e": (cp_dispatch_box, True, "top"),
    "j-cp-f": (cp_chips, True, "end"),
}


# ---------------------------------------------------------------------------------------------
# DataMatrix positions

DM_POSITIONS = ["j-under-window", "j-beside-signature", "j-frame-slot", "j-under-window", "j-beside-signature",
                "top-left", "footer-right"]


def dm_candidates(d, pos, s, W, H):
    if pos == "j-under-window":
        # Right under the address block, at its right edge, its left edge or its middle.
        if d.page != 1:
            return []
        win = getattr(d, "j_win", None)
        if win:
            x0, x1, b = win
        else:
            b = getattr(d, "win_bottom", None)
            if not b:
                return []
            x0, x1 = W / 2 + 20, W - 40
        out = []
        m = max(5, s / 9) + 1.5
        for dy in (m, m + 4, m + 10, m + 20):
            out += [(x1 - s, b + dy), (x0, b + dy), ((x0 + x1 - s) / 2, b + dy)]
        return out
    if pos == "j-beside-signature":
        # Level with the signature block, on the side of it where the page is empty.
        sig = getattr(d.letter, "sig", None)
        if not sig or sig[0] != d.page:
            return []
        _, y, x = sig
        if x > W / 2 - 40:
            xs = [x - s - 24, x - s - 44, x - s - 80]
        else:
            xs = [x + 200, x + 240, W - 50 - s]
        out = []
        for dy in (0, 8, -8, 18):
            out += [(xx, y + dy) for xx in xs]
        return out
    if pos == "j-frame-slot":
        # The room some identity blocks keep beside them for the code; none elsewhere.
        slot = getattr(d, "j_slot", None)
        if not slot or slot[0] != d.page:
            return []
        return [(slot[1], slot[2])]
    return []
