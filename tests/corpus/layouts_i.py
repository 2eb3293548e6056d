"""Tuning layout families, ninth set (see make_letters.py).

These were the held-out families of session 35 (written blind to the reader); once their results
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
# Fonts: body faces (returned by fonts()) and faces some blocks are set in (i_BLOCK_FONTS).

i_BLOCK_FONTS = []

_FF = "/usr/share/fonts/truetype/freefont/"  # fonts-freefont-ttf (optional)
_DV = "/usr/share/fonts/truetype/dejavu/"
_LB = "/usr/share/fonts/truetype/liberation2/"


def fonts(register):
    """The fonts of this set, registered through make_letters.py; a face whose files are missing
    is simply not offered."""
    out = []
    # Slanted cuts as the running text, faces the tuning part never sets a whole letter in.
    if register("LiberationSansItalicText", _LB + "LiberationSans-Italic.ttf", _LB + "LiberationSans-BoldItalic.ttf",
                _LB + "LiberationSans-Regular.ttf"):
        out.append("LiberationSansItalicText")
    if register("DejaVuSansObliqueText", _DV + "DejaVuSans-Oblique.ttf", _DV + "DejaVuSans-BoldOblique.ttf",
                _DV + "DejaVuSans.ttf"):
        out.append("DejaVuSansObliqueText")
    if register("LiberationSerifItalicText", _LB + "LiberationSerif-Italic.ttf",
                _LB + "LiberationSerif-BoldItalic.ttf", _LB + "LiberationSerif-Regular.ttf"):
        out.append("LiberationSerifItalicText")
    for key, faces in (("P052ItalicText", ("P052-Italic", "P052-BoldItalic", "P052-Roman")),
                       ("C059ItalicText", ("C059-Italic", "C059-BdIta", "C059-Roman")),
                       ("NimbusSansItalicText", ("NimbusSans-Italic", "NimbusSans-BoldItalic", "NimbusSans-Regular")),
                       ("URWGothicBookObliqueText", ("URWGothic-BookOblique", "URWGothic-DemiOblique",
                                                     "URWGothic-Book"))):
        if M.register_type1_family(key, *faces):
            out.append(key)
    # Faces for single blocks (labels printed by another program).
    del i_BLOCK_FONTS[:]
    if register("FreeMonoBoldText", _FF + "FreeMonoBold.ttf", _FF + "FreeMonoBoldOblique.ttf",
                _FF + "FreeMonoOblique.ttf"):
        i_BLOCK_FONTS.append("FreeMonoBoldText")
    if register("LiberationMonoItalicText", _LB + "LiberationMono-Italic.ttf", _LB + "LiberationMono-BoldItalic.ttf",
                _LB + "LiberationMono-Regular.ttf"):
        i_BLOCK_FONTS.append("LiberationMonoItalicText")
    if M.register_type1_family("NimbusMonoPSBoldText", "NimbusMonoPS-Bold", "NimbusMonoPS-BoldItalic",
                               "NimbusMonoPS-Regular"):
        i_BLOCK_FONTS.append("NimbusMonoPSBoldText")
    # One face the tuning part uses too, so that the held-out part does not hinge on fonts alone.
    return out + ["Times"]


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


def _block_font(rng, p=0.5):
    if i_BLOCK_FONTS and rng.random() < p:
        return rng.choice(i_BLOCK_FONTS)
    return None


# ---------------------------------------------------------------------------------------------
# Shared bits

_MOIS_ABR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
_AU = ("Maroc", "Sénégal", "Portugal", "Cameroun", "Viêt Nam", "Royaume-Uni")


def _nb(s):
    return s.replace(" ", M.NBSP)


def _date(I, rng, styles):
    """The birth date: numeric with / . - or spaces, ISO, compact, two-digit years where safe,
    in words (month capitalised or not), with abbreviated months."""
    y, m, d = I.iso.split("-")
    style = rng.choice(styles)
    if style in ("short-dot", "short-slash") and not 1940 <= int(y) <= 2005:
        style = "slash"
    if style == "dot":
        s = "%s.%s.%s" % (d, m, y)
    elif style == "dash":
        s = "%s-%s-%s" % (d, m, y)
    elif style == "space":
        s = "%s %s %s" % (d, m, y)
    elif style == "short-dot":
        s = "%s.%s.%s" % (d, m, y[2:])
    elif style == "short-slash":
        s = "%s/%s/%s" % (d, m, y[2:])
    elif style == "iso":
        s = "%s-%s-%s" % (y, m, d)
    elif style == "compact":
        s = "%s%s%s" % (y, m, d)
    elif style == "words":
        s = M.fr_date(I.iso, "words")
    elif style == "words-cap":
        s = "%s %s %s" % ("1er" if d == "01" else str(int(d)), M.MONTHS[int(m) - 1].capitalize(), y)
    elif style == "abbr":
        s = "%s %s %s" % ("1er" if d == "01" else str(int(d)), _MOIS_ABR[int(m) - 1], y)
    else:  # slash
        s = "%s/%s/%s" % (d, m, y)
    return _nb(s)


DATE_ANY = ["slash", "slash", "slash", "dot", "dash", "space", "short-slash", "words", "words-cap", "abbr"]


def _ins(I, rng, styles):
    m = I.ins
    style = rng.choice(styles)
    if style == "grouped":
        s = " ".join([m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13], m[13:]])
    elif style == "cog":  # the birth place code kept whole
        s = " ".join([m[0], m[1:3], m[3:5], m[5:10], m[10:13], m[13:]])
    elif style == "slash-key":
        s = "%s/%s" % (m[:13], m[13:])
    elif style == "dash-key":
        s = "%s-%s" % (m[:13], m[13:])
    elif style == "grouped-cle":
        s = "%s clé %s" % (" ".join([m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13]]), m[13:])
    elif style == "dots":
        s = ".".join([m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13], m[13:]])
    else:  # plain
        s = m
    return _nb(s)


INS_ANY = ["grouped", "grouped", "plain", "plain", "cog", "slash-key", "dash-key", "grouped-cle", "dots"]


def _sex(I, rng, styles):
    f = I.sex == "F"
    return {"letter": "F" if f else "M", "word": "Féminin" if f else "Masculin", "person": "Femme" if f else "Homme",
            "lower": "féminin" if f else "masculin", "upper": "FÉMININ" if f else "MASCULIN",
            "abbr": "Fém." if f else "Masc."}[rng.choice(styles)]


def _place(I, rng, styles):
    code, name = I.place, I.place_name
    style = rng.choice(styles)
    if style == "code":
        return code
    if I.abroad:
        return rng.choice(["%s (%s)" % (name, code), "%s – %s" % (code, M.insi(name)), "%s, code %s" % (name, code)])
    if style == "code-first":
        return "%s %s" % (code, name)
    if style == "insee":
        return "%s (INSEE %s)" % (name, code)
    if style == "upper":
        return "%s (%s)" % (M.insi(name), code)
    if style == "bracket":
        return "%s [%s]" % (name, code)
    return "%s (%s)" % (name, code)


PLACE_ANY = ["paren", "paren", "code", "code-first", "insee", "upper", "bracket"]


def _born_at(I, rng):
    """' à Brest (29019)', ' au Maroc (99350)'."""
    code, name = I.place, I.place_name
    if I.abroad:
        return " %s %s (%s)" % ("au" if name in _AU else "en", name, code)
    return rng.choice([" à %s (%s)" % (name, code), " à %s, code INSEE %s" % (name, code)])


def _age(I):
    n = M.age_on(I.iso)
    if n < 3:
        y, m, d = (int(v) for v in I.iso.split("-"))
        months = (M.TODAY[0] - y) * 12 + M.TODAY[1] - m - (M.TODAY[2] < d)
        return "%d mois" % months
    return "%d ans" % n


def _mobile(rng):
    return _nb("0%d %02d %02d %02d %02d" % (rng.choice([6, 7]), rng.randint(0, 99), rng.randint(0, 99),
                                            rng.randint(0, 99), rng.randint(0, 99)))


def _fit(doc, texts, width, size, bold=False, floor=6.0, italic=False):
    while size > floor and max(doc.sw(t, size, bold=bold, italic=italic) for t in texts) > width:
        size -= 0.5
    return size


def _person(rng, sex=None, family=None):
    """Someone who is not the patient: (civ, given, family)."""
    g = sex or rng.choice("FM")
    return ("Mme" if g == "F" else "M."), rng.choice(M.GIVEN_F if g == "F" else M.GIVEN_M), \
        (family or M.pick_surname(rng))


def _lines(doc, x, top, items, lead_f=1.0):
    """Draws (text, size, bold, italic, gray) lines from `top`; returns (bottom, widest)."""
    y = top
    widest = 0
    for t, sz, b, i, g in items:
        lead = doc.lead(sz) * lead_f
        y += lead * 0.8
        if t:
            widest = max(widest, doc.text(x, y, t, sz, bold=b, italic=i, gray=g))
        y += lead * 0.2
    return y, widest


def _wrap_items(doc, items, width):
    out = []
    for t, sz, b, i, g in items:
        for part in doc.wrap(t, width, sz, b, i) or [""]:
            out.append((part, sz, b, i, g))
    return out


def _rich_lines(doc, runs, width, size):
    """Breaks runs of (text, bold, italic) into lines of (word, bold, italic, x offset)."""
    words = []  # groups of (piece, bold, italic): a run that starts on punctuation sticks to the word before
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


def _rich_para(doc, runs, size, x=None, right=None, keep=True, after=None):
    """A paragraph whose words change weight or slant (labels in bold, values plain…)."""
    x0 = doc.left if x is None else x
    lines = _rich_lines(doc, runs, (right or doc.right) - x0, size)
    lead = doc.lead(size)
    if keep:
        doc.need(lead * len(lines))
    for ln in lines:
        doc.need(lead)
        doc.y += lead * 0.8
        for w, b, i, dx in ln:
            doc.text(x0 + dx, doc.y, w, size, bold=b, italic=i)
        doc.y += lead * 0.2
    doc.y += size * 0.55 if after is None else after


def _checkbox(doc, x, y, size, ticked):
    """A box whose bottom sits on baseline y; an X inside when ticked."""
    b = size * 0.8
    doc.rect(x, y - b, b, b, lw=0.6)
    if ticked:
        doc.text(x + b / 2, y - b * 0.12, "X", b * 0.95, bold=True, align="centre")
    return b


def _barcode(doc, x, top, w, h, rng):
    """A decorative 1D code (as on admission labels); it encodes nothing."""
    xx = x
    c = doc.c
    while xx < x + w - 2:
        bw = rng.choice([0.6, 0.6, 1.2, 1.8])
        if rng.random() < 0.55:
            c.rect(xx, M.H - top - h, bw, h, stroke=0, fill=1)
        xx += bw + rng.choice([0.6, 1.2])
    doc.add_box((x, top, x + w, top + h))


def _round_frame(doc, x, top, w, h, radius=5, lw=0.6, fill=None):
    """A rounded frame whose inside stays free (only its edges are recorded as drawn)."""
    c = doc.c
    c.setLineWidth(lw)
    if fill is not None:
        c.setFillGray(fill)
    c.roundRect(x, M.H - top - h, w, h, radius, stroke=1, fill=1 if fill is not None else 0)
    c.setFillGray(0)
    for box in ((x, top - lw, x + w, top + lw), (x, top + h - lw, x + w, top + h + lw),
                (x - lw, top, x + lw, top + h), (x + w - lw, top, x + w + lw, top + h)):
        doc.add_box(box)


def _table_rows(doc, x, top, widths, rows, size, pad=3.0, head=(), fills=None, bold_cols=(), rules="all"):
    """A ruled table whose cells wrap; fills maps a (row, col) or a row to a grey. Returns the bottom."""
    lead = doc.lead(size)
    y = top
    fills = fills or {}
    for r, row in enumerate(rows):
        cells = []
        for i, cell in enumerate(row):
            b = r in head or i in bold_cols
            lines = []
            for part in str(cell).split("\n"):
                lines += doc.wrap(part, widths[i] - 2 * pad, size, b) or [""]
            cells.append((lines, b))
        h = lead * max(len(c[0]) for c in cells) + 2 * pad
        xx = x
        for i, (lines, b) in enumerate(cells):
            g = fills.get((r, i), fills.get(r))
            if g is not None:
                doc.c.setFillGray(g)
                doc.c.rect(xx, M.H - y - h, widths[i], h, stroke=0, fill=1)
                doc.c.setFillGray(0)
            if rules == "all":
                doc.rect(xx, y, widths[i], h, lw=0.4)
            yy = y + pad
            for t in lines:
                yy += lead * 0.8
                if t:
                    doc.text(xx + pad, yy, t, size, bold=b)
                yy += lead * 0.2
            xx += widths[i]
        if rules == "rows":
            doc.hline(x, x + sum(widths), y + h, 0.4, 0.5)
        y += h
    return y


def _rows_height(doc, widths, rows, size, pad=3.0, head=(), bold_cols=()):
    lead = doc.lead(size)
    h = 0
    for r, row in enumerate(rows):
        n = 1
        for i, cell in enumerate(row):
            b = r in head or i in bold_cols
            n = max(n, sum(len(doc.wrap(part, widths[i] - 2 * pad, size, b) or [""])
                           for part in str(cell).split("\n")))
        h += lead * n + 2 * pad
    return h


def _home(L):
    return L.patient["home"]


def _oid(rng):
    return rng.choice(["OID %s", "(OID %s)", "OID : %s", "autorité %s"]) % M.TEST_OID


# The DataMatrix slot some identity blocks keep free for the code, when the letter places it there.


def _slot_wanted(doc):
    L = doc.letter
    return bool(L.dm) and L.dm_pos == "i-name-left"


def _slot_dims(doc):
    """(side of the code, its quiet margin, the width and height to keep free)."""
    L = doc.letter
    s = L.dm_mm * 72 / 25.4
    m = max(5, s / 9) + 2.5
    return s, m, s + 2 * m, s + (9 if L.dm_caption else 0) + 2 * m


def _slot_set(doc, x, top):
    """Records the code's top left corner, (x, top) being the corner of the kept room."""
    s, m, _, _ = _slot_dims(doc)
    doc.i_slot = (doc.page, x + m, top + m)


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
    if form == "docteure":
        w = "Professeure" if pr else "Docteure"
        return "%s %s %s" % (w if f else word, p.given, p.family), "full"
    if form == "initial":
        return "%s %s %s" % (short, M.initials(p.given), p.family), "initial"
    if form == "initial-nodot":
        return "%s %s %s" % (short, p.given[0], p.family), "initial"
    if form == "family":
        return "%s %s" % (short, p.family), "none"
    if form == "nom-prenom":
        return "%s %s" % (p.family, p.given), "full"
    if form == "prenom-nom":
        return "%s %s" % (p.given, p.family), "full"
    raise ValueError(form)


