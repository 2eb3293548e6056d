"""Tuning layout families, twelfth set (see make_letters.py).

These were the held-out families of session 38 (written blind to the reader); once their results
had been studied they joined the tuning part and a new held-out set (heldout_layouts.py) replaced
them.

The families use the helpers of make_letters.py, bound at import time through use().
"""

import datetime

M = None  # the make_letters module


def use(module):
    global M
    M = module


# ---------------------------------------------------------------------------------------------
# Fonts: the running faces of this set (returned by fonts()) and the faces some blocks are set
# in (l_MONO_FONTS for printouts of devices and viewers, l_UI_FONTS for screens). The running
# faces are cuts that no tuning set types its letters in.

l_MONO_FONTS = []  # monospaced cuts that hold the box-drawing characters
l_PLAIN_MONO_FONTS = []  # monospaced cuts without them
l_UI_FONTS = []

_FF = "/usr/share/fonts/truetype/freefont/"
_DV = "/usr/share/fonts/truetype/dejavu/"
_LB = "/usr/share/fonts/truetype/liberation2/"


def fonts(register):
    """The fonts of this set, registered through make_letters.py; a face whose files are missing
    is simply not offered."""
    out = []
    for key, files in (("lLiberationSansHeavy", (_LB + "LiberationSans-Bold.ttf", _LB + "LiberationSans-Bold.ttf",
                                                   _LB + "LiberationSans-BoldItalic.ttf")),
                       ("lFreeSerifBoldItalic", (_FF + "FreeSerifBoldItalic.ttf", _FF + "FreeSerifBoldItalic.ttf",
                                                   _FF + "FreeSerifBoldItalic.ttf")),
                       ("lDejaVuSerifCondBoldItalic", (_DV + "DejaVuSerifCondensed-BoldItalic.ttf",
                                                         _DV + "DejaVuSerifCondensed-BoldItalic.ttf",
                                                         _DV + "DejaVuSerifCondensed-BoldItalic.ttf")),
                       ("lFreeSansBoldOblique", (_FF + "FreeSansBoldOblique.ttf", _FF + "FreeSansBoldOblique.ttf",
                                                   _FF + "FreeSansBoldOblique.ttf"))):
        if register(key, *files):
            out.append(key)
    for key, faces in (("lNimbusSansNarrowBold", ("NimbusSansNarrow-Bold", "NimbusSansNarrow-Bold",
                                                    "NimbusSansNarrow-BoldOblique")),
                       ("lP052BoldItalic", ("P052-BoldItalic", "P052-BoldItalic", "P052-BoldItalic")),
                       ("lBookmanDemiItalic", ("URWBookman-DemiItalic", "URWBookman-DemiItalic",
                                                 "URWBookman-DemiItalic")),
                       ("lNimbusRomanBoldItalic", ("NimbusRoman-BoldItalic", "NimbusRoman-BoldItalic",
                                                     "NimbusRoman-BoldItalic"))):
        if M.register_type1_family(key, *faces):
            out.append(key)
    del l_MONO_FONTS[:]
    del l_PLAIN_MONO_FONTS[:]
    del l_UI_FONTS[:]
    for key, path, bold in (("lMonoDejaVuBold", _DV + "DejaVuSansMono-Bold.ttf", _DV + "DejaVuSansMono-Bold.ttf"),
                            ("lMonoLiberationBold", _LB + "LiberationMono-Bold.ttf", _LB + "LiberationMono-Bold.ttf"),
                            ("lMonoFreeBold", _FF + "FreeMonoBold.ttf", _FF + "FreeMonoBold.ttf")):
        if register(key, path, bold, path):
            l_MONO_FONTS.append(key)
    if M.register_type1_family("lMonoNimbusBold", "NimbusMonoPS-Bold", "NimbusMonoPS-Bold", "NimbusMonoPS-Bold"):
        l_PLAIN_MONO_FONTS.append("lMonoNimbusBold")
    for key, files in (("lUiCondensed", (_DV + "DejaVuSansCondensed.ttf", _DV + "DejaVuSansCondensed-Bold.ttf",
                                           _DV + "DejaVuSansCondensed-Oblique.ttf")),
                       ("lUiFree", (_FF + "FreeSans.ttf", _FF + "FreeSansBold.ttf", _FF + "FreeSansOblique.ttf"))):
        if register(key, *files):
            l_UI_FONTS.append(key)
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


def _mono(rng, boxes=False):
    pool = list(l_MONO_FONTS) if boxes else l_MONO_FONTS + l_PLAIN_MONO_FONTS
    return rng.choice(pool) if pool else "Courier"


def _ui(rng):
    return rng.choice(l_UI_FONTS) if l_UI_FONTS else "Helvetica"


# ---------------------------------------------------------------------------------------------
# Traits as these families print them

_WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_IN_COUNTRY = ("Maroc", "Sénégal", "Portugal", "Cameroun", "Viêt Nam", "Royaume-Uni")


def _nb(s):
    return s.replace(" ", M.NBSP)


def _d(I, rng, styles):
    """The birth date: figures with slashes, dots or dashes (unpadded, two-digit years only where
    the century is certain, year first), in words (with the weekday), the month in capitals."""
    y, m, d = I.iso.split("-")
    style = rng.choice(styles)
    if style == "short" and not 1940 <= int(y) <= 2005:
        style = "slash"
    day = "1er" if d == "01" else str(int(d))
    month = M.MONTHS[int(m) - 1]
    if style == "dot":
        s = "%s.%s.%s" % (d, m, y)
    elif style == "dot-nopad":
        s = "%d.%d.%s" % (int(d), int(m), y)
    elif style == "dash":
        s = "%s-%s-%s" % (d, m, y)
    elif style == "iso":
        s = "%s-%s-%s" % (y, m, d)
    elif style == "short":
        s = "%s/%s/%s" % (d, m, y[2:])
    elif style == "words":
        s = "%s %s %s" % (day, month, y)
    elif style == "weekday":
        wd = _WEEKDAYS[datetime.date(int(y), int(m), int(d)).weekday()]
        s = "%s %s %s %s" % (wd, day, month, y)
    elif style == "caps":
        s = "%s %s %s" % (d, month.upper(), y)
    elif style == "spaced":
        s = "%s / %s / %s" % (d, m, y)
    else:  # slash
        s = "%s/%s/%s" % (d, m, y)
    return _nb(s)


D_ANY = ["slash", "slash", "slash", "dot", "dash", "dot-nopad", "short", "words", "words", "weekday", "caps", "iso"]
D_NUM = ["slash", "slash", "dot", "dash", "dot-nopad"]


def _n(I, rng, styles):
    """The INS: grouped or run together, its key after a slash, in brackets, after 'clé' or a
    plain space."""
    m = I.ins
    g = [m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13]]
    k = m[13:]
    style = rng.choice(styles)
    if style == "grouped":
        s = " ".join(g + [k])
    elif style == "slash":
        s = "%s/%s" % (m[:13], k)
    elif style == "grouped-slash":
        s = "%s / %s" % (" ".join(g), k)
    elif style == "paren":
        s = "%s (%s)" % (m[:13], k)
    elif style == "grouped-paren":
        s = "%s (%s)" % (" ".join(g), k)
    elif style == "grouped-cle":
        s = "%s clé %s" % (" ".join(g), k)
    elif style == "dots":
        s = ".".join(g + [k])
    elif style == "space-key":
        s = "%s %s" % (m[:13], k)
    elif style == "dashes":
        s = "-".join(g + [k])
    else:  # plain
        s = m
    return _nb(s)


N_ANY = ["grouped", "grouped", "plain", "plain", "slash", "grouped-slash", "paren", "grouped-paren", "grouped-cle",
         "dots", "space-key"]


def _s(I, rng, styles):
    f = I.sex == "F"
    return {"letter": "F" if f else "M", "hf": "F" if f else "H", "word": "Féminin" if f else "Masculin",
            "person": "Femme" if f else "Homme", "abbr": "Fém." if f else "Masc.", "lower": "féminin" if f else
            "masculin", "upper": "FÉMININ" if f else "MASCULIN", "code": "2 (F)" if f else "1 (M)",
            "code-word": "2 – féminin" if f else "1 – masculin"}[rng.choice(styles)]


S_ANY = ["letter", "letter", "hf", "word", "person", "abbr", "upper", "code", "code-word"]


def _p(I, rng, styles):
    """The birth place: always its code; the commune or the country before it, after it, or not."""
    code, name = I.place, I.place_name
    style = rng.choice(styles)
    if style == "code":
        return code
    if I.abroad:
        if style == "country":
            return "%s (%s)" % (name, code)
        return rng.choice(["%s (%s)" % (name, code), "%s – %s" % (code, M.insi(name)),
                           "%s, %s" % (name, code), "%s – %s" % (name, code)])
    if style == "code-name":
        return "%s %s" % (code, name)
    if style == "code-caps":
        return "%s – %s" % (code, M.insi(name))
    if style == "caps-code":
        return "%s %s" % (M.insi(name), code)
    if style == "comma":
        return "%s, %s" % (name, code)
    if style == "cog":
        return "COG %s (%s)" % (code, name)
    return "%s (%s)" % (name, code)


P_ANY = ["code", "code", "paren", "paren", "code-name", "code-caps", "caps-code", "comma", "cog"]


def _at(I, rng, styles):
    """'à Brest (29019)', 'à 29019', 'au Maroc (99350)', 'en Espagne (99134)'."""
    if I.abroad:
        return ("au " if I.place_name in _IN_COUNTRY else "en ") + _p(I, rng, ["country"])
    return "à " + _p(I, rng, styles)


def _f(I, rng, styles=("all", "all", "all-comma", "first")):
    return I.first_names(rng, rng.choice(list(styles)))


def _age(I):
    n = M.age_on(I.iso)
    if n < 2:
        y, m, d = (int(v) for v in I.iso.split("-"))
        return "%d mois" % ((M.TODAY[0] - y) * 12 + M.TODAY[1] - m - (M.TODAY[2] < d))
    return "%d ans" % n


def _who(I, rng, given, order=None, conv=None):
    """The patient's names: the family names in capitals, the first names as written; the name in
    use tied to the birth name by a word that says which is which."""
    order = order or rng.choice(["family", "family", "given"])
    f = I.sex == "F"
    if I.used:
        conv = conv or rng.choice(["nee", "epouse", "ep", "usage-paren"] + (["veuve"] if f and not I.child else []))
        if conv == "nee":
            fam = "%s %s %s" % (I.used, I.born(), I.birth)
        elif conv == "epouse":
            fam = "%s %s %s" % (I.birth, "épouse" if f else "époux", I.used)
        elif conv == "ep":
            fam = "%s ép. %s" % (I.birth, I.used)
        elif conv == "veuve":
            fam = "%s veuve %s" % (I.birth, I.used)
        else:  # usage-paren
            fam = "%s (naissance : %s)" % (I.used, I.birth)
    else:
        fam = I.birth
    if order == "family" and "(" not in fam:
        return "%s %s" % (fam, given)
    return "%s %s" % (given, fam)


def _oid():
    return "OID " + M.TEST_OID


def _day(rng, lo=2, hi=22, month=11):
    return _nb("%02d/%02d/2026" % (rng.randint(lo, hi), month))


def _someone(rng, sex=None, family=None):
    """A person who is neither the patient nor a professional of the directory: (civ, given, family)."""
    g = sex or rng.choice("FM")
    return ("Mme" if g == "F" else "M."), rng.choice(M.GIVEN_F if g == "F" else M.GIVEN_M), \
        (family or M.pick_surname(rng))


def _doctor_name(rng, title="Dr"):
    sex = rng.choice("FM")
    return "%s %s %s" % (title, rng.choice(M.GIVEN_F if sex == "F" else M.GIVEN_M), M.pick_surname(rng))


# ---------------------------------------------------------------------------------------------
# Drawing helpers


def _fit(doc, texts, width, size, bold=False, italic=False, floor=5.5):
    while size > floor and max([doc.sw(t, size, bold=bold, italic=italic) for t in texts] or [0]) > width:
        size -= 0.25
    return size


def _edges(doc, x, top, w, h, lw):
    for box in ((x, top - lw, x + w, top + lw), (x, top + h - lw, x + w, top + h + lw),
                (x - lw, top, x + lw, top + h), (x + w - lw, top, x + w + lw, top + h)):
        doc.add_box(box)


def _frame(doc, x, top, w, h, lw=0.6, radius=0, fill=None, dash=None, gray=0.0):
    """A frame whose inside stays free (only its edges are recorded as drawn)."""
    c = doc.c
    c.saveState()
    c.setLineWidth(lw)
    c.setStrokeGray(gray)
    if dash:
        c.setDash(*dash)
    if fill is not None:
        c.setFillGray(fill)
    if radius:
        c.roundRect(x, M.H - top - h, w, h, radius, stroke=1, fill=1 if fill is not None else 0)
    else:
        c.rect(x, M.H - top - h, w, h, stroke=1, fill=1 if fill is not None else 0)
    c.restoreState()
    _edges(doc, x, top, w, h, lw)


def _fill(doc, x, top, w, h, gray, radius=0):
    """A grey area under text (recorded, so that nothing is placed over it later)."""
    c = doc.c
    c.saveState()
    c.setFillGray(gray)
    if radius:
        c.roundRect(x, M.H - top - h, w, h, radius, stroke=0, fill=1)
    else:
        c.rect(x, M.H - top - h, w, h, stroke=0, fill=1)
    c.restoreState()
    doc.add_box((x, top, x + w, top + h))


def _rule(doc, x0, x1, y, lw=0.5, gray=0.0, dash=None):
    c = doc.c
    c.saveState()
    c.setLineWidth(lw)
    c.setStrokeGray(gray)
    if dash:
        c.setDash(*dash)
    c.line(x0, M.H - y, x1, M.H - y)
    c.restoreState()
    doc.add_box((x0, y - lw, x1, y + lw))


def _vrule(doc, x, y0, y1, lw=0.5, gray=0.0):
    c = doc.c
    c.saveState()
    c.setLineWidth(lw)
    c.setStrokeGray(gray)
    c.line(x, M.H - y0, x, M.H - y1)
    c.restoreState()
    doc.add_box((x - lw, y0, x + lw, y1))


def _runs_lines(doc, runs, width, size):
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


def _runs_draw(doc, x0, top, lines, size, lead=None):
    lead = lead or doc.lead(size)
    y = top
    for ln in lines:
        y += lead * 0.8
        for w, b, i, dx in ln:
            doc.text(x0 + dx, y, w, size, bold=b, italic=i)
        y += lead * 0.2
    return y


def _free_top(doc, x0, x1, top, h):
    """The first top from `top` down where a block over x0..x1 of height h meets nothing drawn."""
    for _ in range(14):
        hit = [b for b in doc.boxes[doc.page] if b[0] < x1 + 2 and b[2] > x0 - 2 and b[1] < top + h + 2 and
               b[3] > top - 2]
        if not hit:
            break
        top = max(b[3] for b in hit) + 5
    return top


# The rooms some blocks keep for the DataMatrix when the letter places it there: one kind in the
# identity blocks, one beside some addressee blocks, one beside some lists of copies.

def _slot_wanted(doc, kind):
    L = doc.letter
    return bool(L.dm) and L.dm_pos == kind


def _slot_room(doc, kind):
    """(width, height) to keep free for the code, or (0, 0)."""
    if not _slot_wanted(doc, kind):
        return 0, 0
    L = doc.letter
    s = L.dm_mm * 72 / 25.4
    m = max(5, s / 9) + 2.5
    return s + 2 * m + 2, s + (9 if L.dm_caption else 0) + 2 * m


def _slot_set(doc, kind, x, top):
    """Records where the code goes, (x, top) being the top left corner of the room kept."""
    L = doc.letter
    s = L.dm_mm * 72 / 25.4
    m = max(5, s / 9) + 2.5
    slots = doc.__dict__.setdefault("l_slots", {})
    slots[kind] = (doc.page, x + m + 1, top + m)


