"""Tuning layout families, seventh set (see make_letters.py).

These were the held-out families of session 33 (written blind to the reader); once their results
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
# Fonts: body faces (returned by fonts()) and faces some blocks are set in (g_BLOCK_FONTS).

g_BLOCK_FONTS = []

_FF = "/usr/share/fonts/truetype/freefont/"  # fonts-freefont-ttf (optional)
_DV = "/usr/share/fonts/truetype/dejavu/"
_LB = "/usr/share/fonts/truetype/liberation2/"


def fonts(register):
    """The fonts of this set, registered through make_letters.py; a face whose files are missing
    is simply not offered."""
    out = []
    if register("FreeSerif", _FF + "FreeSerif.ttf", _FF + "FreeSerifBold.ttf", _FF + "FreeSerifItalic.ttf"):
        out.append("FreeSerif")
    if register("FreeSans", _FF + "FreeSans.ttf", _FF + "FreeSansBold.ttf", _FF + "FreeSansOblique.ttf"):
        out.append("FreeSans")
    # URW faces set unusually: narrow oblique, italic or oblique as the running text.
    for key, faces in (("NimbusSansNarrowOblique", ("NimbusSansNarrow-Oblique", "NimbusSansNarrow-BoldOblique",
                                                    "NimbusSansNarrow-Regular")),
                       ("C059Italic", ("C059-Italic", "C059-BdIta", "C059-Roman")),
                       ("URWGothicOblique", ("URWGothic-BookOblique", "URWGothic-DemiOblique", "URWGothic-Book")),
                       ("P052BoldItalic", ("P052-Roman", "P052-BoldItalic", "P052-Italic"))):
        if M.register_type1_family(key, *faces):
            out.append(key)
    if register("DejaVuSansCondensedOblique", _DV + "DejaVuSansCondensed-Oblique.ttf",
                _DV + "DejaVuSansCondensed-BoldOblique.ttf", _DV + "DejaVuSansCondensed.ttf"):
        out.append("DejaVuSansCondensedOblique")
    # Faces for single blocks (an identity panel in a typewriter face inside a serif letter…).
    del g_BLOCK_FONTS[:]
    if register("FreeMono", _FF + "FreeMono.ttf", _FF + "FreeMonoBold.ttf", _FF + "FreeMonoOblique.ttf"):
        g_BLOCK_FONTS.append("FreeMono")
    if M.register_type1_family("URWBookmanLightItalic", "URWBookman-LightItalic", "URWBookman-DemiItalic",
                               "URWBookman-Light"):
        g_BLOCK_FONTS.append("URWBookmanLightItalic")
    if register("LiberationSerifBoldItalic", _LB + "LiberationSerif-Regular.ttf",
                _LB + "LiberationSerif-BoldItalic.ttf", _LB + "LiberationSerif-Italic.ttf"):
        g_BLOCK_FONTS.append("LiberationSerifBoldItalic")
    if M.register_type1_family("NimbusSansBoldItalic", "NimbusSans-Regular", "NimbusSans-BoldItalic",
                               "NimbusSans-Italic"):
        g_BLOCK_FONTS.append("NimbusSansBoldItalic")
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
    if g_BLOCK_FONTS and rng.random() < p:
        return rng.choice(g_BLOCK_FONTS)
    return None


# ---------------------------------------------------------------------------------------------
# Shared bits

_MOIS_ABR = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."]
_JOURS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_AU = ("Maroc", "Sénégal", "Portugal", "Cameroun", "Viêt Nam", "Royaume-Uni")


def _nb(s):
    return s.replace(" ", M.NBSP)


def _date(I, rng, styles):
    """The birth date: numeric with / . - or spaces, two-digit years where safe, in words, with
    abbreviated months, with the weekday."""
    y, m, d = I.iso.split("-")
    style = rng.choice(styles)
    if style in ("short-dot", "short-space") and not 1940 <= int(y) <= 2005:
        style = "dot"
    if style == "dot":
        s = "%s.%s.%s" % (d, m, y)
    elif style == "dash":
        s = "%s-%s-%s" % (d, m, y)
    elif style == "space":
        s = "%s %s %s" % (d, m, y)
    elif style == "short-dot":
        s = "%s.%s.%s" % (d, m, y[2:])
    elif style == "short-space":
        s = "%s %s %s" % (d, m, y[2:])
    elif style == "words":
        s = M.fr_date(I.iso, "words")
    elif style == "abbr":
        s = "%s %s %s" % ("1er" if d == "01" else str(int(d)), _MOIS_ABR[int(m) - 1], y)
    elif style == "abbr-upper":
        s = "%s-%s-%s" % (d, M.insi(_MOIS_ABR[int(m) - 1]).rstrip("."), y)
    elif style == "weekday":
        wd = _JOURS[datetime.date(int(y), int(m), int(d)).weekday()]
        s = "%s %s" % (wd, M.fr_date(I.iso, "words"))
    else:  # slash
        s = "%s/%s/%s" % (d, m, y)
    return _nb(s)


DATE_ANY = ["slash", "slash", "slash", "dot", "dash", "space", "short-dot", "words", "abbr", "abbr-upper"]


def _ins(I, rng, styles):
    m = I.ins
    style = rng.choice(styles)
    if style == "grouped":
        s = " ".join([m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13], m[13:]])
    elif style == "cog":  # the birth place code kept whole
        s = " ".join([m[0], m[1:3], m[3:5], m[5:10], m[10:13], m[13:]])
    elif style == "dashes":
        s = "-".join([m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13], m[13:]])
    elif style == "cle-paren":
        s = "%s (clé %s)" % (m[:13], m[13:])
    elif style == "key-bar":
        s = "%s | %s" % (" ".join([m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13]]), m[13:])
    elif style == "key-space":
        s = "%s  %s" % (m[:13], m[13:])
    else:  # plain
        s = m
    return _nb(s)


INS_ANY = ["grouped", "grouped", "plain", "plain", "cog", "dashes", "cle-paren", "key-bar", "key-space"]


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
        return rng.choice(["%s (%s)" % (name, code), "%s – %s (étranger)" % (code, name),
                           "%s / %s" % (M.insi(name), code)])
    if style == "code-paren":
        return "%s (%s)" % (code, name)
    if style == "slash":
        return "%s / %s" % (name, code)
    if style == "upper-comma":
        return "%s, %s" % (M.insi(name), code)
    if style == "insee-after":
        return "%s – code INSEE %s" % (name, code)
    return "%s (%s)" % (name, code)


PLACE_ANY = ["paren", "paren", "code", "code-paren", "slash", "upper-comma", "insee-after"]


def _born_at(I, rng):
    """' à Brest (29019)', ' au Maroc (99350)'."""
    code, name = I.place, I.place_name
    if I.abroad:
        return " %s %s (%s)" % ("au" if name in _AU else "en", name, code)
    return rng.choice([" à %s (%s)" % (name, code), " à %s – %s" % (M.insi(name), code)])


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


def _fit(doc, texts, width, size, bold=False, floor=6.0):
    while size > floor and max(doc.sw(t, size, bold=bold) for t in texts) > width:
        size -= 0.5
    return size


def _used_note(I, rng):
    if I.sex == "F":
        return rng.choice(["épouse %s" % I.used, "ép. %s" % I.used, "nom d'usage : %s" % I.used])
    return rng.choice(["nom d'usage : %s" % I.used, "usage %s" % I.used])


def _name(I, rng, order=None, civ=None, firsts=None):
    """NOM Prénom / Prénom NOM / NOM, Prénom — with the used name told apart."""
    given = firsts if firsts is not None else I.first_names(rng, rng.choice(["all", "first", "all"]))
    order = order or rng.choice(["nom-prenom", "nom-prenom", "prenom-nom", "nom-virgule"])
    c = (civ + " ") if civ else ""
    if I.used:
        style = rng.choice(["nee", "note"])
        if style == "nee":
            fam = "%s %s %s" % (I.used, I.born(), I.birth)
            if order == "prenom-nom":
                return "%s%s %s" % (c, given, fam)
            return "%s%s%s %s" % (c, fam, "," if order == "nom-virgule" else "", given)
        if order == "prenom-nom":
            return "%s%s %s (%s)" % (c, given, I.birth, _used_note(I, rng))
        return "%s%s%s %s (%s)" % (c, I.birth, "," if order == "nom-virgule" else "", given, _used_note(I, rng))
    if order == "prenom-nom":
        return "%s%s %s" % (c, given, I.birth)
    return "%s%s%s %s" % (c, I.birth, "," if order == "nom-virgule" else "", given)


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


def _checkbox(doc, x, y, size, ticked):
    """A box whose bottom sits on baseline y; an X inside when ticked."""
    b = size * 0.8
    doc.rect(x, y - b, b, b, lw=0.6)
    if ticked:
        doc.text(x + b / 2, y - b * 0.12, "X", b * 0.95, bold=True, align="centre")
    return b


def _table(doc, x, top, widths, rows, size, pad=3.5, head_rows=(), fill=None, rules="all", bold_cols=()):
    """A table whose cells wrap; returns the bottom."""
    lead = doc.lead(size)
    y = top
    for r, row in enumerate(rows):
        cells = []
        for i, cell in enumerate(row):
            b = r in head_rows or i in bold_cols
            lines = []
            for part in cell.split("\n"):
                lines += doc.wrap(part, widths[i] - 2 * pad, size, b) or [""]
            cells.append((lines, b))
        h = lead * max(len(c[0]) for c in cells) + 2 * pad
        if fill is not None and r in head_rows:
            doc.rect(x, y, sum(widths), h, lw=0.3, fill=fill, stroke=False)
        xx = x
        for i, (lines, b) in enumerate(cells):
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
            doc.hline(x, x + sum(widths), y + h, 0.4, 0.4)
        y += h
    return y


def _col_widths(doc, rows, avail, size, pad=3.5, head_rows=(), bold_cols=()):
    n = max(len(r) for r in rows)
    nat, mn = [2 * pad] * n, [2 * pad] * n
    for r, row in enumerate(rows):
        for i, cell in enumerate(row):
            b = r in head_rows or i in bold_cols
            for part in cell.split("\n"):
                nat[i] = max(nat[i], doc.sw(part, size, bold=b) + 2 * pad + 1)
                for tok in part.split(" "):
                    mn[i] = max(mn[i], doc.sw(tok, size, bold=b) + 2 * pad + 1)
    if sum(nat) <= avail:
        return nat
    if sum(mn) > avail:
        return None
    extra = avail - sum(mn)
    want = [a - b for a, b in zip(nat, mn)]
    tot = sum(want) or 1
    return [a + extra * w / tot for a, w in zip(mn, want)]


def _fit_table(doc, rows, avail, size, **kw):
    while True:
        widths = _col_widths(doc, rows, avail, size, **kw)
        if widths is not None or size <= 6:
            break
        size -= 0.5
    if widths is None:
        widths = [avail / len(rows[0])] * len(rows[0])
    return widths, size


def _table_height(doc, widths, rows, size, pad=3.5, head_rows=(), bold_cols=()):
    lead = doc.lead(size)
    h = 0
    for r, row in enumerate(rows):
        n = 1
        for i, cell in enumerate(row):
            b = r in head_rows or i in bold_cols
            k = sum(len(doc.wrap(part, widths[i] - 2 * pad, size, b) or [""]) for part in cell.split("\n"))
            n = max(n, k)
        h += lead * n + 2 * pad
    return h


def _oid_line(I, rng):
    return rng.choice(["OID : %s", "OID de l'INS : %s", "Autorité : %s"]) % M.TEST_OID


def _home(L):
    street, pc, city = L.patient["home"]
    return street, pc, city


# ---------------------------------------------------------------------------------------------
# Identity


def id_codes_legend(doc, I, rng):
    """Two-letter codes before each value, in a thin frame; what the codes mean in a legend under it."""
    size = I.size
    codes = [("NN", "nom de naissance", I.birth)]
    if I.used:
        codes.append(("NU", "nom utilisé", I.used))
    codes.append(("PR", "prénom(s)", I.first_names(rng, rng.choice(["all", "all-comma", "all"]))))
    codes.append(("DN", "date de naissance", _date(I, rng, DATE_ANY)))
    codes.append(("SX", "sexe", _sex(I, rng, ["letter", "letter", "abbr", "word"])))
    if I.place:
        codes.append(("LN", "lieu de naissance (code INSEE)", _place(I, rng, ["code", "code", "code-paren", "paren"])))
    if I.ins:
        codes.append(("INS", "matricule INS", _ins(I, rng, INS_ANY)))
        if I.oid:
            codes.append(("OID", "autorité d'affectation", M.TEST_OID))
    if I.ipp and rng.random() < 0.5:
        codes.append(("IP", "identifiant permanent (établissement)", I.ipp))
        I.uses.add("ipp")
    join = rng.choice([" ", ": ", "="])
    sep = rng.choice([" · ", "   ", " / "])
    bold_codes = rng.random() < 0.5
    x0 = doc.left
    width = doc.right - doc.left
    items = [_nb(c + join + v) for c, _, v in codes]
    text = sep.join(items)
    lines = doc.wrap(text, width - 14, size)
    legend = rng.choice(["Légende : ", "Codes : ", "(", ""]) + " ; ".join("%s %s" % (c, t) for c, t, _ in codes)
    if legend.startswith("("):
        legend += ")"
    lsize = max(6, size - 2.5)
    llines = doc.wrap(legend, width - 4, lsize, italic=True)
    lead = doc.lead(size)
    h = lead * len(lines) + 8
    doc.need(h + doc.lead(lsize) * len(llines) + 10)
    top = doc.y
    doc.mark("identity")
    doc.rect(x0, top, width, h, lw=0.4)
    y = top + 4
    for ln in lines:
        y += lead * 0.8
        if bold_codes:  # the codes in bold, the values plain
            x = x0 + 7
            for k, item in enumerate(ln.split(sep)):
                if k:
                    x += doc.text(x, y, sep, size)
                code, j, rest = item.partition(_nb(join))
                if rest and code in [c for c, _, _ in codes]:
                    x += doc.text(x, y, code + j, size, bold=True)
                    x += doc.text(x, y, rest, size)
                else:
                    x += doc.text(x, y, item, size)
        else:
            doc.text(x0 + 7, y, ln, size)
        y += lead * 0.2
    y = top + h + 1
    for ln in llines:
        y += doc.lead(lsize) * 0.8
        doc.text(x0 + 2, y, ln, lsize, italic=True, gray=0.35)
        y += doc.lead(lsize) * 0.2
    doc.unmark()
    doc.y = y + size


def id_check_sheet(doc, I, rng):
    """An identity check sheet: numbered traits, each with 'conforme' / 'à corriger' boxes, the
    document shown and who checked it."""
    size = I.size
    small = max(6.5, size - 1.5)
    rows = [(rng.choice(["Nom de naissance", "NOM de naissance"]), I.birth)]
    if I.used:
        rows.append((rng.choice(["Nom utilisé", "Nom d'usage"]), I.used))
    rows.append((rng.choice(["Prénom(s) de naissance", "Prénoms (état civil)"]),
                 I.first_names(rng, rng.choice(["all", "all-comma"]))))
    rows.append(("Date de naissance", _date(I, rng, ["slash", "dot", "words", "space"])))
    rows.append(("Sexe", _sex(I, rng, ["word", "letter", "person"])))
    if I.place:
        rows.append((rng.choice(["Lieu de naissance", "Code lieu de naissance"]), _place(I, rng, PLACE_ANY)))
    if I.ins:
        rows.append(("Matricule INS", _ins(I, rng, INS_ANY)))
    title = rng.choice(["CONTRÔLE DE L'IDENTITÉ", "Vérification de l'identité du patient",
                        "Identitovigilance – contrôle des traits"])
    numbered = rng.choice(["%d.", "%d)", ""])
    x0 = doc.left
    ok, ko = rng.choice([("conforme", "à corriger"), ("oui", "non"), ("vérifié", "discordant")])
    boxes_w = doc.sw(ok, small) + doc.sw(ko, small) + 2 * small + 22
    col2 = doc.right - boxes_w
    num_w = doc.sw("8.", size) + 5 if numbered else 0
    col = x0 + num_w + max(doc.sw(lb + " :", size) for lb, _ in rows) + 10
    size_v = _fit(doc, [v for _, v in rows], col2 - col - 8, size, bold=True)
    lead = doc.lead(size) * 1.15
    doc.need(lead * (len(rows) + 4) + 10)
    doc.mark("identity")
    doc.line(title, size + 0.5, bold=True)
    doc.gap(2)
    for k, (lb, v) in enumerate(rows):
        doc.y += lead * 0.8
        if numbered:
            doc.text(x0, doc.y, numbered % (k + 1), size)
        doc.text(x0 + num_w, doc.y, lb + " :", size)
        doc.text(col, doc.y, v, size_v, bold=True)
        x = col2
        x += _checkbox(doc, x, doc.y, small, True) + 3
        x += doc.text(x, doc.y, ok, small) + 8
        x += _checkbox(doc, x, doc.y, small, False) + 3
        doc.text(x, doc.y, ko, small)
        doc.y += lead * 0.2
    if I.ins and I.oid:
        doc.line(_oid_line(I, rng), small, gray=0.3)
    doc.y += lead * 0.8
    x = x0
    x += doc.text(x, doc.y, rng.choice(["Pièce présentée :", "Justificatif :"]), small, bold=True) + 6
    shown = rng.randrange(3)
    for k, piece in enumerate(["Carte nationale d'identité", "Passeport", "Titre de séjour"]):
        x += _checkbox(doc, x, doc.y, small, k == shown) + 3
        x += doc.text(x, doc.y, piece, small) + 9
    doc.y += lead * 0.2
    g = rng.choice("FM")
    who = "%s %s %s" % ("Mme" if g == "F" else "M.", M.pick_surname(rng), rng.choice(M.GIVEN_F if g == "F" else M.GIVEN_M))
    doc.line("%s %s (%s), le %s" % (rng.choice(["Contrôle effectué par", "Vérifié par"]), who,
                                   rng.choice(["IDE", "agent d'accueil", "secrétaire médicale"]),
                                   _nb("%02d/11/2026" % rng.randint(2, 20))), small, italic=True)
    doc.letter.traps.append("other-person")
    doc.unmark()
    doc.gap(size)


def id_nameplate(doc, I, rng):
    """The birth name very large behind a thick bar, the first names under it, the other traits on
    one line between thin rules, the INS on a shaded strip."""
    size = I.size
    big = min(size + rng.choice([5, 6, 8]), 19)
    x0 = doc.left
    width = doc.right - x0
    firsts = I.first_names(rng, rng.choice(["all", "all", "first"]))
    name_big = I.birth if rng.random() < 0.7 else M.insi(I.birth)
    big = _fit(doc, [name_big], width - 14, big, bold=True)
    under = firsts
    if I.used:
        under += "  —  " + _used_note(I, rng)
    parts = [_sex(I, rng, ["person", "word", "letter"]),
             "%s %s" % (I.born_label(rng), _date(I, rng, DATE_ANY)), _age(I)]
    if I.place:
        parts.append(rng.choice(["Lieu de naissance ", "Né(e) à ", ""]) + _place(I, rng, PLACE_ANY))
    items = [_nb(p) for p in parts]
    sep = "   "
    tsize = size - 0.5
    tlines = doc.wrap(sep.join(items), width - 14, tsize)
    ins = None
    if I.ins:
        ins = rng.choice(["INS ", "Matricule INS : ", "N° INS "]) + _ins(I, rng, INS_ANY)
        if I.oid:
            ins += "    OID " + M.TEST_OID
    lead = doc.lead(size)
    h = big * 1.25 + lead + doc.lead(tsize) * len(tlines) + 10 + (lead + 6 if ins else 0)
    doc.need(h + 10)
    top = doc.y
    doc.mark("identity")
    y = top + big
    doc.text(x0 + 10, y, name_big, big, bold=True)
    y += max(lead * 1.1, big * 0.3 + size * 1.05)
    doc.text(x0 + 10, y, under, size)
    y += 4
    doc.hline(x0 + 10, x0 + width, y, 0.4, 0.5)
    for ln in tlines:
        y += doc.lead(tsize)
        doc.text(x0 + 10, y, ln, tsize)
    y += 4
    doc.hline(x0 + 10, x0 + width, y, 0.4, 0.5)
    if ins:
        doc.rect(x0 + 10, y + 3, width - 10, lead + 4, lw=0.2, fill=0.9, stroke=False)
        y += 3 + lead * 0.8 + 2
        doc.text(x0 + 14, y, ins, _fit(doc, [ins], width - 20, size, bold=True), bold=True)
        y += lead * 0.2 + 2
    doc.vline(x0 + 3, top, y, 2.5)
    doc.unmark()
    doc.y = y + size


def id_print_stamp(doc, I, rng):
    """At the foot of every page: the patient on one or two lines, then when and by whom the page
    was printed."""
    H = M.H
    L = doc.letter
    given = I.first_names(rng, rng.choice(["all", "first"]))
    name = rng.choice(["%s %s" % (I.birth, given), "%s, %s" % (I.birth, given)])
    if I.used:
        name += " (%s)" % _used_note(I, rng)
    p1 = [rng.choice(["Patient : ", "Pour : ", "Dossier : "]) + name,
          "%s %s" % (rng.choice(["né(e) le", "DDN", I.born() + " le"]), _date(I, rng, ["slash", "dot", "dash"])),
          rng.choice(["sexe ", "S : "]) + _sex(I, rng, ["letter", "abbr"])]
    if I.place:
        p1.append(rng.choice(["LN ", "lieu naiss. "]) + _place(I, rng, ["code", "paren", "code-paren"]))
    if I.ins:
        p1.append("INS " + _ins(I, rng, INS_ANY))
    if I.ins and I.oid:
        p1.append("OID " + M.TEST_OID)
    if I.ipp and rng.random() < 0.6:
        p1.append("IPP " + I.ipp)
        I.uses.add("ipp")
    g = rng.choice("FM")
    user = "%s %s" % (M.pick_surname(rng), rng.choice(M.GIVEN_F if g == "F" else M.GIVEN_M))
    stamp = "%s %s %s %s %s" % (rng.choice(["Imprimé le", "Édité le"]), _nb("23/11/2026"),
                                rng.choice(["à", "-"]), "%02d:%02d" % (rng.randint(8, 18), rng.randint(0, 59)),
                                rng.choice(["par ", "– utilisateur : "]) + user.upper() if rng.random() < 0.5 else
                                rng.choice(["par ", "– utilisateur : "]) + user)
    L.traps.append("print-stamp")
    sep = rng.choice([" – ", " ; ", "  "])
    x0 = 40 if doc.left > 100 else doc.left
    x1 = doc.right
    size = max(6.5, min(I.size - 1.5, 8))
    items = [_nb(p) for p in p1]
    text = sep.join(items)
    font = _block_font(rng, 0.4)

    def draw(d):
        with _Face(d, font):
            sz = size
            lines = d.wrap(text, x1 - x0, sz)
            while len(lines) > 2 and sz > 6:
                sz -= 0.5
                lines = d.wrap(text, x1 - x0, sz)
            lead = sz * 1.25
            y = H - 100
            if d.page == 1:
                d.mark("identity")
            d.hline(x0, x1, y - sz - 2, 0.5)
            for ln in lines:
                d.text(x0, y, ln, sz)
                y += lead
            d.unmark()
            d.text(x0, y, stamp, max(6, sz - 1), italic=True, gray=0.35)

    doc.page_end.insert(0, draw)


def id_stay_band(doc, I, rng):
    """A framed band at the top of every page in two cells: the patient with '›' between the
    traits, and the stay (its number, dates, unit and bed)."""
    W = M.W
    L = doc.letter
    size = rng.choice([7, 7.5])
    given = I.first_names(rng, rng.choice(["all", "first"]))
    head = _name(I, rng, order=rng.choice(["nom-prenom", "nom-virgule"]), firsts=given)
    parts = [head, _sex(I, rng, ["letter", "person"]),
             "%s (%s)" % (_date(I, rng, ["slash", "dot", "short-dot"]), _age(I))]
    if I.place:
        parts.append(_place(I, rng, ["paren", "code-paren", "slash"]))
    if I.ins:
        parts.append("INS " + _ins(I, rng, ["grouped", "plain", "cog", "key-space"]))
    sep = rng.choice([" › ", " » ", " | "])
    d1, d2 = rng.randint(2, 12), rng.randint(13, 22)
    right = []
    if I.nda:
        right.append("Séjour n° " + I.nda)
        I.uses.add("nda")
    else:
        right.append("Venue n° %d%06d" % (rng.choice([25, 26]), rng.randint(0, 999999)))
    right.append(_nb("du %02d/11/2026 au %02d/11/2026" % (d1, d2)) if rng.random() < 0.7 else
                 _nb("entrée le %02d/11/2026" % d1))
    right.append("UF %04d – Lit %d" % (rng.randint(1000, 9999), rng.randint(1, 40)))
    if I.ipp and rng.random() < 0.5:
        parts.append("IPP " + I.ipp)
        I.uses.add("ipp")
    L.traps.append("stay-dates")
    left_text = sep.join([parts[0]] + [_nb(p) for p in parts[1:]])
    x0, x1 = 28, W - 28
    split = x0 + (x1 - x0) * 0.7
    font = _block_font(rng, 0.4)
    fill = rng.choice([None, 0.93])
    state = {}

    def band(d):
        with _Face(d, font):
            if "lines" not in state:
                sz = size
                avail = split - x0 - 10
                lines = d.wrap(left_text, avail, sz)
                while (len(lines) > 3 or max(d.sw(t, sz, bold=True) for t in lines) > avail) and sz > 5.5:
                    sz -= 0.5
                    lines = d.wrap(left_text, avail, sz)
                rs = _fit(d, right, x1 - split - 10, sz)
                state.update(lines=lines, size=sz, rsize=rs)
            lines, sz, rs = state["lines"], state["size"], state["rsize"]
            lead = sz * 1.25
            n = max(len(lines), len(right))
            top = 14
            h = lead * n + 6
            if d.page == 1:
                d.mark("identity")
            d.rect(x0, top, x1 - x0, h, lw=0.6, fill=fill)
            d.vline(split, top, top + h, 0.4)
            y = top + 3
            for k, ln in enumerate(lines):
                y += lead * 0.8
                d.text(x0 + 5, y, ln, sz, bold=(k == 0))
                y += lead * 0.2
            d.unmark()
            y = top + 3
            for t in right:
                y += lead * 0.8
                d.text(split + 5, y, t, rs)
                y += lead * 0.2

    band(doc)
    doc.page_start.append(band)


def id_recall_sentence(doc, I, rng, reason):
    """The body opens on who came with the patient; a smaller 'identity reminder' sentence follows,
    the traits separated by semicolons."""
    size = doc.size
    L = doc.letter
    f = I.sex == "F"
    e = "e" if f else ""
    if I.child:
        if I.insured:
            ins = I.insured
            rel = "sa mère, %s %s %s" % (ins["civ"], ins["given"], ins["family"]) if ins["civ"] == "Mme" else \
                "son père, %s %s %s" % (ins["civ"], ins["given"], ins["family"])
        else:
            rel = "sa mère, Mme %s %s" % (rng.choice(M.GIVEN_F), M.pick_surname(rng))
    else:
        g = rng.choice("FM")
        rel = rng.choice(["sa fille" if g == "F" else "son fils", "son épouse" if not f and g == "F" else
                          ("sa sœur" if g == "F" else "son frère")])
        fam = I.birth if rel.startswith(("sa f", "son f", "sa s")) else M.pick_surname(rng)
        rel += ", %s %s %s" % ("Mme" if g == "F" else "M.", rng.choice(M.GIVEN_F if g == "F" else M.GIVEN_M), fam)
    L.traps.append("other-person")
    opener = rng.choice(["J'ai vu ce jour votre patient%s, venu%s accompagné%s de %s, %s." % (e, e, e, rel, reason),
                         "Votre patient%s s'est présenté%s ce jour en consultation avec %s, %s." % (e, e, rel, reason)])
    doc.para(opener, size)
    parts = ["nom de naissance " + _nb(I.birth)]
    if I.used:
        parts.append("nom utilisé " + _nb(I.used))
    parts.append(rng.choice(["prénoms ", "prénom(s) "]) + _nb(I.first_names(rng, rng.choice(["all", "all-comma"]))))
    b = "%s le %s" % (I.born(), _date(I, rng, ["words", "slash", "abbr", "weekday"]))
    if I.place:
        b += _born_at(I, rng)
    parts.append(b)
    parts.append("sexe " + _sex(I, rng, ["lower", "letter"]))
    if I.ins:
        t = rng.choice(["INS ", "matricule INS ", "INS n° "]) + _ins(I, rng, INS_ANY)
        if I.oid:
            t += " (OID %s)" % M.TEST_OID
        parts.append(t)
    lead_in = rng.choice(["Rappel d'identité : ", "Identité (pour rappel) : ", "Pour mémoire, identité : "])
    small = max(7, size - rng.choice([0.5, 1, 1.5]))
    doc.mark("identity")
    doc.para(lead_in + " ; ".join(parts) + ".", small, italic=rng.random() < 0.5, keep=True)
    doc.unmark()


def id_prescriber_patient(doc, I, rng):
    """Two framed boxes side by side, as on request forms: the requesting doctor (with RPPS and
    phone) on one side, the patient on the other."""
    L = doc.letter
    a = L.author
    size = max(7.5, I.size - 0.5)
    x0 = doc.left
    width = doc.right - x0
    gap = 10
    bw = (width - gap) / 2
    pr_title = rng.choice(["PRESCRIPTEUR", "Médecin demandeur", "Demandeur"])
    pr = [("%s %s %s" % ("Pr" if a.title == "PR" else "Dr", a.given, a.family), True),
          (M.service_of(a.service), False), ("RPPS : " + a.rpps if rng.random() < 0.5 else "N° RPPS " + a.rpps, False),
          ("Tél. " + M.phone_text(L.hospital["phone"], rng), False)]
    L.traps.append("author-rpps")
    pa_title = rng.choice(["PATIENT(E)", "Patient", "Bénéficiaire des soins"])
    pa = [(_name(I, rng, civ=I.civ(rng, rng.choice(["short", "upper"]))), True),
          ("%s %s – %s" % (I.born_label(rng), _date(I, rng, DATE_ANY), _age(I)), False),
          ("Sexe : " + _sex(I, rng, ["letter", "word", "abbr"]), False)]
    if I.place:
        pa.append((rng.choice(["Lieu de naissance : ", "Né(e) à : "]) + _place(I, rng, PLACE_ANY), False))
    if I.ins:
        pa.append(("INS : " + _ins(I, rng, INS_ANY), False))
        if I.oid:
            pa.append(("OID : " + M.TEST_OID, False))
    if I.ipp and rng.random() < 0.5:
        pa.append(("IPP : " + I.ipp, False))
        I.uses.add("ipp")
    boxes = [(pr_title, pr, False), (pa_title, pa, True)]
    if rng.random() < 0.4:
        boxes.reverse()
    wrapped = []
    for title, lines, is_patient in boxes:
        out = [(title, size - 0.5, True, False, 0.3)]
        for t, b in lines:
            for part in doc.wrap(t, bw - 12, size, b):
                out.append((part, size, b, False, 0))
        wrapped.append((out, is_patient))
    h = max(sum(doc.lead(it[1]) for it in w) for w, _ in wrapped) + 8
    doc.need(h + 10)
    top = doc.y
    for k, (items, is_patient) in enumerate(wrapped):
        x = x0 + k * (bw + gap)
        if is_patient:
            doc.mark("identity")
        doc.rect(x, top, bw, h, lw=rng.choice([0.5, 0.8]))
        _lines(doc, x + 6, top + 3, items)
        if is_patient:
            doc.unmark()
    doc.y = top + h + I.size


def id_lab_header(doc, I, rng):
    """A laboratory-style header: the file and its dates in one column, the patient in the other,
    small grey labels before the values, a dotted rule under it."""
    L = doc.letter
    size = max(7.5, I.size - 0.5)
    small = size - 1
    d1 = rng.randint(2, 20)
    fileno = "%02d%02d%02d-%04d" % (26, 11, d1, rng.randint(1, 9999))
    left = [("Dossier n°", fileno), ("Prélevé le", _nb("%02d/11/2026 à %02dh%02d" % (d1, rng.randint(6, 11),
                                                                                     rng.randint(0, 59)))),
            ("Reçu le", _nb("%02d/11/2026 à %02dh%02d" % (d1, rng.randint(11, 15), rng.randint(0, 59)))),
            ("Édité le", _nb("%02d/11/2026" % min(23, d1 + rng.randint(0, 3))))]
    L.traps.append("stay-dates")
    right = [("Patient", _name(I, rng, order=rng.choice(["nom-prenom", "nom-virgule"])))]
    right.append(("Né(e) le", _date(I, rng, ["slash", "dot", "space", "slash"])))
    right.append(("Sexe", _sex(I, rng, ["letter", "word"])))
    if I.place:
        right.append(("Lieu naiss.", _place(I, rng, PLACE_ANY)))
    if I.ins:
        right.append(("INS", _ins(I, rng, INS_ANY)))
        if I.oid:
            right.append(("OID", M.TEST_OID))
    if I.ipp and rng.random() < 0.7:
        left.insert(1, ("IPP", I.ipp))
        I.uses.add("ipp")
    cols = [left, right] if rng.random() < 0.5 else [right, left]
    x0 = doc.left
    width = doc.right - x0
    colw = [width * 0.42, width * 0.58] if cols[0] is left else [width * 0.58, width * 0.42]
    lead = doc.lead(size)
    prepared = []
    for c, rows in enumerate(cols):
        lw = max(doc.sw(lb, small) for lb, _ in rows) + 6
        out = []
        for lb, v in rows:
            parts = doc.wrap(v, colw[c] - lw - 10, size, bold=(rows is right))
            for k, part in enumerate(parts):
                out.append((lb if k == 0 else "", part))
        prepared.append((lw, out, rows is right))
    n = max(len(o) for _, o, _ in prepared)
    doc.need(lead * n + 12)
    top = doc.y
    x = x0
    for c, (lw, out, is_patient) in enumerate(prepared):
        if is_patient:
            doc.mark("identity")
        y = top
        for lb, v in out:
            y += lead * 0.8
            if lb:
                doc.text(x, y, lb, small, gray=0.45)
            doc.text(x + lw, y, v, size, bold=is_patient)
            y += lead * 0.2
        if is_patient:
            doc.unmark()
        x += colw[c]
    y = top + lead * n + 4
    doc.c.setDash(1, 2)
    doc.hline(x0, doc.right, y, 0.6, 0.3)
    doc.c.setDash()
    doc.y = y + I.size


def id_old_labels(doc, I, rng):
    """Labels of older software: 'NOM', 'NOM DE JEUNE FILLE' or 'NOM PATRONYMIQUE', 'PRÉNOM USUEL',
    'AUTRES PRÉNOMS', between double rules, three fields a row."""
    size = I.size
    f = I.sex == "F"
    firsts = I.first_names(rng, "all").split(" ")
    cells = []
    if I.used:
        cells.append(("NOM", I.used))
        cells.append(("NOM DE JEUNE FILLE" if f and rng.random() < 0.7 else "NOM PATRONYMIQUE", I.birth))
    else:
        cells.append((rng.choice(["NOM", "NOM PATRONYMIQUE"]), I.birth))
    cells.append(("PRÉNOM USUEL" if len(firsts) > 1 else rng.choice(["PRÉNOM", "PRÉNOM USUEL"]), firsts[0]))
    if len(firsts) > 1:
        cells.append(("AUTRES PRÉNOMS", " ".join(firsts[1:])))
    cells.append(("SEXE", _sex(I, rng, ["letter", "upper", "abbr"])))
    cells.append((rng.choice(["DATE DE NAISS.", "NÉ(E) LE"]), _date(I, rng, ["slash", "dot", "abbr-upper", "short-dot"])))
    if I.place:
        cells.append((rng.choice(["COMMUNE DE NAISS.", "LIEU DE NAISS."]), _place(I, rng, PLACE_ANY)))
    if I.ins:
        cells.append(("N° INS", _ins(I, rng, INS_ANY)))
        if I.oid:
            cells.append(("OID", M.TEST_OID))
    if I.ipp and rng.random() < 0.5:
        cells.append(("N° DOSSIER", I.ipp))
        I.uses.add("ipp")
    x0 = doc.left
    width = doc.right - x0
    per = 3 if width > 420 else 2
    lsize = max(6, size - 2)
    cw = width / per
    for _ in range(2):
        if any(doc.sw(lb + " : ", lsize, bold=True) + doc.sw(v, size) > cw - 8 for lb, v in cells):
            per -= 1
            per = max(per, 1)
            cw = width / per
    rows = [cells[i:i + per] for i in range(0, len(cells), per)]
    lead = doc.lead(size) * 1.2
    doc.need(lead * len(rows) + 16)
    top = doc.y
    doc.mark("identity")
    doc.hline(x0, doc.right, top, 0.5)
    doc.hline(x0, doc.right, top + 2, 0.5)
    y = top + 3
    for r in rows:
        y += lead * 0.8
        for k, (lb, v) in enumerate(r):
            x = x0 + k * cw + 2
            w = doc.text(x, y, lb + " : ", lsize, bold=True)
            vs = _fit(doc, [v], cw - w - 8, size)
            doc.text(x + w, y, v, vs)
        y += lead * 0.2
    y += 3
    doc.hline(x0, doc.right, y, 0.5)
    doc.hline(x0, doc.right, y + 2, 0.5)
    doc.unmark()
    doc.y = y + 2 + size


def id_strict_traits(doc, I, rng):
    """Two stacked tables under shaded headings, as identity software shows them: the strict
    traits with the INS, then the complementary ones (used names, address, phone)."""
    L = doc.letter
    size = max(7.5, I.size - 0.5)
    firsts = I.first_names(rng, rng.choice(["all", "all-comma"]))
    strict = [("Nom de naissance", I.birth), (rng.choice(["Prénom(s) de naissance", "Prénoms de naissance"]), firsts),
              ("Date de naissance", _date(I, rng, DATE_ANY)), ("Sexe", _sex(I, rng, ["word", "letter", "upper"]))]
    if I.place:
        strict.append((rng.choice(["Lieu de naissance (code officiel)", "Lieu de naissance"]), _place(I, rng, PLACE_ANY)))
    if I.ins:
        strict.append(("Matricule INS", _ins(I, rng, INS_ANY)))
        if I.oid:
            strict.append(("OID", M.TEST_OID))
    street, pc, city = _home(L)
    comp = [("Nom utilisé", I.used or "—"), ("Prénom utilisé", I.firsts[0]),
            ("Adresse", _nb(street) + ", " + _nb("%s %s" % (pc, city)))]
    if rng.random() < 0.7:
        comp.append(("Téléphone", _mobile(rng)))
    if I.ipp and rng.random() < 0.5:
        comp.append(("IPP", I.ipp))
        I.uses.add("ipp")
    L.traps.append("home-address")
    status = rng.choice(["Identité qualifiée", "Statut : identité qualifiée", "INS qualifié"]) if I.ins else \
        rng.choice(["Identité provisoire", "Statut : identité récupérée"])
    heads = [(rng.choice(["Traits stricts", "TRAITS STRICTS", "Traits d'identité stricts"]), strict),
             (rng.choice(["Traits complémentaires", "TRAITS COMPLÉMENTAIRES"]), comp)]
    x0 = doc.left
    width = min(doc.right - x0, rng.uniform(330, 460))
    lw = max(doc.sw(lb, size - 0.5) for _, rows in heads for lb, _ in rows) + 12
    vw = width - lw
    lead = doc.lead(size)
    total = sum(lead * 1.3 + sum(lead * len(doc.wrap(v, vw - 8, size)) + 3 for _, v in rows) for _, rows in heads)
    doc.need(total + lead * 2 + 10)
    doc.mark("identity")
    top = doc.y
    y = top
    for k, (title, rows) in enumerate(heads):
        h = lead * 1.3
        doc.rect(x0, y, width, h, lw=0.3, fill=0.82, stroke=False)
        doc.text(x0 + 4, y + h - 4, title, size, bold=True)
        if k == 0:
            doc.text(x0 + width - 4, y + h - 4, status, size - 1.5, italic=True, align="right")
        y += h
        for lb, v in rows:
            parts = doc.wrap(v, vw - 8, size)
            rh = lead * len(parts) + 3
            yy = y + 1.5
            for j, part in enumerate(parts):
                yy += lead * 0.8
                if j == 0:
                    doc.text(x0 + 4, yy, lb, size - 0.5, gray=0.3)
                doc.text(x0 + lw, yy, part, size, bold=(k == 0))
                yy += lead * 0.2
            y += rh
            doc.hline(x0, x0 + width, y, 0.3, 0.6)
        y += 4
    doc.unmark()
    doc.y = y + size * 0.6


def _silhouette(doc, x, top, side):
    """A photo placeholder: a grey square with a head and shoulders."""
    c = doc.c
    H = M.H
    doc.rect(x, top, side, side, lw=0.5, fill=0.88)
    c.setFillGray(0.6)
    c.circle(x + side / 2, H - top - side * 0.38, side * 0.17, stroke=0, fill=1)
    c.wedge(x + side * 0.18, H - top - side * 1.05, x + side * 0.82, H - top - side * 0.55, 0, 180, stroke=0, fill=1)
    c.setFillGray(0)


def id_photo_card(doc, I, rng):
    """A card: a photo placeholder on the left, the name and the traits beside it, in a rounded frame."""
    size = I.size
    font = _block_font(rng, 0.4)
    with _Face(doc, font):
        side = rng.choice([46, 54, 60])
        name = _name(I, rng, order=rng.choice(["nom-prenom", "prenom-nom", "nom-virgule"]),
                     civ=I.civ(rng) if rng.random() < 0.5 else None)
        lines = [(name, size + 1, True, False, 0)]
        born = "%s %s (%s)" % (rng.choice(["Né(e) le", I.born().capitalize() + " le", "°"]), _date(I, rng, DATE_ANY),
                               _age(I))
        lines.append((born + "  –  " + _sex(I, rng, ["person", "word", "letter"]), size, False, False, 0))
        if I.place:
            lines.append((rng.choice(["Lieu de naissance : ", "Naissance : "]) + _place(I, rng, PLACE_ANY), size,
                          False, False, 0))
        if I.ins:
            lines.append(("INS " + _ins(I, rng, INS_ANY), size, False, False, 0))
            if I.oid:
                lines.append(("OID " + M.TEST_OID, size - 1, False, False, 0.3))
        if I.ipp and rng.random() < 0.5:
            lines.append(("N° patient " + I.ipp, size - 1, False, False, 0.3))
            I.uses.add("ipp")
        x0 = doc.left
        avail = doc.right - x0 - side - 24
        lines = _wrap_items(doc, lines, avail)
        tw = max(doc.sw(t, sz, bold=b) for t, sz, b, _, _ in lines)
        th = sum(doc.lead(sz) for _, sz, _, _, _ in lines)
        h = max(side, th) + 12
        w = side + tw + 26
        doc.need(h + 10)
        top = doc.y
        doc.mark("identity")
        doc.c.setLineWidth(0.6)
        doc.c.roundRect(x0, M.H - top - h, w, h, 6, stroke=1, fill=0)
        doc.add_box((x0, top, x0 + w, top + h))
        _silhouette(doc, x0 + 6, top + 6, side)
        _lines(doc, x0 + side + 16, top + 6 + max(0, (side - th) / 2), lines)
        doc.unmark()
        doc.y = top + h + size


def id_dossier_de(doc, I, rng):
    """Opposite the letterhead, set flush right in italics: 'Dossier de Madame …', then the birth,
    the sex and the INS a line each."""
    W = M.W
    size = max(7.5, min(I.size, 10))
    civ = I.civ(rng, rng.choice(["long", "long", "short"]))
    given = I.first_names(rng, rng.choice(["all", "first"]))
    lines = []
    lead_word = rng.choice(["Dossier de", "Concernant", "Document relatif à"])
    if I.used:
        lines.append(("%s %s %s %s" % (lead_word, civ, given, I.used), True))
        lines.append(("%s %s" % (I.born(), I.birth), False))
    else:
        lines.append(("%s %s %s %s" % (lead_word, civ, given, I.birth), True))
    born = "%s le %s" % (I.born(), _date(I, rng, ["words", "abbr", "slash", "weekday"]))
    if I.place:
        born += _born_at(I, rng)
    lines.append((born, False))
    lines.append(("sexe : " + _sex(I, rng, ["lower", "letter"]), False))
    if I.ins:
        lines.append((rng.choice(["INS : ", "matricule INS "]) + _ins(I, rng, INS_ANY), False))
        if I.oid:
            lines.append(("OID " + M.TEST_OID, False))
    right = W - rng.choice([36, 42, 50])
    left_limit = W / 2 + 8
    y = rng.choice([40, 46, 54])
    font = _block_font(rng, 0.3)
    with _Face(doc, font):
        size = _fit(doc, [t for t, _ in lines], right - left_limit, size, bold=True, floor=6.5)
        lead = doc.lead(size)
        doc.mark("identity")
        for t, b in lines:
            y += lead
            doc.text(right, y, t, size, bold=b, italic=not b, align="right")
        doc.unmark()
    return y + size


def id_ins_card(doc, I, rng):
    """The national health identifier first, its groups each in a cell and the key apart, then the
    person it belongs to on two lines."""
    size = I.size
    x0 = doc.left
    title = rng.choice(["Identifiant national de santé (INS)", "IDENTITÉ NATIONALE DE SANTÉ", "INS du patient"])
    lead = doc.lead(size)
    given = I.first_names(rng, rng.choice(["all", "all", "first"]))
    who = "%s : %s" % (rng.choice(["Titulaire", "Personne", "Identité"]),
                       _name(I, rng, order=rng.choice(["nom-prenom", "nom-virgule"]), firsts=given))
    second = "%s %s%s – %s %s" % (I.born(), _date(I, rng, DATE_ANY), _born_at(I, rng) if I.place else "",
                                  rng.choice(["sexe", "sexe :"]), _sex(I, rng, ["letter", "word"]))
    width = doc.right - x0
    lines2 = doc.wrap(who, width - 12, size, bold=True) + doc.wrap(second, width - 12, size)
    doc.need(lead * (len(lines2) + 5) + 20)
    top = doc.y
    doc.mark("identity")
    y = top + lead * 0.8
    doc.text(x0, y, title, size - 0.5, bold=True, gray=0.25)
    y += lead * 0.2 + 3
    cell_h = size + 9
    if I.ins:
        m = I.ins
        groups = [m[0], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13]]
        x = x0
        dsize = size + 1
        for g in groups:
            w = doc.sw(g, dsize, bold=True) + 10
            doc.rect(x, y, w, cell_h, lw=0.6)
            doc.text(x + 5, y + cell_h - 4.5, g, dsize, bold=True)
            x += w + 3
        x += 6
        kl = rng.choice(["clé", "Clé", "CLÉ"])
        x += doc.text(x, y + cell_h - 4.5, kl, size - 1) + 3
        w = doc.sw(m[13:], dsize, bold=True) + 10
        doc.rect(x, y, w, cell_h, lw=1.0, fill=0.9)
        doc.text(x + 5, y + cell_h - 4.5, m[13:], dsize, bold=True)
        x += w + 10
        info = rng.choice(["Type : NIR", "NIR", "Statut : qualifié"])
        if I.oid:
            info += "  –  OID " + M.TEST_OID
        isz = size - 1.5
        if x + doc.sw(info, isz) < doc.right:
            doc.text(x, y + cell_h - 4.5, info, isz, gray=0.3)
            y += cell_h + 4
        else:
            y += cell_h + 4 + doc.lead(isz) * 0.8
            doc.text(x0, y, info, isz, gray=0.3)
            y += doc.lead(isz) * 0.2 + 2
    else:
        y += lead * 0.8
        doc.text(x0, y, rng.choice(["INS non disponible – identité provisoire", "INS : non récupéré"]), size,
                 italic=True)
        y += lead * 0.2 + 3
    for k, ln in enumerate(lines2):
        y += lead * 0.8
        doc.text(x0, y, ln, size, bold=(k == 0 and ln.startswith(who[:6])))
        y += lead * 0.2
    doc.unmark()
    doc.y = y + size


def id_admin_sheet(doc, I, rng):
    """An administrative sheet in two halves, each a ruled table: the patient on the left, the
    health cover on the right (scheme, fund, insured person and number, complementary cover)."""
    L = doc.letter
    size = max(7, I.size - 1)
    hospital = L.hospital
    pat = [("Nom", I.birth)]
    if I.used:
        pat.append(("Nom d'usage", I.used))
    pat.append(("Prénom(s)", I.first_names(rng, rng.choice(["all", "all-comma", "first"]))))
    pat.append(("Né(e) le", _date(I, rng, ["slash", "dot", "dash"])))
    pat.append(("Sexe", _sex(I, rng, ["letter", "word"])))
    if I.place:
        pat.append(("Lieu de naiss.", _place(I, rng, PLACE_ANY)))
    if I.ins:
        pat.append(("INS", _ins(I, rng, INS_ANY)))
        if I.oid:
            pat.append(("OID", M.TEST_OID))
    cov = [("Régime", rng.choice(["Général", "Régime général", "MSA", "Général (01)"])),
           ("Caisse", "CPAM %s" % M.title_city(hospital["city"][2]))]
    if I.insured:
        ins = I.insured
        cov.append(("Assuré(e)", "%s %s %s" % (ins["civ"], ins["family"], ins["given"])))
        cov.append(("N° assuré(e)", _nb(M.ins_format(ins["nir"], rng.choice(["grouped", "plain"])))))
    else:
        cov.append(("Assuré(e)", rng.choice(["le patient lui-même", "lui-même / elle-même", "Patient"])))
    cov.append(("Mutuelle", "%s – adh. %08d" % (rng.choice(["MGEN", "Harmonie Mutuelle", "MAAF Santé", "CSS"]),
                                               rng.randint(0, 99999999))))
    cov.append(("Droits jusqu'au", _nb("%02d/%02d/%d" % (rng.randint(1, 28), rng.randint(1, 12),
                                                          rng.choice([2026, 2027])))))
    L.traps.append("cover-numbers")
    x0 = doc.left
    width = doc.right - x0
    half = (width - 8) / 2
    titles = (rng.choice(["PATIENT", "Identité"]), rng.choice(["COUVERTURE SOCIALE", "Prise en charge"]))
    prepared = []
    for rows in (pat, cov):
        widths, sz = _fit_table(doc, [[a, b] for a, b in rows], half, size, bold_cols=(0,))
        widths[-1] += half - sum(widths)
        prepared.append((widths, sz, rows))
    hs = [_table_height(doc, w, [[a, b] for a, b in r], sz, bold_cols=(0,)) for w, sz, r in prepared]
    lead = doc.lead(size)
    doc.need(max(hs) + lead * 1.5 + 10)
    top = doc.y
    bottom = top
    for k, (widths, sz, rows) in enumerate(prepared):
        x = x0 + k * (half + 8)
        if k == 0:
            doc.mark("identity")
        doc.rect(x, top, half, lead * 1.3, lw=0.4, fill=0.8)
        doc.text(x + 4, top + lead * 1.3 - 4, titles[k], sz, bold=True)
        b = _table(doc, x, top + lead * 1.3, widths, [[a, v] for a, v in rows], sz, bold_cols=(0,))
        if k == 0:
            doc.unmark()
        bottom = max(bottom, b)
    doc.y = bottom + size


def id_unlabelled(doc, I, rng):
    """The traits without labels, one a line like an address, beside a small 'PATIENT' caption in
    the gutter; only the home address is labelled."""
    L = doc.letter
    size = I.size
    given = I.first_names(rng, rng.choice(["all", "all", "first"]))
    lines = [(_name(I, rng, order=rng.choice(["nom-prenom", "prenom-nom", "nom-virgule"]), firsts=given), True)]
    lines.append(("%s · %s · %s" % (_date(I, rng, DATE_ANY), _sex(I, rng, ["letter", "person", "abbr"]), _age(I)),
                  False))
    if I.place:
        lines.append((_place(I, rng, ["paren", "code-paren", "slash", "upper-comma", "insee-after"]), False))
    if I.ins:
        lines.append((_ins(I, rng, INS_ANY) + (rng.choice(["  (INS)", "  – INS", ""])), False))
        if I.oid:
            lines.append((M.TEST_OID, False))
    if rng.random() < 0.6:
        street, pc, city = _home(L)
        lines.append(("Domicile : %s, %s" % (_nb(street), _nb("%s %s" % (pc, city))), False))
        L.traps.append("home-address")
    cap = rng.choice(["PATIENT", "Patient", "PATIENTE" if I.sex == "F" else "PATIENT"])
    csize = max(6.5, size - 2)
    gutter = doc.sw(cap, csize, bold=True) + 14
    x0 = doc.left
    items = _wrap_items(doc, [(t, size, b, False, 0) for t, b in lines], doc.right - x0 - gutter)
    h = sum(doc.lead(it[1]) for it in items)
    doc.need(h + 10)
    top = doc.y
    doc.mark("identity")
    doc.text(x0, top + doc.lead(size) * 0.8, cap, csize, bold=True, gray=0.4)
    doc.vline(x0 + gutter - 6, top + 2, top + h, 0.6)
    bottom, _ = _lines(doc, x0 + gutter, top, items)
    doc.unmark()
    doc.y = bottom + size


IDENTITY_FAMILIES = {
    "g-id-a": (id_codes_legend, "flow"),
    "g-id-b": (id_check_sheet, "flow"),
    "g-id-c": (id_nameplate, "flow"),
    "g-id-d": (id_print_stamp, "footer"),
    "g-id-e": (id_stay_band, "band"),
    "g-id-f": (id_recall_sentence, "body"),
    "g-id-g": (id_prescriber_patient, "flow"),
    "g-id-h": (id_lab_header, "flow"),
    "g-id-i": (id_old_labels, "flow"),
    "g-id-j": (id_strict_traits, "flow"),
    "g-id-k": (id_photo_card, "flow"),
    "g-id-l": (id_dossier_de, "top-right"),
    "g-id-m": (id_ins_card, "flow"),
    "g-id-n": (id_admin_sheet, "flow"),
    "g-id-o": (id_unlabelled, "flow"),
}


# ---------------------------------------------------------------------------------------------
# Professionals


def _pname(p, rng, form):
    """(text, given form) of a professional's name in the spellings of these families."""
    f = p.sex == "F"
    pr = p.title == "PR"
    short, word = ("Pr", "Professeur") if pr else ("Dr", "Docteur")
    if form == "nom-prenom-paren":
        return "%s %s (%s)" % (p.family, p.given, short), "full"
    if form == "nom-virgule":
        return "%s %s, %s" % (short, p.family, p.given), "full"
    if form == "docteur-nom-prenom":
        return "%s %s %s" % (word, p.family, p.given), "full"
    if form == "mme-le":
        return "%s le %s %s %s" % ("Mme" if f else "M.", word, p.family, p.given), "full"
    if form == "initial":
        return "%s %s %s" % (short, M.initials(p.given), p.family), "initial"
    if form == "initial-after":
        return "%s %s (%s)" % (p.family, M.initials(p.given), short), "initial"
    if form == "family":
        return "%s %s" % (short, p.family), "none"
    if form == "word-given":
        return "%s %s %s" % (word, p.given, p.family), "full"
    if form == "capname":
        return "%s %s %s" % (short, p.given, M.cap_name(p.family)), "full"
    return "%s %s %s" % (short, p.given, p.family), "full"  # "dr-prenom-nom"