FORMS_FULL = ["dr-prenom-nom", "dr-prenom-nom", "dr-nom-prenom", "word-prenom-nom", "docteure"]


def _spec(p, rng):
    if p.spec is None:
        return p.profession[1]
    if p.spec[0] == M.GP:
        return rng.choice(["Médecine générale", "Médecin généraliste", "Méd. générale"])
    return rng.choice(p.spec[2])


def _site(p, rng):
    return p.site.title().replace("De ", "de ").replace("D'", "d'").replace("Du ", "du ").replace("Des ", "des ") \
        if rng.random() < 0.5 else p.site


def _win_top(doc, rng):
    return max(rng.choice([136, 144, 152, 160]), getattr(doc, "header_bottom", 0) + 8)


def _address_items(p, rng, size, name, spec=None, street=True):
    """(items, city) of a postal address block under a name already chosen."""
    items = [(name, size, True, False, 0)]
    if spec if spec is not None else (rng.random() < 0.6):
        items.append((_spec(p, rng), size - 0.5, False, rng.random() < 0.4, 0))
    if p.salaried:
        if rng.random() < 0.6:
            items.append((M.service_of(p.service), size, False, False, 0))
        items.append((_site(p, rng), size, False, False, 0))
    city = M.city_text(p, rng)
    if street:
        items.append((p.street_line(), size, False, False, 0))
    items.append(("%s %s" % (p.postcode, city), size, False, False, 0))
    return items, city

# ---------------------------------------------------------------------------------------------
# Shared layout helpers of this set


def _slot_left(doc):
    """(width kept free on the left of a block for the code, its height), or (0, 0)."""
    if not _slot_wanted(doc):
        return 0, 0
    _, _, w, h = _slot_dims(doc)
    return w + 4, h


def _pairs_grid(doc, x, top, width, fields, size, small, ncols, draw=True, label_gray=0.35, label_italic=False,
                gap=12):
    """Label and value pairs, `ncols` pairs a row, each label in a column of its own width and the
    value after it (wrapped when it is too long). Returns the bottom. fields: (label, value, bold)."""
    colw = (width - gap * (ncols - 1)) / ncols
    rows = [fields[i:i + ncols] for i in range(0, len(fields), ncols)]
    lws = []
    for c in range(ncols):
        lbs = [r[c][0] for r in rows if len(r) > c]
        lws.append(max([doc.sw(lb, small, italic=label_italic) for lb in lbs] or [0]) + 6)
    lead = doc.lead(size)
    y = top
    for r in rows:
        cells = []
        for c, (lb, v, b) in enumerate(r):
            avail = colw - lws[c] - 2
            vs = _fit(doc, [v], avail, size, bold=b, floor=max(6.0, size - 2))
            parts = doc.wrap(v, avail, vs, bold=b) or [""]
            while vs > 4.5 and max(doc.sw(t, vs, bold=b) for t in parts) > avail:  # one word too long
                vs -= 0.5
                parts = doc.wrap(v, avail, vs, bold=b) or [""]
            cells.append((c, lb, parts, vs, b))
        n = max(len(p) for _, _, p, _, _ in cells)
        if draw:
            for c, lb, parts, vs, b in cells:
                xc = x + c * (colw + gap)
                yy = y + lead * 0.8
                doc.text(xc, yy, lb, small, italic=label_italic, gray=label_gray)
                for part in parts:
                    doc.text(xc + lws[c], yy, part, vs, bold=b)
                    yy += lead
        y += lead * n
    return y


def _grid_cols(doc, width, fields, size, small, want):
    """The most columns (at most `want`) in which no value has to be cut."""
    for ncols in range(want, 0, -1):
        colw = (width - 12 * (ncols - 1)) / ncols
        rows = [fields[i:i + ncols] for i in range(0, len(fields), ncols)]
        ok = True
        for c in range(ncols):
            lbs = [r[c][0] for r in rows if len(r) > c]
            lw = max([doc.sw(lb, small) for lb in lbs] or [0]) + 6
            for r in rows:
                if len(r) > c and doc.sw(r[c][1], max(6.0, size - 2), bold=r[c][2]) > colw - lw - 2:
                    ok = False
        if ok:
            return ncols
    return 1


def _dashed_hline(doc, x0, x1, y, lw=0.5):
    c = doc.c
    c.setLineWidth(lw)
    c.setDash(2, 2)
    c.line(x0, M.H - y, x1, M.H - y)
    c.setDash()
    doc.add_box((x0, y - lw, x1, y + lw))


def _dashed_vline(doc, x, y0, y1, lw=0.5):
    c = doc.c
    c.setLineWidth(lw)
    c.setDash(3, 2)
    c.line(x, M.H - y0, x, M.H - y1)
    c.setDash()
    doc.add_box((x - lw, y0, x + lw, y1))


def _dashed_rect(doc, x, top, w, h, lw=0.5):
    c = doc.c
    c.setLineWidth(lw)
    c.setDash(2, 2)
    c.rect(x, M.H - top - h, w, h, stroke=1, fill=0)
    c.setDash()
    for box in ((x, top - lw, x + w, top + lw), (x, top + h - lw, x + w, top + h + lw),
                (x - lw, top, x + lw, top + h), (x + w - lw, top, x + w + lw, top + h)):
        doc.add_box(box)


def _open_frame(doc, x, top, w, h, lw=0.6):
    """A square frame whose inside stays free (only its edges are recorded as drawn)."""
    c = doc.c
    c.setLineWidth(lw)
    c.rect(x, M.H - top - h, w, h, stroke=1, fill=0)
    for box in ((x, top - lw, x + w, top + lw), (x, top + h - lw, x + w, top + h + lw),
                (x - lw, top, x + lw, top + h), (x + w - lw, top, x + w + lw, top + h)):
        doc.add_box(box)


def _day(rng, lo=2, hi=23):
    return _nb("%02d/11/2026" % rng.randint(lo, hi))


# ---------------------------------------------------------------------------------------------
# Identity


def id_tab_card(doc, I, rng):
    """A card with a dark tab down its left edge carrying a turned caption; the traits in two
    columns of small grey labels, the national identifier on a row of its own under a dashed rule."""
    size = max(7.5, I.size - 0.5)
    small = max(6.5, size - 1.5)
    fields = [(rng.choice(["Nom de naissance", "Nom naiss.", "Nom de famille"]), I.birth, True)]
    if I.used:
        fields.append((rng.choice(["Nom utilisé", "Nom d'usage", "Nom usuel"]), I.used, True))
    fields.append((rng.choice(["Prénom(s) de naissance", "Prénoms (état civil)", "Prénoms"]),
                   I.first_names(rng, rng.choice(["all", "all", "all-comma", "first"])), False))
    fields.append((rng.choice(["Date de naissance", "Naissance le", "Date naiss."]), _date(I, rng, DATE_ANY), False))
    fields.append((rng.choice(["Sexe", "Sexe (état civil)"]), _sex(I, rng, ["word", "letter", "upper"]), False))
    if I.place:
        fields.append((rng.choice(["Lieu de naissance", "Commune / pays de naissance", "Lieu naiss."]),
                       _place(I, rng, PLACE_ANY), False))
    ins = []
    if I.ins:
        ins.append((rng.choice(["Matricule INS", "INS (NIR)", "N° INS"]), _ins(I, rng, INS_ANY)))
        if I.oid:
            ins.append(("OID", M.TEST_OID))
    caption = rng.choice(["PATIENT", "IDENTITÉ", "PATIENT(E)"])
    x0 = doc.left
    width = min(doc.right - x0, 480)
    tab = 15
    inner = x0 + tab + 8
    iw = x0 + width - inner - 6
    ncols = _grid_cols(doc, iw, fields, size, small, 2)
    lead = doc.lead(size)
    h_fields = _pairs_grid(doc, inner, 0, iw, fields, size, small, ncols, draw=False)
    ins_text = "    ".join("%s  %s" % (lb, v) for lb, v in ins)
    ins_lines = doc.wrap(ins_text, iw, size) if ins else []
    h = 6 + h_fields + (6 + lead * len(ins_lines) if ins_lines else 0) + 6
    h = max(h, doc.sw(caption, 7, bold=True) + 16)
    doc.need(h + 10)
    top = doc.y
    doc.mark("identity")
    doc.rect(x0, top, width, h, lw=0.6)
    doc.rect(x0, top, tab, h, lw=0.1, fill=rng.choice([0.15, 0.3]), stroke=False)
    c = doc.c
    c.saveState()
    c.translate(x0 + tab * 0.68, M.H - (top + h / 2))
    c.rotate(90)
    c.setFillGray(1)
    c.setFont(doc.fontname(bold=True), 7)
    c.drawCentredString(0, 0, caption)
    c.restoreState()
    bottom = _pairs_grid(doc, inner, top + 6, iw, fields, size, small, ncols)
    if ins_lines:
        _dashed_hline(doc, inner, x0 + width - 6, bottom + 3, 0.4)
        y = bottom + 6
        for ln in ins_lines:
            y += lead * 0.8
            doc.text(inner, y, ln, size, bold=True)
            y += lead * 0.2
    doc.unmark()
    doc.y = top + h + I.size