# ---------------------------------------------------------------------------------------------
# Identity


def _icon(doc, kind, x, base, size):
    """A pictogram standing for a label (a person, a calendar, a map pin, two rings, a card),
    its foot on the baseline; returns its width."""
    c = doc.c
    s = size * 0.92
    y0 = M.H - base
    w = s * (1.35 if kind == "card" else 1.0)
    c.saveState()
    c.setLineWidth(0.7)
    c.setStrokeGray(0.3)
    c.setFillGray(0.3)
    if kind == "person":
        c.circle(x + s * 0.5, y0 + s * 0.74, s * 0.2, stroke=0, fill=1)
        c.roundRect(x + s * 0.14, y0, s * 0.72, s * 0.44, s * 0.2, stroke=0, fill=1)
    elif kind == "calendar":
        c.rect(x + s * 0.06, y0, s * 0.88, s * 0.78, stroke=1, fill=0)
        c.rect(x + s * 0.06, y0 + s * 0.56, s * 0.88, s * 0.22, stroke=0, fill=1)
        c.line(x + s * 0.3, y0 + s * 0.7, x + s * 0.3, y0 + s * 0.92)
        c.line(x + s * 0.7, y0 + s * 0.7, x + s * 0.7, y0 + s * 0.92)
        for i in range(3):
            c.rect(x + s * (0.18 + 0.24 * i), y0 + s * 0.14, s * 0.14, s * 0.14, stroke=0, fill=1)
    elif kind == "pin":
        p = c.beginPath()
        p.moveTo(x + s * 0.5, y0)
        p.lineTo(x + s * 0.22, y0 + s * 0.5)
        p.lineTo(x + s * 0.78, y0 + s * 0.5)
        p.close()
        c.drawPath(p, stroke=0, fill=1)
        c.circle(x + s * 0.5, y0 + s * 0.62, s * 0.3, stroke=0, fill=1)
        c.setFillGray(1)
        c.circle(x + s * 0.5, y0 + s * 0.64, s * 0.11, stroke=0, fill=1)
    elif kind == "rings":
        c.circle(x + s * 0.36, y0 + s * 0.42, s * 0.26, stroke=1, fill=0)
        c.circle(x + s * 0.64, y0 + s * 0.42, s * 0.26, stroke=1, fill=0)
    else:  # card
        c.roundRect(x, y0, w, s * 0.86, s * 0.12, stroke=1, fill=0)
        c.rect(x + s * 0.14, y0 + s * 0.34, s * 0.32, s * 0.26, stroke=0, fill=1)
        c.line(x + s * 0.6, y0 + s * 0.58, x + w - s * 0.14, y0 + s * 0.58)
        c.line(x + s * 0.6, y0 + s * 0.36, x + w - s * 0.14, y0 + s * 0.36)
    c.restoreState()
    doc.add_box((x, base - s, x + w, base))
    return w


def _badge(doc, x, base, word, size):
    """A short word reversed out of a dark rounded plate; returns its width."""
    bs = max(5.0, size * 0.72)
    w = doc.sw(word, bs, bold=True) + 6
    c = doc.c
    c.saveState()
    c.setFillGray(0.28)
    c.roundRect(x, M.H - base - size * 0.22, w, size * 1.0, 2.2, stroke=0, fill=1)
    c.restoreState()
    doc.text(x + 3, base - size * 0.08, word, bs, bold=True, gray=1.0)
    return w


def id_pictograms(doc, I, rng):
    """A patient banner of a recent hospital suite: hardly any labels, a small pictogram before
    each trait (a person, a calendar, a symbol for the sex, a map pin before the birth place), the
    numbers behind reversed plates; the items run on and wrap."""
    size = max(7.5, min(I.size, 10))
    given = _f(I, rng, ("all", "first", "all"))
    name = _who(I, rng, given, order=rng.choice(["family", "family", "given"]),
                conv=rng.choice(["nee", "epouse", "ep"]))
    if rng.random() < 0.35:
        name = I.civ(rng, rng.choice(["short", "long"])) + " " + name
    items = []  # (kind, text, bold); kind: an icon, "badge:WORD", or None
    d = _d(I, rng, D_ANY)
    items.append(("calendar", d + (" (%s)" % _age(I) if rng.random() < 0.6 else ""), False))
    items.append(("rings", _s(I, rng, ["word", "person", "letter", "hf", "abbr"]), False))
    if I.place:
        items.append(("pin", rng.choice(["né(e) ", I.born() + " "]) + _at(I, rng, P_ANY), False))
    if I.ins:
        items.append(("badge:INS", _n(I, rng, N_ANY), True))
        if I.oid:
            items.append((None, _oid(), False))
    if I.ipp and rng.random() < 0.6:
        items.append(("badge:" + rng.choice(["IPP", "N° PAT."]), I.ipp, False))
        I.uses.add("ipp")
    if I.nda and rng.random() < 0.4:
        items.append(("badge:" + rng.choice(["NDA", "SÉJOUR"]), I.nda, False))
        I.uses.add("nda")
    if I.ins and rng.random() < 0.3:  # the national identifier first
        k = [j for j, it in enumerate(items) if it[0] == "badge:INS"][0]
        items.insert(0, items.pop(k))
    sl, sh = _slot_room(doc, "l-id-cell")
    framed = rng.random() < 0.6
    pad = 7 if framed else 0
    x0 = doc.left
    width = doc.right - x0 - sl
    nsize = min(size + rng.choice([1, 1.5, 2.5]), 13)
    nsize = _fit(doc, [name], width - 2 * pad - nsize * 1.4, nsize, bold=True, floor=size)
    gap = rng.choice([12, 16, 20])

    def item_w(kind, text, bold):
        w = doc.sw(text, size, bold=bold)
        if kind and kind.startswith("badge:"):
            w += doc.sw(kind[6:], max(5.0, size * 0.72), bold=True) + 6 + 4
        elif kind:
            w += size * 0.92 * (1.35 if kind == "card" else 1.0) + 4
        return w

    lines, cur, used = [], [], 0.0
    inner = width - 2 * pad
    for it in items:
        w = item_w(*it)
        if cur and used + gap + w > inner:
            lines.append(cur)
            cur, used = [], 0.0
        cur.append((it, w))
        used += (gap if len(cur) > 1 else 0) + w
    if cur:
        lines.append(cur)
    lead = doc.lead(size) + 2
    h = nsize * 1.35 + lead * len(lines) + 2 * pad + 2
    h = max(h, sh)
    doc.need(h + 10)
    top = doc.y
    if framed:
        _frame(doc, x0, top, width, h, lw=0.5, radius=6, fill=rng.choice([None, 0.95, 0.92]), gray=0.4)
    doc.mark("identity")
    y = top + pad + nsize * 1.05
    x = x0 + pad
    x += _icon(doc, "person", x, y, nsize) + 5
    doc.text(x, y, name, nsize, bold=True)
    y += nsize * 0.3
    for line in lines:
        y += lead
        x = x0 + pad
        for (kind, text, bold), w in line:
            if kind and kind.startswith("badge:"):
                x += _badge(doc, x, y, kind[6:], size) + 4
            elif kind:
                x += _icon(doc, kind, x, y, size) + 4
            doc.text(x, y, text, size, bold=bold)
            x += doc.sw(text, size, bold=bold) + gap
    doc.unmark()
    if sl:
        _slot_set(doc, "l-id-cell", x0 + width + 2, top)
    doc.y = top + h + I.size


def id_footnote(doc, I, rng, reason):
    """The body names the patient by the name in use only, a call mark after it; the identity
    in full is the footnote of that page, under a short rule, in small type."""
    L = doc.letter
    f = I.sex == "F"
    e = "e" if f else ""
    civ = I.civ(rng, rng.choice(["long", "long", "short"]))
    fam = I.used or I.birth
    mark = rng.choice(["¹", "¹", M.NBSP + "(1)", "*"])
    start = rng.choice(["J'ai revu à votre demande %s %s%s, " + reason + ".",
                        "Votre patient" + e + " %s %s%s est venu" + e + " en consultation " + reason + ".",
                        "Voici des nouvelles de %s %s%s, que nous avons suivi" + e + " " + reason + ".",
                        "C'est avec plaisir que j'ai reçu %s %s%s " + reason + "."])
    sentence = start % (civ, _nb(fam), mark)
    given = _f(I, rng, ("all", "all", "all-comma"))
    who = _who(I, rng, given, order=rng.choice(["family", "given"]))
    parts = [who]
    parts.append("%s le %s" % (I.born(), _d(I, rng, D_ANY)))
    if I.place:
        parts[-1] += (" " + _at(I, rng, ["paren", "comma"]) if I.abroad or rng.random() < 0.5 else
                      ", lieu de naissance %s" % _p(I, rng, P_ANY))
    parts.append("sexe " + _s(I, rng, ["lower", "letter", "word"]))
    if I.ins:
        parts.append(rng.choice(["INS ", "matricule INS ", "INS n° "]) + _n(I, rng, N_ANY))
        if I.oid:
            parts.append(_oid())
    lead_in = rng.choice(["Identité complète : ", "Identification : ", "Identité détaillée : ", "Selon l'INS : "])
    note = "%s %s%s." % (mark.replace(M.NBSP, ""), lead_in, ", ".join(parts))
    size = rng.choice([6.5, 7, 7.5])
    italic = rng.random() < 0.4
    x0, x1 = doc.left, doc.right
    rule = (x1 - x0) * rng.choice([0.2, 0.3, 0.4])
    lines = doc.wrap(note, x1 - x0, size, italic=italic)
    lead = size * 1.28
    h = lead * len(lines) + 5
    bottom0 = doc.st.bottom
    btop = bottom0 - h
    doc.st.bottom = btop - 8
    page = doc.page
    doc.para(sentence, doc.size, keep=True)

    def foot(d):
        if d.page != page:
            return
        _rule(d, x0, x0 + rule, btop, 0.5)
        if d.page == 1:
            d.mark("identity")
        y = btop + 2
        for t in lines:
            y += lead * 0.8
            d.text(x0, y, t, size, italic=italic)
            y += lead * 0.2
        d.unmark()

    def restore(d):
        d.st.bottom = bottom0

    doc.page_end.insert(0, foot)
    doc.page_start.append(restore)
    L.traps.append("footnote")


def _cell(doc, x, top, w, h, text, size, bold=False, italic=False, gray=0.0, align="left", pad=4, floor=4.5):
    """One line of text in a cell, shrunk to fit, on the cell's lower part."""
    if not text:
        return
    sz = _fit(doc, [text], w - 2 * pad, size, bold=bold, italic=italic, floor=floor)
    y = top + h / 2 + sz * 0.33
    if align == "centre":
        doc.text(x + w / 2, y, text, sz, bold=bold, italic=italic, gray=gray, align="centre")
    elif align == "right":
        doc.text(x + w - pad, y, text, sz, bold=bold, italic=italic, gray=gray, align="right")
    else:
        doc.text(x + pad, y, text, sz, bold=bold, italic=italic, gray=gray)


def _pair_rows(doc, pairs, width, size, small, per_row=2):
    """Groups (label, value) pairs into rows of `per_row` when they fit in their share, else one
    a row; returns (rows, label column width)."""
    share = width / per_row
    lw = min(max(doc.sw(lb, small, bold=True) for lb, _ in pairs) + 10, share * 0.48)
    rows, cur = [], []
    for lb, v in pairs:
        fits = doc.sw(v, size, bold=True) + 10 <= share - lw and doc.sw(lb, small, bold=True) + 8 <= lw
        if not fits:
            if cur:
                rows.append(cur)
                cur = []
            rows.append([(lb, v)])
            continue
        cur.append((lb, v))
        if len(cur) == per_row:
            rows.append(cur)
            cur = []
    if cur:
        rows.append(cur)
    return rows, lw


def id_quality_form(doc, I, rng):
    """A form under quality control: a ruled head of three cells (the establishment, the name of
    the form, its reference, version and date of application), then the person cared for in
    label and value cells, two pairs a row."""
    L = doc.letter
    size = max(7, min(I.size - 0.5, 9.5))
    small = max(5.5, size - 1.5)
    x0 = doc.left
    width = doc.right - x0
    sl, sh = _slot_room(doc, "l-id-cell")
    h_ = L.hospital
    head1 = [(h_["short"], True), (rng.choice(["Pôle ", "Service ", "Département "]) +
                                   M.lower_service(L.author.service), False)]
    head2 = rng.choice(["MODÈLE DE COURRIER MÉDICAL", "Trame de courrier – dossier patient",
                        "FORMULAIRE DE CORRESPONDANCE", "Courrier type validé"])
    ref = "%s-%s-%03d" % (rng.choice(["ENR", "FOR", "MOD", "IMP"]), rng.choice(["DIM", "SOI", "MED", "DPI", "QGR"]),
                          rng.randint(1, 250))
    head3 = ["Réf. : " + ref, rng.choice(["Version : %d", "Indice : %d", "V%d"]) % rng.randint(1, 9),
             rng.choice(["Applicable le : ", "Date d'application : ", "Mise à jour : "]) +
             "%02d/%02d/20%02d" % (rng.randint(1, 28), rng.randint(1, 12), rng.randint(18, 25))]
    L.traps += ["form-reference", "form-date"]
    caption = rng.choice(["USAGER CONCERNÉ", "Identification de l'usager", "PATIENT(E) CONCERNÉ(E) PAR LE DOCUMENT"])
    given = _f(I, rng, ("all", "all", "all-comma"))
    pairs = [(rng.choice(["Nom d'état civil", "Nom de naissance", "NOM DE NAISSANCE"]), I.birth)]
    if I.used:
        pairs.append((rng.choice(["Nom employé", "Nom utilisé", "NOM UTILISÉ"]), I.used))
    pairs.append((rng.choice(["Tous les prénoms", "Prénom(s)", "PRÉNOM(S)"]), given))
    pairs.append((rng.choice(["Né(e) le", "Date de naissance"]), _d(I, rng, D_ANY)))
    pairs.append((rng.choice(["Sexe déclaré", "Sexe"]), _s(I, rng, S_ANY)))
    if I.place:
        pairs.append((rng.choice(["Pays ou commune de naissance", "Lieu de naissance (COG)", "Né(e) à"]),
                      _p(I, rng, P_ANY)))
    if I.ins:
        pairs.append((rng.choice(["N° INS", "INS (matricule)", "Matricule INS"]), _n(I, rng, N_ANY)))
        if I.oid:
            pairs.append((rng.choice(["Autorité INS (OID)", "OID"]), M.TEST_OID))
    if I.ipp and rng.random() < 0.5:
        pairs.append(("N° de dossier (IPP)", I.ipp))
        I.uses.add("ipp")
    pw = width - sl
    rows, lw = _pair_rows(doc, pairs, pw, size, small)
    rh = doc.lead(size) + 4
    hh = max(len(head3), 2) * doc.lead(small) + 6
    ph = rh * (len(rows) + 1)
    doc.need(hh + max(ph, sh + rh) + 10)
    top = doc.y
    w1, w3 = width * 0.27, width * 0.3
    w2 = width - w1 - w3
    doc.rect(x0, top, w1, hh, lw=0.6)
    doc.rect(x0 + w1, top, w2, hh, lw=0.6)
    doc.rect(x0 + w1 + w2, top, w3, hh, lw=0.6)
    y = top + 3
    for t, b in head1:
        y += doc.lead(small)
        doc.text(x0 + 4, y - 2, t, _fit(doc, [t], w1 - 8, small, bold=b), bold=b)
    _cell(doc, x0 + w1, top, w2, hh, head2, size, bold=True, align="centre")
    y = top + 3
    for t in head3:
        y += doc.lead(small)
        doc.text(x0 + w1 + w2 + 4, y - 2, t, _fit(doc, [t], w3 - 8, small), gray=0.2)
    top2 = top + hh
    _fill(doc, x0, top2, pw, rh, 0.86)
    _frame(doc, x0, top2, pw, rh, lw=0.5)
    _cell(doc, x0, top2, pw, rh, caption, small + 0.5, bold=True)
    doc.mark("identity")
    y = top2 + rh
    for r in rows:
        share = pw / len(r)
        for k, (lb, v) in enumerate(r):
            x = x0 + k * share
            doc.rect(x, y, lw, rh, lw=0.4, fill=0.94)
            doc.rect(x + lw, y, share - lw, rh, lw=0.4)
            _cell(doc, x, y, lw, rh, lb, small, bold=True, floor=4.0)
            _cell(doc, x + lw, y, share - lw, rh, v, size, bold=True)
        y += rh
    doc.unmark()
    if sl:
        hs = max(y - top2, sh)
        _frame(doc, x0 + pw, top2, sl, hs, lw=0.5)
        _slot_set(doc, "l-id-cell", x0 + pw, top2 + (hs - sh) / 2)
        y = max(y, top2 + hs)
    doc.y = y + I.size