FORMS_FULL = ["dr-prenom-nom", "dr-prenom-nom", "nom-prenom-paren", "nom-virgule", "docteur-nom-prenom", "mme-le",
              "word-given", "capname"]


def _spec(p, rng):
    if p.spec is None:
        return p.profession[1]
    if p.spec[0] == M.GP:
        return rng.choice(["Médecine générale", "Médecin généraliste", "Méd. générale"])
    return rng.choice(p.spec[2])


def _site(p, rng):
    return p.site.title().replace("De ", "de ").replace("D'", "d'").replace("Du ", "du ").replace("Des ", "des ") \
        if rng.random() < 0.5 else p.site


def _postcode_line(p, rng, city):
    style = rng.choice(["plain", "plain", "plain", "F-", "cedex"]) if p.salaried else \
        rng.choice(["plain", "plain", "F-"])
    if style == "F-":
        return "F-%s %s" % (p.postcode, city)
    if style == "cedex":
        return "%s %s %s" % (p.postcode, city, rng.choice(["CEDEX", "Cedex %d" % rng.randint(1, 9)]))
    return "%s %s" % (p.postcode, city)


def _win_top(doc, rng):
    return max(rng.choice([136, 144, 152, 160]), getattr(doc, "header_bottom", 0) + 8)


def _window(doc, rng, items, x, top, min_x=None, limit=None):
    """Right-hand window: moves left (not past min_x), then shrinks and wraps to stay inside."""
    W = M.W
    limit = limit or W - 32
    min_x = W / 2 - 20 if min_x is None else min_x
    widest = max(doc.sw(t, sz, bold=b, italic=i) for t, sz, b, i, _ in items)
    if x + widest > limit:
        x = max(min_x, limit - widest)
    k = 0
    while x + max(doc.sw(t, sz - k, bold=b, italic=i) for t, sz, b, i, _ in items) > limit and k < 2:
        k += 0.5
    items = _wrap_items(doc, [(t, sz - k, b, i, g) for t, sz, b, i, g in items], limit - x)
    bottom, _ = _lines(doc, x, top, items)
    doc.g_win = (x, top, limit, bottom)
    return bottom