def id_blood_group(doc, I, rng):
    """An immuno-haematology result as transfusion services print it: the patient's traits in a
    frame under a title bar, then the blood group, the phenotype, the two determinations and the
    card number."""
    L = doc.letter
    size = max(7.5, I.size - 0.5)
    small = max(6.5, size - 1.5)
    fields = [("Nom de naissance", I.birth, True)]
    if I.used:
        fields.append((rng.choice(["Nom d'usage", "Nom utilisé", "Nom marital"]), I.used, True))
    fields.append((rng.choice(["Prénom(s)", "Prénoms"]), I.first_names(rng, rng.choice(["all", "all-comma"])), True))
    fields.append((rng.choice(["Date de naissance", "Né(e) le"]), _date(I, rng, ["slash", "slash", "dot", "words"]),
                   True))
    fields.append(("Sexe", _sex(I, rng, ["letter", "word"]), True))
    if I.place:
        fields.append((rng.choice(["Lieu de naissance", "Lieu naiss."]), _place(I, rng, PLACE_ANY), False))
    if I.ins:
        fields.append((rng.choice(["INS", "Matricule INS"]), _ins(I, rng, INS_ANY), False))
        if I.oid:
            fields.append(("OID", M.TEST_OID, False))
    title = rng.choice(["CARTE DE GROUPE SANGUIN", "DOCUMENT DE GROUPAGE SANGUIN",
                        "Immuno-hématologie – groupe sanguin"])
    abo = rng.choice(["O", "A", "A", "B", "AB", "O"])
    pos = rng.random() < 0.85
    group = rng.choice(["%s RH:%s" % (abo, "1" if pos else "-1"),
                        "%s Rhésus %s" % (abo, "positif" if pos else "négatif"),
                        "%s %s" % (abo, "RH+" if pos else "RH-")])
    pheno = "RH:%s,%s,%s,%s ; KEL:%s" % ("1" if pos else "-1", rng.choice(["2", "-2"]), rng.choice(["3", "-3"]),
                                         rng.choice(["4", "-4"]), rng.choice(["-1", "-1", "-1", "1"]))
    y1 = rng.randint(2012, 2025)
    d1 = _nb("%02d/%02d/%d" % (rng.randint(1, 28), rng.randint(1, 12), y1))
    d2 = _nb("%02d/%02d/%d" % (rng.randint(1, 28), rng.randint(1, 12), y1 + rng.choice([0, 1])))
    info = [("%s %s" % (rng.choice(["Groupe ABO-RH1 :", "Groupe sanguin :"]), group), size + 1.5, True),
            ("Phénotype RH-KEL1 : " + pheno, size, False),
            ("1re détermination : %s  –  2e détermination : %s" % (d1, d2), size, False),
            ("RAI : négative (prélèvement du %s)" % _day(rng), size, False),
            (rng.choice(["N° de carte : ", "Carte n° "]) + "%02d-%07d" % (rng.randint(10, 99), rng.randint(0, 9999999)),
             small, False)]
    L.traps += ["blood-group-card", "stay-dates"]
    x0 = doc.left
    width = min(doc.right - x0, 470)
    sl, sh = _slot_left(doc)
    iw = width - 16 - sl
    ncols = _grid_cols(doc, iw, fields, size, small, 2)
    lead = doc.lead(size)
    hf = max(_pairs_grid(doc, x0 + 8 + sl, 0, iw, fields, size, small, ncols, draw=False), sh - 4)
    info = [(part, sz, b) for t, sz, b in info for part in doc.wrap(t, width - 16, sz, b)]
    hi = sum(doc.lead(sz) for _, sz, _ in info)
    tb = lead * 1.4
    h = tb + 4 + hf + 8 + hi + 6
    doc.need(h + 10)
    top = doc.y
    _open_frame(doc, x0, top, width, h, lw=0.8)
    doc.rect(x0, top, width, tb, lw=0.1, fill=0.82, stroke=False)
    doc.text(x0 + width / 2, top + tb * 0.7, title, size, bold=True, align="centre")
    if sl:
        _slot_set(doc, x0 + 2, top + tb + 2)
    doc.mark("identity")
    _pairs_grid(doc, x0 + 8 + sl, top + tb + 4, iw, fields, size, small, ncols)
    bottom = top + tb + 4 + hf
    doc.unmark()
    doc.hline(x0 + 8, x0 + width - 8, bottom + 4, 0.4, 0.3)
    y = bottom + 8
    for t, sz, b in info:
        y += doc.lead(sz) * 0.8
        doc.text(x0 + 8, y, t, sz, bold=b)
        y += doc.lead(sz) * 0.2
    doc.y = top + h + I.size


def id_reversed_labels(doc, I, rng):
    """Each label printed white on a dark plate, the value after it; the pairs run on like words."""
    size = I.size
    ls = max(6, size - 2)
    pairs = [(rng.choice(["NOM DE NAISSANCE", "NOM NAISS.", "NOM"]), I.birth)]
    if I.used:
        pairs.append((rng.choice(["NOM UTILISÉ", "NOM D'USAGE", "USAGE"]), I.used))
    pairs.append((rng.choice(["PRÉNOMS", "PRÉNOM(S)", "PRÉNOMS NAISS."]),
                  I.first_names(rng, rng.choice(["all", "all", "first"]))))
    pairs.append((rng.choice(["DDN", "NÉ(E) LE", "NAISSANCE"]), _date(I, rng, DATE_ANY)))
    pairs.append(("SEXE", _sex(I, rng, ["letter", "word"])))
    if I.place:
        pairs.append((rng.choice(["LIEU NAISS.", "LIEU DE NAISSANCE", "COMMUNE NAISS."]), _place(I, rng, PLACE_ANY)))
    if I.ins:
        pairs.append((rng.choice(["INS", "MATRICULE INS"]), _ins(I, rng, INS_ANY)))
        if I.oid:
            pairs.append(("OID", M.TEST_OID))
    if I.ipp and rng.random() < 0.4:
        pairs.append(("IPP", I.ipp))
        I.uses.add("ipp")
    dark = rng.choice([0.0, 0.2, 0.35])
    sl, sh = _slot_left(doc)
    x0, right = doc.left + sl, doc.right
    rows, cur, x = [], [], x0
    for lb, v in pairs:
        lw = doc.sw(lb, ls, bold=True) + 8
        vs = _fit(doc, [v], right - x0 - lw - 6, size, bold=True)
        need = lw + 4 + doc.sw(v, vs, bold=True)
        if cur and x + need > right:
            rows.append(cur)
            cur, x = [], x0
        cur.append((x, lb, lw, v, vs))
        x += need + 14
    rows.append(cur)
    lead = doc.lead(size) * 1.5
    doc.need(max(lead * len(rows), sh) + 8)
    top = doc.y
    if sl:
        _slot_set(doc, doc.left, top)
    doc.mark("identity")
    for row in rows:
        doc.y += lead * 0.75
        for x, lb, lw, v, vs in row:
            doc.rect(x, doc.y - ls * 0.8 - 2, lw, ls * 1.05 + 4, lw=0.1, fill=dark, stroke=False)
            doc.text(x + 4, doc.y, lb, ls, bold=True, gray=1)
            doc.text(x + lw + 4, doc.y, v, vs, bold=True)
        doc.y += lead * 0.25
    doc.unmark()
    doc.y = max(doc.y, top + sh)
    doc.gap(I.size * 0.7)


def id_status_top_right(doc, I, rng):
    """Opposite the letterhead, a double frame whose shaded head tells the status of the identity;
    the patient under it a trait a line."""
    W = M.W
    size = max(7.5, min(I.size, 9.5))
    small = size - 1
    given = I.first_names(rng, rng.choice(["all", "first", "all"]))
    civ = I.civ(rng, rng.choice(["short", "long", "upper"]))
    lines = []
    if I.used:
        lines.append(("%s %s %s" % (civ, I.used, given), size + 0.5, True, False, 0))
        lines.append(("%s %s" % (rng.choice(["Nom de naissance :", I.born()]), I.birth), size, False, False, 0))
    else:
        lines.append(("%s %s %s" % (civ, I.birth, given), size + 0.5, True, False, 0))
    lines.append(("%s %s (%s)" % (I.born_label(rng), _date(I, rng, DATE_ANY), _age(I)), size, False, False, 0))
    lines.append(("Sexe : " + _sex(I, rng, ["word", "letter"]), size, False, False, 0))
    if I.place:
        lines.append((rng.choice(["Lieu naiss. : ", "Lieu de naissance : "]) + _place(I, rng, PLACE_ANY), size,
                      False, False, 0))
    if I.ins:
        lines.append((rng.choice(["INS : ", "Matricule INS : "]) + _ins(I, rng, INS_ANY), size, False, False, 0))
        if I.oid:
            lines.append(("OID : " + M.TEST_OID, small, False, False, 0))
    status = rng.choice(["IDENTITÉ QUALIFIÉE", "Statut : identité qualifiée", "Identité qualifiée (INS vérifié)"]) \
        if I.ins else rng.choice(["IDENTITÉ PROVISOIRE", "Statut : identité provisoire"])
    x1 = W - 40
    limit = x1 - (W / 2 + 14)
    lines = _wrap_items(doc, [(t, _fit(doc, [t], limit - 16, sz, bold=b, floor=6.5), b, i, g)
                              for t, sz, b, i, g in lines], limit - 16)
    widest = max([doc.sw(t, sz, bold=b) for t, sz, b, _, _ in lines] + [doc.sw(status, small, bold=True)])
    w = min(limit, widest + 18)
    x0 = x1 - w
    top = rng.choice([34, 42, 50])
    hb = small * 1.9
    h = hb + 4 + sum(doc.lead(sz) for _, sz, _, _, _ in lines) + 6
    doc.mark("identity")
    doc.rect(x0, top, w, h, lw=0.6)
    doc.rect(x0 + 2.5, top + 2.5, w - 5, h - 5, lw=0.3)
    doc.rect(x0 + 2.5, top + 2.5, w - 5, hb, lw=0.1, fill=0.85, stroke=False)
    doc.text(x0 + 8, top + 2.5 + hb * 0.7, status, small, bold=True)
    _lines(doc, x0 + 8, top + 2.5 + hb + 3, lines)
    doc.unmark()
    return top + h + 6