_DOSES = ["1", "1", "1", "½", "2", "—", "—", "—"]


def id_medication_plan(doc, I, rng):
    """A medication schedule as the discharge software prints it: one ruled table whose first
    row, merged across the columns, holds the person it was drawn up for; then the headings
    (morning, noon, evening, bedtime) and one row per drug."""
    size = max(7, min(I.size - 0.5, 9.5))
    small = max(5.5, size - 1.5)
    x0 = doc.left
    width = doc.right - x0
    sl, sh = _slot_room(doc, "l-id-cell")
    civ = I.civ(rng, rng.choice(["short", "long", "upper"]))
    given = _f(I, rng, ("all", "first", "all-comma"))
    name = "%s %s" % (civ, _who(I, rng, given))
    lead_in = rng.choice(["Établi pour : ", "Traitement de : ", "Plan de prise de : ", ""])
    l2 = [rng.choice(["Naissance : ", "Né(e) le ", I.born().capitalize() + " le "]) + _d(I, rng, D_ANY)]
    if I.place:
        l2[-1] += (" " + _at(I, rng, ["paren", "paren", "comma", "code-name", "code-caps"]) if rng.random() < 0.5
                   else ", " + _p(I, rng, ["paren", "paren", "comma", "code-name", "code-caps"]))
    l2.append(rng.choice(["Sexe : ", "sexe "]) + _s(I, rng, S_ANY))
    if rng.random() < 0.5:
        l2.append(rng.choice(["Poids : %d kg", "%d kg"]) % rng.randint(45, 98))
        doc.letter.traps.append("weight")
    l3 = []
    if I.ins:
        l3.append(rng.choice(["INS : ", "Matricule INS ", "N° INS : "]) + _n(I, rng, N_ANY))
        if I.oid:
            l3.append(_oid())
    if I.ipp and rng.random() < 0.5:
        l3.append("IPP " + I.ipp)
        I.uses.add("ipp")
    sep = rng.choice([" – ", " · ", "   "])
    plines = [(lead_in + name, True)] + [(t, False) for t in
                                         doc.wrap(sep.join(l2), width - sl - 12, size)]
    if l3:
        plines.append((sep.join(l3), False))
    heads = ["Médicament", rng.choice(["Matin", "MATIN"]), rng.choice(["Midi", "MIDI"]),
             rng.choice(["Soir", "SOIR"]), rng.choice(["Coucher", "Au coucher"])]
    drugs = rng.sample(M.TREATMENT, rng.randint(2, 4))
    rows = []
    for t in drugs:
        drug = t.split(" : ")[0]
        rows.append([drug] + [rng.choice(_DOSES) for _ in range(4)])
    lead = doc.lead(size)
    ph = lead * len(plines) + 8
    ph = max(ph, sh)
    rh = lead + 4
    cw = max(doc.sw(h, small, bold=True) for h in heads[1:]) + 14
    dw = width - 4 * cw
    doc.need(small * 2 + ph + rh * (len(rows) + 1) + 10)
    doc.line(rng.choice(["PLAN DE PRISE", "Plan de prise des médicaments", "TRAITEMENT – PLAN DE PRISE"]), small + 1,
             bold=True)
    top = doc.y + 2
    _frame(doc, x0, top, width, ph, lw=0.7)
    doc.mark("identity")
    y = top + 4
    for t, b in plines:
        y += lead * 0.8
        doc.text(x0 + 6, y, t, _fit(doc, [t], width - sl - 12, size, bold=b, floor=5), bold=b)
        y += lead * 0.2
    doc.unmark()
    if sl:
        _slot_set(doc, "l-id-cell", x0 + width - sl, top + (ph - sh) / 2)
    y = top + ph
    _fill(doc, x0, y, width, rh, 0.88)
    xs = [x0, x0 + dw] + [x0 + dw + cw * k for k in range(1, 4)]
    ws = [dw] + [cw] * 4
    for x, w, h in zip(xs, ws, heads):
        _frame(doc, x, y, w, rh, lw=0.4)
        _cell(doc, x, y, w, rh, h, small, bold=True, align="left" if h == heads[0] else "centre")
    for r in rows:
        y += rh
        for x, w, v in zip(xs, ws, r):
            _frame(doc, x, y, w, rh, lw=0.4)
            _cell(doc, x, y, w, rh, v, size, align="left" if v == r[0] else "centre")
    doc.letter.traps.append("medication-table")
    doc.y = y + rh + I.size


def id_saed(doc, I, rng, reason):
    """The body is a structured handover (Situation, Antécédents, Évaluation, Demande): each part
    behind its letter and its word in bold, the patient in full in the first one."""
    f = I.sex == "F"
    e = "e" if f else ""
    size = doc.size
    civ = I.civ(rng, rng.choice(["long", "short", "short"]))
    given = _f(I, rng, ("first", "all", "all"))
    who = "%s %s" % (civ, _who(I, rng, given, order=rng.choice(["given", "family"])))
    bits = [_nb(who) if len(who) < 40 else who]
    if rng.random() < 0.6:
        bits.append(_age(I))
    born = "%s le %s" % (I.born(), _d(I, rng, D_ANY))
    if I.place:
        born += (" " + _at(I, rng, ["paren", "comma"]) if I.abroad or rng.random() < 0.5 else
                 " (lieu de naissance : %s)" % _p(I, rng, P_ANY))
    bits.append(born)
    bits.append(rng.choice(["de sexe %s", "sexe : %s"]) % _s(I, rng, ["lower", "letter", "word"]))
    if I.ins:
        ins = rng.choice(["INS %s", "matricule INS %s", "identifiant national de santé %s"]) % _n(I, rng, N_ANY)
        if I.oid:
            ins += " (%s)" % _oid()
        bits.append(ins)
    verb = rng.choice(["hospitalisé%s " % e + reason, "vu%s en consultation " % e + reason,
                       "adressé%s " % e + reason, "pris%s en charge " % ("e" if f else "") + reason])
    situation = "%s, %s." % (", ".join(bits), verb)
    situation = situation[0].upper() + situation[1:]
    heads = rng.choice([("S – Situation :", "A – Antécédents :", "E – Évaluation :", "D – Demande :"),
                        ("S. Situation", "A. Antécédents", "E. Évaluation", "D. Demande"),
                        ("[S] Situation :", "[A] Antécédents :", "[E] Évaluation :", "[D] Demande :")])
    ante = " ".join(rng.sample(M.SECTIONS[1][1], 2))
    eval_ = " ".join(rng.sample(M.SECTIONS[3][1], 2))
    ask = " ".join(rng.sample(M.SECTIONS[7][1], 1))
    parts = [(heads[0], situation), (heads[1], ante), (heads[2], eval_), (heads[3], ask)]
    indent = rng.choice([0, 0, 12])
    width = doc.right - doc.left - indent
    if rng.random() < 0.4:
        doc.line(rng.choice(["Transmission SAED", "Synthèse (SAED)", "Transmission structurée"]), size, bold=True)
    for k, (h, t) in enumerate(parts):
        lines = _runs_lines(doc, [(h + " ", True, False), (t, False, False)], width, size)
        doc.need(doc.lead(size) * len(lines) + 2)
        if k == 0:
            doc.mark("identity")
        doc.y = _runs_draw(doc, doc.left + indent, doc.y, lines, size)
        if k == 0:
            doc.unmark()
        doc.gap(size * 0.4)
    doc.letter.traps.append("structured-handover")


def id_tree(doc, I, rng):
    """The patient as a viewer of structured records prints its tree: the person at the root,
    the names, the birth and the identifiers on branches, either drawn with line characters in a
    fixed-width face or with connector lines and small expand boxes."""
    L = doc.letter
    given = _f(I, rng, ("all", "all-comma"))
    nodes = [("Identité", [(rng.choice(["Nom de naissance", "Nom de famille à la naissance"]), I.birth)] +
              ([(rng.choice(["Nom d'usage", "Nom utilisé"]), I.used)] if I.used else []) +
              [(rng.choice(["Prénoms", "Prénoms d'état civil"]), given),
               (rng.choice(["Sexe administratif", "Sexe"]), _s(I, rng, ["letter", "word", "code", "hf"]))])]
    birth = [("Date", _d(I, rng, ["iso", "slash", "slash", "dot", "words"]))]
    if I.place:
        birth.append((rng.choice(["Lieu (code COG)", "Lieu", "Commune (COG)"]), _p(I, rng, P_ANY)))
    nodes.append(("Naissance", birth))
    ids = []
    if I.ins:
        ids.append((rng.choice(["INS (NIR)", "Matricule INS", "INS"]), _n(I, rng, N_ANY)))
        if I.oid:
            ids.append(("Autorité (OID)", M.TEST_OID))
        if rng.random() < 0.5:
            ids.append(("État de l'identité", rng.choice(["qualifiée (INSi)", "qualifiée",
                                                        "récupérée puis qualifiée"])))
    if I.ipp:
        ids.append(("IPP", I.ipp))
        I.uses.add("ipp")
    if ids:
        nodes.append(("Numéros nationaux", ids))
    root = rng.choice(["Patient", "Dossier informatisé", "Personne soignée"])
    size = max(6.5, min(I.size - 1, 9))
    sl, sh = _slot_room(doc, "l-id-cell")
    x0 = doc.left + rng.choice([0, 8, 20])
    width = doc.right - x0 - sl
    ascii_tree = rng.random() < 0.55
    lines = []  # (prefix, label, value, depth, last)
    lines.append(("", root, None, 0, True))
    for i, (head, kids) in enumerate(nodes):
        last = i == len(nodes) - 1
        lines.append(("└─ " if last else "├─ ", head, None, 1, last))
        for j, (lb, v) in enumerate(kids):
            klast = j == len(kids) - 1
            lines.append((("   " if last else "│  ") + ("└─ " if klast else "├─ "), lb, v, 2, klast))
    if ascii_tree:
        font = _mono(rng, boxes=True)
        colon = max(len(lb) for _, lb, v, _, _ in lines if v is not None)
        dots = rng.random() < 0.5
        texts = []
        for pre, lb, v, dep, _ in lines:
            if v is None:
                texts.append(pre + lb)
            else:
                pad = (" " + "." * (colon - len(lb) + 1)) if dots else " " * (colon - len(lb))
                texts.append("%s%s%s : %s" % (pre, lb, pad, v.replace(M.NBSP, " ")))
        with _Face(doc, font):
            sz = _fit(doc, texts, width, size, floor=5)
            lead = sz * 1.3
            h = lead * len(texts) + 4
            doc.need(max(h, sh) + 8)
            top = doc.y
            doc.mark("identity")
            y = top
            for t in texts:
                y += lead * 0.8
                doc.text(x0, y, t, sz, bold=(t == texts[0]))
                y += lead * 0.2
            doc.unmark()
    else:
        sz = size
        lead = doc.lead(sz) + 1.5
        step = sz * 1.5
        texts = [(lb if v is None else "%s : %s" % (lb, v)) for _, lb, v, _, _ in lines]
        sz = _fit(doc, texts, width - 3 * step - 6, sz, floor=5)
        h = lead * len(lines) + 4
        doc.need(max(h, sh) + 8)
        top = doc.y
        doc.mark("identity")
        y = top
        parents = {}
        for (pre, lb, v, dep, last), t in zip(lines, texts):
            y += lead * 0.8
            x = x0 + dep * step
            cy = y - sz * 0.3
            if dep:
                px, py = parents[dep - 1]
                _vrule(doc, px, py, cy, 0.4, 0.45)
                _rule(doc, px, x - 2, cy, 0.4, 0.45)
            if v is None:  # a node: a small box with a minus sign before it
                b = sz * 0.65
                _frame(doc, x, cy - b / 2, b, b, lw=0.5, gray=0.3)
                _rule(doc, x + b * 0.22, x + b * 0.78, cy, 0.5, 0.2)
                doc.text(x + b + 3, y, lb, sz, bold=True)
                parents[dep] = (x + b / 2, cy + b / 2)
            else:
                w = doc.text(x + 1, y, lb + " : ", sz, gray=0.35)
                doc.text(x + 1 + w, y, v, sz, bold=True)
            y += lead * 0.2
        doc.unmark()
    if sl:
        _slot_set(doc, "l-id-cell", doc.right - sl, top)
    doc.y = top + max(h, sh) + I.size * 0.6
    L.traps.append("viewer-tree")


def id_web_banner(doc, I, rng):
    """A page of a web patient record printed from the browser: the browser's own line at the top
    edge (date and time, page title) and at the foot (address of the page, page count); under it,
    on every page, the record's banner: a round badge with the initials, the name in bold, the
    other traits separated by middle dots."""
    W, H = M.W, M.H
    L = doc.letter
    font = _ui(rng)
    given = _f(I, rng, ("all", "first", "all"))
    name = _who(I, rng, given, order=rng.choice(["family", "family", "given"]), conv=rng.choice(["nee", "epouse",
                                                                                                 "usage-paren"]))
    if rng.random() < 0.5:
        name = I.civ(rng, "short") + " " + name
    initials = (I.firsts[0][0] + (I.used or I.birth)[0]).upper()
    t1 = [_s(I, rng, ["person", "word", "letter", "hf"]), _age(I),
          rng.choice(["Né(e) le ", "Naissance : ", I.born().capitalize() + " le "]) + _d(I, rng, D_ANY)]
    if I.place:
        t1.append("Lieu de naissance : " + _p(I, rng, P_ANY) if rng.random() < 0.4 else
                  rng.choice(["Né(e)", I.born().capitalize()]) + " " + _at(I, rng, P_ANY))
    t2 = []
    if I.ins:
        t2.append(rng.choice(["INS ", "INS : ", "Matricule INS "]) + _n(I, rng, N_ANY))
        if I.oid:
            t2.append(_oid())
    if I.ipp:
        t2.append("IPP " + I.ipp)
        I.uses.add("ipp")
    if I.nda and rng.random() < 0.5:
        t2.append(rng.choice(["Venue ", "Séjour "]) + I.nda)
        I.uses.add("nda")
    sep = rng.choice([" · ", "  ·  ", " • "])
    stamp = "%02d/11/2026 %02d:%02d" % (rng.randint(2, 23), rng.randint(7, 19), rng.randint(0, 59))
    title = rng.choice(["Dossier informatisé – ", "Mes patients – ", "Documents – "]) + "%s %s" % (
        I.used or I.birth, I.firsts[0])
    host = "dpi." + L.hospital["domain"]
    url = "https://%s/%s/%s/%s" % (host, rng.choice(["patients", "dossier", "pat"]),
                                   I.ipp or "%08d" % rng.randint(1, 10 ** 8 - 1),
                                   rng.choice(["documents/%d/imprimer" % rng.randint(1000, 99999),
                                               "courriers/apercu?id=%d" % rng.randint(1000, 99999)]))
    L.traps += ["print-timestamp", "url"]
    fill = rng.choice([0.93, 0.9, 0.96])
    state = {}

    def band(d):
        x0, x1 = 26, W - 26
        with _Face(d, font):
            d.text(x0, 10, stamp, 6)
            d.text(W / 2, 10, title, _fit(d, [title], W / 2 - 80, 6, floor=4.5), align="centre")
            if "sz" not in state:
                inner = x1 - x0 - 44
                ns = _fit(d, [name], inner, 9, bold=True, floor=6)
                ts = _fit(d, [sep.join(t1), sep.join(t2)], inner, 7, floor=5)
                state["sz"] = (ns, ts)
            ns, ts = state["sz"]
            top, h = 15, 8 + ns * 1.2 + ts * 1.35 * (2 if t2 else 1) + 2
            c = d.c
            c.saveState()
            c.setFillGray(fill)
            c.setStrokeGray(0.7)
            c.roundRect(x0, H - top - h, x1 - x0, h, 5, stroke=1, fill=1)
            c.setFillGray(0.45)
            c.circle(x0 + 19, H - top - h / 2, 12, stroke=0, fill=1)
            c.restoreState()
            d.add_box((x0, top, x1, top + h))
            d.text(x0 + 19, top + h / 2 + 3, initials, 8.5, bold=True, gray=1.0, align="centre")
            if d.page == 1:
                d.mark("identity")
            y = top + 4 + ns
            d.text(x0 + 38, y, name, ns, bold=True)
            y += ts * 1.4
            d.text(x0 + 38, y, sep.join(t1), ts)
            if t2:
                y += ts * 1.35
                d.text(x0 + 38, y, sep.join(t2), ts)
            d.unmark()

    def foot(d):
        with _Face(d, font):
            d.text(26, H - 9, url, _fit(d, [url], W - 120, 6, floor=4.5))
            d.text(W - 26, H - 9, "%d/%d" % (d.page, d.total or 9), 6, align="right")

    band(doc)
    doc.page_start.append(band)
    doc.page_end.insert(0, foot)