def ad_left_name_first(doc, L, rng):
    """Left window: the name first with the title after it ('DUPONT Marie (Dr)'), an abbreviated
    specialty, a 'F-' postcode or CEDEX."""
    p = L.to
    size = min(doc.size + 0.5, 11)
    name, gf = _pname(p, rng, rng.choice(["nom-prenom-paren", "nom-prenom-paren", "initial-after", "nom-virgule"]))
    items = [(name, size, True, False, 0)]
    if p.salaried:
        items.append((M.service_of(p.service), size, False, False, 0))
        items.append((_site(p, rng), size, False, False, 0))
    elif rng.random() < 0.7:
        items.append((_spec(p, rng), size - 0.5, False, True, 0))
    city = M.city_text(p, rng, upper=rng.random() < 0.8)
    items.append((p.street_line(), size, False, False, 0))
    items.append((_postcode_line(p, rng, city), size, False, False, 0))
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    x = rng.choice([52, 60, 68])
    limit = M.W / 2 - 12
    items = _wrap_items(doc, items, limit - x)
    top = _win_top(doc, rng)
    bottom, _ = _lines(doc, x, top, items)
    doc.g_win = (x, top, limit, bottom)
    return bottom + 4


def ad_qualified(doc, L, rng):
    """Right window whose name is followed by qualification lines (former resident, approved
    sector, qualified specialist), with corner marks of the envelope window."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pname(p, rng, rng.choice(["word-given", "dr-prenom-nom", "docteur-nom-prenom", "initial"]))
    items = [(name, size, True, False, 0)]
    quals = []
    if p.spec and p.spec[0] != M.GP:
        quals.append("Spécialiste qualifié%s en %s" % ("e" if p.sex == "F" else "", M.lower_service(p.spec[3])))
    else:
        quals.append(rng.choice(["Médecine générale – Homéopathie", "Médecin généraliste – Médecine du sport",
                                 "Médecine générale"]))
    quals.append(rng.choice(["Ancien%s interne des hôpitaux" % ("ne" if p.sex == "F" else ""),
                             "Ancien%s chef de clinique" % ("ne" if p.sex == "F" else ""),
                             "Conventionné%s secteur %d" % ("e" if p.sex == "F" else "", rng.choice([1, 2])),
                             "Diplômé%s de la faculté de %s" % ("e" if p.sex == "F" else "",
                                                                 rng.choice(["Brest", "Rennes", "Lyon", "Paris"]))]))
    for q in quals[:rng.choice([1, 2])]:
        items.append((q, size - 1.5, False, True, 0.25))
    if p.salaried:
        items.append((_site(p, rng), size, False, False, 0))
    if rng.random() < 0.4:
        items.append(("Résidence %s, bât. %s" % (rng.choice(["Les Glycines", "Le Parc", "Océane"]), rng.choice("ABC")),
                      size, False, False, 0))
    city = M.city_text(p, rng)
    items.append((p.street_line(), size, False, False, 0))
    items.append((_postcode_line(p, rng, city), size, False, False, 0))
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    top = _win_top(doc, rng)
    bottom = _window(doc, rng, items, rng.choice([310, 322, 334]), top)
    x0, _, x1, _ = doc.g_win
    if rng.random() < 0.7:  # the corner marks of the window
        c = doc.c
        c.setLineWidth(0.5)
        for cx, cy, dx, dy in ((x0 - 8, top - 4, 1, 1), (x1 + 4, top - 4, -1, 1), (x0 - 8, bottom + 4, 1, -1),
                               (x1 + 4, bottom + 4, -1, -1)):
            c.line(cx, M.H - cy, cx + 8 * dx, M.H - cy)
            c.line(cx, M.H - cy, cx, M.H - (cy + 8 * dy))
    return bottom + 8


def ad_title_after(doc, L, rng):
    """Right window with no title before the name: 'Marie DUPONT' then 'Docteur en médecine' or
    'Praticien hospitalier', then the place."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5, 1]), 11.5)
    fam = p.family if rng.random() < 0.7 else M.cap_name(p.family)
    name = rng.choice(["%s %s" % (p.given, fam), "%s %s" % (fam, p.given)])
    items = [(name, size, rng.random() < 0.6, False, 0)]
    pr = p.title == "PR"
    if pr:
        t = rng.choice(["Professeur des universités – praticien hospitalier", "Professeur"])
    elif p.salaried:
        t = rng.choice(["Praticien hospitalier", "Docteur en médecine"])
    else:
        t = rng.choice(["Docteur en médecine", "Médecin"])
    items.append((t, size - 0.5, False, True, 0))
    if p.spec and rng.random() < 0.7:
        items.append((_spec(p, rng), size - 0.5, False, False, 0))
    if p.salaried:
        items.append((_site(p, rng), size, False, False, 0))
    city = M.city_text(p, rng)
    items.append((p.street_line(), size, False, False, 0))
    items.append((_postcode_line(p, rng, city), size, False, False, 0))
    L.mentions.add(p, "to", name, "full", city, p.postcode)
    bottom = _window(doc, rng, items, rng.choice([315, 328]), _win_top(doc, rng))
    if rng.random() < 0.5:
        L.salutation = rng.choice(["Cher Confrère,", "Chère Consœur," if p.sex == "F" else "Cher Confrère,",
                                   "%s le %s," % ("Madame" if p.sex == "F" else "Monsieur",
                                                  "Professeur" if pr else "Docteur")])
    return bottom + 4