def id_bulleted_intro(doc, I, rng, reason):
    """The body opens on one sentence ending on a colon, the traits then listed one a line behind
    dashes, with lower-case labels."""
    size = doc.size
    f = I.sex == "F"
    if I.child:
        who = rng.choice(["l'enfant dont l'identité suit", "%s dont voici l'identité" %
                          ("la jeune patiente" if f else "le jeune patient")])
    else:
        who = rng.choice(["%s dont l'identité suit" % ("la patiente" if f else "le patient"),
                          "%s suivant%s" % ("la patiente" if f else "le patient", "e" if f else "")])
    start = rng.choice(["Je vous adresse %s, %s :", "J'ai vu en consultation %s, %s :",
                        "Nous avons pris en charge %s, %s :"]) % (who, reason)
    items = [(rng.choice(["nom de naissance", "nom de famille (naissance)"]), I.birth)]
    if I.used:
        items.append((rng.choice(["nom utilisé", "nom d'usage"]), I.used))
    style = rng.choice(["all", "all", "all-comma", "first"])
    items.append(("premier prénom" if style == "first" and len(I.firsts) > 1 else
                  rng.choice(["prénom(s)", "prénoms de naissance"]), I.first_names(rng, style)))
    items.append((rng.choice(["date de naissance", "né%s le" % ("e" if f else "")]), _date(I, rng, DATE_ANY)))
    items.append(("sexe", _sex(I, rng, ["lower", "letter", "word"])))
    if I.place:
        items.append((rng.choice(["lieu de naissance", "commune de naissance"]), _place(I, rng, PLACE_ANY)))
    if I.ins:
        items.append((rng.choice(["matricule INS", "INS"]), _ins(I, rng, INS_ANY)))
        if I.oid:
            items.append((rng.choice(["OID de l'INS", "OID"]), M.TEST_OID))
    bullet = rng.choice(["–", "-", "•"])
    lead = doc.lead(size)
    doc.mark("identity")
    doc.para(start, size, keep=True, after=2)
    doc.need(lead * len(items))
    for lb, v in items:
        text = "%s : %s" % (lb, v)
        parts = doc.wrap(text, doc.right - doc.left - 24, size)
        for k, part in enumerate(parts):
            doc.need(lead)
            doc.y += lead * 0.8
            if k == 0:
                doc.text(doc.left + 8, doc.y, bullet, size)
            doc.text(doc.left + 20, doc.y, part, size)
            doc.y += lead * 0.2
    doc.unmark()
    doc.gap(size * 0.6)


def id_footer_barcode(doc, I, rng):
    """At the foot of every page, under a hairline: a bar code with the file number on the left,
    the patient set flush right on three short lines."""
    H = M.H
    f = I.sex == "F"
    size = rng.choice([6.5, 7, 7.5])
    given = I.first_names(rng, rng.choice(["all", "first"]))
    l1 = "%s %s" % (I.birth, given)
    if I.used:
        l1 += " (%s %s)" % (rng.choice(["nom utilisé", "usage", "ép." if f else "usage"]), I.used)
    p2 = ["%s %s" % (rng.choice(["Né(e) le", "DDN"]), _date(I, rng, ["slash", "dot", "dash", "words"])),
          "Sexe " + _sex(I, rng, ["letter", "word"])]
    if I.place:
        p2.append("LN " + _place(I, rng, ["code", "paren", "code-first"]))
    sep = rng.choice(["  ·  ", "  /  ", "   "])
    lines = [l1, sep.join(p2)]
    if I.ins:
        lines.append(sep.join(["INS " + _ins(I, rng, INS_ANY)] + (["OID " + M.TEST_OID] if I.oid else [])))
    if I.ipp:
        cap, num = rng.choice(["IPP ", "N° patient "]), I.ipp
        I.uses.add("ipp")
    elif I.nda:
        cap, num = rng.choice(["NDA ", "Séjour "]), I.nda
        I.uses.add("nda")
    else:
        cap, num = "Réf. ", "%09d" % rng.randint(1, 10 ** 9 - 1)
        doc.letter.traps.append("barcode-number")
    seed = rng.random()
    state = {}

    def foot(d):
        x0 = d.left if d.left < 100 else 45
        x1 = d.right
        bw = 92
        if "sz" not in state:
            state["sz"] = _fit(d, lines, x1 - x0 - bw - 18, size, bold=True, floor=5.5)
        sz = state["sz"]
        lead = sz * 1.3
        top = H - 106
        d.hline(x0, x1, top, 0.4, 0.4)
        if d.page == 1:
            d.mark("identity")
        y = top + 2
        for k, t in enumerate(lines):
            y += lead * 0.8
            d.text(x1, y, t, sz, bold=(k == 0), align="right")
            y += lead * 0.2
        d.unmark()
        _barcode(d, x0, top + 5, bw, 15, random.Random(seed))
        d.text(x0, top + 5 + 15 + 7, cap + num, 6)

    doc.page_end.insert(0, foot)


def id_band_number_box(doc, I, rng):
    """A band at the top of every page: the patient on three lines on the left, the file number
    large in a box on the right, a rule under both."""
    W = M.W
    size = rng.choice([7, 7.5, 8])
    given = I.first_names(rng, rng.choice(["all", "first", "all"]))
    if I.used:
        name = rng.choice(["%s (%s %s) %s" % (I.used, I.born(), I.birth, given),
                           "%s %s – nom utilisé : %s" % (I.birth, given, I.used)])
    else:
        name = rng.choice(["%s %s" % (I.birth, given), "%s %s %s" % (I.civ(rng, "short"), I.birth, given)])
    sep = rng.choice(["   ", "  –  "])
    l2 = sep.join(["%s %s" % (I.born_label(rng), _date(I, rng, DATE_ANY)), "Sexe : " + _sex(I, rng, ["letter", "word"])]
                  + (["Lieu de naissance : " + _place(I, rng, PLACE_ANY)] if I.place else []))
    l3 = sep.join((["Matricule INS : " + _ins(I, rng, INS_ANY)] + (["OID : " + M.TEST_OID] if I.oid else []))
                  if I.ins else [])
    if I.ipp:
        cap, num = rng.choice(["N° IPP", "IPP", "DOSSIER"]), I.ipp
        I.uses.add("ipp")
    elif I.nda:
        cap, num = rng.choice(["N° SÉJOUR", "VENUE"]), I.nda
        I.uses.add("nda")
    else:
        cap, num = "N° DOSSIER", "%08d" % rng.randint(1, 10 ** 8 - 1)
        doc.letter.traps.append("file-number")
    state = {}

    def band(d):
        x0 = d.left if d.left < 100 else 45
        x1 = W - 40
        bw = max(d.sw(num, 11, bold=True), d.sw(cap, 6)) + 14
        avail = x1 - bw - 12 - x0
        if "sizes" not in state:
            state["sizes"] = (_fit(d, [name], avail, size + 1.5, bold=True, floor=5.5),
                              _fit(d, [l2, l3], avail, size, floor=5))
        s1, s2 = state["sizes"]
        if d.page == 1:
            d.mark("identity")
        d.text(x0, 20, name, s1, bold=True)
        d.text(x0, 20 + s1 * 0.4 + s2 * 1.1, l2, s2)
        if l3:
            d.text(x0, 20 + s1 * 0.4 + s2 * 2.3, l3, s2)
        d.unmark()
        d.rect(x1 - bw, 13, bw, 33, lw=0.8)
        d.text(x1 - bw / 2, 22, cap, 6, align="centre", gray=0.35)
        d.text(x1 - bw / 2, 39, num, 11, bold=True, align="centre")
        d.hline(x0, x1, 52, 0.6)

    band(doc)
    doc.page_start.append(band)


def id_label_sheet(doc, I, rng):
    """A row of identical patient labels with dashed cutting edges, as a label printer makes them."""
    L = doc.letter
    font = _block_font(rng, 0.5)
    given = I.first_names(rng, rng.choice(["all", "first"]))
    upper = rng.random() < 0.5
    lines = [("%s %s" % (I.birth, M.insi(given) if upper else given), True)]
    if I.used:
        lines.append((rng.choice(["NU ", "Usage : ", "Nom utilisé : "]) + I.used, False))
    lines.append(("%s %s  %s" % (rng.choice(["DDN", "Né(e) le", "Naiss."]),
                                 _date(I, rng, ["slash", "dot", "short-slash"]), _sex(I, rng, ["letter"])), False))
    if I.place:
        lines.append(("LN " + _place(I, rng, ["code", "paren", "code-first"]), False))
    if I.ins:
        lines.append(("INS " + _ins(I, rng, ["grouped", "plain", "cog"]), False))
        if I.oid:
            lines.append(("OID " + M.TEST_OID, False))
    if I.ipp and rng.random() < 0.6:
        lines.append(("IPP " + I.ipp, False))
        I.uses.add("ipp")
    x0 = doc.left
    width = doc.right - x0
    gap = 8
    with _Face(doc, font):
        n = rng.choice([2, 3, 3])
        while True:
            w = (width - gap * (n - 1)) / n
            sz = 7.5
            while sz > 5.5 and max(doc.sw(t, sz, bold=b) for t, b in lines) > w - 10:
                sz -= 0.5
            if max(doc.sw(t, sz, bold=b) for t, b in lines) <= w - 10 or n == 1:
                break
            n -= 1
        items = _wrap_items(doc, [(t, sz, b, False, 0) for t, b in lines], w - 10)
        lead = sz * 1.25
        h = lead * len(items) + 8
        cap = rng.random() < 0.5
        doc.need(h + 12 + (8 if cap else 0))
        if cap:
            doc.line(rng.choice(["Étiquettes d'identification", "Étiquettes patient"]), 6, italic=True, gray=0.4)
            doc.y += 1
        top = doc.y
        for k in range(n):
            x = x0 + k * (w + gap)
            if k == 0:
                doc.mark("identity")
            _dashed_rect(doc, x, top, w, h, 0.4)
            _lines(doc, x + 5, top + 4, items, lead_f=1.25 / L.lead)
            if k == 0:
                doc.unmark()
    doc.y = top + h + I.size


def id_refs_top_right(doc, I, rng):
    """Opposite the letterhead, the reference lines of a business letter on a tab stop (your
    reference, our reference), the patient in the lines that follow."""
    W = M.W
    L = doc.letter
    a = L.author
    size = max(7, min(I.size - 1, 9))
    rows = []
    if rng.random() < 0.7:
        rows.append(("V/Réf. :", rng.choice(["votre courrier du %s", "votre demande du %s", "appel du %s"]) %
                     _nb("%02d/%02d/2026" % (rng.randint(1, 28), rng.choice([9, 10, 11])))))
    rows.append(("N/Réf. :", "%s%s/%s/%04d" % (a.given[0], a.family[0], rng.choice(["CS", "SEC", "MB", "LD"]),
                                                rng.randint(1, 9999))))
    L.traps.append("reference")
    civ = I.civ(rng, rng.choice(["short", "long"]))
    given = I.first_names(rng, rng.choice(["all", "first"]))
    first = len(rows)
    rows.append((rng.choice(["Concerne :", "Patient(e) :", "Dossier de :"]),
                 "%s %s %s" % (civ, I.used or I.birth, given)))
    if I.used:
        rows.append(("", "%s %s" % (I.born(), I.birth)))
    rows.append((rng.choice(["Né(e) le :", "DDN :"]), _date(I, rng, DATE_ANY)))
    rows.append(("Sexe :", _sex(I, rng, ["letter", "word"])))
    if I.place:
        rows.append((rng.choice(["Lieu naiss. :", "LN :"]), _place(I, rng, PLACE_ANY)))
    if I.ins:
        rows.append((rng.choice(["INS :", "Matr. INS :"]), _ins(I, rng, INS_ANY)))
        if I.oid:
            rows.append(("OID :", M.TEST_OID))
    x1 = W - 40
    limit = x1 - (W / 2 + 14)
    lw = max(doc.sw(lb, size) for lb, _ in rows) + 5
    vs = _fit(doc, [v for _, v in rows], limit - lw, size, bold=True, floor=6)
    w = lw + max(doc.sw(v, vs, bold=True) for _, v in rows)
    x0 = x1 - w
    top = rng.choice([38, 46, 54])
    lead = doc.lead(size)
    y = top
    for k, (lb, v) in enumerate(rows):
        if k == first:
            doc.mark("identity")
        y += lead * 0.8
        if lb:
            doc.text(x0, y, lb, size, italic=True, gray=0.3)
        doc.text(x0 + lw, y, v, vs, bold=k >= first)
        y += lead * 0.2
    doc.unmark()
    return y + size