def _mrz_check(s):
    total = 0
    for i, ch in enumerate(s):
        v = int(ch) if ch.isdigit() else (ord(ch) - 55 if ch.isalpha() else 0)
        total += v * (7, 3, 1)[i % 3]
    return str(total % 10)


def _mrz_name(text):
    return M.insi(text).replace("-", "<").replace(" ", "<").replace("'", "")


def _mrz(I, rng, kind):
    """The machine-readable lines of an identity card (3 x 30) or a passport (2 x 44)."""
    y, m, d = I.iso.split("-")
    birth = y[2:] + m + d
    sex = I.sex
    exp = "%02d%02d%02d" % (rng.randint(27, 35), rng.randint(1, 12), rng.randint(1, 28))
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
    number = "".join(rng.choice(letters) for _ in range(9))
    names = _mrz_name(I.birth) + "<<" + "<".join(_mrz_name(g) for g in I.firsts)
    if kind == "cni":
        l1 = ("IDFRA" + number + _mrz_check(number)).ljust(30, "<")
        l2 = birth + _mrz_check(birth) + sex + exp + _mrz_check(exp) + "FRA"
        l2 = l2.ljust(29, "<")
        up = l1[5:30] + l2[0:7] + l2[8:15] + l2[18:29]
        l2 += _mrz_check(up)
        l3 = names[:30].ljust(30, "<")
        return [l1, l2, l3], number, "20" + exp[:2], exp
    l1 = ("P<FRA" + names)[:44].ljust(44, "<")
    l2 = number + _mrz_check(number) + "FRA" + birth + _mrz_check(birth) + sex + exp + _mrz_check(exp)
    l2 = l2.ljust(42, "<") + "0"
    l2 += _mrz_check(l2[0:10] + l2[13:20] + l2[21:43])
    return [l1, l2], number, "20" + exp[:2], exp


def id_document_check(doc, I, rng):
    """An identity check as recorded at admission: the traits as checked on the identity
    document, the document (kind, number, expiry), who checked it and when, and the document's
    machine-readable lines as the scanner read them, in a fixed-width face."""
    L = doc.letter
    size = max(7, min(I.size - 0.5, 9.5))
    small = max(5.5, size - 1.5)
    kind = "passport" if (I.child or rng.random() < 0.3) else "cni"
    mrz, number, year, exp = _mrz(I, rng, kind)
    expiry = "%s/%s/%s" % (exp[4:], exp[2:4], year)
    doc_line = ("%s n° %s – valable jusqu'au %s" % ("Passeport" if kind == "passport" else
                                                    "Carte nationale d'identité", number, expiry))
    who = _someone(rng, "F" if rng.random() < 0.7 else "M")
    checked = rng.choice(["Contrôlé le %s par %s %s (%s)", "Vérification : %s, %s %s, %s"]) % (
        _day(rng, 2, 22), who[1], who[2], rng.choice(["bureau des entrées", "accueil", "IDE", "secrétariat"]))
    given = _f(I, rng, ("all", "all", "all-comma"))
    pairs = [(rng.choice(["Nom de famille", "Nom (pièce)", "Nom de naissance"]), I.birth)]
    if I.used:
        pairs.append((rng.choice(["Nom d'usage", "Usage"]), ("épouse " if I.sex == "F" and rng.random() < 0.4 else "")
                      + I.used))
    pairs.append((rng.choice(["Prénoms", "Prénom(s)"]), given))
    pairs.append((rng.choice(["Né(e) le", "Date de naissance"]), _d(I, rng, D_ANY)))
    pairs.append(("Sexe", _s(I, rng, S_ANY)))
    if I.place:
        pairs.append((rng.choice(["Né(e) à", "Lieu de naissance"]), _p(I, rng, P_ANY)))
    if I.ins:
        pairs.append((rng.choice(["INS", "Matricule INS", "INS retourné"]), _n(I, rng, N_ANY)))
        if I.oid:
            pairs.append(("OID", M.TEST_OID))
    L.traps += ["id-document-number", "id-document-expiry", "mrz"]
    sl, sh = _slot_room(doc, "l-id-cell")
    x0 = doc.left
    width = doc.right - x0 - sl
    lead = doc.lead(size)
    lw = max(doc.sw(lb + " :", small) for lb, _ in pairs) + 8
    title = rng.choice(["PIÈCE D'IDENTITÉ PRÉSENTÉE", "Relevé de la pièce d'identité",
                        "Identité relevée sur justificatif"])
    font = _mono(rng)
    with _Face(doc, font):
        ms = _fit(doc, mrz, width - 16, size + 0.5, floor=4.5)
        mlead = ms * 1.25
    h = 6 + lead * 1.3 + lead * len(pairs) + 4 + doc.lead(small) * 2 + mlead * len(mrz) + 8
    doc.need(max(h, sh) + 8)
    top = doc.y
    _frame(doc, x0, top, width, h, lw=0.6, radius=rng.choice([0, 3]))
    y = top + 4 + lead * 0.9
    doc.text(x0 + 6, y, title, size, bold=True)
    y += lead * 0.4
    doc.mark("identity")
    for lb, v in pairs:
        y += lead
        doc.text(x0 + 6, y, lb + " :", small, gray=0.3)
        doc.text(x0 + 6 + lw, y, v, _fit(doc, [v], width - lw - 14, size, bold=True, floor=5), bold=True)
    doc.unmark()
    y += 4
    for t in (doc_line, checked):
        y += doc.lead(small)
        doc.text(x0 + 6, y, t, _fit(doc, [t], width - 12, small, italic=True, floor=4.5), italic=True)
    y += 3
    _fill(doc, x0 + 4, y + 1, width - 8, mlead * len(mrz) + 4, 0.93)
    with _Face(doc, font):
        for t in mrz:
            y += mlead
            doc.text(x0 + 8, y - mlead * 0.15, t, ms)
    if sl:
        _slot_set(doc, "l-id-cell", x0 + width + 2, top)
    doc.y = top + max(h, sh) + I.size


_RCP = [("d'oncologie digestive", ["gastro-entérologue", "chirurgien digestif", "radiothérapeute", "oncologue"]),
        ("de sénologie", ["gynécologue", "radiologue", "oncologue", "anatomopathologiste"]),
        ("d'onco-urologie", ["urologue", "oncologue", "radiothérapeute"]),
        ("thoracique", ["pneumologue", "chirurgien thoracique", "radiothérapeute", "oncologue"]),
        ("d'hématologie", ["hématologue", "biologiste", "radiothérapeute"])]


def id_mdt_sheet(doc, I, rng):
    """The head of a multidisciplinary team meeting record: the meeting (its date, who presented
    the file, who took part), then the person discussed as a paragraph of bold labels and values
    run together, then the question put to the meeting."""
    L = doc.letter
    size = max(7, min(I.size - 0.5, 10))
    small = max(6, size - 1)
    kind, roles = rng.choice(_RCP)
    date = _day(rng, 2, 20)
    presenter = _doctor_name(rng)
    members = ["%s (%s)" % (_doctor_name(rng), r) for r in rng.sample(roles, min(len(roles), rng.randint(2, 4)))]
    L.traps += ["meeting-date", "meeting-members"]
    given = _f(I, rng, ("all", "all-comma", "first"))
    civ = I.civ(rng, "short")
    runs = []
    sep = rng.choice([" –", " ;", M.NBSP * 3])

    def field(label, value, first=False):
        if not first:
            runs[-1] = (runs[-1][0] + sep, False, False)
        runs.append((label + " ", True, False))
        runs.append((_nb(value) if len(value) < 32 else value, False, False))

    field(rng.choice(["Patient(e) :", "Personne :", "Dossier discuté :"]), "%s %s" % (civ, _who(
        I, rng, given, order="family", conv=rng.choice(["nee", "epouse", "ep"]))), first=True)
    field(rng.choice(["Né(e) le", "Date de naissance :"]), _d(I, rng, D_ANY))
    field(rng.choice(["Sexe :", "Sexe"]), _s(I, rng, S_ANY))
    if I.place:
        field(rng.choice(["Lieu de naissance :", "à"]), _p(I, rng, P_ANY))
    if I.ins:
        field(rng.choice(["INS :", "N° INS :", "Matricule INS"]), _n(I, rng, N_ANY))
        if I.oid:
            field("OID :", M.TEST_OID)
    if I.ipp and rng.random() < 0.5:
        field("IPP :", I.ipp)
        I.uses.add("ipp")
    sl, sh = _slot_room(doc, "l-id-cell")
    x0 = doc.left
    width = doc.right - x0
    head = "RÉUNION DE CONCERTATION PLURIDISCIPLINAIRE %s" % kind.upper()
    head = rng.choice([head, "RCP %s du %s" % (kind, date.replace(M.NBSP, " "))])
    meta = ["Séance du %s – dossier présenté par le %s" % (date, presenter),
            rng.choice(["Participants : ", "Médecins présents : ", "Quorum : "]) + ", ".join(members)]
    question = rng.choice(["Question posée : stratégie thérapeutique après bilan d'extension.",
                           "Motif de présentation : discussion d'un traitement adjuvant.",
                           "Question : indication chirurgicale ?"])
    meta_lines = []
    for t in meta:
        meta_lines += doc.wrap(t, width - 8, small)
    plines = _runs_lines(doc, runs, width - sl - 10, size)
    lead = doc.lead(size)
    hs = doc.lead(small)
    h = hs * 1.6 + hs * len(meta_lines) + 6 + max(lead * len(plines), sh) + 6 + hs * 1.2 + 4
    doc.need(h + 8)
    top = doc.y
    _fill(doc, x0, top, width, hs * 1.6, rng.choice([0.82, 0.88]))
    doc.text(x0 + 4, top + hs * 1.15, head, _fit(doc, [head], width - 8, small + 0.5, bold=True, floor=5), bold=True)
    y = top + hs * 1.6
    for t in meta_lines:
        y += hs
        doc.text(x0 + 4, y - 1, t, small, italic=True)
    y += 4
    _rule(doc, x0, doc.right, y, 0.4, 0.5)
    ptop = y + 2
    doc.mark("identity")
    y = _runs_draw(doc, x0 + 4, ptop, plines, size)
    doc.unmark()
    if sl:
        _slot_set(doc, "l-id-cell", doc.right - sl, ptop)
    y = max(y, ptop + sh)
    y += 4
    _rule(doc, x0, doc.right, y, 0.4, 0.5)
    y += hs * 1.1
    doc.text(x0 + 4, y, question, _fit(doc, [question], width - 8, small, floor=5))
    doc.y = y + I.size


_DEVICES = [("ECG", ["MAC 2000", "CardioSoft 7", "ELI 250c", "PageWriter TC50"]),
            ("EFR", ["Vyntus SPIRO", "EasyOne Pro", "MasterScreen PFT"]),
            ("MAPA", ["Spacelabs 90217", "Mobil-O-Graph"])]


def id_device_printout(doc, I, rng):
    """The head of a printout of a medical device (ECG, spirometer, blood pressure recorder)
    pasted into the letter: a fixed-width face, labels run against their colon, three fields a
    line, then the measures of the examination."""
    L = doc.letter
    kind, models = rng.choice(_DEVICES)
    font = _mono(rng)
    f = I.sex == "F"
    fields = []
    camel = rng.random() < 0.5
    if I.used:
        fields.append(("NomUsage" if camel else "Nom d'us.", I.used))
        fields.append(("NomNaiss" if camel else "Nom de nais.", I.birth))
    else:
        fields.append(("Nom", I.birth))
    fields.append(("Prenoms" if camel else "Prénom", _f(I, rng, ("all", "first", "all"))))
    fields.append(("ID", I.ipp if I.ipp else "%08d" % rng.randint(1, 10 ** 8 - 1)))
    if I.ipp:
        I.uses.add("ipp")
    fields.append((rng.choice(["DateNaiss" if camel else "Né(e)", "DDN"]), _d(I, rng, ["dot", "slash", "iso",
                                                                                     "dot-nopad"])))
    fields.append(("Âge", _age(I).replace(" ans", "a")))
    fields.append(("Sexe", _s(I, rng, ["letter", "letter", "hf", "abbr"])))
    if I.place:
        fields.append(("LieuNaiss" if camel else "Lieu de nais.", _p(I, rng, ["code", "code", "code-name",
                                                                             "code-caps"])))
    if I.ins:
        fields.append(("INS", _n(I, rng, ["plain", "plain", "space-key", "dashes", "grouped"])))
        if I.oid:
            fields.append(("OID", M.TEST_OID))
    height_cm = rng.randint(150 if f else 160, 175 if f else 192)
    weight = rng.randint(45, 105)
    fields.append(("Taille", "%dcm" % height_cm))
    fields.append(("Poids", "%dkg" % weight))
    colon = rng.choice([":", ": ", "="])
    if kind == "ECG":
        meas = ["FC %d bpm" % rng.randint(52, 98), "PR %d ms" % rng.randint(120, 200),
                "QRS %d ms" % rng.randint(78, 118), "QT/QTc %d/%d ms" % (rng.randint(340, 420), rng.randint(380, 450)),
                "Axes P-R-T %d %d %d" % (rng.randint(0, 80), rng.randint(-30, 90), rng.randint(0, 80))]
        concl = rng.choice(["Rythme sinusal normal", "Rythme sinusal, ECG normal", "Bloc de branche droit incomplet"])
        head = "%s  %s  25 mm/s  10 mm/mV" % (rng.choice(models), _day(rng, 2, 22).replace(M.NBSP, " "))
    elif kind == "EFR":
        meas = ["CVF %.2f L (%d %%)" % (rng.uniform(2.1, 4.8), rng.randint(70, 115)),
                "VEMS %.2f L (%d %%)" % (rng.uniform(1.5, 3.9), rng.randint(60, 110)),
                "VEMS/CVF %d %%" % rng.randint(55, 85), "DEP %.1f L/s" % rng.uniform(4, 9)]
        concl = rng.choice(["Spirométrie normale", "Trouble ventilatoire obstructif léger",
                            "Pas de trouble ventilatoire"])
        head = "%s  Spirométrie  %s" % (rng.choice(models), _day(rng, 2, 22).replace(M.NBSP, " "))
    else:
        meas = ["PAS/PAD 24h %d/%d mmHg" % (rng.randint(112, 150), rng.randint(65, 95)),
                "Jour %d/%d" % (rng.randint(115, 155), rng.randint(68, 98)),
                "Nuit %d/%d" % (rng.randint(100, 135), rng.randint(58, 85)), "%d mesures valides" % rng.randint(40, 80)]
        concl = rng.choice(["Profil tensionnel normal", "HTA diurne", "Absence de baisse nocturne"])
        head = "%s  MAPA 24 h  %s" % (rng.choice(models), _day(rng, 2, 22).replace(M.NBSP, " "))
    L.traps += ["device-measures", "device-date", "device-id"]
    cells = ["%s%s%s" % (lb, colon, v.replace(M.NBSP, " ")) for lb, v in fields]
    sl, sh = _slot_room(doc, "l-id-cell")
    x0 = doc.left
    width = doc.right - x0 - sl
    with _Face(doc, font):
        cw = doc.sw("M", 10) / 10
        ncol = 3
        colw = max(len(c) for c in cells) + 2
        while ncol > 1 and colw * ncol * cw * 6.5 > width - 12:
            ncol -= 1
        per = max(len(c) for c in cells) + 2
        size = min(I.size - 0.5, 9, (width - 12) / (per * ncol * cw))
        size = max(size, 5)
        grid = []
        for i in range(0, len(cells), ncol):
            grid.append("".join(c.ljust(per) for c in cells[i:i + ncol]).rstrip())
        mline = "   ".join(meas)
        texts = [head] + grid + [mline, rng.choice(["Interprétation : ", "Analyse auto : ", "Conclusion : "]) +
                                 concl + rng.choice(["", " – non confirmé", " (à valider)"])]
        size = _fit(doc, texts, width - 12, size, floor=4.5)
        lead = size * 1.3
        h = lead * len(texts) + 10
        doc.need(max(h, sh) + 8)
        top = doc.y
        _frame(doc, x0, top, width, max(h, sh), lw=0.5, dash=(2, 1.5) if rng.random() < 0.4 else None)
        y = top + 4
        for k, t in enumerate(texts):
            y += lead
            if k == 1:
                doc.mark("identity")
            doc.text(x0 + 6, y - lead * 0.2, t, size, bold=(k == 0))
            if k == len(grid):
                doc.unmark()
    if sl:
        _slot_set(doc, "l-id-cell", x0 + width + 2, top)
    doc.y = top + max(h, sh) + I.size