def ad_convocation(doc, L, rng):
    """A letter to the patient (or a child's legal representatives) in the right window, with an
    appointment box opposite it: date, time, place."""
    I = L.ident
    f = I.sex == "F"
    size = min(doc.size + 0.5, 11)
    fam = I.used or I.birth
    given = I.firsts[0]
    if L.patient["child"]:
        name = rng.choice(["Aux représentants légaux de %s %s" % (given, fam), "M. ou Mme %s" % fam,
                           "Famille %s" % fam])
        L.salutation = rng.choice(["Madame, Monsieur,", "Chers parents,"])
    else:
        civ = I.civ(rng, rng.choice(["long", "short", "upper"]))
        name = rng.choice(["%s %s %s" % (civ, fam, given), "%s %s %s" % (civ, given, fam)])
        L.salutation = rng.choice(["Madame," if f else "Monsieur,", "Chère Madame," if f else "Cher Monsieur,"])
    street, pc, city = _home(L)
    items = [(name, size, True, False, 0), (street, size, False, False, 0),
             ("%s %s" % (pc, city if rng.random() < 0.6 else M.title_city(city)), size, False, False, 0)]
    L.addressed_to_patient = True
    top = _win_top(doc, rng)
    bottom = _window(doc, rng, items, rng.choice([318, 330]), top)
    # The appointment, on the left.
    small = max(7, doc.size - 1)
    lead = doc.lead(small)
    day = rng.randint(1, 28)
    rdv = [(rng.choice(["VOTRE RENDEZ-VOUS", "Convocation", "Rendez-vous"]), True),
           (_nb("le %02d/12/2026 à %dh%02d" % (day, rng.randint(8, 17), rng.choice([0, 15, 30, 45]))), False),
           (rng.choice(["Consultation externe, bâtiment %s" % rng.choice("ABCD"), "Hôpital de jour, %de étage" %
                        rng.randint(1, 5), "Accueil des consultations, porte %d" % rng.randint(1, 12)]), False),
           (rng.choice(["Se munir de la carte Vitale", "Venir à jeun", "Apporter vos ordonnances"]), False)]
    x0 = doc.left if doc.left < 100 else 45
    x1 = doc.g_win[0] - 18
    width = min(x1 - x0, max(doc.sw(t, small, bold=b) for t, b in rdv) + 14)
    if width > 120:
        items2 = _wrap_items(doc, [(t, small, b, False, 0) for t, b in rdv], width - 12)
        h = lead * len(items2) + 8
        if doc.free((x0, top, x0 + width, top + h), margin=3):
            doc.rect(x0, top, width, h, lw=0.7)
            _lines(doc, x0 + 6, top + 3, items2)
            bottom = max(bottom, top + h)
    L.traps.append("appointment")
    return bottom + 4