def id_margin_labels(doc, I, rng):
    """The traits one a line, their short labels set in the left margin against a hairline."""
    size = I.size
    small = max(5.5, min(6.5, size - 2.5))
    rows = [(rng.choice(["NOM", "Nom"]), I.birth, True, size + 1)]
    if I.used:
        rows.append((rng.choice(["Usage", "N. util."]), I.used, True, size))
    rows.append((rng.choice(["Prén.", "Prénoms"]), I.first_names(rng, rng.choice(["all", "all", "first"])), False,
                 size))
    rows.append((rng.choice(["Né(e)", "DDN"]), "%s (%s)" % (_date(I, rng, DATE_ANY), _age(I)), False, size))
    rows.append(("Sexe", _sex(I, rng, ["word", "letter", "person"]), False, size))
    if I.place:
        rows.append((rng.choice(["Lieu", "LN"]), _place(I, rng, PLACE_ANY), False, size))
    if I.ins:
        rows.append(("INS", _ins(I, rng, INS_ANY), False, size))
        if I.oid:
            rows.append(("OID", M.TEST_OID, False, size - 1))
    margin = doc.left >= 40 and doc.left < 100
    if margin:
        lx = doc.left - 6
        vx = doc.left
        ls = _fit(doc, [r[0] for r in rows], doc.left - 14, small, floor=4.5)
    else:
        ls = small
        lx = doc.left + max(doc.sw(r[0], ls) for r in rows)
        vx = lx + 8
    lead_of = [doc.lead(r[3]) for r in rows]
    doc.need(sum(lead_of) + 8)
    top = doc.y
    doc.mark("identity")
    for (lb, v, b, sz), ld in zip(rows, lead_of):
        sz = _fit(doc, [v], doc.right - vx, sz, bold=b)
        doc.y += ld * 0.8
        doc.text(lx, doc.y, lb, ls, gray=0.4, align="right")
        doc.text(vx, doc.y, v, sz, bold=b)
        doc.y += ld * 0.2
    doc.unmark()
    doc.vline(vx - 3, top + 2, doc.y, 0.3)
    doc.gap(I.size * 0.8)


def id_rowspan_table(doc, I, rng):
    """A ruled table whose first column groups the rows (civil status, birth, national identifier)
    in tall merged cells."""
    size = max(7, I.size - 1)
    g1 = [(rng.choice(["Nom de naissance", "Nom"]), I.birth)]
    if I.used:
        g1.append((rng.choice(["Nom utilisé", "Nom d'usage"]), I.used))
    g1.append((rng.choice(["Prénom(s)", "Prénoms"]), I.first_names(rng, rng.choice(["all", "all-comma", "first"]))))
    g1.append(("Sexe", _sex(I, rng, ["word", "letter"])))
    g2 = [("Date", _date(I, rng, DATE_ANY))]
    if I.place:
        g2.append((rng.choice(["Lieu (code INSEE)", "Commune ou pays", "Lieu"]), _place(I, rng, PLACE_ANY)))
    groups = [(rng.choice(["État civil", "ÉTAT CIVIL", "Identité"]), g1),
              (rng.choice(["Naissance", "NAISSANCE"]), g2)]
    if I.ins:
        g3 = [("Matricule", _ins(I, rng, INS_ANY))]
        if I.oid:
            g3.append(("OID", M.TEST_OID))
        groups.append((rng.choice(["INS", "Identifiant national de santé"]), g3))
    sl, sh = _slot_left(doc)
    x0 = doc.left + sl
    width = min(doc.right - x0, 430)
    gw = max(doc.sw(w, size, bold=True) for g, _ in groups for w in g.split()) + 10
    lw = max(doc.sw(lb, size) for _, rows in groups for lb, _ in rows) + 10
    vw = width - gw - lw
    pad = 3
    lead = doc.lead(size)
    plan = []
    total = 0
    for g, rows in groups:
        glines = doc.wrap(g, gw - 2 * pad, size, bold=True)
        rh = []
        for lb, v in rows:
            vs = _fit(doc, [v], vw - 2 * pad, size, bold=True)
            parts = doc.wrap(v, vw - 2 * pad, vs, bold=True) or [""]
            rh.append([lead * len(parts) + 2 * pad, lb, parts, vs])
        need = lead * len(glines) + 2 * pad
        if sum(r[0] for r in rh) < need:
            rh[-1][0] += need - sum(r[0] for r in rh)
        plan.append((glines, rh))
        total += sum(r[0] for r in rh)
    doc.need(max(total, sh) + 10)
    top = doc.y
    if sl:
        _slot_set(doc, doc.left, top)
    doc.mark("identity")
    y = top
    for glines, rh in plan:
        gh = sum(r[0] for r in rh)
        doc.rect(x0, y, gw, gh, lw=0.5, fill=0.9)
        yy = y + (gh - lead * len(glines)) / 2
        for t in glines:
            yy += lead * 0.8
            doc.text(x0 + pad, yy, t, size, bold=True)
            yy += lead * 0.2
        for h, lb, parts, vs in rh:
            doc.rect(x0 + gw, y, lw, h, lw=0.4)
            doc.rect(x0 + gw + lw, y, vw, h, lw=0.4)
            doc.text(x0 + gw + pad, y + pad + lead * 0.8, lb, size)
            yy = y + pad
            for part in parts:
                yy += lead * 0.8
                doc.text(x0 + gw + lw + pad, yy, part, vs, bold=True)
                yy += lead * 0.2
            y += h
    doc.unmark()
    doc.y = max(y, top + sh) + I.size


def id_certify_centred(doc, I, rng, reason):
    """The body opens on 'certifie avoir examiné ce jour :', the patient then centred on short
    lines, the sentence going on under them."""
    L = doc.letter
    a = L.author
    size = doc.size
    f = I.sex == "F"
    intro = rng.choice(["Je soussigné%s, %s %s %s, certifie avoir examiné ce jour :" % (
        "e" if a.sex == "F" else "", "Professeur" if a.title == "PR" else "Docteur", a.given, a.family),
        "J'ai examiné ce jour :", "Nous avons reçu en consultation :"])
    given = I.first_names(rng, rng.choice(["all", "all", "first"]))
    civ = I.civ(rng, rng.choice(["long", "short"]))
    name = I.person(rng, order=rng.choice(["family-first", "given-first"]), firsts=given, civ=civ)
    lines = [(name, size + 1, True)]
    born = "%s le %s" % (I.born(), _date(I, rng, ["words", "words", "slash", "abbr"]))
    if I.place:
        born += _born_at(I, rng)
    lines.append((born, size, False))
    lines.append(("de sexe %s" % _sex(I, rng, ["lower"]), size, False))
    if I.ins:
        t = "%s %s" % (rng.choice(["matricule INS", "INS"]), _ins(I, rng, INS_ANY))
        if I.oid:
            t += " (OID %s)" % M.TEST_OID
        lines.append((t, size, False))
    width = doc.right - doc.left - 20
    doc.mark("identity")
    doc.para(intro, size, keep=True, after=size * 0.3)
    doc.need(sum(doc.lead(sz) for _, sz, _ in lines) + 4)
    for t, sz, b in lines:
        for part in doc.wrap(t, width, sz, b):
            doc.line(part, sz, bold=b, align="centre")
    doc.unmark()
    doc.gap(size * 0.3)
    doc.para(rng.choice(["%s consulte %s." % ("Elle" if f else "Il", reason),
                         "%s m'est adressé%s %s." % ("Elle" if f else "Il", "e" if f else "", reason)]), size)


_EXAMS = ["Scanner thoraco-abdomino-pelvien", "IRM cérébrale", "Échographie abdominale", "Radiographie du thorax",
          "Scanner des sinus", "IRM du genou droit", "Échographie-doppler des troncs supra-aortiques",
          "Mammographie bilatérale"]


def id_imaging_header(doc, I, rng):
    """An imaging report header between a thick and a thin rule: the patient on the left, the
    examination on the right (its number, date and prescribing doctor), small labels before the
    values."""
    L = doc.letter
    size = max(7, I.size - 1)
    small = max(6, size - 1.5)
    given = I.first_names(rng, rng.choice(["all", "first"]))
    if I.used:
        pname = rng.choice(["%s %s (%s %s)" % (I.used, given, I.born(), I.birth),
                            "%s %s, nom utilisé %s" % (I.birth, given, I.used)])
    else:
        pname = "%s %s" % (I.birth, given)
    left = [(rng.choice(["Patient(e)", "Patient"]), pname, True),
            (I.born_label(rng), "%s (%s)" % (_date(I, rng, DATE_ANY), _age(I)), False),
            ("Sexe", _sex(I, rng, ["word", "letter"]), False)]
    if I.place:
        left.append((rng.choice(["Lieu de naissance", "Lieu naiss."]), _place(I, rng, PLACE_ANY), False))
    if I.ins:
        left.append((rng.choice(["Matricule INS", "INS"]), _ins(I, rng, INS_ANY), False))
        if I.oid:
            left.append(("OID", M.TEST_OID, False))
    if L.body_named:
        q = L.body_named[0]
        presc = _pname(q, rng, rng.choice(["dr-prenom-nom", "dr-nom-prenom", "initial"]))[0]
    else:
        _, g, fam = _person(rng)
        presc = "Dr %s %s" % (g, fam)
        L.traps.append("prescriber")
    right = [("Examen", rng.choice(_EXAMS), True),
             (rng.choice(["Date de l'examen", "Réalisé le"]), _nb("%02d/11/2026 à %02dh%02d" % (
                 rng.randint(2, 22), rng.randint(8, 18), rng.randint(0, 59))), False),
             (rng.choice(["N° d'examen", "N° d'accession"]), "%s%02d%07d" % (rng.choice(["A", "RX", "IM"]),
                                                                          rng.randint(24, 26),
                                                                          rng.randint(0, 9999999)), False),
             (rng.choice(["Prescripteur", "Médecin demandeur"]), presc, False)]
    L.traps += ["accession-number", "stay-dates"]
    sl, sh = _slot_left(doc)
    x0 = doc.left + sl
    width = doc.right - x0
    wl = width * 0.56
    wr = width - wl - 10
    hl = _pairs_grid(doc, x0, 0, wl, left, size, small, 1, draw=False)
    hr = _pairs_grid(doc, x0 + wl + 10, 0, wr, right, size, small, 1, draw=False)
    h = max(hl, hr, sh) + 8
    doc.need(h + 10)
    top = doc.y
    if sl:
        _slot_set(doc, doc.left, top + 2)
    doc.hline(doc.left, doc.right, top, 1.4)
    doc.mark("identity")
    _pairs_grid(doc, x0, top + 3, wl, left, size, small, 1)
    doc.unmark()
    _pairs_grid(doc, x0 + wl + 10, top + 3, wr, right, size, small, 1)
    doc.hline(doc.left, doc.right, top + h, 0.4)
    doc.y = top + h + I.size