def id_caption_top_right(doc, I, rng):
    """Opposite the letterhead, set flush right: a small grey line telling how the name below is
    written ('Nom usuel (nom de naissance), prénoms'), the name so written in bold, then the
    birth, the sex, the birth place and the national identifier."""
    W = M.W
    size = max(7.5, min(I.size, 9.5))
    small = max(5.5, size - 2)
    given = _f(I, rng, ("all", "all", "first"))
    if I.used:
        legend = rng.choice(["Nom usuel (nom de naissance), prénoms", "NOM D'USAGE (NOM DE NAISSANCE) Prénom(s)",
                             "Nom utilisé (naissance) – prénoms"])
        name = rng.choice(["%s (%s), %s", "%s (%s) %s"]) % (I.used, I.birth, given)
    else:
        legend = rng.choice(["Nom de naissance, prénoms", "NOM DE NAISSANCE Prénom(s)", "Nom – prénoms"])
        name = rng.choice(["%s, %s", "%s %s", "%s – %s"]) % (I.birth, given)
    items = [(legend, small, False, True, 0.45), (name, size + 1, True, False, 0)]
    d = _d(I, rng, D_ANY)
    items.append(("%s %s (%s)" % (I.born_label(rng), d, _age(I)) if rng.random() < 0.5 else
                  "%s le %s" % (I.born().capitalize(), d), size, False, False, 0))
    line = ["Sexe : " + _s(I, rng, S_ANY)]
    if I.place:
        line.append("LN " + _p(I, rng, P_ANY) if rng.random() < 0.4 else I.born().capitalize() + " " +
                    _at(I, rng, P_ANY))
    items.append((" – ".join(line), size, False, False, 0))
    if I.ins:
        items.append((rng.choice(["INS ", "INS : ", "N° INS "]) + _n(I, rng, N_ANY), size, True, False, 0))
        if I.oid:
            items.append((_oid(), small, False, False, 0.3))
    if I.ipp and rng.random() < 0.5:
        items.append(("IPP " + I.ipp, small, False, False, 0.3))
        I.uses.add("ipp")
    right = W - rng.choice([34, 40, 46])
    left_limit = W / 2 + 10
    items = [(t, _fit(doc, [t], right - left_limit, sz, bold=b, italic=i, floor=5.5), b, i, g)
             for t, sz, b, i, g in items]
    h = sum(doc.lead(sz) for _, sz, _, _, _ in items)
    top = _free_top(doc, left_limit, right, rng.choice([36, 44, 52]), h + 4)
    doc.mark("identity")
    y = top
    for t, sz, b, i, g in items:
        lead = doc.lead(sz)
        y += lead * 0.8
        doc.text(right, y, t, sz, bold=b, italic=i, gray=g, align="right")
        y += lead * 0.2
    doc.unmark()
    if rng.random() < 0.5:
        _rule(doc, right - 60, right, y + 3, 0.6)
    return y + 8


def id_e_document(doc, I, rng):
    """The head of a document issued through a national e-health service: what it is and its
    unique identifier, the issuing doctor with their RPPS number, then the patient on a few
    lines with a weight; room on the right where such documents carry their code."""
    L = doc.letter
    a = L.author
    size = max(7, min(I.size - 0.5, 9.5))
    small = max(5.5, size - 1.5)
    if L.doc_code == "57833-6":
        what = rng.choice(["ORDONNANCE NUMÉRIQUE", "Ordonnance numérique (e-prescription)"])
    else:
        what = rng.choice(["DOCUMENT NUMÉRIQUE SIGNÉ", "Document électronique – copie imprimée"])
    alnum = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    uid = "-".join("".join(rng.choice(alnum) for _ in range(4)) for _ in range(4))
    ident = rng.choice(["Identifiant unique : ", "N° unique : ", "Réf. du document : "]) + uid
    issuer = "%s %s %s – RPPS %s" % ("Pr" if a.title == "PR" else "Dr", a.given, a.family, a.rpps)
    L.traps += ["document-uid", "author-rpps"]
    given = _f(I, rng, ("all", "first", "all"))
    civ = I.civ(rng, rng.choice(["short", "long"]))
    plines = [(rng.choice(["Patient(e) : ", "Personne soignée : ", "Pour : "]) + "%s %s" % (
        civ, _who(I, rng, given, order=rng.choice(["family", "given"]))), True)]
    l2 = [rng.choice(["Né(e) le ", "DDN "]) + _d(I, rng, D_ANY), rng.choice(["Sexe ", "Sexe : "]) +
          _s(I, rng, S_ANY)]
    if rng.random() < 0.6:
        l2.append("%d kg" % rng.randint(8 if I.child else 45, 40 if I.child else 105))
        L.traps.append("weight")
    plines.append((" – ".join(l2), False))
    if I.place:
        plines.append((rng.choice(["Lieu de naissance : ", "Né(e) à : "]) + _p(I, rng, P_ANY), False))
    if I.ins:
        t = rng.choice(["INS : ", "Identifiant national de santé : ", "INS (NIR) : "]) + _n(I, rng, N_ANY)
        if I.oid:
            t += " – " + _oid()
        plines.append((t, False))
    sl, sh = _slot_room(doc, "l-id-cell")
    x0 = doc.left
    width = doc.right - x0
    inner = width - sl - 12
    lead = doc.lead(size)
    hs = doc.lead(small)
    hb = hs * 1.7
    h = hb + hs * 1.4 + max(lead * len(plines), sh) + 10
    doc.need(h + 8)
    top = doc.y
    _frame(doc, x0, top, width, h, lw=0.8, radius=rng.choice([0, 4]))
    _fill(doc, x0 + 0.8, top + 0.8, width - 1.6, hb, 0.86)
    doc.text(x0 + 6, top + hb * 0.68, what, _fit(doc, [what], width * 0.48, small + 1, bold=True, floor=5), bold=True)
    doc.text(doc.right - 6, top + hb * 0.68, ident, _fit(doc, [ident], width * 0.46, small, floor=4.5),
             align="right")
    y = top + hb + hs * 1.1
    doc.text(x0 + 6, y, ("Prescrit par : " if L.doc_code == "57833-6" else "Émis par : ") + issuer,
             _fit(doc, ["Prescrit par : " + issuer], inner, small, floor=4.5), gray=0.25)
    y += hs * 0.3
    ptop = y
    doc.mark("identity")
    for t, b in plines:
        y += lead * 0.8
        doc.text(x0 + 6, y, t, _fit(doc, [t], inner, size, bold=b, floor=5), bold=b)
        y += lead * 0.2
    doc.unmark()
    if sl:
        _slot_set(doc, "l-id-cell", doc.right - sl - 2, ptop)
    doc.y = top + h + I.size


def id_teleexpertise(doc, I, rng):
    """The head of a tele-expertise request printed from its platform: the request number and
    date, the requesting doctor (the author) and the doctor asked (the addressee, when there is
    one) side by side, then the patient on a banner line and the consent."""
    L = doc.letter
    a = L.author
    size = max(7, min(I.size - 0.5, 9.5))
    small = max(5.5, size - 1.5)
    req = "TE-2026-%06d" % rng.randint(1, 999999)
    date = _day(rng, 2, 22)
    left = [("Requérant", True), ("%s %s %s" % ("Pr" if a.title == "PR" else "Dr", a.given, a.family), False),
            (M.service_of(a.service), False)]
    right = []
    p = L.to
    if p is not None and p.spec is not None:
        name = "%s %s %s" % ("Pr" if p.title == "PR" else "Dr", p.given, p.family)
        city = M.city_text(p, rng)
        right = [("Requis", True), (name, False), ("%s – %s" % (M.lower_service(rng.choice(p.spec[2])), city), False)]
        L.mentions.add(p, "to", name, "full", city, None)
    L.traps += ["request-number", "request-date"]
    given = _f(I, rng, ("all", "first"))
    who = "%s %s" % (I.civ(rng, "short"), _who(I, rng, given, order=rng.choice(["family", "given"])))
    bits = [who, _s(I, rng, ["letter", "person", "hf"]), "%s %s" % (rng.choice(["né(e) le", "DDN"]),
                                                                     _d(I, rng, D_ANY))]
    if I.place:
        bits.append(_at(I, rng, P_ANY) if rng.random() < 0.5 else "lieu de naissance " + _p(I, rng, P_ANY))
    if I.ins:
        bits.append("INS " + _n(I, rng, N_ANY))
        if I.oid:
            bits.append(_oid())
    sep = rng.choice([" | ", " · ", " – "])
    sl, sh = _slot_room(doc, "l-id-cell")
    x0 = doc.left
    width = doc.right - x0
    lead = doc.lead(size)
    hs = doc.lead(small)
    pl = doc.wrap(sep.join(bits), width - sl - 16, size, bold=True)
    consent = rng.choice(["Consentement du patient recueilli : oui", "Patient informé et consentant",
                          "Consentement recueilli le " + date])
    h_meta = hs * 1.5
    h_cols = hs * max(len(left), len(right) or 1) + 4
    h_pat = max(lead * len(pl) + 8, sh)
    h = h_meta + h_cols + h_pat + hs + 8
    doc.need(h + 8)
    top = doc.y
    title = rng.choice(["Demande de téléexpertise n° %s du %s", "Téléexpertise %s – %s"]) % (req, date)
    doc.text(x0, top + hs, title, _fit(doc, [title], width, small + 0.5, bold=True, floor=5), bold=True)
    y = top + h_meta
    _rule(doc, x0, doc.right, y, 0.5)
    half = width / 2
    for col, x in ((left, x0), (right, x0 + half)):
        yy = y + 2
        for t, b in col:
            yy += hs
            doc.text(x + 2, yy - 1, t, _fit(doc, [t], half - 8, small, bold=b, floor=4.5), bold=b,
                     gray=0.35 if b else 0)
    y += h_cols
    _fill(doc, x0, y, width - sl - 4, lead * len(pl) + 8, 0.92)
    doc.mark("identity")
    yy = y + 4
    for t in pl:
        yy += lead * 0.8
        doc.text(x0 + 6, yy, t, size, bold=True)
        yy += lead * 0.2
    doc.unmark()
    if sl:
        _slot_set(doc, "l-id-cell", x0 + width - sl, y)
    y += h_pat + hs
    doc.text(x0 + 2, y - 2, consent, small, italic=True)
    doc.y = y + I.size


def id_identity_log(doc, I, rng):
    """What identity vigilance prints of a record: the identity in force on one line, then the
    dated history of the record (creation, qualification through the national service, change
    of the name in use, merge of a duplicate) in a small ruled table."""
    L = doc.letter
    size = max(7, min(I.size - 0.5, 9.5))
    small = max(5.5, size - 1.5)
    given = _f(I, rng, ("all", "all", "all-comma"))
    current = [_who(I, rng, given, order="family", conv=rng.choice(["nee", "epouse", "ep"])),
               _s(I, rng, S_ANY), "%s le %s" % (I.born(), _d(I, rng, D_ANY))]
    if I.place:
        current.append(_at(I, rng, P_ANY) if rng.random() < 0.5 else "lieu de naissance : " + _p(I, rng, P_ANY))
    line1 = rng.choice(["Identité en vigueur : ", "Identité active : ", "Identité retenue : "]) + \
        ", ".join(current)
    y0 = 2006 if I.child else 2008
    created = "%02d/%02d/%d" % (rng.randint(1, 28), rng.randint(1, 12), rng.randint(max(y0, int(I.iso[:4])), 2024))
    rows = [(created, "Création du dossier", rng.choice(["Identité provisoire", "Saisie au bureau des entrées",
                                                          "Saisie aux urgences"]))]
    if I.used:
        rows.append(("%02d/%02d/20%02d" % (rng.randint(1, 28), rng.randint(1, 12), rng.randint(10, 25)),
                     "Nom utilisé", "renseigné : " + I.used))
    if rng.random() < 0.5:
        rows.append(("%02d/%02d/2025" % (rng.randint(1, 28), rng.randint(1, 12)), "Fusion de doublon",
                     "dossier n° %07d rattaché" % rng.randint(1, 9999999)))
        L.traps.append("merged-record")
    if I.ins:
        t = "INS " + _n(I, rng, N_ANY)
        if I.oid:
            t += " – " + _oid()
        rows.append((_day(rng, 2, 22), rng.choice(["Qualification (INSi)", "Appel INSi – identité qualifiée",
                                                   "Récupération de l'INS"]), t))
    L.traps += ["record-history-dates"]
    heads = ("Date", rng.choice(["Événement", "Action"]), rng.choice(["Détail", "Commentaire"]))
    sl, sh = _slot_room(doc, "l-id-cell")
    x0 = doc.left
    width = doc.right - x0 - sl
    lead = doc.lead(size)
    l1 = doc.wrap(line1, width, size, bold=True)
    cws = [max(doc.sw(r[i], small) for r in rows + [heads]) + 10 for i in range(2)]
    cws.append(width - sum(cws))
    rh = doc.lead(small) + 3
    cap = rng.choice(["Historique de l'identité", "Traçabilité du dossier", "Journal d'identitovigilance"])
    h = lead * len(l1) + 6 + doc.lead(small) + rh * (len(rows) + 1)
    doc.need(max(h, sh) + 10)
    top = doc.y
    doc.mark("identity")
    y = top
    for t in l1:
        y += lead * 0.8
        doc.text(x0, y, t, size, bold=True)
        y += lead * 0.2
    y += 4 + doc.lead(small)
    doc.text(x0, y - 2, cap, small, bold=True, italic=True)
    for j, r in enumerate([heads] + rows):
        x = x0
        if j == 0:
            _fill(doc, x0, y, width, rh, 0.88)
        for i, (v, w) in enumerate(zip(r, cws)):
            _frame(doc, x, y, w, rh, lw=0.4)
            _cell(doc, x, y, w, rh, v, small, bold=(j == 0))
            x += w
        y += rh
    doc.unmark()
    if sl:
        _slot_set(doc, "l-id-cell", x0 + width + 2, top)
    L.traps.append("identity-history")
    doc.y = max(y, top + sh) + I.size