def ad_fax_header(doc, L, rng):
    """The line a fax machine prints at the top edge (date, sender's number, page), and a right
    window that ends on the addressee's fax number."""
    p = L.to
    h = L.hospital
    if not [b for b in doc.boxes.get(doc.page, []) if b[1] < 24]:
        tti = "%s %02d:%02d   %s   %s   P.%03d" % (_nb("23/11/2026"), rng.randint(7, 19), rng.randint(0, 59),
                                                    "FAX " + h["fax"].replace(" ", ""), M.insi(h["short"])[:28], 1)
        doc.text(30, 13, tti, 6.5, gray=0.2)
        L.traps.append("fax-header")
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial"]))
    items = [(rng.choice(["Destinataire :", "À :", "Pour :"]), size - 1.5, False, False, 0.35),
             (name, size, True, False, 0)]
    if p.salaried:
        items.append((M.service_of(p.service), size, False, False, 0))
    items.append((p.street_line(), size, False, False, 0))
    city = M.city_text(p, rng)
    items.append((_postcode_line(p, rng, city), size, False, False, 0))
    fax = "%s %02d %02d %02d" % (p.phone[:5], rng.randint(0, 99), rng.randint(0, 99), rng.randint(0, 99))
    items.append(("Fax : " + _nb(fax), size - 0.5, False, False, 0))
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    return _window(doc, rng, items, rng.choice([312, 326]), _win_top(doc, rng)) + 4