def id_mirror_axis(doc, I, rng):
    """Labels set flush right against a vertical rule, the values flush left after it, the whole
    under a centred heading."""
    size = I.size
    small = max(6.5, size - 1)
    rows = [(rng.choice(["Nom de naissance", "Nom de famille"]), I.birth, True)]
    if I.used:
        rows.append((rng.choice(["Nom utilisé", "Nom d'usage"]), I.used, True))
    rows.append((rng.choice(["Prénom(s)", "Prénoms de naissance"]), I.first_names(rng, rng.choice(["all", "all-comma",
                                                                                                 "first"])), False))
    rows.append((rng.choice(["Date de naissance", "Né(e) le"]), _date(I, rng, DATE_ANY), False))
    rows.append(("Sexe", _sex(I, rng, ["word", "letter", "person"]), False))
    if I.place:
        rows.append((rng.choice(["Lieu de naissance", "Code lieu de naissance"]), _place(I, rng, PLACE_ANY), False))
    if I.ins:
        rows.append((rng.choice(["Matricule INS", "INS"]), _ins(I, rng, INS_ANY), False))
        if I.oid:
            rows.append(("OID", M.TEST_OID, False))
    head = rng.choice(["Identité du patient", "IDENTIFICATION", "Patient(e)", None])
    sl, sh = _slot_left(doc)
    mid = doc.left + (doc.right - doc.left) * rng.choice([0.36, 0.4, 0.44])
    mid = max(mid, doc.left + sl + 8 + min(100, max(doc.sw(r[0], small, italic=True) for r in rows)))
    ls = _fit(doc, [r[0] for r in rows], mid - 8 - doc.left - sl, small, italic=True, floor=5)
    lead = doc.lead(size)
    n = len(rows) + (1 if head else 0)
    doc.need(max(lead * (n + 1), sh) + 6)
    if sl:
        _slot_set(doc, doc.left, doc.y)
    slot_top = doc.y
    doc.mark("identity")
    if head:
        doc.y += lead * 0.8
        doc.text(mid, doc.y, head, size, bold=True, align="centre")
        doc.y += lead * 0.2 + 2
    top = doc.y
    for lb, v, b in rows:
        vs = _fit(doc, [v], doc.right - mid - 8, size, bold=b)
        doc.y += lead * 0.8
        doc.text(mid - 8, doc.y, lb, ls, italic=True, gray=0.3, align="right")
        doc.text(mid + 8, doc.y, v, vs, bold=b)
        doc.y += lead * 0.2
    doc.unmark()
    doc.vline(mid, top + 1, doc.y + 1, 0.5)
    doc.y = max(doc.y, slot_top + sh)
    doc.gap(I.size * 0.8)


def id_ticket_stub(doc, I, rng):
    """A long rounded ticket: the patient in the main part, a dashed tear line, and a stub with
    the stay (entry, room and bed, stay number)."""
    L = doc.letter
    size = max(7.5, I.size - 0.5)
    given = I.first_names(rng, rng.choice(["all", "first", "all"]))
    main = [("%s %s" % (I.birth, given), size + 1.5, True, False, 0)]
    if I.used:
        main.append(("%s %s" % (rng.choice(["Nom utilisé :", "Usage :", "Dit(e)"]), I.used), size, False, False, 0))
    main.append(("  ·  ".join(["%s %s" % (I.born_label(rng), _date(I, rng, DATE_ANY)),
                               "Sexe " + _sex(I, rng, ["letter", "word"])]), size, False, False, 0))
    if I.place:
        main.append((rng.choice(["Lieu de naissance : ", "Né(e) à : "]) + _place(I, rng, PLACE_ANY), size, False,
                     False, 0))
    if I.ins:
        main.append(("INS " + _ins(I, rng, INS_ANY), size, True, False, 0))
        if I.oid:
            main.append(("OID " + M.TEST_OID, size - 1, False, False, 0))
    small = max(6.5, size - 1.5)
    stub = [(rng.choice(["SÉJOUR", "Venue", "ADMISSION"]), small, True, False, 0.3)]
    if I.nda:
        stub.append(("N° " + I.nda, small, False, False, 0))
        I.uses.add("nda")
    stub.append(("Entrée " + _day(rng, 2, 18), small, False, False, 0))
    stub.append(("Ch. %d – lit %s" % (rng.randint(100, 450), rng.choice("ABC")), small, False, False, 0))
    if I.ipp and rng.random() < 0.5:
        stub.append(("IPP " + I.ipp, small, False, False, 0))
        I.uses.add("ipp")
    L.traps.append("stay-dates")
    sl, sh = _slot_left(doc)
    x0 = doc.left
    width = min(doc.right - x0, 490)
    sw_ = max(doc.sw(t, sz, bold=b) for t, sz, b, _, _ in stub) + 18
    mw = width - sw_
    tx = x0 + 10 + sl
    avail = x0 + mw - 10 - tx
    main = _wrap_items(doc, [(t, _fit(doc, [t], avail, sz, bold=b), b, i, g) for t, sz, b, i, g in main], avail)
    hm = sum(doc.lead(sz) for _, sz, _, _, _ in main)
    hs = sum(doc.lead(sz) for _, sz, _, _, _ in stub)
    h = max(hm, hs, sh) + 12
    doc.need(h + 10)
    top = doc.y
    _round_frame(doc, x0, top, width, h, radius=8, lw=0.7)
    _dashed_vline(doc, x0 + mw, top + 3, top + h - 3, 0.5)
    if sl:
        _slot_set(doc, x0 + 4, top + 2)
    doc.mark("identity")
    _lines(doc, tx, top + 6, main)
    doc.unmark()
    _lines(doc, x0 + mw + 9, top + 6, stub)
    doc.y = top + h + I.size


IDENTITY_FAMILIES = {
    "i-id-a": (id_tab_card, "flow"),
    "i-id-b": (id_blood_group, "flow"),
    "i-id-c": (id_reversed_labels, "flow"),
    "i-id-d": (id_status_top_right, "top-right"),
    "i-id-e": (id_bulleted_intro, "body"),
    "i-id-f": (id_footer_barcode, "footer"),
    "i-id-g": (id_band_number_box, "band"),
    "i-id-h": (id_label_sheet, "flow"),
    "i-id-i": (id_refs_top_right, "top-right"),
    "i-id-j": (id_margin_labels, "flow"),
    "i-id-k": (id_rowspan_table, "flow"),
    "i-id-l": (id_certify_centred, "body"),
    "i-id-m": (id_imaging_header, "flow"),
    "i-id-n": (id_mirror_axis, "flow"),
    "i-id-o": (id_ticket_stub, "flow"),
}


_SPEC_ABBR = {"Médecin généraliste": "Méd. gén.", "Médecine générale": "Méd. gén.", "Méd. générale": "Méd. gén.",
              "Cardiologue": "Cardio.", "Cardiologie": "Cardio.", "Pneumologue": "Pneumo.",
              "Gastro-entérologue": "Gastro-entéro.", "Hépato-gastro-entérologue": "HGE", "Dermatologue": "Dermato.",
              "Endocrinologue": "Endocrino.", "Endocrinologue-diabétologue": "Endocrino.", "Néphrologue": "Néphro.",
              "Neurologue": "Neuro.", "Ophtalmologiste": "Ophtalmo.", "Ophtalmologue": "Ophtalmo.",
              "Oto-rhino-laryngologiste": "ORL", "Pédiatre": "Pédiatre", "Psychiatre": "Psy.",
              "Rhumatologue": "Rhumato.", "Chirurgien orthopédiste": "Chir. ortho.",
              "Chirurgie orthopédique": "Chir. ortho.", "Chirurgien viscéral": "Chir. visc.",
              "Chirurgie digestive": "Chir. dig.", "Gynécologue-obstétricien": "Gynéco.", "Gynécologue": "Gynéco.",
              "Anesthésiste-réanimateur": "Anesth.", "Anesthésiste": "Anesth.", "Interniste": "Méd. int.",
              "Médecine interne": "Méd. int.", "Gériatre": "Gériatre", "Radiologue": "Radio.",
              "Hématologue": "Hémato.", "Oncologue": "Onco.", "Urgentiste": "Urg."}

_STREET_ABBR = {"R": "R.", "AV": "Av.", "BD": "Bd", "PL": "Pl.", "CHE": "Ch.", "QUAI": "Quai", "ALL": "All.",
                "IMP": "Imp.", "RTE": "Rte"}


def _spec_abbr(p, rng):
    s = _spec(p, rng)
    return _SPEC_ABBR.get(s, s)


def _window_at(doc, items, x, top, limit):
    """Draws address lines from x (moved left when a line would pass `limit`); returns the bottom."""
    widest = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in items)
    if x + widest > limit:
        x = max(M.W / 2 - 20, limit - widest)
    items = _wrap_items(doc, items, limit - x)
    bottom, _ = _lines(doc, x, top, items)
    return bottom


def ad_franking(doc, L, rng):
    """Right window under the franking box of pre-paid mail printed in the corner above it."""
    p = L.to
    W = M.W
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial"]))
    items, city = _address_items(p, rng, size, name)
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    s1, s2 = rng.choice([("PORT PAYÉ", "Lettre verte"), ("LETTRE PRIORITAIRE", "Port payé"),
                         ("PP", "Lettre suivie – La Poste"),
                         ("PORT PAYÉ", "Autorisation n° %d" % rng.randint(100, 9999))])
    bw = max(doc.sw(s1, 7.5, bold=True), doc.sw(s2, 6)) + 14
    bh = 23
    x1 = W - 36
    top = max(rng.choice([104, 112, 120]), getattr(doc, "header_bottom", 0) + 6)
    doc.rect(x1 - bw, top, bw, bh, lw=0.9)
    doc.text(x1 - bw / 2, top + 10, s1, 7.5, bold=True, align="centre")
    doc.text(x1 - bw / 2, top + 19, s2, 6, align="centre")
    L.traps.append("franking")
    bottom = _window_at(doc, items, rng.choice([306, 318]), top + bh + 14, W - 32)
    return bottom + 4


def ad_practice_partners(doc, L, rng):
    """Right window to a group practice: the practice, its doctors' names in small italics, then
    the one the letter is for under 'À l'attention de :'."""
    p = L.to
    W = M.W
    size = min(doc.size + 0.5, 11)
    name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial"]))
    partners = []
    taken = {M.key_name(q.family) for q in [p] + L.copies + L.body_named + L.extra_never}
    taken.add(M.key_name(L.author.family))
    taken.update(M.key_name(x) for x in (L.ident.birth, L.ident.used) if x)
    n = rng.choice([2, 3])
    while len(partners) < n:
        _, g, fam = _person(rng)
        if M.key_name(fam) not in taken:
            taken.add(M.key_name(fam))
            partners.append("%s %s" % (M.initials(g), fam))
    if p.salaried:
        org = _site(p, rng)
        team = "Praticiens : " + ", ".join(partners)
    else:
        org = rng.choice(["Cabinet médical", "Centre médical", "Cabinet de groupe", "Maison médicale"]) + " " + \
            rng.choice(["des Lilas", "du Parc", "de la Gare", "Saint-Michel", "des Halles", "du Centre"])
        team = "Drs " + ", ".join(partners[:-1]) + " et " + partners[-1]
    items = [(org, size, True, False, 0), (team, size - 1.5, False, True, 0.3),
             (rng.choice(["À l'attention de :", "Destinataire :", "Pour :"]), size - 1.5, False, True, 0.3),
             (name, size, True, False, 0)]
    if rng.random() < 0.4:
        items.append((_spec(p, rng), size - 0.5, False, True, 0))
    city = M.city_text(p, rng)
    items.append((p.street_line(), size, False, False, 0))
    items.append(("%s %s" % (p.postcode, city), size, False, False, 0))
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    L.traps.append("practice-partners")
    bottom = _window_at(doc, items, rng.choice([310, 324]), _win_top(doc, rng), W - 32)
    return bottom + 4