def id_key_image(doc, I, rng):
    """A key image of the examination pasted in the letter, the viewer's overlay burnt into its
    corners in white (short name, record number, birth date, the examination's date and series);
    the full identity in the caption of the figure, beside it or under it."""
    L = doc.letter
    size = max(7, min(I.size - 0.5, 9.5))
    given1 = I.first_names(rng, "first")
    ov = 6.0
    tl = [rng.choice(["%s, %s", "%s %s", "%s^%s"]) % (I.birth, M.insi(given1) if rng.random() < 0.3 else given1),
          "ID: " + (I.ipp if I.ipp else "%07d" % rng.randint(1, 9999999)),
          _d(I, rng, ["iso", "slash", "dot"]).replace(M.NBSP, " ") + " " + I.sex]
    if I.ipp:
        I.uses.add("ipp")
    modality = rng.choice(["IRM 1.5T", "TDM", "IRM 3T", "Échographie", "Radiographie"])
    tr = [L.hospital["short"][:22], _day(rng, 2, 22).replace(M.NBSP, " "), modality]
    bl = ["Se: %d  Im: %d/%d" % (rng.randint(1, 12), rng.randint(1, 60), rng.randint(60, 240))]
    br = ["Ép: %.1f mm" % rng.choice([1.0, 1.25, 3.0, 5.0]), "W: %d L: %d" % (rng.choice([350, 400, 1500, 80]),
                                                                             rng.choice([40, 50, -600, 35]))]
    L.traps += ["image-overlay", "exam-date", "series-numbers"]
    given = _f(I, rng, ("all", "all", "all-comma"))
    civ = I.civ(rng, rng.choice(["short", "long"]))
    cap = [(rng.choice(["Figure 1 – ", "Fig. 1. ", "Image clé – "]) + rng.choice(
        ["coupe axiale", "coupe coronale", "reconstruction sagittale", "cliché de face"]), False, True)]
    cap.append(("%s %s" % (civ, _who(I, rng, given, order=rng.choice(["family", "given"]))), True, False))
    b = "%s le %s" % (I.born(), _d(I, rng, D_ANY))
    if I.place:
        b += " " + _at(I, rng, P_ANY)
    cap.append((b, False, False))
    cap.append(("Sexe : " + _s(I, rng, S_ANY), False, False))
    if I.ins:
        cap.append((rng.choice(["INS ", "INS : ", "Matricule INS "]) + _n(I, rng, N_ANY), False, False))
        if I.oid:
            cap.append((_oid(), False, False))
    sl, sh = _slot_room(doc, "l-id-cell")
    x0 = doc.left
    width = doc.right - x0
    side = rng.random() < 0.5
    iw = min(width * (0.45 if side else 0.55), 250)
    ih = iw * rng.choice([0.62, 0.7, 0.75])
    lead = doc.lead(size)
    if side:
        cw = width - iw - 12 - sl
        capl = []
        for t, bb, it in cap:
            capl += [(p, bb, it) for p in doc.wrap(t, cw, size, bold=bb, italic=it)]
        h = max(ih, lead * len(capl) + 4, sh)
    else:
        capl = []
        for t, bb, it in cap:
            capl += [(p, bb, it) for p in doc.wrap(t, width - 4, size, bold=bb, italic=it)]
        h = max(ih, sh) + 6 + lead * len(capl)
    doc.need(h + 10)
    top = doc.y
    c = doc.c
    c.saveState()
    c.setFillGray(0.06)
    c.rect(x0, M.H - top - ih, iw, ih, stroke=0, fill=1)
    c.setFillGray(0.32)
    c.ellipse(x0 + iw * 0.22, M.H - top - ih * 0.88, x0 + iw * 0.78, M.H - top - ih * 0.14, stroke=0, fill=1)
    c.setFillGray(0.55)
    c.ellipse(x0 + iw * 0.36, M.H - top - ih * 0.7, x0 + iw * 0.64, M.H - top - ih * 0.3, stroke=0, fill=1)
    c.restoreState()
    doc.add_box((x0, top, x0 + iw, top + ih))
    ol = ov * 1.25
    for k, t in enumerate(tl):
        doc.text(x0 + 4, top + 3 + ol * (k + 0.8), t, _fit(doc, [t], iw * 0.5 - 6, ov, floor=4), gray=1.0)
    for k, t in enumerate(tr):
        doc.text(x0 + iw - 4, top + 3 + ol * (k + 0.8), t, _fit(doc, [t], iw * 0.42 - 6, ov, floor=4), gray=1.0,
                 align="right")
    for k, t in enumerate(bl):
        doc.text(x0 + 4, top + ih - 4 - ol * (len(bl) - 1 - k), t, ov, gray=1.0)
    for k, t in enumerate(br):
        doc.text(x0 + iw - 4, top + ih - 4 - ol * (len(br) - 1 - k), t, ov, gray=1.0, align="right")
    doc.mark("identity")
    if side:
        y = top
        cx = x0 + iw + 12
    else:
        y = top + max(ih, sh) + 6
        cx = x0
    for t, bb, it in capl:
        y += lead * 0.8
        doc.text(cx, y, t, size, bold=bb, italic=it)
        y += lead * 0.2
    doc.unmark()
    if sl:
        _slot_set(doc, "l-id-cell", doc.right - sl, top)
    doc.y = top + h + I.size


def id_footer_leaders(doc, I, rng):
    """At the foot of every page, over the page footer: two lines whose left and right parts are
    joined by dot leaders (the name and sex … the birth; the national identifier … the sheet
    number)."""
    H = M.H
    L = doc.letter
    given = _f(I, rng, ("all", "first"))
    name = _who(I, rng, given, order=rng.choice(["family", "given"]), conv=rng.choice(["nee", "epouse", "ep"]))
    if rng.random() < 0.4:
        name = I.civ(rng, "short") + " " + name
    l1 = "%s (%s)" % (name, _s(I, rng, ["letter", "hf", "word"])) if rng.random() < 0.5 else \
        "%s – %s" % (name, _s(I, rng, ["person", "word", "letter"]))
    r1 = "%s le %s" % (I.born(), _d(I, rng, D_ANY))
    if I.place:
        r1 += " " + _at(I, rng, P_ANY)
    l2 = ""
    if I.ins:
        l2 = rng.choice(["INS ", "INS : ", "Matricule INS "]) + _n(I, rng, N_ANY)
        if I.oid:
            l2 += "  " + _oid()
    if I.ipp and rng.random() < 0.5:
        l2 += ("   " if l2 else "") + "IPP " + I.ipp
        I.uses.add("ipp")
    fmt = rng.choice(["Feuillet %d/%d", "Feuille %d sur %d", "f. %d/%d"])
    size = rng.choice([6.5, 7, 7.5])
    L.traps.append("sheet-number")
    state = {}

    def foot(d):
        x0 = d.left if d.left < 100 else 45
        x1 = d.right
        r2 = fmt % (d.page, d.total or 9)
        if "sz" not in state:
            sz = size
            while sz > 4.5 and (d.sw(l1, sz, bold=True) + d.sw(r1, sz) + 30 > x1 - x0 or
                                d.sw(l2, sz) + d.sw(r2, sz) + 30 > x1 - x0):
                sz -= 0.25
            state["sz"] = sz
        sz = state["sz"]
        lead = sz * 1.45
        y = H - 96
        if d.page == 1:
            d.mark("identity")
        dot = d.sw(". ", sz)
        for left, right, bold in ((l1, r1, True), (l2, r2, False)):
            wl = d.text(x0, y, left, sz, bold=bold) if left else 0
            wr = d.sw(right, sz)
            d.text(x1, y, right, sz, align="right")
            n = int((x1 - x0 - wl - wr - 12) / dot)
            if n > 2:
                d.text(x0 + wl + 6, y, ". " * n, sz, gray=0.5)
            y += lead
        d.unmark()

    doc.page_end.insert(0, foot)


IDENTITY_FAMILIES = {
    "l-id-a": (id_pictograms, "flow"),
    "l-id-b": (id_footnote, "body"),
    "l-id-c": (id_quality_form, "flow"),
    "l-id-d": (id_medication_plan, "flow"),
    "l-id-e": (id_saed, "body"),
    "l-id-f": (id_tree, "flow"),
    "l-id-g": (id_web_banner, "band"),
    "l-id-h": (id_document_check, "flow"),
    "l-id-i": (id_mdt_sheet, "flow"),
    "l-id-j": (id_device_printout, "flow"),
    "l-id-k": (id_caption_top_right, "top-right"),
    "l-id-l": (id_e_document, "flow"),
    "l-id-m": (id_teleexpertise, "flow"),
    "l-id-n": (id_identity_log, "flow"),
    "l-id-o": (id_key_image, "flow"),
    "l-id-p": (id_footer_leaders, "footer"),
}


# ---------------------------------------------------------------------------------------------
# Professionals as these families print them


def _pname(p, rng, form):
    """(text, given form) of a professional's name."""
    f = p.sex == "F"
    if not p.title:  # not a doctor
        civ = "Mme" if f else "M."
        if form in ("initial", "family"):
            return "%s %s %s" % (civ, M.initials(p.given), p.family), "initial"
        return "%s %s %s" % (civ, p.given, p.family), "full"
    short, word = ("Pr", "Professeur") if p.title == "PR" else ("Dr", "Docteur")
    if form == "dr-gf":
        return "%s %s %s" % (short, p.given, p.family), "full"
    if form == "word-gf":
        return "%s %s %s" % (word, p.given, p.family), "full"
    if form == "dr-fg":
        return "%s %s %s" % (short, p.family, p.given), "full"
    if form == "word-fg":
        return "%s %s %s" % (word, p.family, p.given), "full"
    if form == "initial":
        return "%s %s %s" % (short, M.initials(p.given), p.family), "initial"
    if form == "family":
        return "%s %s" % (short, p.family), "none"
    if form == "gf":
        return "%s %s" % (p.given, p.family), "full"
    raise ValueError(form)


FULL = ["dr-gf", "dr-gf", "dr-fg", "word-gf", "word-fg"]


def _job(p, rng):
    if p.spec is None:
        return p.profession[1].lower()
    if p.spec[0] == M.GP:
        return rng.choice(["médecin généraliste", "généraliste", "médecine générale"])
    s = rng.choice(p.spec[2])
    return s if s.isupper() else s[0].lower() + s[1:]


def _place_of(p, rng, gf, p_city=0.75, upper=None):
    """(city, postcode) printed with a name: always when the name alone could not tell it apart."""
    must = p.force_place or gf != "full"
    if not (must or rng.random() < p_city):
        return None, None
    city = M.city_text(p, rng, upper=(rng.random() < 0.55) if upper is None else upper)
    pc = p.postcode if rng.random() < 0.3 else None
    return city, pc


def _where(city, pc):
    return _nb("%s %s" % (pc, city)) if pc else city


def _patient_word(L):
    return "la patiente" if L.ident.sex == "F" else "le patient"


# ---------------------------------------------------------------------------------------------
# Addressees


def _win(doc, rng, items, x, top=None, gap=4):
    """Address lines (text, size, bold, italic, gray) from x, shrunk rather than broken, the
    block moved left when a line would pass the margin; records the block. Returns where the flow
    may start."""
    W = M.W
    if top is None:
        top = max(rng.choice([138, 146, 154, 162]), getattr(doc, "header_bottom", 0) + 8)
    right_side = x > W / 2 - 60
    limit = W - 32 if right_side else W / 2 - 14
    lo = W / 2 - 20 if right_side else x
    items = [(t, _fit(doc, [t], limit - lo, sz, bold=b, italic=i, floor=6.5), b, i, g) for t, sz, b, i, g in items]
    widest = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in items)
    if right_side and x + widest > limit:
        x = max(lo, limit - widest)
    y = top
    for t, sz, b, i, g in items:
        lead = doc.lead(sz)
        y += lead * 0.8
        if t:
            doc.text(x, y, t, sz, bold=b, italic=i, gray=g)
        y += lead * 0.2
    return y + gap


def ad_role_only(doc, L, rng):
    """Right window to a role, with no name: the regular doctor of the patient, the colleague who
    will take over; the letter is handed to the patient."""
    I = L.ident
    f = I.sex == "F"
    size = min(doc.size + 0.5, 11)
    pat = "%s %s %s" % (I.civ(rng, "long"), I.firsts[0], I.used or I.birth)
    style = rng.randrange(4)
    if style == 0:
        lines = ["Au médecin traitant", "de " + pat]
    elif style == 1:
        lines = ["Madame, Monsieur le médecin traitant", "(courrier remis en main propre", "%s)" % (
            "à la patiente" if f else "au patient")]
    elif style == 2:
        lines = ["Au confrère qui assurera", "la suite de la prise en charge", "de " + pat]
    else:
        lines = ["Au médecin qui suit", pat, "(pli remis à l'intéressé%s)" % ("e" if f else "")]
    items = [(t, size, k == 0, k > 0 and t.startswith("("), 0) for k, t in enumerate(lines)]
    L.salutation = rng.choice(["Cher Confrère,", "Chère Consœur, cher Confrère,", "Madame, Monsieur,",
                               "Cher(e) collègue,"])
    L.traps.append("role-only-addressee")
    return _win(doc, rng, items, rng.choice([312, 324, 336]))


_PARAMED = [("60", "Infirmier", "CABINET INFIRMIER"), ("70", "Masseur-Kinésithérapeute", "CABINET DE KINESITHERAPIE"),
            ("21", "Pharmacien", "PHARMACIE"), ("50", "Sage-Femme", "CABINET DE SAGE-FEMME")]


def ad_paramedical(doc, L, rng):
    """Right window to a nurse, a physiotherapist, a pharmacist or a midwife in town (who is in
    the directory as such), with their qualification line; the salutation is not a colleague's."""
    p = L.to
    f = p.sex == "F"
    k = rng.randrange(4)
    if k == 3 and not f:
        k = 0
    code, label, site = _PARAMED[k]
    # The addressee becomes that professional (the directory, written last, says so too).
    p.title = ""
    p.profession = (code, label)
    p.spec = None
    if not p.salaried:
        p.site = site + " " + p.family
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    civ_long = "Madame" if f else "Monsieur"
    civ = rng.choice([civ_long, "Mme" if f else "M.", ""])
    name = ("%s %s %s" % (civ, p.given, p.family)).strip()
    who = "%s %s" % (p.given, p.family)
    if code == "60":
        qual = rng.choice(["Infirmière libérale" if f else "Infirmier libéral", "Infirmière diplômée d'État" if f
                           else "Infirmier diplômé d'État", "IDE libérale" if f else "IDE libéral"])
        place = rng.choice(["Cabinet de soins infirmiers", "Soins à domicile", None])
    elif code == "70":
        qual = rng.choice(["Masseur-kinésithérapeute", "Kinésithérapeute D.E.",
                           "Masseur-kinésithérapeute libéral" + ("e" if f else "")])
        place = rng.choice(["Cabinet de kinésithérapie", "Centre de rééducation fonctionnelle", None])
    elif code == "21":
        qual = rng.choice(["Pharmacien titulaire", "Docteur en pharmacie", "Pharmacien" + ("ne" if f else "")])
        place = "Pharmacie " + rng.choice(["du Centre", "des Halles", "de la Gare", "du Marché", M.cap_name(p.family)])
    else:
        qual = rng.choice(["Sage-femme libérale", "Sage-femme"])
        place = rng.choice(["Cabinet de sage-femme", None])
    items = []
    if code == "21" and rng.random() < 0.6:
        items.append((place, size, True, False, 0))
        items.append((name, size, False, False, 0))
        items.append((qual, size - 0.5, False, True, 0))
    else:
        items.append((name, size, rng.random() < 0.5, False, 0))
        items.append((qual, size - 0.5, False, True, 0))
        if p.salaried:
            items.append((M.service_of(p.service), size - 0.5, False, False, 0))
            items.append((p.site, size - 0.5, False, False, 0))
        elif place:
            items.append((place, size - 0.5, False, False, 0))
    city = M.city_text(p, rng)
    items.append((p.street_line(), size, False, False, 0))
    items.append(("%s %s" % (p.postcode, city), size, False, False, 0))
    L.mentions.add(p, "to", who, "full", city, p.postcode)
    L.salutation = rng.choice([("Madame," if f else "Monsieur,"), ("Chère Madame," if f else "Cher Monsieur,"),
                               ("Chère collègue," if f else "Cher collègue,")])
    L.traps.append("non-physician-addressee")
    return _win(doc, rng, items, rng.choice([310, 322, 334]))