def ad_or_locum(doc, L, rng):
    """Right window to the doctor 'ou son remplaçant' ('ou à défaut …'), the practice after the name."""
    p = L.to
    f = p.sex == "F"
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial"]))
    items = [(name, size, True, False, 0),
             (rng.choice(["ou son remplaçant", "ou son remplaçant / sa remplaçante" if f else "ou son remplaçant",
                          "ou à défaut le médecin de garde", "(ou son successeur)"]), size - 1, False, True, 0)]
    if p.salaried:
        items.append((_site(p, rng), size, False, False, 0))
    else:
        items.append((rng.choice(["Cabinet médical", "Cabinet de groupe", "Maison de santé"]) + " " +
                      rng.choice(["des Halles", "du Centre", "de la Gare", "Pasteur"]), size, False, False, 0))
    city = M.city_text(p, rng)
    items.append((p.street_line(), size, False, False, 0))
    items.append((_postcode_line(p, rng, city), size, False, False, 0))
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    if rng.random() < 0.5:
        L.salutation = rng.choice(["Cher Confrère,", "Chère Consœur, cher Confrère,", "Madame, Monsieur,"])
    return _window(doc, rng, items, rng.choice([310, 324]), _win_top(doc, rng)) + 4


def ad_reference_row(doc, L, rng):
    """A one-row ruled table under the letterhead: your reference, our reference, the addressee
    (name and town), the date."""
    p = L.to
    a = L.author
    size = max(7.5, min(doc.size - 0.5, 9.5))
    name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial", "family"]))
    city = M.city_text(p, rng)
    pc = None
    where = city
    if rng.random() < 0.5 or gf != "full":
        pc = p.postcode
        where = "%s %s" % (pc, city)
    dest = "%s\n%s" % (name, _nb(where))
    if rng.random() < 0.5:
        dest = "%s\n%s\n%s" % (name, _spec(p, rng), _nb(where))
    L.mentions.add(p, "to", name, gf, city, pc)
    heads = [rng.choice(["Vos réf.", "V/Réf."]), rng.choice(["Nos réf.", "N/Réf."]),
             rng.choice(["Destinataire", "Adressé à"]), rng.choice(["Date", "Date d'envoi"])]
    vals = [rng.choice(["—", "Votre courrier du %s" % _nb("%02d/10/2026" % rng.randint(1, 28)), "Appel du secrétariat"]),
            "%s/%s%s/%04d" % (M.insi(a.service)[:4], a.given[0], a.family[0], rng.randint(1, 9999)), dest,
            _nb("%02d/11/2026" % rng.randint(2, 23))]
    x0 = doc.left if doc.left < 100 else 45
    width = doc.right - x0
    rows = [heads, vals]
    widths, size = _fit_table(doc, rows, width, size, head_rows=(0,))
    widths[2] += width - sum(widths)
    top = getattr(doc, "header_bottom", 100) + rng.choice([10, 16])
    bottom = _table(doc, x0, top, widths, rows, size, head_rows=(0,), fill=0.88,
                    rules=rng.choice(["all", "rows"]))
    doc.g_win = None
    return bottom + 6