def ad_sender_recipient_zones(doc, L, rng):
    """Two zones across the page under the letterhead, a vertical rule between: the sender on the
    left, the addressee on the right, each under a small caption."""
    p = L.to
    a = L.author
    size = max(7.5, min(doc.size, 10))
    x0 = doc.left if doc.left < 100 else 45
    x1 = doc.right
    mid = x0 + (x1 - x0) * rng.choice([0.46, 0.5])
    cap_l, cap_r = rng.choice([("Émetteur", "Destinataire"), ("EXPÉDITEUR", "DESTINATAIRE"), ("De", "À")])
    left = [("%s %s %s" % ("Pr" if a.title == "PR" else "Dr", a.given, a.family), size, True, False, 0),
            (M.service_of(a.service), size - 0.5, False, False, 0), (L.hospital["short"], size - 0.5, False, False, 0)]
    if rng.random() < 0.5:
        left.append(("RPPS " + a.rpps, size - 1, False, False, 0))
        L.traps.append("author-rpps")
    if rng.random() < 0.6:
        left.append(("Tél. secrétariat : " + _nb(L.hospital["phone"]), size - 1, False, False, 0))
    name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial"]))
    right, city = _address_items(p, rng, size, name)
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    left = _wrap_items(doc, left, mid - x0 - 14)
    right = _wrap_items(doc, right, x1 - mid - 14)
    cs = size - 2
    top = max(getattr(doc, "header_bottom", 100) + rng.choice([10, 16]), 118)
    h = max(sum(doc.lead(it[1]) for it in left), sum(doc.lead(it[1]) for it in right)) + doc.lead(cs) + 10
    doc.hline(x0, x1, top, 0.6)
    doc.text(x0 + 4, top + 3 + cs, cap_l, cs, bold=True, gray=0.4)
    doc.text(mid + 10, top + 3 + cs, cap_r, cs, bold=True, gray=0.4)
    _lines(doc, x0 + 4, top + 5 + doc.lead(cs), left)
    _lines(doc, mid + 10, top + 5 + doc.lead(cs), right)
    doc.vline(mid, top + 3, top + h - 3, 0.4)
    doc.hline(x0, x1, top + h, 0.6)
    return top + h + 6


def ad_name_town_only(doc, L, rng):
    """A short italic block on the right: the name, the specialty in brackets and the town only,
    no street (the letter travels by secure mail)."""
    p = L.to
    W = M.W
    size = min(doc.size + 0.5, 11)
    name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial"]))
    city = M.city_text(p, rng, upper=rng.random() < 0.6)
    pc = p.postcode if rng.random() < 0.4 else None
    items = []
    if rng.random() < 0.6:
        items.append((rng.choice(["Destinataire", "À l'intention de", "Adressé à"]), size - 2, False, True, 0.4))
    items.append((name, size, True, True, 0))
    if rng.random() < 0.7:
        items.append(("(%s)" % _spec(p, rng), size - 0.5, False, True, 0))
    items.append((_where(city, pc), size, False, True, 0))
    L.mentions.add(p, "to", name, gf, city, pc)
    bottom = _window_at(doc, items, rng.choice([336, 352, 366]), _win_top(doc, rng), W - 36)
    return bottom + 4


def ad_low_wide_window(doc, L, rng):
    """A window set low on the page, for a large envelope: the title spelt out in capitals on a
    line of its own, the name under it, CEDEX lines."""
    p = L.to
    W = M.W
    f = p.sex == "F"
    pr = p.title == "PR"
    size = min(doc.size + 0.5, 11)
    word = "PROFESSEUR" if pr else "DOCTEUR"
    title = rng.choice([word, ("MADAME LE " if f else "MONSIEUR LE ") + word])
    name = rng.choice(["%s %s" % (p.given, p.family), "%s %s" % (p.family, p.given)])
    items = [(title, size - 1, False, False, 0), (name, size, True, False, 0)]
    if rng.random() < 0.5:
        items.append((_spec(p, rng), size - 0.5, False, False, 0))
    if p.salaried:
        items.append((M.service_of(p.service), size, False, False, 0))
        items.append((_site(p, rng), size, False, False, 0))
    items.append((p.street_line(), size, False, False, 0))
    box = rng.random()
    if box < 0.4:
        items.append(("CS %05d" % rng.randint(10000, 99999), size, False, False, 0))
    city = M.city_text(p, rng, upper=True)
    tail = rng.choice([" CEDEX", " CEDEX %d" % rng.randint(1, 9)]) if box < 0.4 or rng.random() < 0.3 else ""
    items.append(("%s %s%s" % (p.postcode, city, tail), size, False, False, 0))
    L.mentions.add(p, "to", name, "full", city, p.postcode)
    if rng.random() < 0.5:
        L.salutation = ("Madame le " if f else "Monsieur le ") + ("Professeur," if pr else "Docteur,")
    top = max(rng.choice([188, 200, 212]), getattr(doc, "header_bottom", 0) + 8)
    bottom = _window_at(doc, items, rng.choice([286, 298, 310]), top, W - 34)
    return bottom + 4


def ad_legend_frame(doc, L, rng):
    """A framed address on the left whose caption interrupts the top edge of the frame."""
    p = L.to
    size = min(doc.size + 0.5, 11)
    name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial"]))
    items, city = _address_items(p, rng, size, name)
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    legend = rng.choice(["Adressé à", "Destinataire", "À l'attention de"])
    x = rng.choice([52, 60])
    limit = M.W / 2 - 14
    items = _wrap_items(doc, items, limit - x - 18)
    top = _win_top(doc, rng)
    h = sum(doc.lead(it[1]) for it in items) + 16
    ls = size - 2
    doc.rect(x, top, limit - x, h, lw=0.6)
    lw = doc.sw(legend, ls, italic=True) + 8
    doc.c.setFillGray(1)
    doc.c.rect(x + 10, M.H - top - ls * 0.5, lw, ls, stroke=0, fill=1)
    doc.c.setFillGray(0)
    doc.text(x + 14, top + ls * 0.35, legend, ls, italic=True, gray=0.3)
    _lines(doc, x + 9, top + 8, items)
    return top + h + 4


def ad_familiar(doc, L, rng):
    """No window: a line of the flow names the colleague; the salutation uses the given name only."""
    p = L.to
    f = p.sex == "F"
    name, gf = _pname(p, rng, rng.choice(["dr-prenom-nom", "dr-prenom-nom", "docteure", "dr-nom-prenom", "initial"]))
    city = M.city_text(p, rng)
    pc = p.postcode if rng.random() < 0.3 else None
    where = _where(city, pc)
    nm = _nb(name)
    L.flow_addressee = rng.choice(["Pour : %s, %s" % (nm, where), "À l'intention de : %s (%s)" % (nm, where),
                                   "%s – %s" % (nm, where), "Courrier pour %s, %s, %s" % (nm, _spec(p, rng).lower()
                                                                                         if not _spec(p, rng).isupper()
                                                                                         else _spec(p, rng), where)])
    L.mentions.add(p, "to", name, gf, city, pc)
    g = p.given
    L.salutation = rng.choice(["%s %s," % ("Chère" if f else "Cher", g),
                               "%s %s," % ("Ma chère" if f else "Mon cher", g),
                               "%s %s, %s" % ("Chère" if f else "Cher", g, "chère amie," if f else "cher ami,")])
    L.traps.append("given-name-salutation")
    return None


def ad_transfer_receiving(doc, L, rng):
    """A ruled row under the letterhead for a transfer: a shaded caption cell, the receiving doctor
    and place, the planned date and the reserved bed."""
    p = L.to
    size = max(7.5, min(doc.size, 10))
    x0 = doc.left if doc.left < 100 else 45
    x1 = doc.right
    cap = rng.choice(["TRANSFERT VERS", "Service receveur", "Médecin receveur", "Suite de prise en charge"])
    name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial"]))
    city = M.city_text(p, rng)
    mid = [(name, size, True, False, 0), (_spec(p, rng), size - 0.5, False, True, 0)]
    if p.salaried:
        mid.append((_site(p, rng), size, False, False, 0))
    mid.append((p.street_line() + ", " + _nb("%s %s" % (p.postcode, city)), size, False, False, 0))
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    right = [("Date prévue : " + _day(rng, 20, 30), size - 1, False, False, 0),
             ("Lit réservé : %d%s" % (rng.randint(1, 40), rng.choice(["", "A", "B"])), size - 1, False, False, 0),
             ("Transport : " + rng.choice(["ambulance", "VSL", "SMUR", "taxi conventionné"]), size - 1, False, False,
              0)]
    L.traps.append("transfer-date")
    cw = doc.sw(cap, size - 1, bold=True) + 12
    rw = max(doc.sw(t, sz) for t, sz, _, _, _ in right) + 12
    mw = x1 - x0 - cw - rw
    mid = _wrap_items(doc, mid, mw - 12)
    h = max(sum(doc.lead(it[1]) for it in mid), sum(doc.lead(it[1]) for it in right)) + 10
    top = max(getattr(doc, "header_bottom", 100) + rng.choice([10, 16]), 118)
    doc.rect(x0, top, cw, h, lw=0.5, fill=0.85)
    doc.text(x0 + 6, top + h / 2 + (size - 1) * 0.35, cap, size - 1, bold=True)
    doc.rect(x0 + cw, top, mw, h, lw=0.5)
    doc.rect(x0 + cw + mw, top, rw, h, lw=0.5)
    _lines(doc, x0 + cw + 6, top + 5, mid)
    _lines(doc, x0 + cw + mw + 6, top + 5, right)
    return top + h + 6


def ad_abbreviated_window(doc, L, rng):
    """Right window in the abbreviations of a database export: 'Dr DUPONT J.-M.', the specialty
    cut short, the street type abbreviated, the town in capitals."""
    p = L.to
    W = M.W
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    short = "Pr" if p.title == "PR" else "Dr"
    if rng.random() < 0.6:
        name = "%s %s %s" % (short, p.family, M.initials(p.given))
    else:
        name = "%s. %s %s" % (short, M.initials(p.given), p.family)
    items = [(name, size, True, False, 0), (_spec_abbr(p, rng), size - 0.5, False, False, 0)]
    if p.salaried:
        items.append(("Serv. " + p.service, size, False, False, 0))
        items.append((M.insi(p.site), size, False, False, 0))
    n, code, label, sname = p.street
    items.append(("%s %s %s" % (n, _STREET_ABBR.get(code, label), sname), size, False, False, 0))
    city = M.city_text(p, rng, upper=True)
    items.append(("%s %s%s" % (p.postcode, city, " CEDEX" if rng.random() < 0.25 else ""), size, False, False, 0))
    L.mentions.add(p, "to", name, "initial", city, p.postcode)
    bottom = _window_at(doc, items, rng.choice([314, 326, 338]), _win_top(doc, rng), W - 32)
    return bottom + 4