def ad_two_line_name(doc, L, rng):
    """Right window, narrow: the title and the first name on one line, the family name alone in
    bold capitals on the next, then the rest."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    pr = p.title == "PR"
    title = rng.choice(["Professeur", "Pr"] if pr else ["Docteur", "Dr", "Docteur"])
    items = [("%s %s" % (title, p.given), size, False, False, 0), (p.family, size + 1, True, False, 0)]
    if p.salaried:
        items.append((M.service_of(p.service), size - 0.5, False, True, 0))
        items.append((p.site, size - 0.5, False, False, 0))
    elif rng.random() < 0.7:
        items.append((_job(p, rng).capitalize(), size - 0.5, False, True, 0))
    city = M.city_text(p, rng)
    items.append((p.street_line(), size, False, False, 0))
    items.append(("%s %s" % (p.postcode, city), size, False, False, 0))
    L.mentions.add(p, "to", "%s %s %s" % (title, p.given, p.family), "full", city, p.postcode)
    return _win(doc, rng, items, rng.choice([340, 352, 364]))


def ad_visa_box(doc, L, rng):
    """A framed block on the right for a colleague who must see the result: a shaded caption, the
    colleague and their practice, then blanks for the date they read it and their initials."""
    W = M.W
    p = L.to
    size = min(doc.size, 10)
    small = max(6, size - 1.5)
    name, gf = _pname(p, rng, rng.choice(FULL + ["initial"]))
    city = M.city_text(p, rng)
    lines = [(name, size, True)]
    if p.salaried:
        lines.append((M.service_of(p.service), small + 0.5, False))
        lines.append((p.site, small + 0.5, False))
    else:
        lines.append((_job(p, rng).capitalize(), small + 0.5, False))
    lines.append((p.street_line(), size, False))
    lines.append(("%s %s" % (p.postcode, city), size, False))
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    cap = rng.choice(["POUR LECTURE ET VISA", "Destinataire – à viser", "À VISER PAR"])
    sl, sh = _slot_room(doc, "l-ad-slot")
    x1 = W - rng.choice([34, 40, 48])
    inner = max(doc.sw(t, sz, bold=b) for t, sz, b in lines) + 14
    inner = min(max(inner, 170), x1 - W / 2 + 30 - sl)
    lines = [(t, _fit(doc, [t], inner - 14, sz, bold=b, floor=6), b) for t, sz, b in lines]
    x0 = x1 - inner - sl
    cap_h = small * 1.8
    body_h = sum(doc.lead(sz) for _, sz, _ in lines) + 6
    blanks_h = doc.lead(small) * 2 + 4
    h = max(cap_h + body_h + blanks_h, sh + 4)
    top = max(rng.choice([136, 146, 156]), getattr(doc, "header_bottom", 0) + 8)
    _frame(doc, x0, top, inner + sl, h, lw=0.7)
    _fill(doc, x0 + 0.7, top + 0.7, inner + sl - 1.4, cap_h - 0.7, 0.85)
    doc.text(x0 + 6, top + cap_h * 0.7, cap, small, bold=True)
    y = top + cap_h + 2
    for t, sz, b in lines:
        lead = doc.lead(sz)
        y += lead * 0.8
        doc.text(x0 + 7, y, t, sz, bold=b)
        y += lead * 0.2
    y += 2
    for lab in (rng.choice(["Lu le :", "Vu le :"]), rng.choice(["Visa :", "Paraphe :"])):
        y += doc.lead(small)
        w = doc.text(x0 + 7, y, lab, small, gray=0.3)
        _rule(doc, x0 + 10 + w, x0 + min(inner - 10, 10 + w + 90), y + 1.5, 0.4, 0.4, dash=(1, 1.5))
    if sl:
        _slot_set(doc, "l-ad-slot", x0 + inner, top + cap_h)
    L.traps.append("visa-blanks")
    return top + h + 4


def ad_strip(doc, L, rng):
    """Across the page under the letterhead, a ruled strip of cells: a reversed caption, then the
    addressee, what they do, and their address on one line."""
    p = L.to
    size = min(doc.size, 10)
    small = max(6, size - 1.5)
    name, gf = _pname(p, rng, rng.choice(FULL + ["initial", "family"]))
    city = M.city_text(p, rng)
    job = M.service_of(p.service) if p.salaried and rng.random() < 0.5 else _job(p, rng)
    addr = "%s, %s %s" % (p.street_line(), p.postcode, city)
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    cap = rng.choice(["ENVOYÉ À", "POUR", "À :", "DESTINATION"])
    sl, sh = _slot_room(doc, "l-ad-slot")
    x0 = doc.left
    x1 = doc.right - sl
    width = x1 - x0
    cw = doc.sw(cap, small, bold=True) + 12
    cells = [(name, True), (job, False), (addr, False)]
    need = [doc.sw(t, size, bold=b) + 12 for t, b in cells]
    rh = doc.lead(size) + 6
    top = max(getattr(doc, "header_bottom", 110) + 10, 112)
    if cw + sum(need) <= width:
        spare = (width - cw - sum(need)) / 3
        rows = [[(t, b, w + spare) for (t, b), w in zip(cells, need)]]
    else:
        rest = width - cw
        rows = [[(name, True, rest * 0.5), (job, False, rest * 0.5)], [(addr, False, rest)]]
    h = rh * len(rows)
    _fill(doc, x0, top, cw, h, 0.25)
    _frame(doc, x0, top, width, h, lw=0.6)
    doc.text(x0 + 6, top + h / 2 + small * 0.35, cap, small, bold=True, gray=1.0)
    y = top
    for r in rows:
        x = x0 + cw
        for t, b, w in r:
            _vrule(doc, x, y, y + rh, 0.4)
            _cell(doc, x, y, w, rh, t, size, bold=b, pad=5, floor=5.5)
            x += w
        if r is not rows[-1]:
            _rule(doc, x0 + cw, x1, y + rh, 0.4)
        y += rh
    bottom = top + h
    if sl:
        _slot_set(doc, "l-ad-slot", x1 + 2, top - 4)
        bottom = max(bottom, top - 4 + sh)
    return bottom + 6


def ad_note_for(doc, L, rng):
    """No window: under the letterhead, on the left, a line in italics telling whom the few words
    that follow are for ('Mot pour le Dr …, cardiologue à Brest'); a friendly salutation."""
    p = L.to
    f = p.sex == "F"
    size = min(doc.size + 0.5, 11)
    name, gf = _pname(p, rng, rng.choice(FULL + ["initial", "family"]))
    city = M.city_text(p, rng, upper=rng.random() < 0.3)
    job = _job(p, rng)
    fmt = rng.choice(["Mot pour le %s, %s à %s", "Quelques mots pour le %s (%s, %s)", "Mot au %s – %s – %s"])
    text = fmt % (_nb(name), job, _nb(city))
    L.mentions.add(p, "to", name, gf, city, None)
    sl, sh = _slot_room(doc, "l-ad-slot")
    x0 = doc.left
    width = (doc.right - x0 - sl) * 0.9
    top = getattr(doc, "header_bottom", 100) + rng.choice([10, 16])
    lines = doc.wrap(text, width, size, italic=True)
    lead = doc.lead(size)
    y = top
    widest = 0
    for t in lines:
        y += lead * 0.8
        widest = max(widest, doc.text(x0, y, t, size, italic=True))
        y += lead * 0.2
    bottom = y
    if sl:
        _slot_set(doc, "l-ad-slot", doc.right - sl, top - 2)
        bottom = max(bottom, top - 2 + sh)
    L.salutation = rng.choice(["Chère amie," if f else "Cher ami,", "Chère Consœur et amie," if f else
                               "Cher Confrère et ami,", "Chère collègue," if f else "Cher collègue,"])
    return bottom + 4


def _sup_line(doc, x, y, parts, size, bold=False):
    """Draws (text, superscript) parts on a baseline; superscripts small and raised. Returns the
    width."""
    w = 0.0
    for t, sup in parts:
        if sup:
            w += doc.text(x + w, y - size * 0.36, t, size * 0.62, bold=bold)
        else:
            w += doc.text(x + w, y, t, size, bold=bold)
    return w


def ad_superscript(doc, L, rng):
    """Right window typed in a word processor that raises the end of abbreviations ('Dʳ', 'Pʳ',
    'Mᵐᵉ le Dʳ'); the rest as usual."""
    W = M.W
    p = L.to
    f = p.sex == "F"
    size = min(doc.size + rng.choice([0, 0.5, 1]), 11)
    t = "P" if p.title == "PR" else "D"
    first = []
    if rng.random() < 0.4:
        first += [("M", False), ("me", True)] if f else [("M.", False)]
        first += [(" le ", False)]
    first += [(t, False), ("r", True), (" ", False)]
    rest = []
    if p.salaried:
        rest.append((M.service_of(p.service), size - 0.5, False, True))
        rest.append((p.site, size - 0.5, False, False))
    elif rng.random() < 0.6:
        rest.append((_job(p, rng).capitalize(), size - 0.5, False, True))
    city = M.city_text(p, rng)
    rest.append((p.street_line(), size, False, False))
    rest.append(("%s %s" % (p.postcode, city), size, False, False))
    who = "%s %s" % (p.given, p.family)
    bold = rng.random() < 0.4
    x = rng.choice([314, 326, 338])
    limit = W - 32
    head_w = sum(doc.sw(tx, size * (0.62 if sp else 1), bold=bold) for tx, sp in first) + doc.sw(who, size, bold=bold)
    widest = max([head_w] + [doc.sw(tx, sz, bold=b, italic=i) for tx, sz, b, i in rest])
    if x + widest > limit:
        x = max(W / 2 - 20, limit - widest)
    top = max(rng.choice([140, 150, 160]), getattr(doc, "header_bottom", 0) + 8)
    y = top + doc.lead(size) * 0.8 + size * 0.2
    w = _sup_line(doc, x, y, first, size, bold)
    doc.text(x + w, y, who, _fit(doc, [who], limit - x - w, size, bold=bold, floor=6), bold=bold)
    y += doc.lead(size) * 0.2
    for tx, sz, b, i in rest:
        sz = _fit(doc, [tx], limit - x, sz, bold=b, italic=i, floor=6)
        y += doc.lead(sz) * 0.8
        doc.text(x, y, tx, sz, bold=b, italic=i)
        y += doc.lead(sz) * 0.2
    L.mentions.add(p, "to", who, "full", city, p.postcode)
    L.traps.append("superscript-title")
    return y + 4


_STRUCTURES = [("EHPAD %s", ["Les Glycines", "Les Tilleuls", "Ker Heol", "Les Jardins du Lac", "Saint-Joseph"],
                "médecin coordonnateur"),
               ("HAD %s", ["du Pays de Rance", "Santé Service", "de l'Estuaire", "Arc-en-Ciel"],
                "médecin coordonnateur"),
               ("SSIAD %s", ["du Canton", "des Trois Rivières", "Saint-Luc"], "médecin référent"),
               ("Centre de santé %s", ["Les Halles", "Jean Moulin", "Pasteur"], "médecin directeur"),
               ("Foyer d'accueil médicalisé %s", ["Les Ajoncs", "Le Clos Fleuri"], "médecin de l'établissement")]


def ad_structure_role(doc, L, rng):
    """Right window to a care structure (nursing home, home hospitalisation, home nursing
    service): the structure in bold first, then the doctor with their function there."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    fmt, names, role = rng.choice(_STRUCTURES)
    struct = fmt % rng.choice(names)
    name, gf = _pname(p, rng, rng.choice(FULL + ["initial"]))
    items = [(struct, size, True, False, 0)]
    if rng.random() < 0.5:
        items.append(("%s, %s" % (name, role), size, False, False, 0))
    else:
        items.append((name, size, False, False, 0))
        items.append((role.capitalize(), size - 0.5, False, True, 0))
    city = M.city_text(p, rng)
    items.append((p.street_line(), size, False, False, 0))
    items.append(("%s %s" % (p.postcode, city), size, False, False, 0))
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.traps.append("care-structure")
    return _win(doc, rng, items, rng.choice([308, 320, 332]))


def _title_words(s):
    return " ".join(w[:1].upper() + w[1:] for w in s.split(" "))