def ad_declared_gp(doc, L, rng):
    """Right window under a caption 'Médecin traitant déclaré', the Assurance Maladie number and
    the phone under the address."""
    p = L.to
    size = min(doc.size + rng.choice([0, 0.5]), 11)
    gp = p.spec is not None and p.spec[0] == M.GP
    cap = rng.choice(["Médecin traitant déclaré", "MÉDECIN TRAITANT"]) if gp else \
        rng.choice(["Médecin correspondant", "Spécialiste correspondant"])
    name, gf = _pname(p, rng, rng.choice(FORMS_FULL + ["initial"]))
    items = [(cap, size - 2, True, False, 0.35), (name, size, True, False, 0)]
    if p.salaried:
        items.append((M.service_of(p.service), size, False, False, 0))
    items.append((p.street_line(), size, False, False, 0))
    city = M.city_text(p, rng)
    items.append((_postcode_line(p, rng, city), size, False, False, 0))
    am = "%s %d %05d %d" % (p.postcode[:2], rng.randint(1, 9), rng.randint(0, 99999), rng.randint(0, 9))
    extra = [rng.choice(["N° AM : ", "Identifiant AM ", "N° Assurance Maladie : "]) + _nb(am),
             "Tél. " + _nb(M.phone_text(p.phone, rng))]
    if rng.random() < 0.5:
        extra.reverse()
    for t in extra[:rng.choice([1, 2])]:
        items.append((t, size - 1.5, False, False, 0.2))
    L.traps.append("am-number")
    L.mentions.add(p, "to", name, gf, city, p.postcode)
    return _window(doc, rng, items, rng.choice([312, 324, 336]), _win_top(doc, rng)) + 4


def ad_attention_centred(doc, L, rng):
    """No window: 'À l'attention du Docteur …' centred between two rules under the letterhead, the
    specialty and town under it; a familiar salutation."""
    p = L.to
    f = p.sex == "F"
    pr = p.title == "PR"
    word = "Professeur" if pr else "Docteur"
    form = rng.choice(["du-word", "de-mme-le", "du-short"])
    if form == "du-word":
        name = "%s %s %s" % (word, p.given, p.family)
        line = "À l'attention du " + name
    elif form == "de-mme-le":
        name = "%s le %s %s %s" % ("Madame" if f else "Monsieur", word, p.given, p.family)
        line = "À l'attention de " + name
    else:
        name = "%s %s %s" % ("Pr" if pr else "Dr", p.given, p.family)
        line = rng.choice(["À l'attention du ", "A l'intention du ", "Att. : "]) + name
    city = M.city_text(p, rng)
    pc = p.postcode if rng.random() < 0.5 else None
    second = "%s – %s" % (_spec(p, rng), ("%s %s" % (pc, city)) if pc else city)
    L.mentions.add(p, "to", name, "full", city, pc)
    size = min(doc.size + 1, 12)
    x0 = doc.left if doc.left < 100 else 45
    x1 = doc.right
    size = _fit(doc, [line], x1 - x0 - 10, size, bold=True)
    top = getattr(doc, "header_bottom", 100) + rng.choice([10, 16])
    doc.hline(x0 + 40, x1 - 40, top, 0.5)
    y = top + doc.lead(size)
    mid = (x0 + x1) / 2
    doc.text(mid, y, line, size, bold=True, align="centre")
    y += doc.lead(size - 1)
    doc.text(mid, y, second, _fit(doc, [second], x1 - x0 - 10, size - 1), italic=True, align="centre")
    y += 5
    doc.hline(x0 + 40, x1 - 40, y, 0.5)
    L.salutation = rng.choice(["Cher ami,", "Chère amie," if f else "Cher ami,", "Chère Consœur," if f else
                               "Cher Confrère,", "%s %s," % ("Chère" if f else "Cher", word)])
    doc.g_win = None
    return y + 6


# (draw, window: "right" | "left" | "none" | "flow" | "both", needs a professional addressee)
ADDRESSEE_FAMILIES = {
    "g-ad-a": (ad_left_name_first, "left", True),
    "g-ad-b": (ad_qualified, "right", True),
    "g-ad-c": (ad_title_after, "right", True),
    "g-ad-d": (ad_convocation, "right", False),
    "g-ad-e": (ad_fax_header, "right", True),
    "g-ad-f": (ad_or_locum, "right", True),
    "g-ad-g": (ad_reference_row, "both", True),
    "g-ad-h": (ad_declared_gp, "right", True),
    "g-ad-i": (ad_attention_centred, "both", True),
}


# ---------------------------------------------------------------------------------------------
# Copies


def _patient_words(L, rng):
    f = L.ident.sex == "F"
    return rng.choice(["la patiente" if f else "le patient", "Patient(e)", "l'intéressé%s" % ("e" if f else "")])


def _copy_entry(p, rng, with_pc=None):
    """(text, name, given form, city, postcode) of one copy, the place always when it must be."""
    forms = FORMS_FULL + ["initial", "initial", "family"]
    name, gf = _pname(p, rng, rng.choice(forms))
    must = p.force_place or gf != "full"
    city = M.city_text(p, rng, upper=rng.random() < 0.5) if (must or rng.random() < 0.75) else None
    pc = p.postcode if city and (with_pc if with_pc is not None else rng.random() < 0.35) else None
    return name, gf, city, pc