# (draw, window: "right" | "left" | "none" | "flow" | "both", needs a professional addressee)
ADDRESSEE_FAMILIES = {
    "i-ad-a": (ad_franking, "right", True),
    "i-ad-b": (ad_practice_partners, "right", True),
    "i-ad-c": (ad_sender_recipient_zones, "both", True),
    "i-ad-d": (ad_name_town_only, "right", True),
    "i-ad-e": (ad_low_wide_window, "right", True),
    "i-ad-f": (ad_legend_frame, "left", True),
    "i-ad-g": (ad_familiar, "flow", True),
    "i-ad-h": (ad_transfer_receiving, "both", True),
    "i-ad-i": (ad_abbreviated_window, "right", True),
}


# ---------------------------------------------------------------------------------------------
# Copies


def _copies(L):
    extra = getattr(L, "i_extra_to", [])
    return [p for p in L.copies if p not in extra]


def _copy_place(p, rng, gf, p_city=0.7):
    """(city, postcode) printed with a copy: always when the name alone could not tell it apart."""
    must = p.force_place or gf != "full"
    city = M.city_text(p, rng, upper=rng.random() < 0.5) if (must or rng.random() < p_city) else None
    pc = p.postcode if city and rng.random() < 0.3 else None
    return city, pc


def _where(city, pc):
    return _nb("%s %s" % (pc, city)) if pc else city


def _patient_word(L):
    return "la patiente" if L.ident.sex == "F" else "le patient"


def cp_cc_hanging(doc, L, rng):
    """'c.c.' and the copies one a line on a hanging indent, each with its specialty and town."""
    size = max(7.5, doc.size - rng.choice([0.5, 1]))
    label = rng.choice(["c.c. :", "cc :", "C.c. :", "c.c."])
    lines = []
    for p in _copies(L):
        name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial", "family", "nom-prenom"]))
        city, pc = _copy_place(p, rng, gf, 0.75)
        L.mentions.add(p, "cc", name, gf, city, pc)
        t = _nb(name)
        if rng.random() < 0.5:
            sp = _spec(p, rng)
            t += ", " + (sp.lower() if not sp.isupper() else sp)
        if city:
            t += " — " + _where(city, pc)
        lines.append(t)
    if L.copy_patient:
        lines.append(rng.choice(["%s (remise en main propre)" % _patient_word(L), "Patient(e)"]))
    if not lines:
        return
    lw = doc.sw(label + " ", size) + 6
    lead = doc.lead(size)
    doc.gap(size * 0.4)
    doc.need(lead * (len(lines) + 1))
    first = True
    for t in lines:
        for k, part in enumerate(doc.wrap(t, doc.right - doc.left - lw - 10, size)):
            doc.need(lead)
            doc.y += lead * 0.8
            if first:
                doc.text(doc.left, doc.y, label, size)
                first = False
            doc.text(doc.left + lw + (10 if k else 0), doc.y, part, size)
            doc.y += lead * 0.2


def cp_action_information(doc, L, rng):
    """Two labelled lines: 'Pour suite à donner :' the addressee again, 'Pour information :' the
    copies."""
    size = max(7.5, doc.size - rng.choice([0.5, 1]))
    entries = []
    for p in _copies(L):
        name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial", "family"]))
        city, pc = _copy_place(p, rng, gf, 0.7)
        L.mentions.add(p, "cc", name, gf, city, pc)
        entries.append(_nb(name) + (" (%s)" % _where(city, pc) if city else ""))
    if L.copy_patient:
        entries.append(_patient_word(L))
    if not entries:
        return
    rows = []
    if L.to is not None and rng.random() < 0.8:
        p = L.to
        name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial"]))
        city, pc = _copy_place(p, rng, gf, 0.6)
        L.mentions.add(p, "to", name, gf, city, pc)
        rows.append((rng.choice(["Pour suite à donner :", "Pour action :", "Destinataire :"]),
                     _nb(name) + (" (%s)" % _where(city, pc) if city else "")))
    rows.append((rng.choice(["Pour information :", "Pour info. :", "Copie pour information :"]), " ; ".join(entries)))
    lw = max(doc.sw(lb, size, bold=True) for lb, _ in rows) + 8
    lead = doc.lead(size)
    doc.gap(size * 0.5)
    doc.need(lead * (len(rows) + 1))
    for lb, v in rows:
        parts = doc.wrap(v, doc.right - doc.left - lw, size)
        doc.need(lead * len(parts))
        for k, part in enumerate(parts):
            doc.y += lead * 0.8
            if k == 0:
                doc.text(doc.left, doc.y, lb, size, bold=True)
            doc.text(doc.left + lw, doc.y, part, size)
            doc.y += lead * 0.2


def cp_ps_sentence(doc, L, rng):
    """A postscript after the signature telling who gets a copy."""
    size = doc.size
    entries = []
    for p in _copies(L):
        name, gf = _pname(p, rng, rng.choice(["dr-prenom-nom", "dr-prenom-nom", "dr-nom-prenom", "word-prenom-nom",
                                              "docteure", "initial", "family"]))
        city, pc = _copy_place(p, rng, gf, 0.7)
        L.mentions.add(p, "cc", name, gf, city, pc)
        art = "à la " if name.startswith(("Docteure", "Professeure")) else "au "
        entries.append(art + _nb(name) + (" (%s)" % _where(city, pc) if city else ""))
    if not entries:
        if L.copy_patient:
            doc.para("P.-S. : copie remise %s." % ("à la patiente" if L.ident.sex == "F" else "au patient"), size)
        return
    body = entries[0] if len(entries) == 1 else ", ".join(entries[:-1]) + " et " + entries[-1]
    text = rng.choice(["P.-S. : ", "PS : ", "P.S. – "]) + rng.choice([
        "j'adresse un double de ce courrier %s", "une copie de cette lettre est adressée %s",
        "je transmets copie de ce compte rendu %s"]) % body
    if L.copy_patient:
        text += ", ainsi qu'%s" % ("à la patiente" if L.ident.sex == "F" else "au patient")
    doc.gap(size * 0.3)
    doc.para(text + ".", size, keep=True)


def cp_two_col_grid(doc, L, rng):
    """Under a caption, the copies in a grid of two (or three) cells a row, the name in bold and
    the specialty and town under it in grey."""
    size = max(7.5, doc.size - 1)
    small = size - 1.5
    cells = []
    for p in _copies(L):
        name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial", "nom-prenom"]))
        city, pc = _copy_place(p, rng, gf, 0.85)
        L.mentions.add(p, "cc", name, gf, city, pc)
        sp = _spec(p, rng)
        second = " – ".join([sp] + ([_where(city, pc)] if city else []))
        cells.append((name, second))
    if L.copy_patient:
        cells.append((rng.choice(["Patient(e)", "Le patient"]), rng.choice(["copie remise", "par courrier"])))
    if not cells:
        return
    cap = rng.choice(["Copie(s) à :", "Copies adressées à :", "Copie :"])
    width = doc.right - doc.left
    ncols = 3 if width > 420 and len(cells) >= 3 and rng.random() < 0.5 else 2
    cw = width / ncols
    lead, ls = doc.lead(size), doc.lead(small)
    plan = []
    for name, second in cells:
        a = doc.wrap(name, cw - 12, size, True)
        b = doc.wrap(second, cw - 12, small)
        plan.append((a, b))
    rows = [plan[i:i + ncols] for i in range(0, len(plan), ncols)]
    heights = [max(lead * len(a) + ls * len(b) for a, b in r) + 4 for r in rows]
    doc.gap(size * 0.5)
    doc.need(sum(heights) + lead + 4)
    doc.line(cap, size, bold=rng.random() < 0.5, italic=rng.random() < 0.4)
    for r, hh in zip(rows, heights):
        top = doc.y
        for k, (a, b) in enumerate(r):
            x = doc.left + 8 + k * cw
            y = top
            for t in a:
                y += lead * 0.8
                doc.text(x, y, t, size, bold=True)
                y += lead * 0.2
            for t in b:
                y += ls * 0.8
                doc.text(x, y, t, small, gray=0.35)
                y += ls * 0.2
        doc.y = top + hh


def cp_abbrev_diff(doc, L, rng):
    """A last grey line in small type: 'Diff. :' and the copies shortened, the patient as 'Pt'."""
    size = rng.choice([6.5, 7, 7.5])
    entries = []
    for p in _copies(L):
        name, gf = _pname(p, rng, rng.choice(["family", "initial", "dr-nom-prenom", "nom-prenom"]))
        city, pc = _copy_place(p, rng, gf, 0.8)
        L.mentions.add(p, "cc", name, gf, city, pc)
        entries.append(_nb(name) + (" (%s)" % _where(city, pc) if city else ""))
    if L.copy_patient:
        entries.append(rng.choice(["Pt", "Pat.", "Patient"]))
    if not entries:
        return
    if rng.random() < 0.5:
        entries.append(rng.choice(["Dossier", "Arch.", "DPI"]))
    text = rng.choice(["Diff. : ", "Diffusion : ", "Ampl. : "]) + " – ".join(entries)
    doc.gap(size)
    doc.para(text, size, keep=True, after=2)


def cp_role_abbrev(doc, L, rng):
    """Under the date, before the title: each copy behind its role shortened ('MT' for the
    regular doctor, the specialty abbreviated), on one paragraph."""
    size = max(7.5, doc.size - 1)
    entries = []
    for p in _copies(L):
        gp = p.spec is not None and p.spec[0] == M.GP
        role = rng.choice(["MT", "Méd. traitant"]) if gp else _spec_abbr(p, rng)
        name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial", "family"]))
        city, pc = _copy_place(p, rng, gf, 0.75)
        L.mentions.add(p, "cc", name, gf, city, pc)
        entries.append("%s : %s" % (role, _nb(name) + (" (%s)" % _where(city, pc) if city else "")))
    if L.copy_patient:
        entries.append(rng.choice(["Patient(e) : remise en main propre", "Pt : copie remise"]))
    if not entries:
        return
    text = rng.choice(["Copies – ", "Copies : ", "Cc – "]) + " ; ".join(entries)
    doc.gap(2)
    doc.para(text, size, italic=rng.random() < 0.4, keep=True, after=size * 0.4)


# (draw, needs copies, where: "end" after the signature, "top" before the title)
COPIES_FAMILIES = {
    "i-cp-a": (cp_cc_hanging, True, "end"),
    "i-cp-b": (cp_action_information, True, "end"),
    "i-cp-c": (cp_ps_sentence, True, "end"),
    "i-cp-d": (cp_two_col_grid, True, "end"),
    "i-cp-e": (cp_abbrev_diff, True, "end"),
    "i-cp-f": (cp_role_abbrev, True, "top"),
}


# ---------------------------------------------------------------------------------------------
# DataMatrix positions

DM_POSITIONS = ["i-name-left", "i-bottom-corner", "i-name-left", "i-bottom-corner", "top-right",
                "footer-left"]


def dm_candidates(d, pos, s, W, H):
    if pos == "i-name-left":
        # The room some identity blocks keep on their left for the code; none elsewhere.
        slot = getattr(d, "i_slot", None)
        if not slot or slot[0] != d.page:
            return []
        return [(slot[1], slot[2])]
    if pos == "i-bottom-corner":
        # Low in a bottom corner of the page, under or beside the page footer.
        out = []
        for b in (14, 18, 24, 32, 60, 68):
            for m in (16, 22, 30):
                out.append((W - m - s, H - b - 9 - s))
        for b in (14, 18, 24, 32, 60, 68):
            for m in (16, 22, 30):
                out.append((m, H - b - 9 - s))
        return out
    return []