def ad_titlecase_left(doc, L, rng):
    """Left window exported from a practice database: every line in title case, the name family
    name first ('Docteur Dupont Jean'), the town in title case after the postcode."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    short = "Pr" if p.title == "PR" else "Dr"
    word = "Professeur" if p.title == "PR" else "Docteur"
    name = "%s %s %s" % (rng.choice([short, word, word]), M.cap_name(p.family), p.given)
    items = [(name, size, rng.random() < 0.4, False, 0)]
    if p.salaried:
        items.append((_title_words(M.service_of(p.service)), size - 0.5, False, False, 0))
        items.append((_title_words(p.site.lower()), size - 0.5, False, False, 0))
    elif rng.random() < 0.7:
        items.append((_title_words(_job(p, rng)), size - 0.5, False, False, 0))
    city = M.title_city(p.city)
    items.append((_title_words(p.street_line()), size, False, False, 0))
    items.append(("%s %s" % (p.postcode, city), size, False, False, 0))
    L.mentions.add(p, "to", name, "full", city, p.postcode)
    return _win(doc, rng, items, rng.choice([52, 62, 72]))


def ad_patient_mailbox(doc, L, rng):
    """A letter to the patient sent to the secure mailbox of their national health space: a small
    line telling the channel, the patient's name, their mailbox address (made of their national
    identifier), sometimes their postal address too."""
    I = L.ident
    f = I.sex == "F"
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    given = I.firsts[0]
    fam = I.used or I.birth
    child = L.patient["child"]
    if child:
        name = rng.choice(["Parents de l'enfant %s %s" % (given, fam), "Famille de l'enfant %s %s" % (given, fam)])
        salutation = "Madame, Monsieur,"
    else:
        civ = I.civ(rng, rng.choice(["long", "long", "short"]))
        name = rng.choice(["%s %s %s" % (civ, given, fam), "%s %s %s" % (civ, fam, given)])
        salutation = rng.choice(["Madame," if f else "Monsieur,", "Chère Madame," if f else "Cher Monsieur,"])
    cap = rng.choice(["Envoi par la messagerie de Mon espace santé", "Via Mon espace santé (messagerie sécurisée)",
                      "Document transmis dans Mon espace santé"])
    items = [(cap, max(6, size - 2.5), False, True, 0.4), (name, size, True, False, 0)]
    if I.ins:
        items.append(("%s@patient.mssante.fr" % I.ins, size - 1, False, False, 0))
        L.traps.append("patient-mailbox-ins")
    if not I.ins or rng.random() < 0.6:
        street, pc, city = L.patient["home"]
        items.append((street, size, False, False, 0))
        items.append(("%s %s" % (pc, city if rng.random() < 0.7 else M.title_city(city)), size, False, False, 0))
    L.addressed_to_patient = True
    L.salutation = salutation
    return _win(doc, rng, items, rng.choice([310, 322, 334]))


# (draw, window: "right" | "left" | "none" | "flow" | "both", needs a professional addressee)
ADDRESSEE_FAMILIES = {
    "l-ad-a": (ad_role_only, "right", False),
    "l-ad-b": (ad_paramedical, "right", True),
    "l-ad-c": (ad_two_line_name, "right", True),
    "l-ad-d": (ad_visa_box, "right", True),
    "l-ad-e": (ad_strip, "both", True),
    "l-ad-f": (ad_note_for, "none", True),
    "l-ad-g": (ad_superscript, "right", True),
    "l-ad-h": (ad_structure_role, "right", True),
    "l-ad-i": (ad_titlecase_left, "both", True),  # a left window under a letterhead anywhere
    "l-ad-j": (ad_patient_mailbox, "right", False),
}


# ---------------------------------------------------------------------------------------------
# Copies


def _entry(L, p, rng, forms, p_city=0.8, spec=0.5):
    """'Dr Jean DUPONT (cardiologue, BREST)' for a copy, recorded for the truth."""
    name, gf = _pname(p, rng, rng.choice(forms))
    city, pc = _place_of(p, rng, gf, p_city)
    L.mentions.add(p, "cc", name, gf, city, pc)
    bits = []
    if rng.random() < spec:
        bits.append(_job(p, rng))
    if city:
        bits.append(_where(city, pc))
    return name, bits


_PURPOSES = ["pour la suite de la prise en charge", "pour information", "pour avis", "pour le suivi",
             "pour adaptation du traitement", "pour organiser le prochain rendez-vous", "pour son dossier"]


def cp_purpose(doc, L, rng):
    """After the signature, one copy a line, each followed by why it is sent ('…, pour avis')."""
    size = max(7, doc.size - rng.choice([0.5, 1, 1.5]))
    cap = rng.choice(["Copie adressée, avec son objet :", "Exemplaires transmis (et motif) :",
                      "Envoyé en copie à :"])
    bullet = rng.choice(["– ", "• ", "> ", ""])
    lines = []
    for p in L.copies:
        name, bits = _entry(L, p, rng, FULL + ["initial", "family"], 0.8, 0.6)
        t = _nb(name) + (" (%s)" % ", ".join(bits) if bits else "")
        lines.append(bullet + t + ", " + rng.choice(_PURPOSES))
    if L.copy_patient:
        lines.append(bullet + "%s, %s" % (_patient_word(L), rng.choice(["pour information",
                                                                       "exemplaire en main propre"])))
    if not lines:
        return
    sl, sh = _slot_room(doc, "l-cp-slot")
    x = doc.left + rng.choice([0, 10])
    width = doc.right - x - sl - 6
    wrapped = []
    for t in lines:
        parts = doc.wrap(t, width - 10, size)
        wrapped += [(parts[0], 0)] + [(pp, 10) for pp in parts[1:]]
    lead = doc.lead(size)
    doc.gap(size * 0.6)
    doc.need(lead * (len(wrapped) + 1) + 4)
    top = doc.y
    doc.line(cap, size, bold=rng.random() < 0.6, italic=rng.random() < 0.4, x=x)
    widest = 0
    for t, ind in wrapped:
        doc.y += lead * 0.8
        widest = max(widest, x + ind + doc.text(x + ind, doc.y, t, size))
        doc.y += lead * 0.2
    if sl:
        _slot_set(doc, "l-cp-slot", doc.right - sl, top)
        doc.y = max(doc.y, top + sh)


def cp_by_sector(doc, L, rng):
    """The copies grouped under small headings by kind of practice: general practice, the other
    specialties (or the other professions), the patient."""
    groups = {}
    for p in L.copies:
        key = 0 if (p.spec and p.spec[0] == M.GP) else 1 if p.spec else 2
        name, bits = _entry(L, p, rng, FULL + ["initial"], 0.85, 0.0 if key == 0 else 0.7)
        groups.setdefault(key, []).append(_nb(name) + (" – " + " – ".join(bits) if bits else ""))
    if L.copy_patient:
        groups.setdefault(3, []).append(rng.choice(["un exemplaire pour " + _patient_word(L),
                                                    _patient_word(L).capitalize()]))
    if not groups:
        return
    heads = {0: rng.choice(["Médecine générale", "Médecin traitant"]), 1: rng.choice(["Spécialistes",
                                                                                      "Autres spécialités"]),
             2: "Autres professionnels", 3: "Patient(e)"}
    cap = rng.choice(["Diffusé en copie auprès de :", "Copie de ce document :", "Destinataires d'un double :"])
    size = max(7, doc.size - rng.choice([0.5, 1]))
    small = max(6, size - 1)
    lead = doc.lead(size)
    sl, sh = _slot_room(doc, "l-cp-slot")
    width = doc.right - doc.left - sl - 10
    rows = [(cap, size, True, False, 0)]
    for k in sorted(groups):
        rows.append((heads[k], small, False, True, 6))
        for e in groups[k]:
            for j, part in enumerate(doc.wrap(e, width - 20, size)):
                rows.append((part, size, False, False, 16 + (8 if j else 0)))
    doc.gap(size * 0.6)
    doc.need(sum(doc.lead(r[1]) for r in rows) + 4)
    top = doc.y
    widest = 0
    for t, sz, b, i, ind in rows:
        lead = doc.lead(sz)
        doc.y += lead * 0.8
        widest = max(widest, doc.left + ind + doc.text(doc.left + ind, doc.y, t, sz, bold=b, italic=i,
                                                       gray=0.3 if i else 0))
        doc.y += lead * 0.2
    if sl:
        _slot_set(doc, "l-cp-slot", doc.right - sl, top)
        doc.y = max(doc.y, top + sh)


def cp_top_margin(doc, L, rng):
    """The copies in one line of small grey type along the top edge of the first page, above the
    letterhead, as some print systems stamp them; in the flow before the title when that edge is
    taken."""
    entries = []
    for p in L.copies:
        name, bits = _entry(L, p, rng, FULL + ["initial", "family"], 0.8, 0.0)
        entries.append(_nb(name) + (" (%s)" % bits[-1] if bits else ""))
    if L.copy_patient:
        entries.append(rng.choice(["patient(e)", _patient_word(L)]))
    if not entries:
        return
    text = rng.choice(["cc : ", "Cc. ", "Copies : "]) + rng.choice([" ; ", " – ", ", "]).join(entries)
    x0 = doc.left if doc.left < 100 else 40
    x1 = M.W - 36
    size = _fit(doc, [text], x1 - x0, 7, floor=5.0)
    y = 15
    box = (x0, y - size, x0 + doc.sw(text, size), y + size * 0.3)
    clear = doc.page == 1 and doc.sw(text, 5.0) <= x1 - x0 and not any(
        b[0] < box[2] + 2 and b[2] > box[0] - 2 and b[1] < box[3] + 2 and b[3] > box[1] - 2 for b in doc.boxes[1])
    if clear:
        doc.text(x0, y, text, size, gray=0.3)
    else:
        doc.para(text, max(7, doc.size - 1.5), keep=True)


def cp_columns(doc, L, rng):
    """A caption ('Envois complémentaires') and the copies in three aligned columns without rules
    (name, specialty, town) under underlined small headings."""
    rows = []
    for p in L.copies:
        name, gf = _pname(p, rng, rng.choice(FULL + ["initial"]))
        city = M.city_text(p, rng)
        L.mentions.add(p, "cc", name, gf, city, None)
        rows.append((name, _job(p, rng), city))
    if L.copy_patient:
        rows.append((_patient_word(L).capitalize(), "—", "—"))
    if not rows:
        return
    size = max(6.5, doc.size - rng.choice([1, 1.5]))
    small = max(5.5, size - 1)
    heads = (rng.choice(["Nom", "NOM"]), rng.choice(["Spécialité", "SPÉCIALITÉ", "Qualité"]),
             rng.choice(["Commune", "COMMUNE", "Ville d'exercice"]))
    cap = rng.choice(["Envois complémentaires :", "Autres envois :", "Exemplaires supplémentaires :"])
    sl, sh = _slot_room(doc, "l-cp-slot")
    width = doc.right - doc.left - sl - 6
    ws = [max(doc.sw(r[i], size) for r in rows) + 14 for i in range(3)]
    ws = [max(w, doc.sw(h, small, bold=True) + 10) for w, h in zip(ws, heads)]
    if sum(ws) > width:
        k = width / sum(ws)
        ws = [w * k for w in ws]
    lead = doc.lead(size)
    doc.gap(size * 0.6)
    doc.need(lead * (len(rows) + 3) + 4)
    top = doc.y
    doc.line(cap, size, bold=True)
    doc.y += lead * 0.8
    x = doc.left
    for h, w in zip(heads, ws):
        doc.text(x, doc.y, h, small, bold=True, gray=0.3)
        _rule(doc, x, x + doc.sw(h, small, bold=True), doc.y + 1.5, 0.4, 0.3)
        x += w
    doc.y += lead * 0.2 + 2
    for r in rows:
        doc.y += lead * 0.8
        x = doc.left
        for v, w in zip(r, ws):
            doc.text(x, doc.y, v, _fit(doc, [v], w - 6, size, floor=4.5))
            x += w
        doc.y += lead * 0.2
    if sl:
        _slot_set(doc, "l-cp-slot", doc.right - sl, top)
        doc.y = max(doc.y, top + sh)


def cp_label_sheet(doc, L, rng):
    """After the letter, the postal labels for the copies as the software prints them to be cut
    out: one dashed frame per copy (name, specialty, street, postcode and town), side by side."""
    labels = []
    for p in L.copies:
        name, gf = _pname(p, rng, rng.choice(FULL))
        city = M.city_text(p, rng, upper=True)
        L.mentions.add(p, "cc", name, gf, city, p.postcode)
        lab = [(name, True)]
        if rng.random() < 0.6:
            lab.append((_job(p, rng).capitalize(), False))
        lab += [(p.street_line(), False), ("%s %s" % (p.postcode, city), False)]
        labels.append(lab)
    if not labels:
        if L.copy_patient:
            doc.line("Copie remise à " + _patient_word(L), max(7, doc.size - 1))
        return
    size = max(6.5, min(doc.size - 1, 9))
    lead = doc.lead(size)
    width = doc.right - doc.left
    per = 3 if width / 3 > max(doc.sw(t, size, bold=b) for lab in labels for t, b in lab) + 16 else 2
    lw = width / per
    lh = lead * max(len(lab) for lab in labels) + 10
    nrows = (len(labels) + per - 1) // per
    cap = rng.choice(["Étiquettes d'envoi – copies", "Copies : étiquettes à découper", "Envoi des copies"])
    doc.gap(size)
    doc.need(lh * nrows + lead * 2 + 6)
    doc.line(cap, size - 0.5, italic=True, gray=0.35)
    y0 = doc.y + 2
    for k, lab in enumerate(labels):
        r, c = divmod(k, per)
        x = doc.left + c * lw
        y = y0 + r * lh
        _frame(doc, x + 1, y, lw - 6, lh - 4, lw=0.5, dash=(3, 2), gray=0.4)
        yy = y + 4
        for t, b in lab:
            yy += lead * 0.8
            doc.text(x + 7, yy, t, _fit(doc, [t], lw - 18, size, bold=b, floor=4.5), bold=b)
            yy += lead * 0.2
    doc.y = y0 + nrows * lh
    if L.copy_patient:
        doc.line("Un exemplaire est remis à " + _patient_word(L) + ".", size)


def cp_care_team(doc, L, rng):
    """A table of the people around the patient after the signature, one row each (the writer,
    the addressee, the colleagues, other doctors met in the text), with a last column telling who
    gets the original, who a copy, and who nothing."""
    a = L.author
    rows = [(rng.choice(["Praticien auteur", "Médecin auteur"]),
             "%s %s %s" % ("Pr" if a.title == "PR" else "Dr", a.given, a.family), M.title_city(a.city), "—")]
    if L.to is not None:
        p = L.to
        name, gf = _pname(p, rng, rng.choice(FULL))
        city = M.city_text(p, rng)
        L.mentions.add(p, "to", name, gf, city, None)
        rows.append((rng.choice(["Destinataire", "Pour exécution"]), name, city, "original"))
    for p in L.copies:
        name, gf = _pname(p, rng, rng.choice(FULL + ["initial"]))
        city = M.city_text(p, rng)
        L.mentions.add(p, "cc", name, gf, city, None)
        role = "Médecin traitant" if p.spec and p.spec[0] == M.GP and rng.random() < 0.5 else \
            (_job(p, rng).capitalize() if p.spec else p.profession[1])
        rows.append((role, name, city, "copie"))
    for p in L.body_named:
        if p is L.to or p in L.copies:
            continue
        name, _ = _pname(p, rng, rng.choice(FULL))
        rows.append((rng.choice(["Intervenant", "Avis demandé", "Suivi antérieur"]), name, M.city_text(p, rng),
                     "—"))
        L.traps.append("team-not-recipient")
    if L.copy_patient:
        rows.append(("Patient(e)", "—", "—", rng.choice(["copie", "en main propre"])))
    if not L.copies and not L.copy_patient:
        return
    size = max(6.5, doc.size - rng.choice([1, 1.5]))
    heads = (rng.choice(["Rôle", "Qualité"]), "Nom", rng.choice(["Ville", "Commune"]),
             rng.choice(["Exemplaire", "Envoi"]))
    cap = rng.choice(["Professionnels concernés", "Intervenants et diffusion", "Équipe et destinataires"])
    sl, sh = _slot_room(doc, "l-cp-slot")
    width = doc.right - doc.left - sl - 6
    ws = [max(doc.sw(r[i], size, bold=(i == 1)) for r in rows + [heads]) + 12 for i in range(4)]
    if sum(ws) > width:
        k = width / sum(ws)
        ws = [w * k for w in ws]
    rh = doc.lead(size) + 3
    doc.gap(size * 0.6)
    doc.need(rh * (len(rows) + 2) + 6)
    top = doc.y
    doc.line(cap, size, bold=True)
    y = doc.y + 2
    for j, r in enumerate([heads] + rows):
        x = doc.left
        if j == 0:
            _fill(doc, x, y, sum(ws), rh, 0.88)
        for i, (v, w) in enumerate(zip(r, ws)):
            _frame(doc, x, y, w, rh, lw=0.4)
            _cell(doc, x, y, w, rh, v, size, bold=(j == 0 or (i == 1 and r[3] != "—")))
            x += w
        y += rh
    doc.y = y + 4
    if sl:
        _slot_set(doc, "l-cp-slot", doc.right - sl, top)
        doc.y = max(doc.y, top + sh)


# (draw, needs copies, where: "end" after the signature, "top" before the title)
COPIES_FAMILIES = {
    "l-cp-a": (cp_purpose, True, "end"),
    "l-cp-b": (cp_by_sector, True, "end"),
    "l-cp-c": (cp_top_margin, True, "top"),
    "l-cp-d": (cp_columns, True, "end"),
    "l-cp-e": (cp_label_sheet, True, "end"),
    "l-cp-f": (cp_care_team, True, "end"),
}


# ---------------------------------------------------------------------------------------------
# DataMatrix positions: the rooms some identity blocks, addressee blocks and lists of copies keep
# for the code, and two usual places.

DM_POSITIONS = ["l-id-cell", "l-ad-slot", "l-cp-slot", "l-id-cell", "l-ad-slot", "l-cp-slot",
                "top-left", "footer-right"]


def dm_candidates(d, pos, s, W, H):
    if pos in ("l-id-cell", "l-ad-slot", "l-cp-slot"):
        slot = getattr(d, "l_slots", {}).get(pos)
        if not slot or slot[0] != d.page:
            return []
        return [(slot[1], slot[2])]
    return []