def cp_ticked(doc, L, rng):
    """'Copie à :' as ticked boxes, one a line: each copy ticked, the patient's and the file's
    boxes ticked or left empty."""
    size = max(7.5, doc.size - rng.choice([0.5, 1]))
    lead = doc.lead(size) * 1.15
    rows = []
    for p in L.copies:
        name, gf, city, pc = _copy_entry(p, rng)
        L.mentions.add(p, "cc", name, gf, city, pc)
        where = (" – %s %s" % (pc, city) if pc else " – %s" % city) if city else ""
        rows.append((True, name + where))
    rows.append((L.copy_patient, rng.choice(["Patient(e)", "Copie patient", "Remise au patient"])))
    if rng.random() < 0.6:
        rows.append((rng.random() < 0.5, rng.choice(["Dossier", "Archives du service"])))
    label = rng.choice(["Copie à :", "Copies :", "Exemplaires :"])
    x0 = doc.left
    doc.gap(size * 0.4)
    doc.need(lead * (len(rows) + 1) + 6)
    doc.line(label, size, bold=True)
    for ticked, t in rows:
        doc.y += lead * 0.8
        b = _checkbox(doc, x0 + 8, doc.y, size, ticked)
        parts = doc.wrap(t, doc.right - x0 - b - 20, size)
        doc.text(x0 + 8 + b + 5, doc.y, parts[0], size)
        doc.y += lead * 0.2
        for part in parts[1:]:
            doc.y += lead
            doc.text(x0 + 8 + b + 5, doc.y - lead * 0.2, part, size)


def cp_rpps_inline(doc, L, rng):
    """'Copie pour information :' on one paragraph, each name with its RPPS number in brackets."""
    size = max(7.5, doc.size - rng.choice([0, 0.5, 1]))
    entries = []
    for p in L.copies:
        name, gf, city, pc = _copy_entry(p, rng)
        L.mentions.add(p, "cc", name, gf, city, pc)
        t = name
        if rng.random() < 0.65:
            t += rng.choice([" [RPPS %s]", " (RPPS : %s)", " – n° RPPS %s"]) % p.rpps
        if city:
            t += ", " + (_nb("%s %s" % (pc, city)) if pc else city)
        entries.append(t)
    if L.copy_patient:
        entries.append(_patient_words(L, rng))
    L.traps.append("copy-rpps")
    label = rng.choice(["Copie pour information :", "Pour information, copie à :", "Copie (pour info) :"])
    doc.gap(size * 0.3)
    doc.para(label + " " + rng.choice([" ; ", " – "]).join(entries) + rng.choice([".", ""]), size, keep=True)


def cp_correspondents(doc, L, rng):
    """'Correspondants :' and one line each: the role in italics on the left, the name and town at
    a tab stop."""
    size = max(7.5, doc.size - rng.choice([0.5, 1]))
    lines = []
    for p in L.copies:
        name, gf, city, pc = _copy_entry(p, rng)
        L.mentions.add(p, "cc", name, gf, city, pc)
        role = "Médecin généraliste" if p.spec and p.spec[0] == M.GP else \
            (rng.choice(p.spec[2]) if p.spec else p.profession[1])
        where = (" (%s)" % (_nb("%s %s" % (pc, city)) if pc else city)) if city else ""
        lines.append((role, name + where))
    if L.copy_patient:
        lines.append((rng.choice(["Patient", "Intéressé(e)"]), rng.choice(["copie remise", "exemplaire remis en main "
                                                                          "propre"])))
    label = rng.choice(["Correspondants :", "Autres correspondants :", "Correspondants destinataires d'une copie :"])
    x0 = doc.left + rng.choice([0, 10])
    tab = x0 + max(doc.sw(r, size, italic=True) for r, _ in lines) + 14
    if tab > doc.left + 0.45 * (doc.right - doc.left):
        tab = doc.left + 0.45 * (doc.right - doc.left)
    lead = doc.lead(size)
    doc.gap(size * 0.4)
    doc.need(lead * (len(lines) * 2 + 1) + 4)
    doc.line(label, size, bold=True)
    for role, t in lines:
        rparts = doc.wrap(role, tab - x0 - 8, size, italic=True)
        tparts = doc.wrap(t, doc.right - tab, size)
        for k in range(max(len(rparts), len(tparts))):
            doc.y += lead * 0.8
            if k < len(rparts):
                doc.text(x0, doc.y, rparts[k], size, italic=True)
            if k < len(tparts):
                doc.text(tab, doc.y, tparts[k], size)
            doc.y += lead * 0.2


def cp_et_sentence(doc, L, rng):
    """One sentence: 'Copie adressée au Dr …, au Dr … et au patient', places in brackets."""
    size = max(7.5, doc.size - rng.choice([0, 0.5]))
    parts = []
    for p in L.copies:
        name, gf, city, pc = _copy_entry(p, rng)
        L.mentions.add(p, "cc", name, gf, city, pc)
        art = "à " if name.startswith(("Mme", "M.")) or not name.startswith(("Dr", "Pr", "Doc", "Prof")) else "au "
        t = art + name
        if city:
            t += " (%s)" % (_nb("%s %s" % (pc, city)) if pc else city)
        parts.append(t)
    if L.copy_patient:
        f = L.ident.sex == "F"
        parts.append(rng.choice(["à la patiente" if f else "au patient", "à l'intéressé%s" % ("e" if f else "")]))
    start = rng.choice(["Copie adressée ", "Une copie de ce courrier est adressée ", "Double de cette lettre adressé "])
    text = start + (", ".join(parts[:-1]) + " et " + parts[-1] if len(parts) > 1 else parts[0]) + "."
    doc.gap(size * 0.3)
    doc.para(text, size, italic=rng.random() < 0.4, keep=True)


def cp_internal_external(doc, L, rng):
    """A framed distribution box in two columns: internal (the file, the secretariat, the author)
    and external (the copies, the patient)."""
    a = L.author
    size = max(7, doc.size - 1.5)
    internal = [rng.choice(["Dossier patient informatisé", "Dossier médical"]),
                "Secrétariat – " + M.service_of(a.service)]
    if rng.random() < 0.5:
        internal.append("%s %s %s (%s)" % ("Pr" if a.title == "PR" else "Dr", a.given, a.family,
                                          rng.choice(["rédacteur", "auteur", "signataire"])))
    external = []
    for p in L.copies:
        name, gf, city, pc = _copy_entry(p, rng)
        L.mentions.add(p, "cc", name, gf, city, pc)
        external.append(name + ((", " + (_nb("%s %s" % (pc, city)) if pc else city)) if city else ""))
    if L.copy_patient:
        external.append(rng.choice(["Patient(e) – remis en main propre", "Patient(e) – par courrier"]))
    heads = (rng.choice(["Diffusion interne", "INTERNE"]), rng.choice(["Diffusion externe", "EXTERNE"]))
    x0 = doc.left
    width = doc.right - x0
    colw = (width - 12) / 2
    lead = doc.lead(size)
    cols = []
    for head, items in zip(heads, (internal, external)):
        out = [(head, True)]
        for it in items:
            for k, part in enumerate(doc.wrap("- " + it, colw - 12, size)):
                out.append(((" " if k else "") + part, False))
        cols.append(out)
    n = max(len(c) for c in cols)
    h = lead * n + 8
    doc.gap(size * 0.5)
    doc.need(h + 8)
    top = doc.y
    doc.rect(x0, top, width, h, lw=0.5)
    doc.vline(x0 + colw + 6, top, top + h, 0.4)
    for k, col in enumerate(cols):
        y = top + 3
        for t, b in col:
            y += lead * 0.8
            doc.text(x0 + 6 + k * (colw + 6), y, t, size, bold=b)
            y += lead * 0.2
    doc.y = top + h + 4


def cp_cc_right(doc, L, rng):
    """Under the date, before the title: 'cc.' and the copies flush right in small italics,
    'NOM Prénom, Dr — Town'."""
    size = max(7, min(doc.size - 1.5, 9))
    entries = []
    for p in L.copies:
        pr = p.title == "PR"
        r = rng.random()
        if r < 0.6:
            name, gf = "%s %s, %s" % (p.family, p.given, "Pr" if pr else "Dr"), "full"
        elif r < 0.8:
            name, gf = "%s %s, %s" % (p.family, M.initials(p.given), "Pr" if pr else "Dr"), "initial"
        else:
            name, gf = _pname(p, rng, "dr-prenom-nom")
        city = M.city_text(p, rng, upper=rng.random() < 0.5)
        L.mentions.add(p, "cc", name, gf, city, None)
        entries.append("%s — %s" % (name, city))
    if L.copy_patient:
        entries.append(rng.choice(["Patient(e) (pour information)", "le patient"]))
    label = rng.choice(["cc.", "Cc", "c/c"])
    lead = doc.lead(size)
    x1 = doc.right
    doc.need(lead * (len(entries) + 1) + 4)
    doc.y += lead * 0.8
    doc.text(x1, doc.y, label, size, bold=True, italic=True, align="right")
    doc.y += lead * 0.2
    for e in entries:
        for part in doc.wrap(e, (doc.right - doc.left) * 0.6, size, italic=True):
            doc.y += lead * 0.8
            doc.text(x1, doc.y, part, size, italic=True, align="right")
            doc.y += lead * 0.2
    doc.gap(size * 0.5)


# (draw, needs copies, where: "end" after the signature, "top" before the title)
COPIES_FAMILIES = {
    "g-cp-a": (cp_ticked, True, "end"),
    "g-cp-b": (cp_rpps_inline, True, "end"),
    "g-cp-c": (cp_correspondents, True, "end"),
    "g-cp-d": (cp_et_sentence, True, "end"),
    "g-cp-e": (cp_internal_external, True, "end"),
    "g-cp-f": (cp_cc_right, True, "top"),
}


# ---------------------------------------------------------------------------------------------
# DataMatrix positions

DM_POSITIONS = ["g-side-column", "g-low-body", "g-side-column", "g-low-body", "top-left", "footer-right"]


def dm_candidates(d, pos, s, W, H):
    if pos == "g-side-column":
        # In the left column of two-column letters, under the staff list; on other letters the
        # room left of the address window, under the letterhead.
        if d.page != 1:
            return []
        if d.left > 100:
            return [(x, y) for y in range(330, int(H - 120 - s), 18) for x in (34, 56, 80)]
        head = getattr(d, "header_bottom", 0) or 100
        win = getattr(d, "g_win", None)
        if win and win[0] < W / 2:
            return [(x, head + k) for k in (8, 16, 28, 40) for x in (W - 45 - s, W - 90 - s)]
        return [(x, head + k) for k in (8, 16, 28, 40) for x in (d.left + 10, d.left + 60, 150)]
    if pos == "g-low-body":
        # The lowest free place of the text area, above the footer.
        ys = [H - 92 - s - 14 * k for k in range(10)]
        return [(x, y) for y in ys for x in ((d.left + d.right) / 2 - s / 2, d.right - s, d.left)]
    return []
